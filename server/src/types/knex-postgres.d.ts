/** knex's own Postgres client and transaction classes, which db/scoped-pg-client.ts extends; knex types only its facade. */
declare module 'knex/lib/dialects/postgres' {
  import type { Knex } from 'knex';
  const ClientPg: typeof Knex.Client;
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
