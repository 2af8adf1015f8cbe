import type { PlanTables } from '@planner/shared/plan';
import { plainTableNames, type PlainTableName } from '@planner/shared/stage-tables';
import { presentRow, type DbRow } from './columns';

export type PlainTables = Omit<PlanTables, 'measures'>;

/** Every plain table of a plan, by table name. */
export function presentPlainTables(rows: Record<PlainTableName, DbRow[]>): PlainTables {
  return Object.fromEntries(
    plainTableNames.map((name) => [name, rows[name].map((row) => presentRow(name, row))]),
  ) as unknown as PlainTables;
}
