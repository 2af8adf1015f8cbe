import session from 'express-session';
import type { Knex } from 'knex';
import type { Db, Executor } from '../db/knex';
import { preparedStatement } from '../db/scoped-pg-client';
import type { SignedInUser } from './auth';

const pruneEveryMs = 15 * 60 * 1000;
/** A rolling session's expiry is written at most once a minute per process, not on every request. */
const touchEveryMs = 60 * 1000;
/** However active, a session ends a week after sign-in (the idle timeout is the cookie's max age). */
export const sessionLifetimeMs = 7 * 24 * 60 * 60 * 1000;

/** How to read a session's person along with it (the auth feature provides it; see app.ts). */
export interface SessionPerson {
  query(db: Executor): Knex.QueryBuilder;
  from(row: unknown): SignedInUser | null;
}

/**
 * express-session store on our own knex connection, so sessions live in Postgres (shared by every
 * server process) and work the same on the embedded database; connect-pg-simple needs a pg Pool.
 */
export class KnexSessionStore extends session.Store {
  private lastPrune = 0;
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly person?: SessionPerson,
  ) {
    super();
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    const now = Date.now();
    const query = this.db('sessions')
      .select('data')
      .where({ sid })
      .andWhere('expires_at', '>', new Date(now))
      .andWhere('created_at', '>', new Date(now - sessionLifetimeMs));
    if (this.person)
      query.select(this.db.raw('(select row_to_json(p) from (?) p) as person', [this.person.query(this.db)]));
    // Every signed-in request reads its session: prepared, it is planned once per connection.
    query
      .options(preparedStatement)
      .first()
      .then((row: { data: session.SessionData; person?: unknown } | undefined) => {
        if (!row) return callback(null, null);
        const person = typeof row.person === 'string' ? (JSON.parse(row.person) as unknown) : row.person;
        callback(null, this.person ? { ...row.data, signedIn: this.person.from(person) } : row.data);
      }, callback);
  }

  override set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    const { signedIn: _read, ...stored } = data;
    this.touched.set(sid, Date.now());
    const row = {
      sid,
      data: JSON.stringify(stored),
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
