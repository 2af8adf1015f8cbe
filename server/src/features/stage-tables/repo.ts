import type { StageTableName } from '@planner/shared/stage-tables';
import type { Executor } from '../../db/knex';
import { columnsOf, sqlOrder, sqlTables, type DbRow } from './columns';

const order = (name: StageTableName) => sqlOrder[name] ?? 'created_at asc';

export async function planInDistrict(db: Executor, districtId: string, planId: string): Promise<boolean> {
  return (await db('plans').select('id').where({ district_id: districtId, id: planId }).first()) !== undefined;
}

export function listRows(db: Executor, name: StageTableName, districtId: string, planId: string): Promise<DbRow[]> {
  return db(sqlTables[name])
    .select('*')
    .where({ district_id: districtId, plan_id: planId })
    .orderByRaw(`${order(name)}, id`);
}

export function findRow(
  db: Executor,
  name: StageTableName,
  districtId: string,
  planId: string,
  id: string,
): Promise<DbRow | undefined> {
  return db(sqlTables[name]).select('*').where({ district_id: districtId, plan_id: planId, id }).first();
}

export async function countRows(
  db: Executor,
  name: StageTableName,
  districtId: string,
  planId: string,
): Promise<number> {
  const row = (await db(sqlTables[name])
    .count('* as count')
    .where({ district_id: districtId, plan_id: planId })
    .first()) as { count: string | number };
  return Number(row.count);
}

export async function insertRow(db: Executor, name: StageTableName, row: Record<string, unknown>): Promise<DbRow> {
  const [created] = (await db(sqlTables[name]).insert(row).returning('*')) as DbRow[];
  return created!;
}

/** Optimistic update; undefined when the version is stale. */
export async function updateRow(
  db: Executor,
  name: StageTableName,
  where: { districtId: string; planId: string; id: string; version: number },
  changes: Record<string, unknown>,
): Promise<DbRow | undefined> {
  const [row] = (await db(sqlTables[name])
    .where({ district_id: where.districtId, plan_id: where.planId, id: where.id, version: where.version })
    .update({ ...changes, version: db.raw('version + 1'), updated_at: db.fn.now() })
    .returning('*')) as DbRow[];
  return row;
}

export function deleteRow(
  db: Executor,
  name: StageTableName,
  districtId: string,
  planId: string,
  id: string,
): Promise<number> {
  return db(sqlTables[name]).where({ district_id: districtId, plan_id: planId, id }).delete();
}

/** Every row of a table into another plan of the same district (measure readings stay behind). */
export async function copyRows(
  db: Executor,
  name: StageTableName,
  districtId: string,
  fromPlanId: string,
  toPlanId: string,
): Promise<void> {
  const columns = columnsOf(name);
  await db.raw(
    `insert into ?? (district_id, plan_id, ${columns.map(() => '??').join(', ')})
     select district_id, ?, ${columns.map(() => '??').join(', ')} from ?? where district_id = ? and plan_id = ?`,
    [sqlTables[name], ...columns, toPlanId, ...columns, sqlTables[name], districtId, fromPlanId],
  );
}

// ---- Measure readings --------------------------------------------------------------------------------

export interface ReadingRow {
  id: string;
  measure_id: string;
  date: Date | string;
  value: number | string;
  note: string;
  version: number;
  updated_at: Date | string;
}

export function listReadingsOfPlan(db: Executor, districtId: string, planId: string): Promise<ReadingRow[]> {
  return db('plan_measure_readings as r')
    .join('plan_measures as m', 'm.id', 'r.measure_id')
    .select('r.id', 'r.measure_id', 'r.date', 'r.value', 'r.note', 'r.version', 'r.updated_at')
    .where({ 'r.district_id': districtId, 'm.district_id': districtId, 'm.plan_id': planId })
    .orderBy([{ column: 'r.date' }, { column: 'r.created_at' }]);
}

export function listReadings(db: Executor, districtId: string, measureId: string): Promise<ReadingRow[]> {
  return db('plan_measure_readings')
    .select('id', 'measure_id', 'date', 'value', 'note', 'version', 'updated_at')
    .where({ district_id: districtId, measure_id: measureId })
    .orderBy([{ column: 'date' }, { column: 'created_at' }]);
}

export async function insertReading(db: Executor, row: Record<string, unknown>): Promise<string> {
  const [created] = (await db('plan_measure_readings').insert(row).returning('id')) as { id: string }[];
  return created!.id;
}

export async function updateReading(
  db: Executor,
  where: { districtId: string; measureId: string; id: string; version: number },
  changes: Record<string, unknown>,
): Promise<boolean> {
  const count = await db('plan_measure_readings')
    .where({ district_id: where.districtId, measure_id: where.measureId, id: where.id, version: where.version })
    .update({ ...changes, version: db.raw('version + 1'), updated_at: db.fn.now() });
  return count === 1;
}

export function deleteReading(db: Executor, districtId: string, measureId: string, id: string): Promise<number> {
  return db('plan_measure_readings').where({ district_id: districtId, measure_id: measureId, id }).delete();
}

/** A removed priority or measure no longer stands among the links of the plan's roles. */
export async function unlinkFromRoles(
  db: Executor,
  districtId: string,
  planId: string,
  column: 'priority_ids' | 'measure_ids',
  id: string,
): Promise<void> {
  await db('plan_roles')
    .where({ district_id: districtId, plan_id: planId })
    .update({ [column]: db.raw('array_remove(??, ?::uuid)', [column, id]) });
}
