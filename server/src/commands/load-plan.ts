import type { Plan } from '@planner/shared/plan';
import type { Executor } from '../db/knex';
import { measuresOf } from '../features/measures/service';
import { loadPlanCore } from '../features/plans/service';
import { plainTablesOf } from '../features/stage-tables/service';

/**
 * The whole plan document: stages with questions, answers and actions, progress, and every stage table
 * with the measures' readings and status. A fixed number of queries whatever the plan's size.
 */
export async function loadPlan(db: Executor, districtId: string, planId: string): Promise<Plan> {
  const core = await loadPlanCore(db, districtId, planId);
  const tables = await plainTablesOf(db, districtId, planId);
  const measures = await measuresOf(db, districtId, planId);
  return { ...core, tables: { ...tables, measures } };
}
