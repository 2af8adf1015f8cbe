import {
  fieldsOf,
  maxRowsPerTable,
  rowProblems,
  ruleFieldsOf,
  stageTableNames,
  stageTables,
  type StageTableName,
} from '@planner/shared/stage-tables';
import type { Knex } from 'knex';
import type { z } from 'zod';
import type { DeleteRowQuery } from '@planner/shared/common';
import { asActor } from '../../db/history-context';
import type { Executor } from '../../db/knex';
import { readTogether } from '../../db/read-together';
import { deleteConflict, invalidInput, notFound, versionConflict } from '../../http/app-error';
import type { SignedInUser } from '../../http/auth';
import { lockPlanOrNotFound, planQuery } from '../plans/service';
import { whyNotAnOwner } from '../users/service';
import { presentRow, toColumns, type DbRow } from './columns';
import * as repo from './repo';

export type { DbRow } from './columns';

/**
 * How a table's rows are answered, to the signed-in person: plain rows as they are; a feature built on a
 * table (measures) passes its own presenter, which may load what hangs on the rows.
 */
export type RowPresenter<T> = ((db: Executor, user: SignedInUser, rows: DbRow[]) => Promise<T[]>) & {
  /** It presents the rows as read, reading nothing more: a list of them is one statement. */
  readsNothing?: boolean;
};

/** Rows as the API answers them: their declared fields, id, version and last change. */
export const presentRows = (name: StageTableName, rows: readonly Record<string, unknown>[]) =>
  rows.map((row) => presentRow(name, row as DbRow));

export const plainRows = (name: StageTableName): RowPresenter<Record<string, unknown>> =>
  Object.assign(async (_db: Executor, _user: SignedInUser, rows: DbRow[]) => presentRows(name, rows), {
    readsNothing: true,
  });

const presentOne = async <T>(db: Executor, user: SignedInUser, present: RowPresenter<T>, row: DbRow) =>
  (await present(db, user, [row]))[0]!;

/** A row's declared fields from the row as stored (of its history). */
export function fieldsOfRow(name: StageTableName, row: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, version: _version, updatedAt: _updatedAt, ...fields } = presentRow(name, row as DbRow);
  return fields;
}

/** The rows of one table of a plan, as declared, in order. */
export function rowsOf(db: Executor, districtId: string, name: StageTableName, planId: string): Promise<DbRow[]> {
  return repo.listRows(db, name, districtId, planId);
}

/** The reads of a plan's stage tables, one per table, for one round trip with others. */
export function tableQueries<N extends StageTableName>(
  db: Executor,
  districtId: string,
  planId: string,
  names: readonly N[],
) {
  return Object.fromEntries(names.map((name) => [name, repo.rowsQuery(db, name, districtId, planId)])) as Record<
    N,
    ReturnType<typeof repo.rowsQuery>
  >;
}

/** Every plain table of a plan as JSON Postgres builds, for the whole plan's document to embed. */
export const plainTablesJsonQuery = repo.plainTablesJsonQuery;

export async function listTableRows<T>(
  db: Executor,
  user: SignedInUser,
  name: StageTableName,
  planId: string,
  present: RowPresenter<T>,
): Promise<T[]> {
  const rows = await readTogether(db, {
    plan: planQuery(db, user.districtId, planId),
    rows: repo.rowsQuery(db, name, user.districtId, planId),
  });
  if (rows.plan.length === 0) throw notFound('The plan');
  return present(db, user, rows.rows as DbRow[]);
}

/**
 * A person named by a row (a measure's responsible person) must be an active person of the district, unless
 * the row names them already (`stored`): a row keeps its deactivated person.
 */
async function checkPeople(
  db: Executor,
  user: SignedInUser,
  name: StageTableName,
  values: Record<string, unknown>,
  stored?: () => Promise<DbRow | undefined>,
) {
  const errors = [];
  for (const field of fieldsOf(name).filter((f) => f.kind === 'person')) {
    const id = values[field.name];
    const problem = typeof id === 'string' && (await whyNotAnOwner(db, user.districtId, id, 'choose someone active'));
    if (!problem) continue;
    const row = stored && (await stored());
    if (row && fieldsOfRow(name, row)[field.name] === id) continue;
    errors.push({ in: 'body' as const, field: field.name, message: problem });
  }
  if (errors.length > 0) throw invalidInput(errors);
}

/**
 * A change to a field a row's rules read together (a measure's baseline and target dates, or its direction,
 * baseline and target) is checked against the others as stored. Only at the version the change is based on:
 * a stale one gets the update's 409.
 */
async function checkRowProblems(
  db: Executor,
  user: SignedInUser,
  name: StageTableName,
  planId: string,
  rowId: string,
  input: Record<string, unknown> & { version: number },
) {
  if (!ruleFieldsOf(name).some((field) => field in input)) return;
  const stored = await repo.findRow(db, name, user.districtId, planId, rowId);
  if (!stored || stored.version !== input.version) return;
  const problems = rowProblems(name, { ...fieldsOfRow(name, stored), ...input }, Object.keys(input));
  if (problems.length > 0) throw invalidInput(problems.map((problem) => ({ in: 'body' as const, ...problem })));
}

/**
 * Refuses `adding` more rows when the table would pass its cap (a new row, or rows brought back from the
 * history). Call it under the plan's lock, so the count stays true until the insert commits.
 */
