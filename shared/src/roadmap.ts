import roadmap from './roadmap-template.json';

/**
 * The roadmap template (Aspen Institute and Leading Educators' four stages), with stable keys that
 * answers and actions refer to. A migration copies it into the database; keys are never renumbered.
 */
export const stageKeys = ['design', 'context', 'measures', 'build'] as const;
export type StageKey = (typeof stageKeys)[number];

export interface TemplateItem {
  key: string;
  text: string;
}

export interface TemplateStage {
  key: StageKey;
  order: number;
  title: string;
  summary: string;
  questions: TemplateItem[];
  actions: TemplateItem[];
}

export const roadmapTemplate: TemplateStage[] = roadmap.stages.map((stage) => ({
  key: stage.key as StageKey,
  order: stage.order,
  title: stage.title,
  summary: stage.summary,
  questions: stage.questions,
  actions: stage.actions,
}));

export const roadmapSource: string = roadmap.source;
