import type { Executor } from '../../db/knex';

/** The logic-model feature owns `plan_logic_models` (one per plan) and `plan_logic_model_entries`. */

export interface StoredLink {
  kind: string;
  id: string;
  /** The item's name when the link was last saved: what a broken link is shown as if the history has not its last. */
  label: string;
}

export interface CanvasRow {
  id: string;
  plan_id: string;
  problem_statement: string;
  goal: string;
  version: number;
  updated_at: Date | string;
}

export interface EntryRow {
  id: string;
  plan_id: string;
  section: string;
  horizon: number | null;
  text: string;
  /** Null when the entry links to nothing. */
  links: StoredLink[] | null;
  version: number;
  updated_by: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const canvasColumns = ['id', 'plan_id', 'problem_statement', 'goal', 'version', 'updated_at'];

export const canvasQuery = (db: Executor, districtId: string, planId: string) =>
  db('plan_logic_models').select(canvasColumns).where({ district_id: districtId, plan_id: planId });

export const entriesQuery = (db: Executor, districtId: string, planId: string) =>
  db('plan_logic_model_entries')
    .select('*')
    .where({ district_id: districtId, plan_id: planId })
    .orderBy([
      { column: 'created_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);

export function findCanvas(db: Executor, districtId: string, planId: string): Promise<CanvasRow | undefined> {
  return canvasQuery(db, districtId, planId).first();
}

/**
 * The plan's canvas row, made (empty, at version 1) the first time it is written. Making it is not a
 * change anyone wrote, so it is left out of the history; the save that follows is recorded.
 */
export async function ensureCanvas(db: Executor, districtId: string, planId: string): Promise<void> {
  await db.raw(`select set_config('planner.recording', 'off', true)`);
  await db('plan_logic_models')
    .insert({ district_id: districtId, plan_id: planId })
    .onConflict(['district_id', 'plan_id'])
    .ignore();
  await db.raw(`select set_config('planner.recording', '', true)`);
}

export async function updateCanvas(
  db: Executor,
  where: { districtId: string; planId: string; version: number },
  changes: { problem_statement?: string; goal?: string; updated_by: string },
): Promise<CanvasRow | undefined> {
  const [row] = (await db('plan_logic_models')
    .where({ district_id: where.districtId, plan_id: where.planId, version: where.version })
    .update({ ...changes, version: db.raw('version + 1'), updated_at: db.fn.now() })
    .returning(canvasColumns)) as CanvasRow[];
  return row;
}

export function findEntry(
  db: Executor,
  districtId: string,
  planId: string,
  entryId: string,
): Promise<EntryRow | undefined> {
  return db('plan_logic_model_entries')
    .select('*')
    .where({ district_id: districtId, plan_id: planId, id: entryId })
    .first();
}

export async function countEntries(db: Executor, districtId: string, planId: string): Promise<number> {
  const row = (await db('plan_logic_model_entries')
    .count('* as count')
    .where({ district_id: districtId, plan_id: planId })
    .first()) as { count: string | number };
  return Number(row.count);
}

/** Links travel to Postgres as JSON text (a list would be taken for a Postgres array); none is null. */
const linksColumn = (links: readonly StoredLink[]) => (links.length === 0 ? null : JSON.stringify(links));

export async function insertEntry(
  db: Executor,
  row: {
    district_id: string;
    plan_id: string;
    section: string;
    horizon: number | null;
    text: string;
    links: readonly StoredLink[];
    updated_by: string | null;
    created_at?: Date | string;
  },
): Promise<EntryRow> {
  const [created] = (await db('plan_logic_model_entries')
    .insert({ ...row, links: linksColumn(row.links) })
    .returning('*')) as EntryRow[];
  return created!;
}

export async function updateEntry(
  db: Executor,
  where: { districtId: string; planId: string; id: string; version: number },
  changes: { horizon?: number | null; text?: string; links?: readonly StoredLink[]; updated_by: string },
): Promise<EntryRow | undefined> {
  const { links, ...rest } = changes;
  const [row] = (await db('plan_logic_model_entries')
    .where({ district_id: where.districtId, plan_id: where.planId, id: where.id, version: where.version })
    .update({
      ...rest,
      ...(links ? { links: linksColumn(links) } : {}),
      version: db.raw('version + 1'),
      updated_at: db.fn.now(),
    })
    .returning('*')) as EntryRow[];
  return row;
}

/** Removes an entry at the version it was seen; 0 when stale or gone. */
export function deleteEntry(
  db: Executor,
  where: { districtId: string; planId: string; id: string; version: number },
): Promise<number> {
  return db('plan_logic_model_entries')
    .where({ district_id: where.districtId, plan_id: where.planId, id: where.id, version: where.version })
    .delete();
}

/** The canvas of one plan into another (a copy for the next year). */
export async function copyCanvas(
  db: Executor,
  districtId: string,
  fromPlanId: string,
  toPlanId: string,
): Promise<void> {
  await db.raw(
    `insert into plan_logic_models (district_id, plan_id, problem_statement, goal)
     select district_id, ?, problem_statement, goal from plan_logic_models where district_id = ? and plan_id = ?`,
    [toPlanId, districtId, fromPlanId],
  );
}
