import type { Request } from 'express';
import session from 'express-session';
import type { Knex } from 'knex';
import type { Db, Executor } from '../db/knex';
import { preparedStatement, type BeginCheck } from '../db/scoped-pg-client';
import type { SignedInUser } from './auth';

const pruneEveryMs = 15 * 60 * 1000;
/** A rolling session's expiry is written at most once a minute per process, not on every request. */
const touchEveryMs = 60 * 1000;
/** However active, a session ends a week after sign-in (the idle timeout is the cookie's max age). */
export const sessionLifetimeMs = 7 * 24 * 60 * 60 * 1000;
/** How long, and how many, sessions a process keeps in memory to reuse (see `withReuse`). */
const keepMs = 10 * 60 * 1000;
const keepAtMost = 10_000;
/** express-session's ids (24 random bytes, base64url): only such an id is ever written into a statement. */
const sessionId = /^[A-Za-z0-9_-]{20,64}$/;

/** How to read a session's person along with it (the auth feature provides it; see app.ts). */
export interface SessionPerson {
  query(db: Executor): Knex.QueryBuilder;
  from(row: unknown): SignedInUser | null;
}

/**
 * What the store read with a request's session, beside it rather than in it: express-session hashes the
 * session to tell whether a request changed it (and then writes it back), so nothing read with it is put
 * in it. `person` is null when they are deactivated or gone; `check` is set when the session came from
 * memory: its fingerprint, which the request's transaction must confirm as it begins (`checkOf`).
 */
export interface ReadWithSession {
  person: SignedInUser | null;
  check?: string;
}

/** Where a session handed to express-session carries what was read with it (symbols: not copied into it). */
const personKey = Symbol('person');
const checkKey = Symbol('check');
type HandedSession = session.SessionData & { [personKey]?: SignedInUser | null; [checkKey]?: string };

/** A session as read with its person, and the fingerprint of both. */
interface ReadSession {
  data: session.SessionData;
  person: SignedInUser | null;
  fingerprint: string;
}

/** A session kept in memory: its data as stored (parsed afresh for each request, which changes it). */
interface KeptSession {
  data: string;
  person: SignedInUser;
  fingerprint: string;
  at: number;
}

/**
 * express-session store on our own knex connection, so sessions live in Postgres (shared by every
 * server process) and work the same on the embedded database; connect-pg-simple needs a pg Pool.
 *
 * With `reuse` (on Postgres), a signed-in person's session is kept in memory once read, and a request
 * of theirs for a signed-in route gets it without a round trip of its own, with its fingerprint
 * (`readWith(req).check`): the request's transaction then confirms, in the message that begins it, that the
 * session and its person are unchanged in the database (`checkOf`). A session ended, expired or changed
 * elsewhere, or a person renamed, deactivated or given another role, fails that check, and the request reads
 * them again (`reloadFresh`) and runs again; nothing the failed run did is kept or answered (decision 015).
 */
export class KnexSessionStore extends session.Store {
  private lastPrune = 0;
  private readonly touched = new Map<string, number>();
  private readonly kept = new Map<string, KeptSession>();
  private statement?: string;
  private readonly readWithRequest = new WeakMap<object, ReadWithSession>();
  /** True only while `withReuse` runs the session middleware. */
  private reuseNow = false;

  constructor(
    private readonly db: Db,
    private readonly person?: SessionPerson,
    private readonly reuse = false,
  ) {
    super();
  }

  /**
   * Runs express-session's middleware for a request that may be given a session kept in memory (one for a
   * signed-in route): the middleware asks the store for the session as it is called. A request not so run
   * (a public route: sign-in, the session check, a shared link) reads its session from the database, and
   * so would any request if the middleware ever asked later. (Not an AsyncLocalStorage: on Node 20 it hooks
   * every promise of the process, which cost more than the round trip it saves.)
   */
  withReuse(middleware: () => void): void {
    this.reuseNow = this.reuse;
    try {
      middleware();
    } finally {
      this.reuseNow = false;
    }
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    const kept = this.reuseNow ? this.keptSession(sid) : undefined;
    if (kept) {
      process.nextTick(callback, null, kept);
      return;
    }
    this.read(sid).then((read) => {
      if (!read) return callback(null, null);
      callback(null, this.person ? ({ ...read.data, [personKey]: read.person } as HandedSession) : read.data);
    }, callback);
  }

  /**
   * The statement that confirms, as a request's transaction begins, that the session it was given from
   * memory is still the one in the database, with the same person (`BeginCheck`).
   */
  checkOf(sid: string, fingerprint: string): BeginCheck {
    // Only ids of the one shape are kept (`keptSession`), so the id inlined here is letters, digits, - and _.
    if (!sessionId.test(sid)) throw new Error('A session id to check must be one of express-session’s');
    return {
      sql:
        `select session_fingerprint(sid) as fingerprint from sessions where sid = '${sid}' ` +
        `and expires_at > now() and created_at > now() - interval '${sessionLifetimeMs} milliseconds'`,
      expected: fingerprint,
    };
  }

