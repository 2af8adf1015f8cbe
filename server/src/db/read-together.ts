import type { Knex } from 'knex';
import type { Executor } from './knex';
import { preparedStatement } from './scoped-pg-client';

type Read = Knex.QueryBuilder | Knex.Raw;

/**
 * Several reads in one round trip: each query becomes one JSON array column of a single row, in its own
 * order (the rows of a sorted subquery reach json_agg in that order). Values come back as JSON has them:
 * timestamps as ISO strings, dates as 'YYYY-MM-DD', numerics as numbers; the presenters take both forms.
 * `documents` are queries of one JSON value that Postgres builds as the API answers it: they come back
 * as their JSON text, unparsed, for an answer to embed as it is. The statement is prepared, so its text
 * must not grow with the data (no `whereIn` of a list that does).
 */
export async function readTogether<K extends string, D extends string = never>(
  db: Executor,
  queries: Record<K, Read>,
  documents: Record<D, Knex.Raw> = {} as Record<D, Knex.Raw>,
): Promise<Record<K, Record<string, unknown>[]> & Record<D, string>> {
  const names = Object.keys(queries) as K[];
  const documentNames = Object.keys(documents) as D[];
  const columns = [
    ...names.map((name) =>
      db.raw(`(select coalesce(json_agg(t), '[]'::json) from (?) t) as ??`, [queries[name], name]),
    ),
    ...documentNames.map((name) => db.raw(`(?)::text as ??`, [documents[name], name])),
  ];
  // Prepared: the statement of a page's reads takes as long to plan as to run.
  const row = (await db.select(columns).options(preparedStatement).first()) as Record<K | D, unknown>;
  return Object.fromEntries([
    // The embedded database may hand json back as text.
    ...names.map((name) => [name, typeof row[name] === 'string' ? JSON.parse(row[name] as string) : row[name]]),
    ...documentNames.map((name) => [name, row[name]]),
  ]) as Record<K, Record<string, unknown>[]> & Record<D, string>;
}
