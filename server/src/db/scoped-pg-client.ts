import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import ClientPg from 'knex/lib/dialects/postgres';
import PgTransaction from 'knex/lib/dialects/postgres/execution/pg-transaction';

/** Where a transaction's config carries the settings its `BEGIN` sets (see `inDistrict`). */
export const beginSettings = 'beginSettings';

/** Names and values `BEGIN` sets for the transaction alone: only these, which the code names itself. */
export interface BeginSettings {
  role: string;
  'planner.district_id': string;
  /** A check that runs first, in the same round trip: the transaction goes on only if it holds. */
  check?: BeginCheck;
}

/**
 * A statement run as a transaction begins, before its settings: it must give one row whose `fingerprint`
 * is `expected`, or the transaction ends there with `CheckFailed` (a session reused from memory, say,
 * confirmed unchanged in the round trip that begins the request's work: `http/session-store.ts`).
 */
export interface BeginCheck {
  /** One simple-protocol statement, with any values already inlined and checked by its maker. */
  sql: string;
  expected: string;
}

/** What a transaction rejects with when its `BeginCheck` did not hold: nothing ran in it. */
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

/**
 * A transaction that sets the row-level security settings in the round trip that begins it: `BEGIN` and
 * the `set_config` calls go as one simple-protocol message (Postgres runs them in order), rather than
 * two round trips for every signed-in request. The values are inlined, so each is checked to be what
 * it must be (a role name, a district's uuid) before it is written into the statement.
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
    const districtId = settings['planner.district_id'];
    if (!roleName.test(settings.role) || !uuid.test(districtId)) {
      return Promise.reject(new Error('A transaction scope needs a role name and a district uuid'));
    }
    const mode = [this.isolationLevel ? `isolation level ${this.isolationLevel}` : '', this.readOnly ? 'read only' : '']
      .join(' ')
      .trim();
    const { check } = settings;
    // The check runs before the role is set: as the owner, on the transaction's snapshot.
    const sql =
      `begin transaction ${mode}; ` +
      (check ? `${check.sql}; ` : '') +
      `select set_config('role', '${settings.role}', true), set_config('planner.district_id', '${districtId}', true);`;
    return this.trxClient
      .query(conn, sql)
      .then((answer: unknown) => {
        // One result per statement of the message: begin, the check, the settings.
        const results = (answer as { response: { rows: { fingerprint?: unknown }[] }[] }).response;
        if (check && !checkHolds(check, results[1]!.rows)) throw new CheckFailed();
      })
      .catch(async (err: unknown) => {
        // The BEGIN may have gone through before a setting or the check failed: end that transaction here,
        // or the connection would go back to the pool inside it (knex runs no ROLLBACK for a failed BEGIN).
        await this.trxClient.query(conn, 'rollback').catch((rollbackError: unknown) => {
          (conn as { __knex__disposed?: unknown }).__knex__disposed = rollbackError;
        });
        throw err;
      });
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

interface CompiledQuery {
  sql: string;
  options?: { prepared?: boolean; name?: string };
}

/**
 * knex's Postgres client, with transactions that can set their scope as they begin and queries that
 * can run as prepared statements.
 */
export class ScopedPgClient extends ClientPg {
  override transaction(container: unknown, config: unknown, outerTx: unknown): Knex.Transaction {
    return new ScopedPgTransaction(this, container, config, outerTx) as unknown as Knex.Transaction;
  }

  override _query(connection: object, obj: CompiledQuery): Promise<unknown> {
    if (obj.options?.prepared) {
      const { prepared: _flag, ...options } = obj.options;
      // A transaction's client is made from the prototype with the pool's config (knex's makeTxClient).
      if ((this.config as { preparedStatements?: boolean }).preparedStatements === false) {
        return super._query(connection, { ...obj, options });
      }
      // A statement's name is its text's hash: one text, one name, whatever the code that built it.
      const name = `planner_${createHash('sha1').update(obj.sql).digest('base64url')}`;
      let names = preparedOn.get(connection);
      if (!names) preparedOn.set(connection, (names = new Set()));
      if (names.has(name) || names.size < preparedPerConnection) {
        names.add(name);
        return super._query(connection, { ...obj, options: { ...options, name } });
      }
      return super._query(connection, { ...obj, options });
    }
    return super._query(connection, obj);
  }
}
