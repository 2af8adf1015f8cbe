import type { Executor } from './knex';

/** Postgres through node-pg and through PGlite hand back dates differently; presenters use these. */
export function toIsoDate(value: Date | string | null): string | null {
  if (value === null) return null;
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/** A timestamp as JSON from Postgres in UTC: `2026-11-28T09:59:29.123456+00:00` (fraction optional). */
const utcJsonTimestamp = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00(?::00)?$/;

export function toIsoDateTime(value: Date | string): string {
  // Whole plans carry hundreds of timestamps as JSON text; rewriting the UTC ones is far cheaper than
  // parsing each into a Date (the same result: milliseconds, truncated, and "Z").
  if (typeof value === 'string') {
    const utc = utcJsonTimestamp.exec(value);
    if (utc) return `${utc[1]}.${(utc[2] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
  }
  return new Date(value).toISOString();
}

/**
 * SQL for a timestamp column written as `toIsoDateTime` writes it (UTC, milliseconds truncated, "Z"), for
 * JSON that Postgres builds itself. `column` is SQL the caller writes, never input.
 */
export const isoDateTimeSql = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * SQL for a date moved by whole years (the one binding), as a plan copied into another school year moves its
 * dates: the same month and day, Feb 29 becoming Feb 28 in a year without one. `date` is SQL the caller
 * writes, never input.
 */
export const yearsLaterSql = (date: string) => `(${date} + make_interval(years => ?))::date`;

/** A date (YYYY-MM-DD) `years` later as yearsLaterSql moves it, for a row being written; no date stays none. */
export const yearsLater = (db: Executor, date: string | null, years: number) =>
  date === null ? null : db.raw(yearsLaterSql('?::date'), [date, years]);
