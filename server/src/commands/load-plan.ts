import type { Plan } from '@planner/shared/plan';
import { plainTableNames } from '@planner/shared/stage-tables';
import type { Executor } from '../db/knex';
import { readTogether } from '../db/read-together';
import { measureQueries, measuresFrom } from '../features/measures/service';
import { planCoreFrom, planCoreQueries } from '../features/plans/service';
import { plainTablesFrom, tableQueries } from '../features/stage-tables/service';

/**
 * The whole plan document: stages with questions, answers and actions, progress, and every stage table
 * with the measures' readings and status. One statement whatever the plan's size: each feature gives
 * its reads, Postgres answers them together, each feature presents its part.
 */
export async function loadPlan(db: Executor, districtId: string, planId: string): Promise<Plan> {
  const rows = await readTogether(db, {
    ...planCoreQueries(db, districtId, planId),
    ...tableQueries(db, districtId, planId, plainTableNames),
    ...measureQueries(db, districtId, planId),
  });
  const core = planCoreFrom(rows);
  return { ...core, tables: { ...plainTablesFrom(rows), measures: measuresFrom(rows.measures, rows.readings) } };
}
