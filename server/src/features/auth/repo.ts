import type { Executor } from '../../db/knex';

/** The auth feature owns `password_resets` (sessions and sign-in counters belong to http/ and the limiter). */

export interface ResetRow {
  id: string;
  district_id: string;
  user_id: string;
  expires_at: Date;
}

export async function insertReset(
  db: Executor,
  row: { district_id: string; user_id: string; token_hash: string; expires_at: Date; created_by: string | null },
): Promise<void> {
  await db('password_resets').insert(row);
}

const usable = (db: Executor, tokenHash: string) =>
  db('password_resets').where({ token_hash: tokenHash }).whereNull('used_at').where('expires_at', '>', db.fn.now());

export function findUsableReset(db: Executor, tokenHash: string): Promise<ResetRow | undefined> {
  return usable(db, tokenHash).select('id', 'district_id', 'user_id', 'expires_at').first();
}

/** Marks the link used if it still may be: of two uses at once, one gets the row. */
export async function spendReset(db: Executor, tokenHash: string): Promise<ResetRow | undefined> {
  const [row] = (await usable(db, tokenHash)
    .update({ used_at: db.fn.now() })
    .returning(['id', 'district_id', 'user_id', 'expires_at'])) as ResetRow[];
  return row;
}

/** A password just set makes the person's other open links worthless. */
export async function spendOtherResets(db: Executor, userId: string): Promise<void> {
  await db('password_resets').where({ user_id: userId }).whereNull('used_at').update({ used_at: db.fn.now() });
}

export async function countRecentResets(db: Executor, userId: string, seconds: number): Promise<number> {
  const row = (await db('password_resets')
    .count('* as count')
    .where({ user_id: userId })
    .where('created_at', '>', db.raw(`now() - make_interval(secs => ?)`, [seconds]))
    .first()) as { count: string | number };
  return Number(row.count);
}