  /**
   * Reads a request's session again from the database, when the one it was given from memory failed its
   * check: replaces `req.session` and answers true, or answers false when the session has ended.
   */
  async reloadFresh(req: Request): Promise<boolean> {
    const read = await this.read(req.sessionID);
    if (!read) return false;
    this.createSession(req, { ...read.data, [personKey]: read.person } as HandedSession);
    return true;
  }

  /** What was read with the request's session; undefined when nothing was (a store without `person`). */
  readWith(req: Request): ReadWithSession | undefined {
    return this.readWithRequest.get(req);
  }

  /** express-session makes each request's session here, from what `get` answered. */
  override createSession(req: Request, data: session.SessionData): session.Session & session.SessionData {
    const handed = data as HandedSession;
    const person = handed[personKey];
    if (person === undefined) this.readWithRequest.delete(req);
    else this.readWithRequest.set(req, { person, check: handed[checkKey] });
    return super.createSession(req, data);
  }

  /** A kept session as a request's fresh copy, marked to be checked; undefined when none is kept. */
  private keptSession(sid: string): session.SessionData | undefined {
    const kept = this.kept.get(sid);
    if (!kept) return undefined;
    if (Date.now() - kept.at > keepMs) {
      this.kept.delete(sid);
      return undefined;
    }
    const data = JSON.parse(kept.data) as session.SessionData;
    return { ...data, [personKey]: kept.person, [checkKey]: kept.fingerprint } as HandedSession;
  }

  /** The session and its person from the database (kept for reuse when the person may sign in). */
  private async read(sid: string): Promise<ReadSession | undefined> {
    const now = Date.now();
    const row = (await this.db
      .raw(this.readStatement(), [sid, new Date(now), new Date(now - sessionLifetimeMs)])
      // Every signed-in request reads its session, unless reused: prepared, it is planned once per connection.
      .options(preparedStatement)) as { rows: { data: session.SessionData; person?: unknown; fingerprint: string }[] };
    const found = row.rows[0];
    if (!found) {
      this.kept.delete(sid);
      return undefined;
    }
    const person = typeof found.person === 'string' ? (JSON.parse(found.person) as unknown) : found.person;
    const signedIn = this.person ? this.person.from(person) : null;
    if (this.reuse && signedIn && sessionId.test(sid)) {
      this.kept.delete(sid);
      if (this.kept.size >= keepAtMost) this.kept.delete(this.kept.keys().next().value!);
      this.kept.set(sid, {
        data: JSON.stringify(found.data),
        person: signedIn,
        fingerprint: found.fingerprint,
        at: now,
      });
    } else {
      this.kept.delete(sid);
    }
    return { data: found.data, person: signedIn, fingerprint: found.fingerprint };
  }

  /** The statement of `read`, with the session's fingerprint as `checkOf` has it (migration 020). */
  private readStatement(): string {
    if (this.statement) return this.statement;
    const personQuery = this.person?.query(this.db).toSQL();
    if (personQuery && personQuery.bindings.length > 0) throw new Error('A session’s person query takes no values');
    const person = personQuery ? `(select row_to_json(p) from (${personQuery.sql}) p)` : 'null::json';
    this.statement =
      `select data, ${person} as person, session_fingerprint(sid) as fingerprint from sessions ` +
      'where sid = ? and expires_at > ? and created_at > ?';
    return this.statement;
  }

  override set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    this.touched.set(sid, Date.now());
    this.kept.delete(sid);
    const row = {
      sid,
      data: JSON.stringify(data),
      expires_at: this.expiryOf(data),
      user_id: data.userId ?? null,
      updated_at: new Date(),
    };
    this.db('sessions')
      .insert(row)
      .onConflict('sid')
      .merge(['data', 'expires_at', 'user_id', 'updated_at'])
      .then(() => this.pruneNowAndThen())
      .then(
        () => callback?.(),
        (err: unknown) => callback?.(err),
      );
  }

  override touch(sid: string, data: session.SessionData, callback?: () => void): void {
    const now = Date.now();
    if (now - (this.touched.get(sid) ?? 0) < touchEveryMs) {
      callback?.();
      return;
    }
    if (this.touched.size > 10_000) this.touched.clear();
    this.touched.set(sid, now);
    this.db('sessions')
      .where({ sid })
      .update({ expires_at: this.expiryOf(data), updated_at: new Date() })
      .then(
        () => callback?.(),
        () => callback?.(),
      );
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.touched.delete(sid);
    this.kept.delete(sid);
    this.db('sessions')
      .where({ sid })
      .delete()
      .then(
        () => callback?.(),
        (err: unknown) => callback?.(err),
      );
  }

  private expiryOf(data: session.SessionData): Date {
    return data.cookie.expires ? new Date(data.cookie.expires) : new Date(Date.now() + 24 * 60 * 60 * 1000);
  }

  private async pruneNowAndThen(): Promise<void> {
    if (Date.now() - this.lastPrune < pruneEveryMs) return;
    this.lastPrune = Date.now();
    await this.db('sessions').where('expires_at', '<=', new Date()).delete();
  }
}

/** Ends every session of a person at once (deactivated, or their password changed), but the one kept. */
export async function endSessionsOf(db: Db, userId: string, except?: string): Promise<void> {
  const query = db('sessions').where({ user_id: userId });
  if (except) query.whereNot({ sid: except });
  await query.delete();
}
