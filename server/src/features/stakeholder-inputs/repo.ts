import type { Executor } from '../../db/knex';

/** The stakeholder-inputs feature owns `plan_stakeholder_inputs` (migration 016). */

export interface InputRow {
  id: string;
  district_id: string;
  plan_id: string;
  stakeholder_id: string;
  kind: string;
  heard_on: Date | string;
  source: string;
  summary: string;
  shaped: { kind: string; id: string }[];
  version: number;
  updated_at: Date | string;
  created_at: Date | string;
}

const table = 'plan_stakeholder_inputs';

/** A plan's inputs, newest heard first. */
export const inputsQuery = (db: Executor, districtId: string, planId: string) =>
  db(table)
    .select('*')
    .where({ district_id: districtId, plan_id: planId })
    .orderBy([
      { column: 'heard_on', order: 'desc' },
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'asc' },
    ]);

export async function listInputs(db: Executor, districtId: string, planId: string): Promise<InputRow[]> {
  return (await inputsQuery(db, districtId, planId)) as InputRow[];
}

export async function findInput(
  db: Executor,
  districtId: string,
  planId: string,
  id: string,
): Promise<InputRow | undefined> {
  return (await db(table).select('*').where({ district_id: districtId, plan_id: planId, id }).first()) as
    InputRow | undefined;
}

export async function countInputs(db: Executor, districtId: string, planId: string): Promise<number> {
  const row = (await db(table).count('* as count').where({ district_id: districtId, plan_id: planId }).first()) as {
    count: string | number;
  };
  return Number(row.count);
}

/** How many inputs a stakeholder has, and when the latest of them last changed (to the millisecond the API shows). */
export async function inputsState(
  db: Executor,
  districtId: string,
  stakeholderId: string,
): Promise<{ count: number; latestChange: Date | null }> {
  const row = (await db(table)
    .count('* as count')
    .select(db.raw(`date_trunc('milliseconds', max(updated_at)) as latest`))
    .where({ district_id: districtId, stakeholder_id: stakeholderId })
    .first()) as { count: string | number; latest: Date | string | null };
  return { count: Number(row.count), latestChange: row.latest === null ? null : new Date(row.latest) };
}

export async function insertInput(db: Executor, row: Record<string, unknown>): Promise<InputRow> {
  const [created] = (await db(table)
    .insert({ ...row, shaped: JSON.stringify(row.shaped ?? []) })
    .returning('*')) as InputRow[];
  return created!;
}

/** Optimistic update; undefined when the version is stale or the input is not there. */
export async function updateInput(
  db: Executor,
  where: { districtId: string; planId: string; id: string; version: number },
  changes: Record<string, unknown>,
): Promise<InputRow | undefined> {
  const values = { ...changes };
  if (values.shaped !== undefined) values.shaped = JSON.stringify(values.shaped);
  const [row] = (await db(table)
    .where({ district_id: where.districtId, plan_id: where.planId, id: where.id, version: where.version })
    .update({ ...values, version: db.raw('version + 1'), updated_at: db.fn.now() })
    .returning('*')) as InputRow[];
  return row;
}

/** Removes an input at the version it was seen; 0 when stale or gone. */
export function deleteInput(
  db: Executor,
  where: { districtId: string; planId: string; id: string; version: number },
): Promise<number> {
  return db(table)
    .where({ district_id: where.districtId, plan_id: where.planId, id: where.id, version: where.version })
    .delete();
}

/** Copies a plan's inputs into another, with their stakeholders and links mapped to the copies. */
export async function insertInputs(db: Executor, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  await db(table).insert(rows.map((row) => ({ ...row, shaped: JSON.stringify(row.shaped ?? []) })));
}
