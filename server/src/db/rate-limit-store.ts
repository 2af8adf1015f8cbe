import type { Db } from './knex';

/**
 * rate-limiter-flexible speaks node-postgres' `query({ text, values })`. This adapter sends its
 * statements through knex instead, so the counters live in Postgres on the embedded database too.
 */
export function knexQueryAdapter(db: Db) {
  return {
    async query({ text, values = [] }: { text: string; values?: unknown[] }) {
      const bindings: unknown[] = [];
      const sql = text.replace(/\$(\d+)/g, (_, n: string) => {
        bindings.push(values[Number(n) - 1]);
        return '?';
      });
      const result = (await db.raw(sql, bindings as never[])) as { rows: unknown[] };
      return { rows: result.rows, rowCount: result.rows.length };
    },
  };
}

/** The counters rate-limiter-flexible keeps (sign-ins, share-link openings): a row per key, kept after it expires. */
const counterTables = ['login_rate_limits', 'share_link_open_limits'] as const;

/** Deletes the counters whose window is over, so the tables hold only the last windows' keys. */
export async function pruneExpiredCounters(db: Db, now = Date.now()): Promise<number> {
  let deleted = 0;
  for (const table of counterTables) deleted += await db(table).where('expire', '<', now).delete();
  return deleted;
}
