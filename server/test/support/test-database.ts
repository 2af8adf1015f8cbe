import { Client } from 'pg';
import { openDatabase, type Db } from '../../src/db/knex';
import { migrateToLatest } from '../../src/db/migrations';

/**
 * Where the tests' database lives, in order: TEST_DATABASE_URL; else a throwaway database on the
 * local Postgres at 127.0.0.1:5432 (created by the global setup); else the embedded PGlite, one
 * in-memory database per test file.
 */
export const localServerUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrlOn(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function serverAnswers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function createDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

export const uniqueDatabaseName = (purpose: string) =>
  `planner_${purpose}_${Date.now().toString(36)}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;

/** The database for one test file, migrated. */
export async function openTestDatabase(): Promise<Db> {
  const url = process.env.TEST_DATABASE_URL;
  const db = openDatabase({ databaseUrl: url });
  // The global setup migrated a server database already; the in-memory one starts empty.
  if (!url) await migrateToLatest(db);
  return db;
}

/** A database of its own, empty and migrated (or not), for tests that need a fresh one (the demo seed, migrations). */
export async function openScratchDatabase(
  options: { migrate?: boolean } = {},
): Promise<{ db: Db; drop: () => Promise<void> }> {
  const migrate = options.migrate ?? true;
  const serverUrl = process.env.PLANNER_TEST_SERVER_URL;
  if (!serverUrl) {
    const db = openDatabase({});
    if (migrate) await migrateToLatest(db);
    return { db, drop: () => db.destroy() };
  }
  const name = uniqueDatabaseName('scratch');
  await createDatabase(serverUrl, name);
  const db = openDatabase({ databaseUrl: databaseUrlOn(serverUrl, name) });
  if (migrate) await migrateToLatest(db);
  return {
    db,
    drop: async () => {
      await db.destroy();
      await dropDatabase(serverUrl, name);
    },
  };
}

/** Until `count` statements of the test database wait on locks other transactions hold (then a test lets go). */
export async function untilOneWaitsOnALock(db: Db, count = 1): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    const waiting = (await db.raw(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    )) as { rows: { n: number }[] };
    if (waiting.rows[0]!.n >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('No statement came to wait on a lock');
}
