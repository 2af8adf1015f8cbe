import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import ClientPg from 'knex/lib/dialects/postgres';
import PgTransaction from 'knex/lib/dialects/postgres/execution/pg-transaction';
import pg from 'pg';

/** Where a transaction's config carries the settings its `BEGIN` sets (see `inDistrict`). */
export const beginSettings = 'beginSettings';

/** Names and values `BEGIN` sets for the transaction alone: only these, which the code names itself. */
export interface BeginSettings {
  role: string;
  'planner.district_id': string;
  /** A check that runs first, in the same round trip: the transaction goes on only if it holds. */
  check?: BeginCheck;
  /**
   * Begin, and run the check, in a round trip of their own before the work starts, rather than with its
   * first query: for work that may act outside its transaction before that query (a sign-out ends its
   * session), which must not act at all on a check that fails.
   */
  checkFirst?: boolean;
  /**
   * A read whose statements are each a transaction of their own: a statement sent with the begin ahead of it
   * takes the commit behind it, in the same message, and the next statement begins again (without the check,
   * which has held). A read of one statement is then one round trip.
   */
  apart?: boolean;
}

/**
 * A statement run as a transaction begins, before its settings: it must give one row whose `fingerprint`
 * is `expected`, or the transaction is refused with `CheckFailed` (a session reused from memory, say,
 * confirmed unchanged in the round trip that begins the request's work: `http/session-store.ts`).
 */
export interface BeginCheck {
  /**
   * One statement, taking no values (any are inlined, and checked, by its maker), whose first column is
   * the `fingerprint`.
   */
  sql: string;
  expected: string;
  /** Called once the check is known to have held: from then on, what the work answers may go out. */
  onHeld?: () => void;
}

/** What a transaction rejects with when its `BeginCheck` did not hold: nothing that ran in it is kept. */
export class CheckFailed extends Error {
  constructor() {
    super('The check run as the transaction began did not hold');
    this.name = 'CheckFailed';
  }
}

