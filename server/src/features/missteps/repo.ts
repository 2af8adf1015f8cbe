import type { StageKey } from '@planner/shared/roadmap';
import type { Executor } from '../../db/knex';

/** The missteps feature owns `plan_missteps`. */

export interface MisstepRow {
  id: string;
  district_id: string;
  plan_id: string;
  stage_key: StageKey;
  starter_key: string | null;
  text: string;
  status: 'watched' | 'happening' | 'avoided';
  note: string;
  version: number;
  updated_by: string | null;
  created_at: Date;
  updated_at: Date;
}

const order = [
  { column: 'created_at', order: 'asc' as const },
  { column: 'id', order: 'asc' as const },
];

export function listForPlan(db: Executor, districtId: string, planId: string): Promise<MisstepRow[]> {
  return db('plan_missteps').select('*').where({ district_id: districtId, plan_id: planId }).orderBy(order);
}

export function findOne(db: Executor, districtId: string, planId: string, id: string): Promise<MisstepRow | undefined> {
  return db('plan_missteps').select('*').where({ district_id: districtId, plan_id: planId, id }).first();
}

export async function countInStage(db: Executor, districtId: string, planId: string, stageKey: StageKey) {
  const row = (await db('plan_missteps')
    .count('* as count')
    .where({ district_id: districtId, plan_id: planId, stage_key: stageKey })
    .first()) as { count: string | number };
  return Number(row.count);
}

export async function insert(
  db: Executor,
  rows: Pick<
    MisstepRow,
    'district_id' | 'plan_id' | 'stage_key' | 'starter_key' | 'text' | 'status' | 'note' | 'updated_by'
  >[],
): Promise<MisstepRow[]> {
  if (rows.length === 0) return [];
  return (await db('plan_missteps').insert(rows).returning('*')) as MisstepRow[];
}

/** Optimistic update; undefined when the version is stale or the misstep is not there. */
export async function update(
  db: Executor,
  where: { districtId: string; planId: string; id: string; version: number },
  changes: Partial<Pick<MisstepRow, 'text' | 'status' | 'note' | 'updated_by'>>,
): Promise<MisstepRow | undefined> {
  const [row] = (await db('plan_missteps')
    .where({ district_id: where.districtId, plan_id: where.planId, id: where.id, version: where.version })
    .update({ ...changes, version: db.raw('version + 1'), updated_at: db.fn.now() })
    .returning('*')) as MisstepRow[];
  return row;
}

/** Removes a misstep at the version it was seen; 0 when stale or gone. */
export function remove(
  db: Executor,
  where: { districtId: string; planId: string; id: string; version: number },
): Promise<number> {
  return db('plan_missteps')
    .where({ district_id: where.districtId, plan_id: where.planId, id: where.id, version: where.version })
    .delete();
}

/** Every misstep of a plan into another plan of the district, as they stand. */
export async function copyAll(db: Executor, districtId: string, fromPlanId: string, toPlanId: string, by: string) {
  await db.raw(
    `insert into plan_missteps (district_id, plan_id, stage_key, starter_key, text, status, note, updated_by, created_at)
     select district_id, ?, stage_key, starter_key, text, status, note, ?, created_at
     from plan_missteps where district_id = ? and plan_id = ?`,
    [toPlanId, by, districtId, fromPlanId],
  );
}
