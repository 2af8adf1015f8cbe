import type { Executor } from '../db/knex';

/** A plan's revision (migration 019): the sum of its counters, which grows with every change to its document. */
export const planRevisionSql =
  'select coalesce(sum(revision), 0) as revision from plan_revisions where district_id = ? and plan_id = ?';

export const planRevisionQuery = (db: Executor, districtId: string, planId: string) =>
  db.raw(planRevisionSql, [districtId, planId]);
