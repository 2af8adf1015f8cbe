/**
 * Progress of a plan: answered applicable questions and done applicable actions, per stage and for the
 * whole plan. One pure function, used by the server (plans list, plan answer) and the client (live
 * while typing), so both always agree.
 */
export interface ProgressInput {
  stageKey: string;
  questions: { notApplicable: boolean; answered: boolean }[];
  actions: { notApplicable: boolean; status: string }[];
}

/** A stage's items already counted (the server counts them in SQL for a list of plans). */
export interface ProgressCounts {
  stageKey: string;
  answeredQuestions: number;
  applicableQuestions: number;
  doneActions: number;
  applicableActions: number;
}

export interface Progress {
  answeredQuestions: number;
  applicableQuestions: number;
  doneActions: number;
  applicableActions: number;
  /** Whole percent, 0 to 100, of applicable items complete; 0 when nothing is applicable. */
  percent: number;
}

export interface PlanProgress extends Progress {
  stages: ({ stageKey: string } & Progress)[];
}

/** An answer counts once it has any text that is not white space. */
export const isAnswered = (text: string | null | undefined) => (text ?? '').trim().length > 0;

function summarize(items: Omit<Progress, 'percent'>): Progress {
  const total = items.applicableQuestions + items.applicableActions;
  const complete = items.answeredQuestions + items.doneActions;
  return { ...items, percent: total === 0 ? 0 : Math.floor((complete * 100) / total) };
}

/** Progress of each stage and of the whole plan from each stage's counts. */
export function progressFromCounts(stages: ProgressCounts[]): PlanProgress {
  const perStage = stages.map(({ stageKey, ...counts }) => ({ stageKey, ...summarize(counts) }));
  const sum = (key: keyof Omit<Progress, 'percent'>) => perStage.reduce((n, s) => n + s[key], 0);
  return {
    ...summarize({
      answeredQuestions: sum('answeredQuestions'),
      applicableQuestions: sum('applicableQuestions'),
      doneActions: sum('doneActions'),
      applicableActions: sum('applicableActions'),
    }),
    stages: perStage,
  };
}

export function computeProgress(stages: ProgressInput[]): PlanProgress {
  return progressFromCounts(
    stages.map((stage) => {
      const questions = stage.questions.filter((q) => !q.notApplicable);
      const actions = stage.actions.filter((a) => !a.notApplicable);
      return {
        stageKey: stage.stageKey,
        answeredQuestions: questions.filter((q) => q.answered).length,
        applicableQuestions: questions.length,
        doneActions: actions.filter((a) => a.status === 'done').length,
        applicableActions: actions.length,
      };
    }),
  );
}
