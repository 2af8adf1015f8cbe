import { countOf } from '@planner/shared/format';
import type { Plan, PlanStage } from '@planner/shared/plan';
import { computeProgress, isAnswered, type PlanProgress, type ProgressInput } from '@planner/shared/progress';

const progressInput = (stage: PlanStage): ProgressInput => ({
  stageKey: stage.key,
  questions: stage.questions.map((q) => ({ notApplicable: q.notApplicable, answered: isAnswered(q.answer.text) })),
  actions: stage.actions.map((a) => ({ notApplicable: a.notApplicable, status: a.status })),
});

/** Progress of the plan as the page shows it now, unsaved typing included (the cache holds it). */
export function livePlanProgress(plan: Plan): PlanProgress {
  return computeProgress(plan.stages.map(progressInput));
}

/** "3 of 5 questions answered, 1 of 2 actions done". */
export function describeStageProgress(progress: PlanProgress['stages'][number]): string {
  return (
    `${String(progress.answeredQuestions)} of ${countOf(progress.applicableQuestions, 'question')} answered, ` +
    `${String(progress.doneActions)} of ${countOf(progress.applicableActions, 'action')} done`
  );
}
