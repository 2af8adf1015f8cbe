import type { Knex } from 'knex';
import type { Executor } from '../../db/knex';
import { emailAttempts } from '../../mail/mailer';

/** The auth feature owns `password_resets` (sessions and sign-in counters belong to http/ and the limiter). */

export interface ResetRow {
  id: string;
  district_id: string;
  user_id: string;
  expires_at: Date;
}

/** Stores a link; answers its id. */
export async function insertReset(
  db: Executor,
  row: { district_id: string; user_id: string; token_hash: string; expires_at: Date; created_by: string | null },
): Promise<string> {
  const [inserted] = (await db('password_resets').insert(row).returning('id')) as { id: string }[];
  return inserted!.id;
}

/**
 * Hands a reset email back after it did not go, on the schedule of notifications' emails: refused by the
 * mail server, tried again after 2 then 4 minutes, then given up on; the mail server out of reach or asking
 * to come back later, tried again in 5 minutes, for as long as it takes.
 */
export async function retryEmailLater(db: Executor, id: string, refused: boolean): Promise<void> {
  await db('password_resets')
    .where({ id })
    .update({
      email_sending_at: null,
      email_attempts: refused ? db.raw('email_attempts + 1') : db.raw('email_attempts'),
      email_retry_at: refused
        ? db.raw(`now() + make_interval(mins => power(2, email_attempts + 1)::int)`)
        : db.raw(`now() + interval '5 minutes'`),
    });
}

/**
 * Claims one reset email waiting to be tried again (among those `narrow` keeps), giving its link the new
 * token `tokenHash` and a new hour: the token of the try that failed is kept by nobody, and the new one
 * lives only in the email about to go. Of several processes each claims a different one. A link spent
 * since (the password was set), or whose email was given up on, is not claimed.
 */
async function claimWaitingResetEmail(
  db: Executor,
  tokenHash: string,
  expiresAt: Date,
  narrow: (waiting: Knex.QueryBuilder) => Knex.QueryBuilder,
): Promise<ResetRow | undefined> {
  const [row] = (await db('password_resets')
    .whereIn(
      'id',
      narrow(
        db('password_resets')
          .select('id')
          .whereNotNull('email_retry_at')
          .where('email_attempts', '<', emailAttempts)
          .whereNull('used_at'),
      )
        .orderBy('email_retry_at')
        .limit(1)
        .forUpdate()
        .skipLocked(),
    )
    .update({ email_retry_at: null, email_sending_at: db.fn.now(), token_hash: tokenHash, expires_at: expiresAt })
    .returning(['id', 'district_id', 'user_id', 'expires_at'])) as ResetRow[];
  return row;
}

/** Claims one reset email whose time to be tried again has come (the emails job). */
export const claimDueResetEmail = (db: Executor, tokenHash: string, expiresAt: Date) =>
  claimWaitingResetEmail(db, tokenHash, expiresAt, (waiting) => waiting.where('email_retry_at', '<=', db.fn.now()));

/** Claims the person's reset email that waits to be tried again, before its time: they asked again. */
export const claimWaitingResetEmailOf = (db: Executor, userId: string, tokenHash: string, expiresAt: Date) =>
  claimWaitingResetEmail(db, tokenHash, expiresAt, (waiting) => waiting.where({ user_id: userId }));

/** The mail server took the email of `id`: it is no longer being sent. */
export async function resetEmailWent(db: Executor, id: string): Promise<void> {
  await db('password_resets').where({ id }).whereNotNull('email_sending_at').update({ email_sending_at: null });
}

/**
 * Whether one of the person's reset emails that waited is being tried again just now, or still waits (one
 * the emails job is claiming this very moment): asking again then is answered by that email, whose link is
 * the newest. A send that began more than a minute ago is over whatever happened (the mailer gives up
 * within 25 s).
 */
export async function resetEmailOnItsWay(db: Executor, userId: string): Promise<boolean> {
  const row = (await db('password_resets')
    .where({ user_id: userId })
    .whereNull('used_at')
    .whereNull('created_by')
    .where((going) =>
      going
        .where('email_sending_at', '>', db.raw(`now() - interval '1 minute'`))
        .orWhere((waiting) => waiting.whereNotNull('email_retry_at').where('email_attempts', '<', emailAttempts)),
    )
    .first('id')) as { id: string } | undefined;
  return row !== undefined;
}

const usable = (db: Executor, tokenHash: string) =>
  db('password_resets').where({ token_hash: tokenHash }).whereNull('used_at').where('expires_at', '>', db.fn.now());

export function findUsableReset(db: Executor, tokenHash: string): Promise<ResetRow | undefined> {
  return usable(db, tokenHash).select('id', 'district_id', 'user_id', 'expires_at').first();
}

/** Marks the link used if it still may be: of two uses at once, one gets the row. */
export async function spendReset(db: Executor, tokenHash: string): Promise<ResetRow | undefined> {
  const [row] = (await usable(db, tokenHash)
    .update({ used_at: db.fn.now() })
    .returning(['id', 'district_id', 'user_id', 'expires_at'])) as ResetRow[];
  return row;
}

/** Spends every open link of the person: their password was just set, or they were deactivated. */
export async function spendOpenResets(db: Executor, userId: string): Promise<void> {
  await db('password_resets').where({ user_id: userId }).whereNull('used_at').update({ used_at: db.fn.now() });
}

/**
 * `keep` was just handed out (shown to an admin, or mailed): the person's open links made before it are
 * spent, so that only the newest made works whichever email went first; a link made after it is never
 * spent by it (its own hand-out spends `keep`). With `selfAsked`, only the links the person asked for go:
 * a link an admin made survives strangers asking for the person's email. One waiting to be mailed again
 * goes too: its email is not sent. A `keep` spent meanwhile (the password was set, or a newer link handed
 * out since) spends nothing.
 */
export async function spendOlderResets(
  db: Executor,
  userId: string,
  keep: string,
  which: 'every' | 'selfAsked',
): Promise<void> {
  const kept = db('password_resets').where({ id: keep }).whereNull('used_at');
  const older = db('password_resets')
    .where({ user_id: userId })
    .whereNull('used_at')
    .where('made_order', '<', kept.clone().select('made_order'))
    .whereExists(kept);
  if (which === 'selfAsked') older.whereNull('created_by');
  await older.update({ used_at: db.fn.now() });
}

/** The links the person asked for lately, each an email (an admin's links are not mailed). */
export async function countRecentResets(db: Executor, userId: string, seconds: number): Promise<number> {
  const row = (await db('password_resets')
    .count('* as count')
    .where({ user_id: userId })
    .whereNull('created_by')
    .where('created_at', '>', db.raw(`now() - make_interval(secs => ?)`, [seconds]))
    .first()) as { count: string | number };
  return Number(row.count);
}
