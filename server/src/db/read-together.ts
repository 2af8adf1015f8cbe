import type { Knex } from 'knex';
import type { Executor } from './knex';

/**
 * Several reads in one round trip: each query becomes one JSON array column of a single row, in its own
 * order (the rows of a sorted subquery reach json_agg in that order). Values come back as JSON has them:
 * timestamps as ISO strings, dates as 'YYYY-MM-DD', numerics as numbers; the presenters take both forms.
 */
export async function readTogether<K extends string>(
  db: Executor,
  queries: Record<K, Knex.QueryBuilder | Knex.Raw>,
): Promise<Record<K, Record<string, unknown>[]>> {
  const names = Object.keys(queries) as K[];
  const columns = names.map((name) =>
    db.raw(`(select coalesce(json_agg(t), '[]'::json) from (?) t) as ??`, [queries[name], name]),
  );
  const row = (await db.select(columns).first()) as Record<K, unknown>;
  return Object.fromEntries(
    // The embedded database may hand json back as text.
    names.map((name) => [name, typeof row[name] === 'string' ? JSON.parse(row[name] as string) : row[name]]),
  ) as Record<K, Record<string, unknown>[]>;
}
