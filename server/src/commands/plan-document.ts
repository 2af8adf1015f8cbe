import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Db, Executor } from '../db/knex';
import { inDistrict } from '../db/district-scope';
import type { BuiltDocument } from '../http/routes';
import { preparedStatement } from '../db/scoped-pg-client';
import { readPlanJson } from './load-plan';
import { planRevisionQuery, planRevisionSql } from './plan-revision';

/**
 * The code that builds plan documents, named: the server's bundle when it runs built (every process of
 * one build agrees, a new build outdates what the last one kept), else this process alone (the sources
 * may have changed since another process kept a document).
 */
export const documentFormat = __filename.endsWith('.js')
  ? createHash('sha1').update(readFileSync(__filename)).digest('hex')
  : `process ${randomUUID()}`;

/**
 * The whole plan document as JSON text: as Postgres keeps it when it is fresh, in one read of one row;
 * else built (load-plan.ts) and handed to `keep`, to be stored apart from this request's transaction (a
 * read).
 */
export async function planDocumentJson(
  db: Executor,
  districtId: string,
  planId: string,
  keep: (built: BuiltDocument) => void,
): Promise<string> {
  const kept = (await db('plan_documents')
    .first('body')
    .where({ district_id: districtId, plan_id: planId, format: documentFormat })
    .whereRaw('built_revision = (?)', [planRevisionQuery(db, districtId, planId)])
    .options(preparedStatement)) as { body: string } | undefined;
  if (kept) return kept.body;
  const built = await readPlanJson(db, districtId, planId);
  keep({ districtId, planId, ...built });
  return built.json;
}

/** Stores under way at most: past them a document is not kept (a later load builds and keeps it). */
const storesAtOnce = 2;

/**
 * Stores the documents plan loads built, each in a transaction of its own, and only while the plan is
 * still at the revision it was built at (else the next load builds it again). Writers of the plan never
 * wait for it, nor it for them: they count up other rows. At most one store per plan and revision, and
 * `storesAtOnce` in all, run at a time: a burst of loads after a deploy (each plan built again) takes few
 * of the pool's connections and holds few documents in memory.
 */
export class PlanDocumentKeeper {
  private readonly storing = new Map<string, Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  keep = (built: BuiltDocument): void => {
    const key = `${built.planId} ${built.revision}`;
    if (this.storing.has(key) || this.storing.size >= storesAtOnce) return;
    const { districtId, planId, revision, json } = built;
    const stored = inDistrict(this.db, districtId, (trx) =>
      trx.raw(
        `insert into plan_documents (plan_id, district_id, built_revision, format, body)
         select ?, ?, ?, ?, ? where (${planRevisionSql}) = ?
         on conflict (plan_id) do update
           set built_revision = excluded.built_revision, format = excluded.format, body = excluded.body`,
        [planId, districtId, revision, documentFormat, json, districtId, planId, revision],
      ),
    )
      .then(() => undefined)
      // Only the next load's speed depends on it.
      .catch((err: unknown) => this.logger.warn({ err, planId }, 'Keeping a plan document failed'))
      .finally(() => this.storing.delete(key));
    this.storing.set(key, stored);
  };

  /** Resolves once the stores under way have ended (for a shutdown, and for tests that count statements). */
  async settled(): Promise<void> {
    await Promise.all(this.storing.values());
  }
}
