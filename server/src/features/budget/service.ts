import { computeBudget, type Budget } from '@planner/shared/budget';
import type { Executor } from '../../db/knex';
import { costSettingsOf, planOrNotFound } from '../plans/service';
import { roleCostsOf } from '../roles/service';
import { presentRows, rowsOf } from '../stage-tables/service';
import type { FundingForBudget } from '@planner/shared/budget';

/** The funding sources of a plan, as the budget reads them. */
export async function fundingOf(db: Executor, districtId: string, planId: string): Promise<FundingForBudget[]> {
  const rows = await rowsOf(db, districtId, 'fundingSources', planId);
  return presentRows('fundingSources', rows) as unknown as FundingForBudget[];
}

/** Yearly cost of the plan's roles against its funding sources, by school year. */
export async function budgetOf(db: Executor, districtId: string, planId: string): Promise<Budget> {
  const plan = await planOrNotFound(db, districtId, planId);
  const roles = await roleCostsOf(db, districtId, planId);
  return computeBudget(roles, await fundingOf(db, districtId, planId), costSettingsOf(plan), plan.school_year);
}
