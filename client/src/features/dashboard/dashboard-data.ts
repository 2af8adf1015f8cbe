import {
  actionStatuses,
  type ActionStatus,
  type HighImpactAction,
  type Plan,
  type PlanStage,
} from '@planner/shared/plan';
import type { DistrictUser } from '@planner/shared/user';

export interface StageActionCounts {
  stage: PlanStage;
  byStatus: Record<ActionStatus, number>;
  notApplicable: number;
}

const noneByStatus = (): Record<ActionStatus, number> =>
  Object.fromEntries(actionStatuses.map((status) => [status, 0])) as Record<ActionStatus, number>;

/** Each stage's actions counted by status; those marked not applicable are counted apart. */
export function actionCounts(plan: Plan): StageActionCounts[] {
  return plan.stages.map((stage) => {
    const byStatus = noneByStatus();
    let notApplicable = 0;
    for (const action of stage.actions) {
      if (action.notApplicable) notApplicable += 1;
      else byStatus[action.status] += 1;
    }
    return { stage, byStatus, notApplicable };
  });
}

export function totalCounts(counts: StageActionCounts[]): Omit<StageActionCounts, 'stage'> {
  const byStatus = noneByStatus();
  let notApplicable = 0;
  for (const row of counts) {
    actionStatuses.forEach((status) => (byStatus[status] += row.byStatus[status]));
    notApplicable += row.notApplicable;
  }
  return { byStatus, notApplicable };
}

export interface OverdueAction {
  action: HighImpactAction;
  stage: PlanStage;
}

/** Actions due before today and not done (nor marked not applicable), the longest overdue first. */
export function overdueActions(plan: Plan, today: string): OverdueAction[] {
  return plan.stages
    .flatMap((stage) => stage.actions.map((action) => ({ action, stage })))
    .filter(
      ({ action }) =>
        !action.notApplicable && action.status !== 'done' && action.dueDate !== null && action.dueDate < today,
    )
    .sort((a, b) => (a.action.dueDate ?? '').localeCompare(b.action.dueDate ?? ''));
}

export function ownerOf(action: HighImpactAction, users: DistrictUser[]): string {
  if (action.ownerUserId) return users.find((user) => user.id === action.ownerUserId)?.name ?? 'A district user';
  return action.ownerName?.trim() ? action.ownerName : 'No owner';
}
