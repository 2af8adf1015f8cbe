import { declarationOf, stageTableNames, type StageTableName } from '@planner/shared/stage-tables';
import { columnMap, fieldsToColumns, rowToFields, snake, type ColumnMap } from '../../db/columns';
import { isoDateTimeSql, toIsoDateTime } from '../../db/values';

/**
 * The SQL side of the stage-table declarations (shared/src/stage-tables.ts): each table is
 * `plan_<name in snake_case>`, its columns are its fields in snake_case, its rows are listed by the
 * declared field (nulls last), then in the order they were added.
 */
export const sqlTableOf = (name: StageTableName) => `plan_${snake(name)}`;

const maps = Object.fromEntries(stageTableNames.map((name) => [name, columnMap(declarationOf(name).schema)])) as Record<
  StageTableName,
  ColumnMap
>;

export const columnsOf = (name: StageTableName) => maps[name].fields.map((f) => f.column);

export function orderOf(name: StageTableName): string {
  const by = declarationOf(name).orderBy;
  return `${by ? `${snake(by)} asc nulls last, ` : ''}created_at asc, id asc`;
}

export type DbRow = Record<string, unknown> & {
  id: string;
  version: number;
  updated_at: Date | string;
  created_at: Date | string;
};

/** A row as the API answers it: its declared fields, id, version and last change. */
export function presentRow(name: StageTableName, row: DbRow): Record<string, unknown> & { id: string } {
  return {
    id: row.id,
    version: row.version,
    updatedAt: toIsoDateTime(row.updated_at),
    ...rowToFields(maps[name], row),
  };
}

export const toColumns = (name: StageTableName, values: Record<string, unknown>) => fieldsToColumns(maps[name], values);

/**
 * SQL building, in Postgres, the JSON of a row of `name` (as `alias`) that `presentRow` makes of it in Node:
 * numbers, dates (as 'YYYY-MM-DD') and jsonb come out of Postgres's JSON as rowToFields makes them.
 */
export function rowJsonSql(name: StageTableName, alias: string): string {
  const pairs = [
    `'id', ${alias}.id`,
    `'version', ${alias}.version`,
    `'updatedAt', ${isoDateTimeSql(`${alias}.updated_at`)}`,
    ...maps[name].fields.map(({ field, column }) => `'${field}', ${alias}.${column}`),
  ];
  return `json_build_object(${pairs.join(', ')})`;
}
