import type { Knex } from 'knex';
import { plainTableNames, type StageTableName } from '@planner/shared/stage-tables';
import type { Executor } from '../../db/knex';
import { yearsLaterSql } from '../../db/values';
import { columnsOf, orderOf, rowJsonSql, sqlTableOf, type DbRow } from './columns';

/** The stage-tables feature owns the rows of every declared table (`plan_priorities` ... `plan_measures`). */

export const rowsQuery = (db: Executor, name: StageTableName, districtId: string, planId: string) =>
  db(sqlTableOf(name)).select('*').where({ district_id: districtId, plan_id: planId }).orderByRaw(orderOf(name));

/**
 * Every plain table of a plan as JSON built by Postgres, `{ "<table>": [row, ...], ... }`: each row as
 * presentRow makes it, in the tables' own order. The whole plan's document embeds it as it comes.
 */
export function plainTablesJsonQuery(db: Executor, districtId: string, planId: string): Knex.Raw {
  const tables = plainTableNames.map(
    (name) =>
      `'${name}', (select coalesce(json_agg(${rowJsonSql(name, 't')} order by ${orderOf(name)}), '[]'::json)
                    from ${sqlTableOf(name)} t where t.district_id = ? and t.plan_id = ?)`,
  );
  return db.raw(
    `select json_build_object(${tables.join(', ')})`,
    plainTableNames.flatMap(() => [districtId, planId]),
  );
}

export function listRows(db: Executor, name: StageTableName, districtId: string, planId: string): Promise<DbRow[]> {
  return rowsQuery(db, name, districtId, planId);
}

/** `keptFromRemoval`: the row is kept from removal (not from edits) until the transaction ends. */
export function findRow(
  db: Executor,
  name: StageTableName,
  districtId: string,
  planId: string,
  id: string,
  options: { keptFromRemoval?: boolean } = {},
): Promise<DbRow | undefined> {
  const query = db(sqlTableOf(name)).select('*').where({ district_id: districtId, plan_id: planId, id });
  return (options.keptFromRemoval ? query.forKeyShare() : query).first();
}

export async function countRows(
  db: Executor,
  name: StageTableName,
  districtId: string,
  planId: string,
): Promise<number> {
  const row = (await db(sqlTableOf(name))
    .count('* as count')
    .where({ district_id: districtId, plan_id: planId })
    .first()) as { count: string | number };
  return Number(row.count);
}

export async function insertRow(db: Executor, name: StageTableName, row: Record<string, unknown>): Promise<DbRow> {
  const [created] = (await db(sqlTableOf(name)).insert(row).returning('*')) as DbRow[];
  return created!;
}

/** Optimistic update; undefined when the version is stale or the row is not there. */
export async function updateRow(
  db: Executor,
  name: StageTableName,
  where: { districtId: string; planId: string; id: string; version: number },
  changes: Record<string, unknown>,
): Promise<DbRow | undefined> {
  const [row] = (await db(sqlTableOf(name))
    .where({ district_id: where.districtId, plan_id: where.planId, id: where.id, version: where.version })
    .update({ ...changes, version: db.raw('version + 1'), updated_at: db.fn.now() })
    .returning('*')) as DbRow[];
  return row;
}

/** Locks a row for its removal: additions to what hangs on it (its references held) wait, or are waited for. */
export async function lockRow(
  db: Executor,
  name: StageTableName,
  where: { districtId: string; planId: string; id: string },
): Promise<void> {
  await db(sqlTableOf(name))
    .where({ district_id: where.districtId, plan_id: where.planId, id: where.id })
    .forUpdate()
    .first('id');
}

/** Removes a row at the version it was seen; 0 when stale or gone. */
export function deleteRow(
  db: Executor,
  name: StageTableName,
  where: { districtId: string; planId: string; id: string; version: number },
): Promise<number> {
  return db(sqlTableOf(name))
    .where({ district_id: where.districtId, plan_id: where.planId, id: where.id, version: where.version })
    .delete();
}

/**
 * Every row of a table into another plan of the same district, each under a new id; answers which new
 * id each old one became, so what linked to the old rows can link to the new. The copies keep the rows'
 * `created_at`, which orders a table after its own order (all made in one statement, they would share one
 * time, and fall into the order of their new random ids). The columns in `dates` are moved by `years`
 * (`shift`; with `shiftedWhen`, only in the rows whose column has that value) or left empty (`clear`); a
 * shifted column named in `keptAfter` stays after the (shifted) column it names when it was after it: Feb 29
 * becomes Feb 28, so a target of Feb 29 after a baseline of Feb 28 becomes Mar 1, not the baseline's day.
 */
export async function copyRows(
  db: Executor,
  name: StageTableName,
  where: { districtId: string; fromPlanId: string; toPlanId: string },
  dates: {
    years: number;
    columns: Partial<Record<string, 'shift' | 'clear'>>;
    shiftedWhen?: { column: string; value: string } | undefined;
    keptAfter?: Partial<Record<string, string>> | undefined;
  },
): Promise<{ old_id: string; new_id: string }[]> {
  const columns = columnsOf(name);
  const list = columns.map(() => '??').join(', ');
  const when = dates.shiftedWhen;
  const shifted = (column: string): { sql: string; bindings: (string | number)[] } =>
    when
      ? {
          sql: `case when ?? = ? then ${yearsLaterSql('??')} else ?? end`,
          bindings: [when.column, when.value, column, dates.years, column],
        }
      : { sql: yearsLaterSql('??'), bindings: [column, dates.years] };
  const copied = columns.map((column): { sql: string; bindings: (string | number)[] } => {
    const how = dates.columns[column];
    const earlier = dates.keptAfter?.[column];
    if (how === 'shift' && earlier && dates.columns[earlier] === 'shift') {
      const [later, before] = [shifted(column), shifted(earlier)];
      return {
        sql: `case when ?? > ?? then greatest(${later.sql}, ${before.sql} + 1) else ${later.sql} end`,
        bindings: [column, earlier, ...later.bindings, ...before.bindings, ...later.bindings],
      };
    }
    if (how === 'shift') return shifted(column);
    if (how === 'clear') return { sql: 'null', bindings: [] };
    return { sql: '??', bindings: [column] };
  });
  const result = (await db.raw(
    `with source as (
       select gen_random_uuid() as new_id, * from ?? where district_id = ? and plan_id = ?
     ), copied as (
       insert into ?? (id, district_id, plan_id, created_at, ${list})
       select new_id, district_id, ?, created_at, ${copied.map((c) => c.sql).join(', ')} from source
     )
     select id as old_id, new_id from source`,
    [
      sqlTableOf(name),
      where.districtId,
      where.fromPlanId,
      sqlTableOf(name),
      ...columns,
      where.toPlanId,
      ...copied.flatMap((c) => c.bindings),
    ],
  )) as { rows: { old_id: string; new_id: string }[] };
  return result.rows;
}
