import type { PlanSummary, UpdatePlan } from '@planner/shared/plan';
import type { DistrictUser, UpdateUser } from '@planner/shared/user';
import type { Executor } from '../db/knex';
import type { SignedInUser } from '../http/auth';
import { updatePerson } from '../features/people/service';
import { updatePlan } from '../features/plans/service';
import { settleRolesInReview } from '../features/roles/service';

/**
 * Changes after which a role in review may have every school's approval without anyone deciding again: a
 * change of who leads the schools, or a plan made active again after one. Each settles the roles in the same
 * transaction; the people and plans features cannot do it themselves, as the roles feature reads them.
 */

/** An admin changes a person; a change of their role, schools or being active settles the roles in review. */
export function changePerson(
  db: Executor,
  admin: SignedInUser,
  userId: string,
  input: UpdateUser,
): Promise<DistrictUser> {
  return db.transaction(async (trx) => {
    const person = await updatePerson(trx, admin, userId, input);
    if (input.active !== undefined || input.role !== undefined || input.schoolIds !== undefined) {
      await settleRolesInReview(trx, admin);
    }
    return person;
  });
}

/** An admin changes a plan's settings; made draft or active (again), its roles in review are settled. */
export function changePlan(db: Executor, user: SignedInUser, planId: string, input: UpdatePlan): Promise<PlanSummary> {
  return db.transaction(async (trx) => {
    const plan = await updatePlan(trx, user, planId, input);
    if (input.status !== undefined && input.status !== 'archived') await settleRolesInReview(trx, user, { planId });
    return plan;
  });
}
