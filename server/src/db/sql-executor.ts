import { isEmbedded, type Db } from './knex';

/**
 * Plain SQL on the app's own connections, for libraries that bring their statements (pg-boss): numbered
 * parameters ($1) as the driver takes them, several statements in one text when there are none. It goes
 * through knex's pool, so on the embedded database it waits its turn for the single connection.
 */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

interface PgliteConnection {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  exec(text: string): Promise<{ rows: unknown[] }[]>;
}
interface PgConnection {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] } | { rows: unknown[] }[]>;
}

export function sqlExecutor(db: Db): SqlExecutor {
  const embedded = isEmbedded(db);
  return {
    async executeSql(text, values = []) {
      const connection = (await db.client.acquireConnection()) as PgliteConnection & PgConnection;
      try {
        if (embedded) {
          if (values.length > 0) return await connection.query(text, values);
          const results = await connection.exec(text);
          return results.at(-1) ?? { rows: [] };
        }
        const result = values.length > 0 ? await connection.query(text, values) : await connection.query(text);
        return Array.isArray(result) ? (result.at(-1) ?? { rows: [] }) : result;
      } catch (err) {
        await endTransaction(connection, embedded);
        throw err;
      } finally {
        await db.client.releaseConnection(connection);
      }
    },
  };
}

/**
 * pg-boss sends `BEGIN; …; COMMIT` as one text: a statement that fails in it (a race it expects, as two
 * processes install its schema) leaves the connection in an aborted transaction, which would refuse every
 * later request given that connection. Its end is rolled back here (outside a transaction ROLLBACK only
 * warns), or failing that the connection is dropped by the pool, as pg's own pool drops a client whose query
 * failed. Always: pg reports the error before the message that says whether a transaction is open.
 */
async function endTransaction(connection: PgliteConnection & PgConnection, embedded: boolean): Promise<void> {
  try {
    if (embedded) await connection.exec('rollback');
    else await connection.query('rollback');
  } catch (rollbackError) {
    (connection as { __knex__disposed?: unknown }).__knex__disposed = rollbackError;
  }
}
