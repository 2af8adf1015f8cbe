import type { CopyPlan, CreatePlan, Plan } from '@planner/shared/plan';
import { withoutHistory } from '../db/history-context';
import type { Db } from '../db/knex';
import type { SignedInUser } from '../http/auth';
import * as plans from '../features/plans/service';
import { copyLogicModel } from '../features/logic-model/service';
import { copyReadiness } from '../features/readiness/service';
import { copyAlignmentAnswers } from '../features/alignment/service';
import { copyMissteps } from '../features/missteps/service';
import { copyRoles } from '../features/roles/service';
import { copyTables } from '../features/stage-tables/service';
import { copyInputs, matchActions } from '../features/stakeholder-inputs/service';
import { loadPlan } from './load-plan';

/** A new plan from the roadmap template, answered as the whole document. */
export async function createPlan(db: Db, user: SignedInUser, input: CreatePlan): Promise<Plan> {
  return db.transaction(async (trx) => {
    // A new plan's template rows are not changes of anyone's: its history starts with the first edit.
    await withoutHistory(trx);
    const plan = await plans.createPlan(trx, user, input);
    return loadPlan(trx, user.districtId, plan.id);
  });
}

/**
 * A plan for another school year from an earlier one, in one transaction: its worksheets (answers, own
 * items; actions' statuses, due dates and notes cleared), every stage table (measures without readings,
 * short-term ones' baseline and target dates moved into the new year; stakeholders' engagement dates cleared), the
 * missteps to avoid as they stand and, when asked, its roles as drafts linked to the copied priorities and
 * measures, their application windows moved into the new year, with the district's alignment answers; and
 * what its stakeholders said, linked to the copied items.
 * The transaction reads one snapshot (the route's `oneSnapshot`): an edit saved to the earlier plan while the
 * copy runs is left out whole, never copied in part (a linked item without what it links to).
 */
export async function copyPlan(db: Db, user: SignedInUser, fromPlanId: string, input: CopyPlan): Promise<Plan> {
  return db.transaction(async (trx) => {
    await withoutHistory(trx);
    const from = await plans.planOrNotFound(trx, user.districtId, fromPlanId);
    const plan = await plans.copyPlan(trx, user, from, input);
    // The new plan's dates (a short-term measure's path, a role's application window) move by the years between the two.
    const years = Number(input.schoolYear.slice(0, 4)) - Number(from.school_year.slice(0, 4));
    const newIds = await copyTables(trx, user.districtId, from.id, plan.id, years);
    // This year's readiness ratings become last year's, to compare against.
    await copyReadiness(trx, user.districtId, from.id, plan.id);
    await copyMissteps(trx, user, from.id, plan.id);
    const roleIds = input.copyRoles
      ? await copyRoles(
          trx,
          user,
          { id: from.id, title: from.title, schoolYear: from.school_year },
          plan.id,
          newIds,
          years,
        )
      : new Map<string, string>();
    await copyAlignmentAnswers(trx, user, from.id, plan.id, roleIds);
    const actionsOf = async (planId: string) =>
      (await plans.loadPlanCore(trx, user.districtId, planId)).stages.flatMap((s) => s.actions);
    const actionIds = matchActions(await actionsOf(from.id), await actionsOf(plan.id));
    await copyInputs(trx, user.districtId, from.id, plan.id, {
      stakeholders: newIds.stakeholders,
      decision: newIds.decisions,
      measure: newIds.measures,
      action: actionIds,
      role: roleIds,
    });
    await copyLogicModel(trx, user.districtId, from.id, plan.id, {
      fundingSource: newIds.fundingSources,
      partner: newIds.partners,
      measure: newIds.measures,
      action: actionIds,
      role: roleIds,
    });
    return loadPlan(trx, user.districtId, plan.id);
  });
}
