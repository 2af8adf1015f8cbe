import type { Knex } from 'knex';
import { appRole } from '../../../migrations/010_row_level_security';
import { isEmbedded, type Db } from './knex';
import { beginSettings, CheckFailed, checkHolds, type BeginCheck, type BeginSettings } from './scoped-pg-client';

export interface ScopeOptions {
  /** Reads only, on one snapshot (a GET): what it reads is of one moment, and it can change nothing. */
  readOnly?: boolean;
  /**
   * A write that reads on one snapshot too (repeatable read), for work that copies many rows by several
   * statements: a change committed while it runs is not half in what it read. A row it changes that another
   * transaction changed since its snapshot ends it with a serialization failure (503, try again).
   */
  oneSnapshot?: boolean;
  /**
   * With `readOnly`, for reads whose statements need not see one snapshot: each statement is a transaction of
   * its own, begun and committed in the statement's round trip, so that a read of one statement is one round
   * trip rather than two (its commit). The embedded database runs them in one transaction.
   */
  statementsApart?: boolean;
  /**
   * A write whose work does nothing outside its transaction before its first statement: its check goes with
   * that statement, in its round trip, rather than in one of its own before the work; a check that does not
   * hold rolls the transaction back, and what the statement did with it.
   */
  checkWithFirstStatement?: boolean;
  /**
   * Checked as the transaction begins. A write's check runs before `work`, which never runs when it does not
   * hold (`CheckFailed`). A read's goes in the round trip of its first query: when it does not hold, that
   * query and every later one reject with `CheckFailed`, and so does the transaction: `work` sees nothing.
   */
  check?: BeginCheck;
}

/**
 * Runs `work` in a transaction bound by row-level security to one district (migration 010): as the role
 * the policies hold, with the district set for this transaction only. Everything a signed-in request
 * does runs in one.
 */
export function inDistrict<T>(
  db: Db,
  districtId: string,
  work: (trx: Knex.Transaction) => Promise<T>,
  options: ScopeOptions = {},
): Promise<T> {
  const mode: Knex.TransactionConfig = options.readOnly
    ? { isolationLevel: 'repeatable read', readOnly: true }
    : options.oneSnapshot
      ? { isolationLevel: 'repeatable read' }
      : {};
  if (isEmbedded(db)) {
    return db.transaction(async (trx) => {
      const { check } = options;
      if (check && !checkHolds(check, ((await trx.raw(check.sql)) as { rows: { fingerprint?: unknown }[] }).rows)) {
        throw new CheckFailed();
      }
      check?.onHeld?.();
      await trx.raw(`select set_config('role', ?, true), set_config('planner.district_id', ?, true)`, [
        appRole,
        districtId,
      ]);
      return work(trx);
    }, mode);
  }
  // On Postgres, BEGIN and the settings go with the first query, in its round trip (db/scoped-pg-client.ts).
  const settings: BeginSettings = {
    role: appRole,
    'planner.district_id': districtId,
    check: options.check,
    // A write may act outside its transaction before its first query (a sign-out ends its session): its
    // check goes first, unless it declares it does not. A read acts on nothing.
    checkFirst: options.check !== undefined && !options.readOnly && !options.checkWithFirstStatement,
    apart: options.readOnly === true && options.statementsApart === true,
  };
  return db.transaction(work, { ...mode, [beginSettings]: settings } as Knex.TransactionConfig);
}
