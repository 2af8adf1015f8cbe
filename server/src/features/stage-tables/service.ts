import {
  maxRowsPerTable,
  plainTableNames,
  stageTableNames,
  stageTables,
  type PlainTableName,
  type StageTableName,
} from '@planner/shared/stage-tables';
import { asActor } from '../../db/history-context';
import type { Executor } from '../../db/knex';
import { invalidInput, notFound, versionConflict } from '../../http/app-error';
import type { SignedInUser } from '../../http/auth';
import { planOrNotFound } from '../plans/service';
import { presentRow, toColumns, type DbRow } from './columns';
import * as repo from './repo';
import { presentPlainTables, type PlainTables } from './presenter';

export type { DbRow } from './columns';

/**
 * How a table's rows are answered: plain rows as they are; a feature built on a table (measures) passes
 * its own presenter, which may load what hangs on the rows.
 */
export type RowPresenter<T> = (db: Executor, districtId: string, rows: DbRow[]) => Promise<T[]>;

export const plainRows =
  (name: StageTableName): RowPresenter<Record<string, unknown>> =>
  async (_db, _districtId, rows) =>
    rows.map((row) => presentRow(name, row));

const presentOne = async <T>(db: Executor, user: SignedInUser, present: RowPresenter<T>, row: DbRow) =>
  (await present(db, user.districtId, [row]))[0]!;

/** A row's declared fields from the row as stored (of its history). */
export function fieldsOfRow(name: StageTableName, row: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, version: _version, updatedAt: _updatedAt, ...fields } = presentRow(name, row as DbRow);
  return fields;
}

/** The rows of one table of a plan, as declared, in order. */
export function rowsOf(db: Executor, districtId: string, name: StageTableName, planId: string): Promise<DbRow[]> {
  return repo.listRows(db, name, districtId, planId);
}

/** Every plain table of a plan: one query per table, whatever the plan's size. */
export async function plainTablesOf(db: Executor, districtId: string, planId: string): Promise<PlainTables> {
  const rows = {} as Record<PlainTableName, DbRow[]>;
  for (const name of plainTableNames) rows[name] = await repo.listRows(db, name, districtId, planId);
  return presentPlainTables(rows);
}

export async function listTableRows<T>(
  db: Executor,
  user: SignedInUser,
  name: StageTableName,
  planId: string,
  present: RowPresenter<T>,
): Promise<T[]> {
  await planOrNotFound(db, user.districtId, planId);
  return present(db, user.districtId, await repo.listRows(db, name, user.districtId, planId));
}

export async function addRow<T>(
  db: Executor,
  user: SignedInUser,
  name: StageTableName,
  planId: string,
  values: Record<string, unknown>,
  present: RowPresenter<T>,
): Promise<T> {
  return db.transaction(async (trx) => {
    await planOrNotFound(trx, user.districtId, planId);
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
    return presentOne(trx, user, present, row);
  });
}

export async function updateRow<T>(
  db: Executor,
  user: SignedInUser,
  name: StageTableName,
  planId: string,
  rowId: string,
  input: Record<string, unknown> & { version: number },
  present: RowPresenter<T>,
): Promise<T> {
  const updated = await repo.updateRow(
    db,
    name,
    { districtId: user.districtId, planId, id: rowId, version: input.version },
    { ...toColumns(name, input), updated_by: user.id },
  );
  if (updated) return presentOne(db, user, present, updated);
  const now = await repo.findRow(db, name, user.districtId, planId, rowId);
  if (!now) throw notFound(`The ${stageTables[name].rowNoun}`);
  throw versionConflict(stageTables[name].rowNoun, await presentOne(db, user, present, now));
}

/** Removes a row; what links to it (a role's priorities and measures, a measure's readings) goes by cascade. */
export async function removeRow(
  db: Executor,
  user: SignedInUser,
  name: StageTableName,
  planId: string,
  rowId: string,
): Promise<void> {
  const removed = await asActor(db, user.id, (trx) => repo.deleteRow(trx, name, user.districtId, planId, rowId));
  if (removed === 0) throw notFound(`The ${stageTables[name].rowNoun}`);
}

/** A row of the plan, or 404: for what hangs on a row (a measure's readings). */
export async function rowOrNotFound(
  db: Executor,
  user: SignedInUser,
  name: StageTableName,
  planId: string,
  rowId: string,
): Promise<DbRow> {
  const row = await repo.findRow(db, name, user.districtId, planId, rowId);
  if (!row) throw notFound(`The ${stageTables[name].rowNoun}`);
  return row;
}

/** Every table's rows into another plan; for each table, which new id each old row became. */
export async function copyTables(
  trx: Executor,
  districtId: string,
  fromPlanId: string,
  toPlanId: string,
): Promise<Record<StageTableName, Map<string, string>>> {
  const ids = {} as Record<StageTableName, Map<string, string>>;
  for (const name of stageTableNames) {
    const pairs = await repo.copyRows(trx, name, districtId, fromPlanId, toPlanId);
    ids[name] = new Map(pairs.map((p) => [p.old_id, p.new_id]));
  }
  return ids;
}

export async function countTables(
  db: Executor,
  districtId: string,
  planId: string,
): Promise<Record<StageTableName, number>> {
  const counts = {} as Record<StageTableName, number>;
  for (const name of stageTableNames) counts[name] = await repo.countRows(db, name, districtId, planId);
  return counts;
}
