import { computeProgress, isAnswered, progressFromCounts, type PlanProgress } from '@planner/shared/progress';
import type {
  ActionStatus,
  HighImpactAction,
  KeyQuestion,
  Plan,
  PlanStage,
  PlanStatus,
  PlanSummary,
} from '@planner/shared/plan';
import type { StageKey } from '@planner/shared/roadmap';
import { toIsoDate, toIsoDateTime } from '../../db/values';
import type { ActionRow, PlanRow, ProgressCountRow, QuestionRow, StageRow } from './repo';

/** The plan without its stage tables: what the plans feature alone knows. */
export type PlanCore = Omit<Plan, 'tables'>;

/** Names of the people who last answered, by id; someone no longer of the district reads as a former user. */
export type Names = ReadonlyMap<string, string>;

export function presentQuestion(row: QuestionRow, names: Names): KeyQuestion {
  return {
    key: row.key,
    stageKey: row.stage_key as StageKey,
    text: row.shown_text,
    isCustom: row.template_key === null,
    notApplicable: row.not_applicable,
    position: row.position,
    version: row.version,
    answer: {
      text: row.answer_text,
      version: row.answer_version,
      updatedAt: row.answer_updated_at ? toIsoDateTime(row.answer_updated_at) : null,
      updatedBy: row.answer_updated_by
        ? { id: row.answer_updated_by, name: names.get(row.answer_updated_by) ?? 'A former user' }
        : null,
    },
  };
}

export function presentAction(row: ActionRow): HighImpactAction {
  return {
    id: row.id,
    stageKey: row.stage_key as StageKey,
    templateKey: row.template_key,
    text: row.shown_text,
    isCustom: row.template_key === null,
    notApplicable: row.not_applicable,
    position: row.position,
    status: row.status as ActionStatus,
    ownerUserId: row.owner_user_id,
    ownerName: row.owner_name,
    dueDate: toIsoDate(row.due_date),
    notes: row.notes,
    version: row.version,
    updatedAt: toIsoDateTime(row.updated_at),
  };
}

function summary(plan: PlanRow, progress: PlanProgress): PlanSummary {
  return {
    id: plan.id,
    title: plan.title,
    schoolYear: plan.school_year,
    status: plan.status as PlanStatus,
    version: plan.version,
    copiedFromPlanId: plan.copied_from_plan_id,
    averageTeacherCostCents: Number(plan.average_teacher_cost_cents),
    contractDays: plan.contract_days,
    createdAt: toIsoDateTime(plan.created_at),
    updatedAt: toIsoDateTime(plan.updated_at),
    progress,
  };
}

/** A plan's progress from the counts of progressCountsQuery (a stage with no items has no row). */
function progressOfCounts(planId: string, stages: StageRow[], counts: ProgressCountRow[]): PlanProgress {
  return progressFromCounts(
    stages.map((stage) => {
      const c = counts.find((row) => row.plan_id === planId && row.stage_key === stage.key);
      return {
        stageKey: stage.key,
        answeredQuestions: c?.answered_questions ?? 0,
        applicableQuestions: c?.applicable_questions ?? 0,
        doneActions: c?.done_actions ?? 0,
        applicableActions: c?.applicable_actions ?? 0,
      };
    }),
  );
}

/** Each plan of a list with its progress. */
export function presentPlanList(plans: PlanRow[], stages: StageRow[], counts: ProgressCountRow[]): PlanSummary[] {
  const byPlan = new Map<string, ProgressCountRow[]>();
  for (const c of counts) {
    const list = byPlan.get(c.plan_id);
    if (list) list.push(c);
    else byPlan.set(c.plan_id, [c]);
  }
  return plans.map((plan) => summary(plan, progressOfCounts(plan.id, stages, byPlan.get(plan.id) ?? [])));
}

/** The plan's own fields and progress: the head of the whole plan's document. */
export function presentPlanHead(plan: PlanRow, stages: StageRow[], counts: ProgressCountRow[]): PlanSummary {
  return summary(plan, progressOfCounts(plan.id, stages, counts));
}

export function presentPlanCore(
  plan: PlanRow,
  stageRows: StageRow[],
  questionRows: QuestionRow[],
  actionRows: ActionRow[],
  names: Names,
): PlanCore {
  const stages: PlanStage[] = stageRows.map((stage) => ({
    key: stage.key as StageKey,
    order: stage.position,
    title: stage.title,
    summary: stage.summary,
    questions: questionRows.filter((q) => q.stage_key === stage.key).map((q) => presentQuestion(q, names)),
    actions: actionRows.filter((a) => a.stage_key === stage.key).map(presentAction),
  }));
  const progress = computeProgress(
    stages.map((stage) => ({
      stageKey: stage.key,
      questions: stage.questions.map((q) => ({ notApplicable: q.notApplicable, answered: isAnswered(q.answer.text) })),
      actions: stage.actions.map((a) => ({ notApplicable: a.notApplicable, status: a.status })),
    })),
  );
  return { ...summary(plan, progress), stages };
}