export async function assertRoomForRows(
  trx: Executor,
  districtId: string,
  name: StageTableName,
  planId: string,
  adding = 1,
): Promise<void> {
  if ((await repo.countRows(trx, name, districtId, planId)) + adding > maxRowsPerTable) {
    throw invalidInput([
      {
        in: 'body',
        field: '',
        message: `a plan holds at most ${maxRowsPerTable} rows of ${stageTables[name].title.toLowerCase()}`,
      },
    ]);
  }
}

export async function addRow<T>(
  db: Executor,
  user: SignedInUser,
  name: StageTableName,
  planId: string,
  values: Record<string, unknown>,
  present: RowPresenter<T>,
): Promise<T> {
  await checkPeople(db, user, name, values);
  return db.transaction(async (trx) => {
    await lockPlanOrNotFound(trx, user.districtId, planId);
    await assertRoomForRows(trx, user.districtId, name, planId);
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
  await checkPeople(db, user, name, input, () => repo.findRow(db, name, user.districtId, planId, rowId));
  await checkRowProblems(db, user, name, planId, rowId, input);
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

/**
 * What a removal of a table's row must have seen besides the row's version: what hangs on the row (a
 * measure's readings, a stakeholder's inputs), which changes no version of it but goes with it.
 */
export interface RemovalCheck<Q extends DeleteRowQuery> {
  query: z.ZodType<Q>;
  /** Whether what hangs on the row is as the person saw it; run with the row locked against additions. */
  stillAsSeen: (trx: Knex.Transaction, user: SignedInUser, rowId: string, seen: Q) => Promise<boolean>;
}

/**
 * Removes a row at the version the person saw: one changed since stays (409 with it now). What links to it
 * (a role's priorities and measures, a measure's readings, a stakeholder's inputs) goes by cascade; `stillAsSeen` checks first that
 * what hangs on it is as seen, with the row locked, so that an addition in flight is waited for and counted.
 */
export async function removeRow<T>(
  db: Executor,
  user: SignedInUser,
  name: StageTableName,
  planId: string,
  rowId: string,
  version: number,
  present: RowPresenter<T>,
  stillAsSeen?: (trx: Knex.Transaction) => Promise<boolean>,
): Promise<void> {
  const where = { districtId: user.districtId, planId, id: rowId, version };
  const removed = await asActor(db, user.id, async (trx) => {
    if (stillAsSeen) {
      await repo.lockRow(trx, name, where);
      if (!(await stillAsSeen(trx))) return 0;
    }
    return repo.deleteRow(trx, name, where);
  });
  if (removed > 0) return;
  const now = await repo.findRow(db, name, user.districtId, planId, rowId);
  if (!now) throw notFound(`The ${stageTables[name].rowNoun}`);
  throw deleteConflict(stageTables[name].rowNoun, await presentOne(db, user, present, now));
}

/**
 * A row of the plan, or 404: for what hangs on a row (a measure's readings). `keptFromRemoval` keeps it from
 * removal until the transaction ends, for adding what hangs on it: a removal committed meanwhile then answers
 * 404 rather than a foreign-key refusal.
 */
export async function rowOrNotFound(
  db: Executor,
  user: SignedInUser,
  name: StageTableName,
  planId: string,
  rowId: string,
  options: { keptFromRemoval?: boolean } = {},
): Promise<DbRow> {
  const row = await repo.findRow(db, name, user.districtId, planId, rowId, options);
  if (!row) throw notFound(`The ${stageTables[name].rowNoun}`);
  return row;
}

/**
 * What a copy for another school year does with the tables' dates: a short-term measure is the year's own,
 * its path from baseline to target moves with the year; a long-term one keeps when its baseline was measured
 * and when its goal is to be reached; when a stakeholder was engaged is last year's record, dated again when
 * it happens.
 */
const copiedDates: Partial<
  Record<
    StageTableName,
    {
      columns: Record<string, 'shift' | 'clear'>;
      shiftedWhen?: { column: string; value: string };
      keptAfter?: Record<string, string>;
    }
  >
> = {
  measures: {
    columns: { baseline_date: 'shift', target_date: 'shift' },
    shiftedWhen: { column: 'term', value: 'short' },
    // Its path runs forward in time, as when it is written: a target after its baseline stays after it.
    keptAfter: { target_date: 'baseline_date' },
  },
  stakeholders: { columns: { engaged_on: 'clear' } },
};

/**
 * Every table's rows into another plan, its dates `years` later as `copiedDates` says; for each table, which
 * new id each old row became.
 */
export async function copyTables(
  trx: Executor,
  districtId: string,
  fromPlanId: string,
  toPlanId: string,
  years: number,
): Promise<Record<StageTableName, Map<string, string>>> {
  const ids = {} as Record<StageTableName, Map<string, string>>;
  for (const name of stageTableNames) {
    const pairs = await repo.copyRows(
      trx,
      name,
      { districtId, fromPlanId, toPlanId },
      {
        years,
        columns: copiedDates[name]?.columns ?? {},
        shiftedWhen: copiedDates[name]?.shiftedWhen,
        keptAfter: copiedDates[name]?.keptAfter,
      },
    );
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

/** A row of any table of the plan by its id (what a comment may be about), with its table. */
export async function findAnyRow(
  db: Executor,
  districtId: string,
  planId: string,
  rowId: string,
  names: readonly StageTableName[] = stageTableNames,
): Promise<{ name: StageTableName; row: DbRow } | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(rowId)) return undefined;
  for (const name of names) {
    const row = await repo.findRow(db, name, districtId, planId, rowId);
    if (row) return { name, row };
  }
  return undefined;
}
