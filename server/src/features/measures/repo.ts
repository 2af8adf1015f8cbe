import type { Executor } from '../../db/knex';

/** The measures feature owns `plan_measure_readings`; the measure rows themselves are a stage table. */

export interface ReadingRow {
  id: string;
  measure_id: string;
  date: Date | string;
  value: number | string;
  note: string;
  version: number;
  updated_at: Date | string;
}

const readingColumns = ['id', 'measure_id', 'date', 'value', 'note', 'version', 'updated_at'];

/** Every reading of a plan's measures, oldest first. */
export const readingsOfPlanQuery = (db: Executor, districtId: string, planId: string) =>
  db('plan_measure_readings')
    .select(readingColumns)
    .where({ district_id: districtId, plan_id: planId })
    .orderBy(['date', 'created_at', 'id']);

export function listReadings(db: Executor, districtId: string, measureIds: readonly string[]): Promise<ReadingRow[]> {
  return db('plan_measure_readings')
    .select(readingColumns)
    .where({ district_id: districtId })
    .whereIn('measure_id', measureIds)
    .orderBy(['date', 'created_at', 'id']);
}

export async function countReadings(db: Executor, districtId: string, measureIds: readonly string[]): Promise<number> {
  if (measureIds.length === 0) return 0;
  const row = (await db('plan_measure_readings')
    .count('* as count')
    .where({ district_id: districtId })
    .whereIn('measure_id', measureIds)
    .first()) as { count: string | number };
  return Number(row.count);
}

/** How many readings a measure has, and the latest moment one of them was written (to the millisecond, as answered). */
export async function readingsState(
  db: Executor,
  districtId: string,
  measureId: string,
): Promise<{ count: number; latestChange: Date | null }> {
  const row = (await db('plan_measure_readings')
    .count('* as count')
    .select(db.raw(`date_trunc('milliseconds', max(updated_at)) as latest`))
    .where({ district_id: districtId, measure_id: measureId })
    .first()) as { count: string | number; latest: Date | string | null };
  return { count: Number(row.count), latestChange: row.latest === null ? null : new Date(row.latest) };
}

export async function insertReading(db: Executor, row: Record<string, unknown>): Promise<ReadingRow> {
  const [created] = (await db('plan_measure_readings').insert(row).returning(readingColumns)) as ReadingRow[];
  return created!;
}

export function findReading(
  db: Executor,
  districtId: string,
  measureId: string,
  id: string,
): Promise<ReadingRow | undefined> {
  return db('plan_measure_readings')
    .select(readingColumns)
    .where({ district_id: districtId, measure_id: measureId, id })
    .first();
}

export async function updateReading(
  db: Executor,
  where: { districtId: string; measureId: string; id: string; version: number },
  changes: Record<string, unknown>,
): Promise<ReadingRow | undefined> {
  const [row] = (await db('plan_measure_readings')
    .where({ district_id: where.districtId, measure_id: where.measureId, id: where.id, version: where.version })
    .update({ ...changes, version: db.raw('version + 1'), updated_at: db.fn.now() })
    .returning(readingColumns)) as ReadingRow[];
  return row;
}

/** Removes a reading at the version it was seen; 0 when stale or gone. */
export function deleteReading(
  db: Executor,
  where: { districtId: string; measureId: string; id: string; version: number },
): Promise<number> {
  return db('plan_measure_readings')
    .where({ district_id: where.districtId, measure_id: where.measureId, id: where.id, version: where.version })
    .delete();
}