/** Whether a check's answer (the rows of its statement) holds. */
export function checkHolds(check: BeginCheck, rows: { fingerprint?: unknown }[]): boolean {
  return rows.length === 1 && rows[0]!.fingerprint === check.expected;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const roleName = /^[a-z_][a-z0-9_]*$/;

/** A scoped transaction whose `BEGIN` waits for its first query, to go to Postgres in the same message. */
interface PendingBegin {
  /** `begin transaction …`, with its isolation level and access mode. */
  begin: string;
  settings: BeginSettings;
}

/** The pooled connections (pg clients) whose transaction has begun in knex but not yet in Postgres. */
const pendingBegin = new WeakMap<object, PendingBegin>();
/**
 * The connections whose transaction did not begin as it must (its check did not hold, or a statement of its
 * begin failed), with why: nothing more runs in that transaction, and its end is a rollback.
 */
const refusedOn = new WeakMap<object, Error>();

/**
 * A transaction that begins, and sets the row-level security settings, in the round trip of its first
 * query: knex's `BEGIN` is held back (`pendingBegin`) until `ScopedPgClient._query` sends it, the check
 * and the settings ahead of that query, in one message (`PipelinedQuery`). A signed-in request's read
 * is then two round trips, its query and `COMMIT`, rather than three.
 */
class ScopedPgTransaction extends PgTransaction {
  private readonly settings: BeginSettings | undefined;

  constructor(client: unknown, container: unknown, config: unknown, outerTx: unknown) {
    super(client, container, config, outerTx);
    // Read before the transaction begins: knex starts it on a later tick.
    this.settings = (config as { [beginSettings]?: BeginSettings } | undefined)?.[beginSettings];
  }

  override begin(conn: unknown): Promise<unknown> {
    const { settings } = this;
    if (!settings) return super.begin(conn);
    if (!roleName.test(settings.role) || !uuid.test(settings['planner.district_id'])) {
      return Promise.reject(new Error('A transaction scope needs a role name and a district uuid'));
    }
    const mode = [this.isolationLevel ? `isolation level ${this.isolationLevel}` : '', this.readOnly ? 'read only' : '']
      .join(' ')
      .trim();
    const pending: PendingBegin = { begin: `begin transaction ${mode}`.trim(), settings };
    if (!settings.checkFirst) {
      pendingBegin.set(conn as object, pending);
      return Promise.resolve();
    }
    const { check } = settings;
    return this.trxClient
      .query(conn, beginMessage(pending))
      .then((answer: unknown) => {
        // One result per statement of the message: begin, the check, the settings.
        const results = (answer as { response: { rows: { fingerprint?: unknown }[] }[] }).response;
        if (check && !checkHolds(check, results[1]!.rows)) throw new CheckFailed();
        check?.onHeld?.();
      })
      .catch(async (err: unknown) => {
        // The BEGIN may have gone through before a setting or the check failed: end that transaction here,
        // or the connection would go back to the pool inside it (knex runs no ROLLBACK for a failed BEGIN).
        await rollBack((sql) => this.trxClient.query(conn, sql), conn as object);
        throw err;
      });
  }
}

/**
 * A scoped transaction's begin as one message of the simple protocol: begin, the check (run as the owner,
 * on the transaction's snapshot, before the role is set) and the settings, their values inlined (each was
 * checked to be what it must be: a role name, a district's uuid).
 */
function beginMessage({ begin, settings }: PendingBegin): string {
  return (
    `${begin}; ` +
    (settings.check ? `${settings.check.sql}; ` : '') +
    `select set_config('role', '${settings.role}', true), set_config('planner.district_id', '${settings['planner.district_id']}', true);`
  );
}

/** The statement that sets a scoped transaction's role and district, for this transaction only. */
const settingsStatement = `select set_config('role', $1, true), set_config('planner.district_id', $2, true)`;

/** pg's query, as far as `PipelinedQuery` works with it (pg's types leave out what a query is handed). */
interface PgQueryInternals {
  name?: string;
  text: string;
  values?: unknown[];
  callback?: (err: Error | null, result?: unknown) => void;
  prepare(connection: PgConnection): void;
  handleDataRow(msg: { fields: unknown[] }): void;
  handleCommandComplete(msg: unknown, connection: PgConnection): void;
  handleReadyForQuery(connection: PgConnection): void;
  handleError(err: Error, connection: PgConnection): void;
  _getRows(connection: PgConnection, rows: number | undefined): void;
  portal: string;
}
interface PgConnection {
  stream: { cork(): void; uncork(): void };
  /** The statements prepared on the connection, and those whose Parse is sent but not yet answered. */
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
  parse(query: { text: string; name?: string; types?: unknown[] }): void;
  bind(config: { portal: string; statement: string; values: string[] }): void;
  execute(config: { portal: string; rows?: number }): void;
  sync(): void;
}
const PgQuery = pg.Query as unknown as new (config: object) => PgQueryInternals;

/**
 * A query sent with the statements that begin its transaction ahead of it, in one message of the extended
 * protocol: begin, the check, the settings, then the query, the statements behind it (a commit) and one
 * Sync. Postgres runs them in order; after an error it skips the rest, so the query never runs outside its
 * scope, and a failed query is not followed by the commit (its transaction stays open, aborted, for the
 * rollback). The statements ahead give no rows to the query's result: their answers are counted off until
 * the query's own begin, and those behind are passed over. The query's name is hidden from pg meanwhile,
 * so that only the query's own ParseComplete marks it prepared.
 */
class PipelinedQuery extends PgQuery {
  /** Statements ahead whose answer (CommandComplete) has not come yet. */
  private ahead: number;
  /** The rows the check answered. */
  private readonly checkRows: unknown[][] = [];
  /** The query's prepared statement's name, if it has one (hidden from pg while statements ahead run). */
  private readonly statementName: string | undefined;
  private submitted = false;
  /** Whether the query's own CommandComplete came: what completes after it is a statement behind. */
  private completed = false;

  constructor(
    config: object,
    private readonly statementsAhead: { text: string; values: string[] }[],
    /** Which statement ahead is the check, what it must answer, and whom to tell when it has held. */
    private readonly check: { index: number; expected: string; onHeld?: () => void } | undefined,
    private readonly connection: object,
    /** Statements, taking no values, sent after the query and before the Sync. */
    private readonly statementsBehind: string[] = [],
  ) {
    super(config);
    this.ahead = statementsAhead.length;
    const name = (this.statementName = this.name);
    Object.defineProperty(this, 'name', {
      get: () => (this.submitted && this.ahead > 0 ? undefined : name),
      configurable: true,
    });
  }

  submit(connection: PgConnection): null {
    connection.stream.cork();
    try {
      for (const statement of this.statementsAhead) {
        connection.parse({ text: statement.text, name: '' });
        // Its values are strings, sent as they are.
        connection.bind({ portal: '', statement: '', values: statement.values });
        connection.execute({ portal: '' });
      }
      // The query's own Parse (unless prepared before), Bind, Describe, Execute and Sync.
      this.prepare(connection);
    } finally {
      connection.stream.uncork();
    }
    this.submitted = true;
    return null;
  }

  /** The query's Execute and Sync (pg's own), with the statements behind between them. */
  override _getRows(connection: PgConnection, rows: number | undefined): void {
    if (rows || this.statementsBehind.length === 0) return super._getRows(connection, rows);
    connection.execute({ portal: this.portal });
    for (const text of this.statementsBehind) {
      connection.parse({ text, name: '' });
      connection.bind({ portal: '', statement: '', values: [] });
      connection.execute({ portal: '' });
    }
    connection.sync();
  }

  override handleDataRow(msg: { fields: unknown[] }): void {
    if (this.ahead === 0) return super.handleDataRow(msg);
    if (this.check && this.statementsAhead.length - this.ahead === this.check.index) this.checkRows.push(msg.fields);
  }

  override handleCommandComplete(msg: unknown, connection: PgConnection): void {
    if (this.ahead > 0) {
      this.ahead -= 1;
    } else if (!this.completed) {
      this.completed = true;
      super.handleCommandComplete(msg, connection);
    }
  }

  override handleError(err: Error, connection: PgConnection): void {
    if (this.ahead > 0) {
      // A statement ahead failed: Postgres skipped the query, and the transaction may not have begun at all.
      refusedOn.set(this.connection, err);
      // It skipped the query's Parse too, which pg, seeing no name meanwhile, would take for prepared.
      const name = this.statementName;
      if (name && connection.parsedStatements[name] === undefined) delete connection.submittedNamedStatements[name];
    } else if (!this.checkHeld()) {
      // The query failed in a transaction that was not to run: the refusal is the answer, not the query's error.
      const refusal = new CheckFailed();
      refusedOn.set(this.connection, refusal);
      return super.handleError(refusal, connection);
    } else {
      this.check?.onHeld?.();
    }
    super.handleError(err, connection);
  }

  private checkHeld(): boolean {
    return !this.check || (this.checkRows.length === 1 && this.checkRows[0]![0] === this.check.expected);
  }

  override handleReadyForQuery(connection: PgConnection): void {
    if (!this.checkHeld()) {
      // The query ran, in a transaction that is rolled back: its answer is dropped, and all that follows.
      const refusal = new CheckFailed();
      refusedOn.set(this.connection, refusal);
      this.callback?.(refusal);
      return;
    }
    this.check?.onHeld?.();
    super.handleReadyForQuery(connection);
  }
}

/**
 * A query's options (`.options(preparedStatement)`) that run it as a prepared statement: Postgres plans it
 * once per connection rather than on every call. For the reads every page makes, whose planning costs
 * as much as their running (the plan load's statement takes about 3 ms to plan). The embedded database
 * ignores it.
 */
export const preparedStatement = { prepared: true } as const;

/** knex configuration that turns prepared statements on or off for a database (`openDatabase`). */
export const preparedStatementsConfig = (on: boolean) => ({ preparedStatements: on });

/** Prepared statements a pooled connection keeps at most: past it, statements run unprepared. */
const preparedPerConnection = 100;
/** The names of the statements each connection has prepared. */
const preparedOn = new WeakMap<object, Set<string>>();

/** Statement names by their text, kept for the texts the code sends again and again (at most `namesKept`). */
const statementNames = new Map<string, string>();
const namesKept = 1000;

/** A statement's name is its text's hash: one text, one name, whatever the code that built it. */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `planner_${createHash('sha1').update(sql).digest('base64url')}`;
    if (statementNames.size >= namesKept) statementNames.delete(statementNames.keys().next().value!);
    statementNames.set(sql, name);
  }
  return name;
}

