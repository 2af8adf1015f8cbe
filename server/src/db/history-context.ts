import type { Knex } from 'knex';
import type { Executor } from './knex';

/**
 * What the history trigger (migration 008) reads from the transaction: who is making the change, and
 * whether changes are recorded at all. Both are `set local`: they end with the transaction.
 */
export async function setActor(trx: Knex.Transaction, actorId: string): Promise<void> {
  await trx.raw(`select set_config('planner.actor_id', ?, true)`, [actorId]);
}

/** Runs `work` in a transaction whose changes are recorded as this person's (a removal names no one else). */
export function asActor<T>(db: Executor, actorId: string, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (trx) => {
    await setActor(trx, actorId);
    return work(trx);
  });
}

/**
 * Changes in this transaction are not recorded one by one: a new plan's hundreds of template rows, a
 * copy, or a whole plan going with its history.
 */
export async function withoutHistory(trx: Knex.Transaction): Promise<void> {
  await trx.raw(`select set_config('planner.recording', 'off', true)`);
}
