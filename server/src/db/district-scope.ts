import type { Knex } from 'knex';
import { appRole } from '../../../migrations/010_row_level_security';
import type { Db } from './knex';

export interface ScopeOptions {
  /** Reads only, on one snapshot (a GET): what it reads is of one moment, and it can change nothing. */
  readOnly?: boolean;
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
  return db.transaction(
    async (trx) => {
      await trx.raw(`select set_config('role', ?, true), set_config('planner.district_id', ?, true)`, [
        appRole,
        districtId,
      ]);
      return work(trx);
    },
    options.readOnly ? { isolationLevel: 'repeatable read', readOnly: true } : undefined,
  );
}
