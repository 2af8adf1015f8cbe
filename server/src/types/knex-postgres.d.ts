/** knex's own Postgres client and transaction classes, which db/scoped-pg-client.ts extends; knex types only its facade. */
declare module 'knex/lib/dialects/postgres' {
  import { Knex } from 'knex';
  class ClientPg extends Knex.Client {
    /** Runs a compiled query on a pooled connection: pg's `query` with the query's text, values and options. */
    _query(connection: object, obj: { sql: string; options?: object }): Promise<unknown>;
    /** Streams a compiled query's rows into `stream` (with pg-query-stream). */
    _stream(connection: object, obj: { sql: string }, stream: unknown, options: unknown): Promise<unknown>;
  }
  export = ClientPg;
}

declare module 'knex/lib/dialects/postgres/execution/pg-transaction' {
  class PgTransaction {
    constructor(client: unknown, container: unknown, config?: unknown, outerTx?: unknown);
    readonly isolationLevel?: string;
    readonly readOnly?: boolean;
    /** The client bound to the transaction's connection, set before `begin` is called. */
    readonly trxClient: { query(conn: unknown, sql: string): Promise<unknown> };
    begin(conn: unknown): Promise<unknown>;
    query(conn: unknown, sql: string): Promise<unknown>;
  }
  export = PgTransaction;
}
