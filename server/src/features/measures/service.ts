import { schoolYearStart } from '@planner/shared/common';
import { formatDate, todayIso } from '@planner/shared/format';
import { maxRowsPerTable } from '@planner/shared/stage-tables';
import type {
  DeleteMeasureQuery,
  Measure,
  MeasureReading,
  MeasureReadingInput,
  UpdateMeasureReading,
} from '@planner/shared/measure';
import { asActor } from '../../db/history-context';
import type { Executor } from '../../db/knex';
import { readTogether } from '../../db/read-together';
import { deleteConflict, invalidInput, notFound, versionConflict } from '../../http/app-error';
import type { SignedInUser } from '../../http/auth';
import {
  findAnyRow,
  presentRows,
  rowOrNotFound,
  rowsOf,
  tableQueries,
  type RowPresenter,
} from '../stage-tables/service';
import { lockPlanOrNotFound } from '../plans/service';
import * as repo from './repo';
import { presentMeasure, presentReading } from './presenter';

/** Measures from their rows and the readings of them (oldest first). */
export function measuresFrom(rows: readonly Record<string, unknown>[], readingRows: readonly object[]): Measure[] {
  const readings = new Map<string, repo.ReadingRow[]>();
  for (const reading of readingRows as repo.ReadingRow[]) {
    const list = readings.get(reading.measure_id);
    if (list) list.push(reading);
    else readings.set(reading.measure_id, [reading]);
  }
  const fields = presentRows('measures', rows);
  return rows.map((row, i) =>
    presentMeasure(
      fields[i] as Omit<Measure, 'readings' | 'status' | 'latestReading'>,
      readings.get(row.id as string) ?? [],
    ),
  );
}

/** Measures with their readings: one query for the readings of all of them. */
export const presentMeasures: RowPresenter<Measure> = async (db, user, rows) => {
  if (rows.length === 0) return [];
  const readings = await repo.listReadings(
    db,
    user.districtId,
    rows.map((r) => r.id),
  );
  return measuresFrom(rows, readings);
};

/** The reads of a plan's measures and their readings, for one round trip with others. */
export function measureQueries(db: Executor, districtId: string, planId: string) {
  return {
    ...tableQueries(db, districtId, planId, ['measures'] as const),
    readings: repo.readingsOfPlanQuery(db, districtId, planId),
  };
}

/** Measures from what `measureQueries` read. */
export const measuresRead = (read: Record<'measures' | 'readings', Record<string, unknown>[]>) =>
  measuresFrom(read.measures, read.readings);

/** The plan's measures with readings and status, in one statement. */
export async function measuresOf(db: Executor, districtId: string, planId: string): Promise<Measure[]> {
  return measuresRead(await readTogether(db, measureQueries(db, districtId, planId)));
}

/** One measure of a plan with its readings, or undefined: what a reminder of its reading asks. */
export async function measureOfPlan(
  db: Executor,
  districtId: string,
  planId: string,
  measureId: string,
): Promise<Measure | undefined> {
  const found = await findAnyRow(db, districtId, planId, measureId, ['measures']);
  return found && measuresFrom([found.row], await repo.listReadings(db, districtId, [measureId]))[0];
}

/**
 * The day before which a plan asks for no reading of a measure, and from which one without a baseline date
 * is counted: its school year's start (`nextReadingDue`). It reads only the plan itself, so a copy keeps it
 * when the plan it came from is deleted.
 */
export const firstReadingCountedFrom = (plan: { school_year: string }) => schoolYearStart(plan.school_year);

export async function countReadingsOf(db: Executor, districtId: string, planId: string): Promise<number> {
  const measures = await rowsOf(db, districtId, 'measures', planId);
  return repo.countReadings(
    db,
    districtId,
    measures.map((m) => m.id),
  );
}

/** A reading's measure, kept from removal until the transaction ends: a removal waits, then counts the change. */
const measureOf = (trx: Executor, user: SignedInUser, planId: string, measureId: string) =>
  rowOrNotFound(trx, user, 'measures', planId, measureId, { keptFromRemoval: true });

/** Whether a measure's readings are still as the person saw them when they asked to remove it. */
export async function readingsAsSeen(
  trx: Executor,
  user: SignedInUser,
  measureId: string,
  seen: DeleteMeasureQuery,
): Promise<boolean> {
  const now = await repo.readingsState(trx, user.districtId, measureId);
  if (now.count !== seen.readings) return false;
  if (seen.readingsChangedAt === undefined || now.latestChange === null) return true;
  return now.latestChange.getTime() === Date.parse(seen.readingsChangedAt);
}

/**
 * Refuses a reading dated after today in the district's time zone, the day its dashboard judges by (the
 * schema lets through the latest today anywhere on Earth, all it knows without the district).
 */
function assertNotAhead(user: SignedInUser, date: string | undefined): void {
  const today = todayIso(user.districtTimeZone);
  if (date === undefined || date <= today) return;
  throw invalidInput([
    {
      in: 'body',
      field: 'date',
      message: `must be today (${formatDate(today)} in the district's time zone) or earlier: a reading records what has happened`,
    },
  ]);
}

/** Refuses `adding` more readings past a measure's cap; under the plan's lock. */
export async function assertRoomForReadings(
  trx: Executor,
  districtId: string,
  measureId: string,
  adding = 1,
): Promise<void> {
  if ((await repo.countReadings(trx, districtId, [measureId])) + adding > maxRowsPerTable) {
    throw invalidInput([{ in: 'body', field: '', message: `a measure holds at most ${maxRowsPerTable} readings` }]);
  }
}

export async function addReading(
  db: Executor,
  user: SignedInUser,
  planId: string,
  measureId: string,
  input: MeasureReadingInput & { note: string },
): Promise<MeasureReading> {
  return db.transaction(async (trx) => {
    await lockPlanOrNotFound(trx, user.districtId, planId);
    await rowOrNotFound(trx, user, 'measures', planId, measureId, { keptFromRemoval: true });
    assertNotAhead(user, input.date);
    await assertRoomForReadings(trx, user.districtId, measureId);
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
  return db.transaction(async (trx) => {
    await measureOf(trx, user, planId, measureId);
    assertNotAhead(user, input.date);
    const saved = await repo.updateReading(
      trx,
      { districtId: user.districtId, measureId, id: readingId, version: input.version },
      { date: input.date, value: input.value, note: input.note, updated_by: user.id },
    );
    if (saved) return presentReading(saved);
    const now = await repo.findReading(trx, user.districtId, measureId, readingId);
    if (!now) throw notFound('The reading');
    throw versionConflict('reading', presentReading(now));
  });
}

export async function removeReading(
  db: Executor,
  user: SignedInUser,
  planId: string,
  measureId: string,
  readingId: string,
  version: number,
): Promise<void> {
  await asActor(db, user.id, async (trx) => {
    await measureOf(trx, user, planId, measureId);
    const where = { districtId: user.districtId, measureId, id: readingId, version };
    if ((await repo.deleteReading(trx, where)) > 0) return;
    const now = await repo.findReading(trx, user.districtId, measureId, readingId);
    if (!now) throw notFound('The reading');
    throw deleteConflict('reading', presentReading(now));
  });
}
