import { maxRowsPerTable } from '@planner/shared/stage-tables';
import type { Measure, MeasureReading, MeasureReadingInput, UpdateMeasureReading } from '@planner/shared/measure';
import { asActor } from '../../db/history-context';
import type { Executor } from '../../db/knex';
import { invalidInput, notFound, versionConflict } from '../../http/app-error';
import type { SignedInUser } from '../../http/auth';
import { plainRows, rowOrNotFound, rowsOf, type RowPresenter } from '../stage-tables/service';
import * as repo from './repo';
import { presentMeasure, presentReading } from './presenter';

/** Measures with their readings: one query for the readings of all of them. */
export const presentMeasures: RowPresenter<Measure> = async (db, districtId, rows) => {
  if (rows.length === 0) return [];
  const readings = await repo.listReadings(
    db,
    districtId,
    rows.map((r) => r.id),
  );
  const fields = await plainRows('measures')(db, districtId, rows);
  return rows.map((row, i) =>
    presentMeasure(
      fields[i] as Omit<Measure, 'readings' | 'status' | 'latestReading'>,
      row,
      readings.filter((r) => r.measure_id === row.id),
    ),
  );
};

/** The plan's measures with readings and status: two queries whatever their number. */
export async function measuresOf(db: Executor, districtId: string, planId: string): Promise<Measure[]> {
  return presentMeasures(db, districtId, await rowsOf(db, districtId, 'measures', planId));
}

export async function countReadingsOf(db: Executor, districtId: string, planId: string): Promise<number> {
  const measures = await rowsOf(db, districtId, 'measures', planId);
  return repo.countReadings(
    db,
    districtId,
    measures.map((m) => m.id),
  );
}

const measureOf = (db: Executor, user: SignedInUser, planId: string, measureId: string) =>
  rowOrNotFound(db, user, 'measures', planId, measureId);

export async function addReading(
  db: Executor,
  user: SignedInUser,
  planId: string,
  measureId: string,
  input: MeasureReadingInput & { note: string },
): Promise<MeasureReading> {
  return db.transaction(async (trx) => {
    await measureOf(trx, user, planId, measureId);
    if ((await repo.countReadings(trx, user.districtId, [measureId])) >= maxRowsPerTable) {
      throw invalidInput([{ in: 'body', field: '', message: `a measure holds at most ${maxRowsPerTable} readings` }]);
    }
    const row = await repo.insertReading(trx, {
      district_id: user.districtId,
      plan_id: planId,
      measure_id: measureId,
      updated_by: user.id,
      ...input,
    });
    return presentReading(row);
  });
}

export async function updateReading(
  db: Executor,
  user: SignedInUser,
  planId: string,
  measureId: string,
  readingId: string,
  input: UpdateMeasureReading,
): Promise<MeasureReading> {
  await measureOf(db, user, planId, measureId);
  const saved = await repo.updateReading(
    db,
    { districtId: user.districtId, measureId, id: readingId, version: input.version },
    { date: input.date, value: input.value, note: input.note, updated_by: user.id },
  );
  if (saved) return presentReading(saved);
  const now = await repo.findReading(db, user.districtId, measureId, readingId);
  if (!now) throw notFound('The reading');
  throw versionConflict('reading', presentReading(now));
}

export async function removeReading(
  db: Executor,
  user: SignedInUser,
  planId: string,
  measureId: string,
  readingId: string,
): Promise<void> {
  await asActor(db, user.id, async (trx) => {
    await measureOf(trx, user, planId, measureId);
    if ((await repo.deleteReading(trx, user.districtId, measureId, readingId)) === 0) throw notFound('The reading');
  });
}
