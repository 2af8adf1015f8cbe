import { ConfigError, loadConfig } from './config';
import { DatabaseInUse, openDatabase } from './db/knex';
import { migrateToLatest } from './db/migrations';

/** `npm run migrate`: applies pending migrations to DATABASE_URL, or to the embedded database. */
async function run(): Promise<void> {
  const config = loadConfig();
  const db = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    preparedStatements: config.preparedStatements,
  });
  try {
    const applied = await migrateToLatest(db);
    console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'Already up to date');
  } finally {
    await db.destroy();
  }
}

run().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof DatabaseInUse ? err.message : err);
  process.exit(1);
});
