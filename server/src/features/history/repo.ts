import type { Executor } from '../../db/knex';

/** The history feature owns `plan_changes`, which the trigger of migration 008 writes. */

export interface ChangeRow {
  id: string;
  item_table: string;
  item_id: string;
  item_kind: string;
  stage_key: string | null;
  operation: 'insert' | 'update' | 'delete';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  actor_id: string | null;
  txid: string;
  created_at: Date;
}

const columns = [
  'id',
  'item_table',
  'item_id',
  'item_kind',
  'stage_key',
  'operation',
  'before',
  'after',
  'actor_id',
  'txid',
  'created_at',
];

export interface ChangeFilters {
  actor?: string | undefined;
  stage?: string | undefined;
  kind?: string | undefined;
  item?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  before?: string | undefined;
  limit: number;
  /** The district's time zone: `from` and `to` are its days, as every day in the planner is. */
  timeZone: string;
}

/** Newest first, `limit` of them after the cursor; every filter uses an index led by the plan. */
export function listChanges(db: Executor, districtId: string, planId: string, f: ChangeFilters): Promise<ChangeRow[]> {
  const query = db('plan_changes')
    .select(columns)
    .where({ district_id: districtId, plan_id: planId })
    // A role's decisions and events have a record of their own on the role; they are kept here to restore it.
    .whereNotIn('item_table', ['role_reviews', 'role_events']);
  if (f.actor) query.where('actor_id', f.actor);
  if (f.stage) query.where('stage_key', f.stage);
  if (f.kind) query.where('item_kind', f.kind);
  if (f.item) query.where('item_id', f.item);
  if (f.from) query.where('created_at', '>=', db.raw(`?::date::timestamp at time zone ?`, [f.from, f.timeZone]));
  if (f.to) query.where('created_at', '<', db.raw(`(?::date + 1)::timestamp at time zone ?`, [f.to, f.timeZone]));
  if (f.before) query.where('id', '<', f.before);
  return query.orderBy('id', 'desc').limit(f.limit);
}

export function findChange(
  db: Executor,
  districtId: string,
  planId: string,
  id: string,
): Promise<ChangeRow | undefined> {
  return db('plan_changes').select(columns).where({ district_id: districtId, plan_id: planId, id }).first();
}

/** The rows removed in one transaction: an item and what went with it. */
export function listRemovedTogether(db: Executor, planId: string, txid: string): Promise<ChangeRow[]> {
  return db('plan_changes').select(columns).where({ plan_id: planId, txid, operation: 'delete' }).orderBy('id');
}

/** The rows of one table changed in one transaction: what a removal changed besides what it removed. */
export function listUpdatedTogether(db: Executor, planId: string, txid: string, table: string): Promise<ChangeRow[]> {
  return db('plan_changes')
    .select(columns)
    .where({ plan_id: planId, txid, operation: 'update', item_table: table })
    .orderBy('id');
}

/** Each of these rows as it was when last removed, for those the history saw removed. */
export function listLastRemovals(
  db: Executor,
  districtId: string,
  planId: string,
  items: readonly { table: string; id: string }[],
): Promise<Pick<ChangeRow, 'item_table' | 'item_id' | 'before'>[]> {
  return db('plan_changes')
    .distinctOn(['item_table', 'item_id'])
    .select('item_table', 'item_id', 'before')
    .where({ district_id: districtId, plan_id: planId, operation: 'delete' })
    .whereIn(
      ['item_table', 'item_id'],
      items.map((item) => [item.table, item.id]),
    )
    .orderBy([{ column: 'item_table' }, { column: 'item_id' }, { column: 'id', order: 'desc' }]);
}

/** How many changes the plan's history holds: it only grows while the plan exists (append-only). */
export async function countChangesOf(db: Executor, districtId: string, planId: string): Promise<number> {
  const row = (await db('plan_changes')
    .count('* as n')
    .where({ district_id: districtId, plan_id: planId })
    .first()) as {
    n: string | number;
  };
  return Number(row.n);
}

/**
 * When the plan was last archived (its status changed to archived, or it was made so), as its history says;
 * undefined when the history does not say (a plan archived with recording off, as the demo seeds them).
 */
export async function lastArchivedAt(db: Executor, districtId: string, planId: string): Promise<Date | undefined> {
  const row = (await db('plan_changes')
    .select('created_at')
    .where({ district_id: districtId, plan_id: planId, item_table: 'plans', item_id: planId })
    .whereRaw(`after->>'status' = 'archived'`)
    .whereRaw(`(before is null or before->>'status' is distinct from 'archived')`)
    .orderBy('id', 'desc')
    .first()) as { created_at: Date } | undefined;
  return row?.created_at;
}

/** A plan's history goes with the plan (allowed only with recording off, see withoutHistory). */
export async function deleteHistoryOf(db: Executor, districtId: string, planId: string): Promise<void> {
  await db('plan_changes').where({ district_id: districtId, plan_id: planId }).delete();
}

/** Puts removed rows back as they were, parents first; the trigger records each as a new change. */
export async function reinsert(db: Executor, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  // json columns go back as JSON text, whatever they hold (an empty list too); other lists are Postgres
  // arrays (text[]), which node-pg writes from a JavaScript array.
  const jsonColumns = new Set<string>(
    await db('information_schema.columns')
      .where({ table_schema: db.raw('current_schema()'), table_name: table })
      .whereIn('data_type', ['json', 'jsonb'])
      .pluck('column_name'),
  );
  const encoded = rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([column, value]) => [
        column,
        value !== null && jsonColumns.has(column) ? JSON.stringify(value) : value,
      ]),
    ),
  );
  await db(table).insert(encoded);
}
