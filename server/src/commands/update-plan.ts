import type { PlanSummary, UpdatePlan } from '@planner/shared/plan';
import type { Executor } from '../db/knex';
import type { SignedInUser } from '../http/auth';
import { planOrNotFound, updatePlan } from '../features/plans/service';
import { settleRolesInReview } from '../features/roles/service';

/**
 * An admin changes a plan's settings. Made draft or active again from archived, its roles in review are
 * settled: a change of principals while it was archived may have completed their round (see
 * settleRolesInReview).
 */
export function changePlan(db: Executor, user: SignedInUser, planId: string, input: UpdatePlan): Promise<PlanSummary> {
  return db.transaction(async (trx) => {
    const wasArchived =
      input.status !== undefined && (await planOrNotFound(trx, user.districtId, planId)).status === 'archived';
    const plan = await updatePlan(trx, user, planId, input);
    if (wasArchived && plan.status !== 'archived') await settleRolesInReview(trx, user, { planId });
    return plan;
  });
}