interface CompiledQuery {
  sql: string;
  bindings?: unknown[];
  options?: { prepared?: boolean; name?: string };
  response?: unknown;
  __knexUid?: string;
  __knexTxId?: string;
}

/** What `_query` answers for a statement it did not need to send (the end of a transaction that never began). */
const nothingSent = (obj: CompiledQuery, command: string) => ({
  ...obj,
  response: { command, rowCount: null, rows: [], fields: [] },
});

/** Whether a statement ends the connection's transaction, and how: knex's own `COMMIT;` and `ROLLBACK`. */
function endOf(sql: string): 'commit' | 'rollback' | undefined {
  if (/^commit;?$/i.test(sql)) return 'commit';
  if (/^rollback;?$/i.test(sql)) return 'rollback';
  return undefined;
}

/** Ends a connection's transaction after a failure, or failing that, has the pool drop the connection. */
function rollBack(send: (sql: string) => Promise<unknown>, connection: object): Promise<void> {
  return send('rollback').then(
    () => undefined,
    (rollbackError: unknown) => {
      (connection as { __knex__disposed?: unknown }).__knex__disposed = rollbackError;
    },
  );
}

/**
 * knex's Postgres client, with transactions that set their scope in the round trip of their first query,
 * and queries that can run as prepared statements.
 */
