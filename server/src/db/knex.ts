import { mkdirSync } from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import type { Logger } from 'pino';
import { preparedStatementsConfig, ScopedPgClient } from './scoped-pg-client';

// Postgres `date` columns come back as 'YYYY-MM-DD' strings rather than midnight in the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export type Db = Knex;
/** What repos take as their first argument: the pool or a transaction. */
export type Executor = Knex | Knex.Transaction;

export interface DatabaseOptions {
  /** A postgres:// URL; when absent the embedded Postgres is used. */
  databaseUrl?: string | undefined;
  /**
   * Whether queries marked `preparedStatement` run as prepared statements (by default they do); off behind a
   * pooler in transaction mode that cannot keep them.
   */
  preparedStatements?: boolean;
  /** Folder of the embedded Postgres; `undefined` keeps it in memory (tests). */
  dataDir?: string | undefined;
  /** Where knex's own warnings go (a connection that fails, say), as JSON log lines rather than console output. */
  logger?: Pick<Logger, 'warn' | 'error' | 'debug'>;
}

function knexLog(logger: DatabaseOptions['logger']): Knex.Config['log'] {
  if (!logger) return undefined;
  return {
    warn: (message: unknown) => logger.warn({ knex: message }, 'Database warning'),
    // A pooled connection the database dropped: the query that meets the outage reports it, once
    // (db/availability.ts), rather than a line per connection.
    error: (message: unknown) =>
      typeof message === 'string' && message.startsWith('Connection Error')
        ? logger.debug({ knex: message }, 'Database connection dropped')
        : logger.error({ knex: message }, 'Database error'),
    deprecate: (method: string, alternative: string) =>
      logger.warn(`knex: ${method} is deprecated, use ${alternative}`),
    debug: (message: unknown) => logger.debug({ knex: message }, 'Database debug'),
  };
}

/**
 * After how long without being kept fresh a process's hold on the embedded database's folder is dropped. Kept
 * fresh from the event loop, which the embedded Postgres's start can hold for seconds on a busy machine (10 s
 * was overrun in a test run on two loaded cores).
 */
const staleLockMs = 30_000;

/** The embedded database's folder is open in another process: a second server, or a command while one runs. */
export class DatabaseInUse extends Error {
  constructor(folder: string) {
    super(
      `The embedded database in ${folder} is open in another planner process (a server, or a command such as ` +
        'create-district). Stop that process first, or set DATA_DIR to another folder. (A process that ended ' +
        `without closing it frees it within ${staleLockMs / 1000} seconds.)`,
    );
    this.name = 'DatabaseInUse';
  }
}

/**
 * Holds the embedded database's folder for this process, until `release`. Two processes on one folder would
 * each run a Postgres of its own on the same files, each seeing only its own changes: what one of them saved
 * would be lost. The lock is a folder beside it whose time is kept fresh every few seconds: it goes when the
 * database is closed or the process exits, and one left by a process killed outright is taken over once stale.
 */
function holdFolder(folder: string, logger: DatabaseOptions['logger']): () => void {
  try {
    return lockfile.lockSync(folder, {
      stale: staleLockMs,
      // Another process took the folder (this one froze past the stale time: a machine asleep), or the lock was
      // removed: stop rather than write the files alongside it.
      onCompromised: (err) => {
        logger?.error({ err }, 'Another process took the embedded database: stopping');
        throw err;
      },
    });
  } catch (err) {
    if ((err as { code?: string }).code === 'ELOCKED') throw new DatabaseInUse(path.dirname(folder));
    throw err;
  }
}

export function openDatabase(options: DatabaseOptions): Db {
  if (options.databaseUrl) {
    return knex({
      // knex's pg client, whose transactions can set the district as they begin (db/district-scope.ts).
      client: ScopedPgClient,
      connection: options.databaseUrl,
      pool: { min: 0, max: 10 },
      log: knexLog(options.logger),
      ...preparedStatementsConfig(options.preparedStatements ?? true),
    });
  }
  let filename: string | undefined;
  let release: () => void = () => undefined;
  if (options.dataDir) {
    filename = path.resolve(options.dataDir, 'pglite');
    mkdirSync(filename, { recursive: true });
    release = holdFolder(filename, options.logger);
  }
  // knex's own types do not know the PGlite dialect's connection: a folder, or nothing for memory.
  const connection = (filename ? { filename } : {}) as Knex.StaticConnectionConfig;
  const db = knex({ client: ClientPgLite, dialect: 'postgres', connection, log: knexLog(options.logger) });
  // The folder is free again once the database is closed (knex's destroy closes it through its client's).
  const client = db.client as { destroy: (callback?: unknown) => Promise<void> };
  const destroyClient = client.destroy.bind(client);
  client.destroy = (callback) => destroyClient(callback).finally(release);
  return db;
}

export function isEmbedded(db: Db): boolean {
  return db.client.config.client === ClientPgLite;
}
