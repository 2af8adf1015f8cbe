import type { QueryClient } from '@tanstack/react-query';
import type { Plan, PlanTables } from '@planner/shared/plan';
import { stageTables, type StageTableName } from '@planner/shared/stage-tables';
import { planApiPath, planQueryKey } from '../plans/plan';
import { planEditsKeyPrefix } from '../plans/pending-edit-keys';
import type { StageRow } from './table-fields';

export const tableApiPath = (planId: string, name: StageTableName) => `${planApiPath(planId)}/${stageTables[name].key}`;

export const rowApiPath = (planId: string, name: StageTableName, rowId: string) =>
  `${tableApiPath(planId, name)}/${encodeURIComponent(rowId)}`;

/** Under the plan's prefix, so the stage page sends it even when the row is not on screen. */
export const rowEditKey = (userId: string, planId: string, name: StageTableName, rowId: string) =>
  `${planEditsKeyPrefix(userId, planId)}table:${stageTables[name].key}:${rowId}`;

/** The rows of one table in the cached plan (every table comes with the plan). */
export function cachedRows(plan: Plan, name: StageTableName): StageRow[] {
  return plan.tables[name];
}

/** Changes one table of the cached plan, so every page showing the plan follows each edit. */
export function updateCachedTable(
  queryClient: QueryClient,
  planId: string,
  name: StageTableName,
  update: (rows: StageRow[]) => StageRow[],
): void {
  queryClient.setQueryData<Plan>(planQueryKey(planId), (plan) => {
    if (!plan) return plan;
    // The rows keep their table's shape: every update spreads a row of the same table.
    const tables = { ...plan.tables, [name]: update(cachedRows(plan, name)) } as PlanTables;
    return { ...plan, tables };
  });
}

export function updateCachedRow(
  queryClient: QueryClient,
  planId: string,
  name: StageTableName,
  rowId: string,
  update: (row: StageRow) => StageRow,
): void {
  updateCachedTable(queryClient, planId, name, (rows) => rows.map((row) => (row.id === rowId ? update(row) : row)));
}