export class ScopedPgClient extends ClientPg {
  override transaction(container: unknown, config: unknown, outerTx: unknown): Knex.Transaction {
    return new ScopedPgTransaction(this, container, config, outerTx) as unknown as Knex.Transaction;
  }

  override _query(connection: object, obj: CompiledQuery): Promise<unknown> {
    const pending = pendingBegin.get(connection);
    if (pending) {
      pendingBegin.delete(connection);
      return this.beginWith(connection, this.withStatementName(connection, obj), pending);
    }
    if (refusedOn.has(connection)) return this.afterRefusal(connection, obj);
    return this.send(connection, this.withStatementName(connection, obj));
  }

  /** A stream cannot carry statements ahead of it: a scoped transaction's begin goes before it, alone. */
  override _stream(connection: object, obj: CompiledQuery, stream: unknown, options: unknown): Promise<unknown> {
    const pending = pendingBegin.get(connection);
    if (pending) {
      pendingBegin.delete(connection);
      return this.beginAlone(connection, obj, pending).then(() => super._stream(connection, obj, stream, options));
    }
    const refusal = refusedOn.get(connection);
    if (refusal) return Promise.reject(refusal);
    return super._stream(connection, obj, stream, options);
  }

  /** The query as pg runs it: a prepared one gets its statement's name, or none past the connection's bound. */
  private withStatementName(connection: object, obj: CompiledQuery): CompiledQuery {
    if (!obj.options?.prepared) return obj;
    const { prepared: _flag, ...options } = obj.options;
    // A transaction's client is made from the prototype with the pool's config (knex's makeTxClient).
    if ((this.config as { preparedStatements?: boolean }).preparedStatements === false) return { ...obj, options };
    const name = statementName(obj.sql);
    let names = preparedOn.get(connection);
    if (!names) preparedOn.set(connection, (names = new Set()));
    if (names.has(name) || names.size < preparedPerConnection) {
      names.add(name);
      return { ...obj, options: { ...options, name } };
    }
    return { ...obj, options };
  }

  /**
   * Sends a query; its answer is refused if, meanwhile, its transaction was (a query queued behind the first).
   * The transaction's end, queued so too, ends the refusal with it.
   */
  private send(connection: object, obj: CompiledQuery): Promise<unknown> {
    const end = endOf(obj.sql);
    const refusal = () => {
      const reason = refusedOn.get(connection);
      if (reason && end) refusedOn.delete(connection);
      return reason;
    };
    return super._query(connection, obj).then(
      (answer) => {
        const reason = refusal();
        if (reason) throw reason;
        return answer;
      },
      (err: unknown) => {
        refusal();
        throw err;
      },
    );
  }

  /** knex gives the connection back to the pool: nothing of its transaction outlives it. */
  override releaseConnection(connection: object): Promise<unknown> {
    pendingBegin.delete(connection);
    refusedOn.delete(connection);
    return super.releaseConnection(connection);
  }

