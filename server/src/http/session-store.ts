import session from 'express-session';
import type { Db } from '../db/knex';

const pruneEveryMs = 15 * 60 * 1000;

/**
 * express-session store on our own knex connection, so sessions live in Postgres (shared by every
 * server process) and work the same on the embedded database; connect-pg-simple needs a pg Pool.
 */
export class KnexSessionStore extends session.Store {
  private lastPrune = 0;

  constructor(private readonly db: Db) {
    super();
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    this.db('sessions')
      .select('data')
      .where({ sid })
      .andWhere('expires_at', '>', new Date())
      .first()
      .then((row: { data: session.SessionData } | undefined) => callback(null, row ? row.data : null), callback);
  }

  override set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
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
    this.db('sessions')
      .where({ sid })
      .update({ expires_at: this.expiryOf(data), updated_at: new Date() })
      .then(
        () => callback?.(),
        () => callback?.(),
      );
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
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
