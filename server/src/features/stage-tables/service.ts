import { maxRowsPerTable, stageTableNames, stageTables, type StageTableName } from '@planner/shared/stage-tables';
import type { MeasureReading } from '@planner/shared/measure';
import type { PlanTables } from '@planner/shared/plan';
import type { Db, Executor } from '../../db/knex';
import { AppError, invalidInput, notFound } from '../../http/app-error';
import type { SignedInUser } from '../../http/auth';
import { presentRow, toColumns, type DbRow } from './columns';
import * as repo from './repo';
import { presentMeasure, presentReading, presentTables } from './presenter';

/** Every query carries the district, so a plan or row of another district is simply not found. */
async function planExists(db: Executor, user: SignedInUser, planId: string): Promise<void> {
  if (!(await repo.planInDistrict(db, user.districtId, planId))) throw notFound('The plan');
}

const conflict = (noun: string, current: unknown) =>
  new AppError(
    'version_conflict',
    `Someone else changed this ${noun} after you loaded it. Compare the two versions and choose what to keep.`,
    {
      current,
    },
  );

async function present(db: Executor, user: SignedInUser, name: StageTableName, row: DbRow) {
  if (name !== 'measures') return presentRow(name, row);
  return presentMeasure(row, await repo.listReadings(db, user.districtId, row.id));
}

/** Every table of a plan: one query per table and one for all readings, whatever the plan's size. */
export async function tablesOfPlan(db: Executor, districtId: string, planId: string): Promise<PlanTables> {
  const rows = {} as Record<StageTableName, DbRow[]>;
  for (const name of stageTableNames) rows[name] = await repo.listRows(db, name, districtId, planId);
  return presentTables(rows, await repo.listReadingsOfPlan(db, districtId, planId));
}

/** Ids of a table's rows in a plan, to check links to them (a role's priorities and measures). */
export async function rowIdsOf(
  db: Executor,
  districtId: string,
  planId: string,
  name: StageTableName,
): Promise<Set<string>> {
  return new Set((await repo.listRows(db, name, districtId, planId)).map((r) => r.id));
}

export async function copyTables(
  db: Executor,
  districtId: string,
  fromPlanId: string,
  toPlanId: string,
): Promise<void> {
  for (const name of stageTableNames) await repo.copyRows(db, name, districtId, fromPlanId, toPlanId);
}

export async function listTableRows(db: Db, user: SignedInUser, name: StageTableName, planId: string) {
  await planExists(db, user, planId);
  return (await tablesOfPlan(db, user.districtId, planId))[name];
}

export async function addRow(
  db: Db,
  user: SignedInUser,
  name: StageTableName,
  planId: string,
  values: Record<string, unknown>,
) {
  return db.transaction(async (trx) => {
    await planExists(trx, user, planId);
    if ((await repo.countRows(trx, name, user.districtId, planId)) >= maxRowsPerTable) {
      throw invalidInput([
        {
          in: 'body',
          field: '',
          message: `a plan holds at most ${maxRowsPerTable} rows of ${stageTables[name].title.toLowerCase()}`,
        },
      ]);
    }
    const row = await repo.insertRow(trx, name, {
      district_id: user.districtId,
      plan_id: planId,
      updated_by: user.id,
      ...toColumns(name, values),
    });
    return present(trx, user, name, row);
  });
}

export async function updateRow(
  db: Db,
  user: SignedInUser,
  name: StageTableName,
  planId: string,
  rowId: string,
  input: Record<string, unknown> & { version: number },
) {
  await planExists(db, user, planId);
  const current = await repo.findRow(db, name, user.districtId, planId, rowId);
  if (!current) throw notFound(`The ${stageTables[name].rowNoun}`);
  const updated = await repo.updateRow(
    db,
    name,
    { districtId: user.districtId, planId, id: rowId, version: input.version },
    { ...toColumns(name, input), updated_by: user.id },
  );
  if (!updated) {
    const now = (await repo.findRow(db, name, user.districtId, planId, rowId)) ?? current;
    throw conflict(stageTables[name].rowNoun, await present(db, user, name, now));
  }
  return present(db, user, name, updated);
}

export async function removeRow(
  db: Db,
  user: SignedInUser,
  name: StageTableName,
  planId: string,
  rowId: string,
): Promise<void> {
  await db.transaction(async (trx) => {
    await planExists(trx, user, planId);
    if ((await repo.deleteRow(trx, name, user.districtId, planId, rowId)) === 0) {
      throw notFound(`The ${stageTables[name].rowNoun}`);
    }
    // Roles link to priorities and measures by id; a removed one must not linger there.
    if (name === 'priorities') await repo.unlinkFromRoles(trx, user.districtId, planId, 'priority_ids', rowId);
    if (name === 'measures') await repo.unlinkFromRoles(trx, user.districtId, planId, 'measure_ids', rowId);
  });
}

// ---- Readings of a measure ---------------------------------------------------------------------------

async function measureOrNotFound(db: Executor, user: SignedInUser, planId: string, measureId: string): Promise<DbRow> {
  await planExists(db, user, planId);
  const measure = await repo.findRow(db, 'measures', user.districtId, planId, measureId);
  if (!measure) throw notFound('The measure');
  return measure;
}

async function readingOf(
  db: Executor,
  user: SignedInUser,
  measureId: string,
  readingId: string,
): Promise<MeasureReading> {
  const row = (await repo.listReadings(db, user.districtId, measureId)).find((r) => r.id === readingId);
  if (!row) throw notFound('The reading');
  return presentReading(row);
}

export async function addReading(
  db: Db,
  user: SignedInUser,
  planId: string,
  measureId: string,
  input: { date: string; value: number; note: string },
) {
  return db.transaction(async (trx) => {
    await measureOrNotFound(trx, user, planId, measureId);
    if ((await repo.listReadings(trx, user.districtId, measureId)).length >= maxRowsPerTable) {
      throw invalidInput([{ in: 'body', field: '', message: `a measure holds at most ${maxRowsPerTable} readings` }]);
    }
    const id = await repo.insertReading(trx, {
      district_id: user.districtId,
      measure_id: measureId,
      updated_by: user.id,
      ...input,
    });
    return readingOf(trx, user, measureId, id);
  });
}

export async function updateReading(
  db: Db,
  user: SignedInUser,
  planId: string,
  measureId: string,
  readingId: string,
  input: { date?: string; value?: number; note?: string; version: number },
) {
  await measureOrNotFound(db, user, planId, measureId);
  await readingOf(db, user, measureId, readingId);
  const saved = await repo.updateReading(
    db,
    { districtId: user.districtId, measureId, id: readingId, version: input.version },
    { date: input.date, value: input.value, note: input.note, updated_by: user.id },
  );
  const now = await readingOf(db, user, measureId, readingId);
  if (!saved) throw conflict('reading', now);
  return now;
}

export async function removeReading(
  db: Db,
  user: SignedInUser,
  planId: string,
  measureId: string,
  readingId: string,
): Promise<void> {
  await measureOrNotFound(db, user, planId, measureId);
  if ((await repo.deleteReading(db, user.districtId, measureId, readingId)) === 0) throw notFound('The reading');
}
