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
      } finally {
        await db.client.releaseConnection(connection);
      }
    },
  };
}