  /** The first statement of a scoped transaction, sent with its begin. */
  private beginWith(connection: object, obj: CompiledQuery, pending: PendingBegin): Promise<unknown> {
    const { begin, settings } = pending;
    const { check } = settings;
    const end = endOf(obj.sql);
    if (end === 'rollback') return Promise.resolve(nothingSent(obj, 'ROLLBACK'));
    if (end === 'commit') {
      if (!check) return Promise.resolve(nothingSent(obj, 'COMMIT'));
      // Work that read nothing still stands only if the session holds. The message goes in place of the commit.
      const sql = `${begin}; ${check.sql}; commit`;
      this.emit('query', { sql, sentWith: obj.sql, __knexUid: obj.__knexUid, __knexTxId: obj.__knexTxId });
      return super._query(connection, { sql }).then(
        (answer) => {
          const results = (answer as { response: { rows: { fingerprint?: unknown }[] }[] }).response;
          if (!checkHolds(check, results[1]!.rows)) throw new CheckFailed();
          check.onHeld?.();
          return { ...obj, response: results[2] };
        },
        async (err: unknown) => {
          // A check that failed with an error left the transaction open and aborted: end it here.
          await rollBack((rollback) => super._query(connection, { sql: rollback }), connection);
          throw err;
        },
      );
    }
    const values = obj.bindings ?? [];
    if (values.length === 0 && !obj.options?.name) {
      // Without values pg sends a statement by the simple protocol, which may hold several: begin first, alone.
      return this.beginAlone(connection, obj, pending).then(() => this.send(connection, obj));
    }
    const ahead = [
      { text: begin, values: [] as string[] },
      ...(check ? [{ text: check.sql, values: [] as string[] }] : []),
      { text: settingsStatement, values: [settings.role, settings['planner.district_id']] },
    ];
    // In the query log as what it is: statements sent with the query that follows, in its round trip.
    this.emit('query', {
      sql: ahead.map((statement) => statement.text).join('; '),
      bindings: ahead.flatMap((statement) => statement.values),
      sentWith: obj.sql,
      __knexUid: obj.__knexUid,
      __knexTxId: obj.__knexTxId,
    });
    return new Promise((resolve, reject) => {
      const query = new PipelinedQuery(
        {
          text: obj.sql,
          values,
          ...obj.options,
          callback: (err: Error | null, response?: unknown) => {
            if (err) {
              reject(err);
              return;
            }
            // Committed with the query: the next statement begins again, before knex can send it.
            if (settings.apart) pendingBegin.set(connection, { begin, settings: { ...settings, check: undefined } });
            resolve({ ...obj, response });
          },
        },
        ahead,
        check && { index: 1, expected: check.expected, onHeld: check.onHeld },
        connection,
        settings.apart ? ['commit'] : [],
      );
      (connection as pg.Client).query(query as unknown as pg.Submittable);
    });
  }

  /** Begins a scoped transaction in a message of its own, ahead of a statement that cannot carry it. */
  private beginAlone(connection: object, obj: CompiledQuery, pending: PendingBegin): Promise<void> {
    const { check } = pending.settings;
    const sql = beginMessage(pending);
    this.emit('query', { sql, __knexUid: obj.__knexUid, __knexTxId: obj.__knexTxId });
    return super._query(connection, { sql }).then(
      (answer) => {
        // One result per statement of the message: begin, the check, the settings.
        const results = (answer as { response: { rows: { fingerprint?: unknown }[] }[] }).response;
        if (check && !checkHolds(check, results[1]!.rows)) {
          const refusal = new CheckFailed();
          refusedOn.set(connection, refusal);
          throw refusal;
        }
        check?.onHeld?.();
      },
      (err: Error) => {
        refusedOn.set(connection, err);
        throw err;
      },
    );
  }

  /**
   * A statement on a connection whose transaction did not begin as it must: it runs nothing more. Its end,
   * commit or rollback, is a rollback that rejects with the reason, so that the transaction does too (work
   * that turned the refusal into an error of its own is still refused as what it is).
   */
  private afterRefusal(connection: object, obj: CompiledQuery): Promise<unknown> {
    const refusal = refusedOn.get(connection)!;
    if (!endOf(obj.sql)) return Promise.reject(refusal);
    refusedOn.delete(connection);
    return this.send(connection, { sql: 'rollback' }).then(() => {
      throw refusal;
    });
  }
}
