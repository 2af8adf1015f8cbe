import { mkdirSync } from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import pg from 'pg';
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
  if (options.dataDir) {
    filename = path.resolve(options.dataDir, 'pglite');
    mkdirSync(filename, { recursive: true });
  }
  // knex's own types do not know the PGlite dialect's connection: a folder, or nothing for memory.
  const connection = (filename ? { filename } : {}) as Knex.StaticConnectionConfig;
  return knex({ client: ClientPgLite, dialect: 'postgres', connection, log: knexLog(options.logger) });
}

export function isEmbedded(db: Db): boolean {
  return db.client.config.client === ClientPgLite;
}
