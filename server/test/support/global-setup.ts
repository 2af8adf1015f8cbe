import { openDatabase } from '../../src/db/knex';
import { migrateToLatest } from '../../src/db/migrations';
import { createDatabase, databaseUrlOn, localServerUrl, serverAnswers, uniqueDatabaseName } from './test-database';

/** Picks the tests' database (see test-database.ts) and migrates it; workers inherit the env set here. */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) {
    const db = openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL });
    await migrateToLatest(db);
    await db.destroy();
    console.log(`\nTests use TEST_DATABASE_URL.`);
    return;
  }
  if (await serverAnswers(localServerUrl)) {
    const name = uniqueDatabaseName('test');
    await createDatabase(localServerUrl, name);
    process.env.PLANNER_TEST_SERVER_URL = localServerUrl;
    process.env.PLANNER_TEST_DROP_DATABASE = name;
    process.env.TEST_DATABASE_URL = databaseUrlOn(localServerUrl, name);
    const db = openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL });
    await migrateToLatest(db);
    await db.destroy();
    console.log(`\nTests use the throwaway database ${name} on the Postgres at 127.0.0.1:5432.`);
    return;
  }
  console.log('\nNo Postgres server answers: tests use the embedded PGlite, one in-memory database per test file.');
}
