import type { Delivery, NotificationKind } from '@planner/shared/notification';
import type { Executor } from '../../db/knex';
import { emailAttempts } from '../../mail/mailer';

/** The notifications feature owns `notifications`, `notification_settings` and `notification_digests`. */

export interface NotificationRow {
  id: string;
  district_id: string;
  user_id: string;
  kind: NotificationKind;
  plan_id: string | null;
  title: string;
  body: string;
  link: string;
  email: 'none' | 'now' | 'digest';
  /** Its identity (see Notice). */
  dedupe_key: string | null;
  read_at: Date | null;
  created_at: Date;
}

const columns = [
  'id',
  'district_id',
  'user_id',
  'kind',
  'plan_id',
  'title',
  'body',
  'link',
  'email',
  'dedupe_key',
  'read_at',
  'created_at',
];

/**
 * An email that went (the mail server took it, or it is on its way): when, and the kind of notification it told
 * of. A notification made in place of the one emailed may keep it (see Notice's `emailed`).
 */
export interface Emailed {
  at: Date;
  as: NotificationKind;
}

/** Inserts the notifications; one whose identity (dedupe key) a person already has is left out. */
export async function insertMany(
  db: Executor,
  rows: (Omit<NotificationRow, 'id' | 'read_at' | 'created_at'> & {
    comment_id: string | null;
    emailed_at: Date | null;
    emailed_as: NotificationKind | null;
  })[],
): Promise<NotificationRow[]> {
  if (rows.length === 0) return [];
  return (await db('notifications').insert(rows).onConflict().ignore().returning(columns)) as NotificationRow[];
}

/**
 * Says anew, in place, the recipients' unread notifications of this kind leading to `link`: the new words, as of
 * now. Each keeps its row, so an emails job at work on it (claimed, or handed back to retry) still finds it and
 * sends the new words; one whose email has not been claimed goes as each person chooses now (`emailOf`). Answers
 * whose were said anew.
 */
export async function rewordUnread(
  db: Executor,
  userIds: readonly string[],
  kind: NotificationKind,
  link: string,
  words: { title: string; body: string; plan_id: string | null },
  emailOf: (userId: string) => 'none' | 'now' | 'digest',
): Promise<Set<string>> {
  const rows = (await db('notifications')
    .whereIn('user_id', userIds)
    .where({ kind, link })
    .whereNull('read_at')
    .update({ ...words, created_at: db.fn.now() })
    .returning(['id', 'user_id', 'emailed_at'])) as { id: string; user_id: string; emailed_at: Date | null }[];
  for (const way of ['none', 'now', 'digest'] as const) {
    const ids = rows.filter((row) => row.emailed_at === null && emailOf(row.user_id) === way).map((row) => row.id);
    if (ids.length === 0) continue;
    await db('notifications')
      .whereIn('id', ids)
      .whereNull('emailed_at')
      .update({ email: way, email_attempts: 0, email_retry_at: null });
  }
  return new Set(rows.map((row) => row.user_id));
}

/** Where a notification stands in the list: its moment to the microsecond, and its id. */
export interface ListPosition {
  micros: string;
  id: string;
}

/**
 * Newest first (ties by id), `limit` of them; with `before`, those after that place in this order (the
 * place holds even when the notification there is gone since). Each row tells its own place.
 */
export function listFor(
  db: Executor,
  userId: string,
  limit: number,
  before?: ListPosition,
): Promise<(NotificationRow & { position_micros: string })[]> {
  const query = db('notifications')
    .select(columns)
    .select(db.raw('(extract(epoch from created_at) * 1000000)::bigint::text as position_micros'))
    .where({ user_id: userId });
  if (before !== undefined) {
    query.whereRaw(`(created_at, id) < (to_timestamp(0) + ?::bigint * interval '1 microsecond', ?::uuid)`, [
      before.micros,
      before.id,
    ]);
  }
  return query
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit) as Promise<(NotificationRow & { position_micros: string })[]>;
}

export async function countUnread(db: Executor, userId: string): Promise<number> {
  const row = (await db('notifications').count('* as n').where({ user_id: userId }).whereNull('read_at').first()) as {
    n: string | number;
  };
  return Number(row.n);
}

/** The person's unread notifications read: these, all, or those leading to a page (`link`). */
export async function markRead(
  db: Executor,
  userId: string,
  which: readonly string[] | 'all' | { link: string },
): Promise<void> {
  const query = db('notifications').where({ user_id: userId }).whereNull('read_at');
  if (which !== 'all' && 'link' in which) query.where({ link: which.link });
  else if (which !== 'all') query.whereIn('id', which as string[]);
  await query.update({ read_at: db.fn.now() });
}

export function listSettings(db: Executor, userIds: readonly string[]) {
  return db('notification_settings')
    .select('user_id', 'kind', 'delivery')
    .whereIn('user_id', userIds as string[]) as Promise<
    { user_id: string; kind: NotificationKind; delivery: Delivery }[]
  >;
}

export async function saveSettings(
  db: Executor,
  userId: string,
  settings: { kind: NotificationKind; delivery: Delivery }[],
): Promise<void> {
  await db('notification_settings')
    .insert(settings.map((s) => ({ user_id: userId, ...s })))
    .onConflict(['user_id', 'kind'])
    .merge(['delivery']);
}

/** The order in which things happened: oldest first, ties by id. */
const asMade: { column: string; order: 'asc' }[] = [
  { column: 'created_at', order: 'asc' },
  { column: 'id', order: 'asc' },
];

/**
 * Claims the emails to send at once, oldest first: `emailed_at` set in the statement that picks them, so of
 * several processes each takes different ones and none is sent twice (a crash mid-send loses it rather than
 * sending it again); marked as on its way (startSending), then as gone (markSent) once the mail server took it.
 * Ordered once claimed too: an update hands its rows back in no particular order.
 */
export function claimNow(db: Executor, limit: number, districtIds?: readonly string[]): Promise<NotificationRow[]> {
  const claimed = db('notifications')
    .whereIn(
      'id',
      db('notifications')
        .select('id')
        .where({ email: 'now' })
        .modify((only) => (districtIds ? only.whereIn('district_id', districtIds) : only))
        .whereNull('emailed_at')
        .where('email_attempts', '<', emailAttempts)
        .where((due) => due.whereNull('email_retry_at').orWhere('email_retry_at', '<=', db.fn.now()))
        .orderBy(asMade)
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .update({ emailed_at: db.fn.now() })
    .returning(columns);
  return db.with('claimed', claimed).select(columns).from('claimed').orderBy(asMade) as Promise<NotificationRow[]>;
}

/**
 * Hands an email back after it did not go (a digest: each of its notifications). Refused by the mail
 * server (a permanent refusal, such as a mailbox that is not there): tried again after 2 then 4 minutes,
 * then given up on and left unsent. The mail server out of reach or asking to come back later: tried again
 * in 5 minutes, for as long as it takes.
 */
export async function retryLater(db: Executor, ids: readonly string[], refused: boolean): Promise<void> {
  await db('notifications')
    .whereIn('id', ids as string[])
    .update({
      emailed_at: null,
      emailed_as: null,
      email_attempts: refused ? db.raw('email_attempts + 1') : db.raw('email_attempts'),
      email_retry_at: refused
        ? db.raw(`now() + make_interval(mins => power(2, email_attempts + 1)::int)`)
        : db.raw(`now() + interval '5 minutes'`),
    });
}

/**
 * The notifications of a comment say these words now. `drop`: their emails are not sent after all, those
 * waiting and those claimed and not yet on their way alike (see startSending); sent ones are sent.
 */
export async function rewordComment(
  db: Executor,
  districtId: string,
  commentId: string,
  body: string,
  emails: 'keep' | 'drop',
): Promise<void> {
  await db('notifications')
    .where({ district_id: districtId, comment_id: commentId })
    .update(emails === 'drop' ? { body, email: 'none' } : { body });
}

/**
 * People told of a comment otherwise now (no longer mentioned in it, or mentioned now): their notifications of
 * it of this kind that they have not read go, and what they read is not emailed after all (see rewordComment's
 * `drop`); sent ones are sent. Answers whose went, and the email of each that went or is on its way (null: none
 * yet; one claimed and not yet on its way does not go now, see startSending).
 */
export async function withdrawFromComment(
  db: Executor,
  districtId: string,
  commentId: string,
  kind: 'mention' | 'comment',
  userIds: readonly string[],
): Promise<{ user_id: string; emailed: Emailed | null }[]> {
  if (userIds.length === 0) return [];
  const told = () =>
    db('notifications')
      .where({ district_id: districtId, comment_id: commentId, kind })
      .whereIn('user_id', userIds as string[]);
  const gone = (await told().whereNull('read_at').delete().returning(['user_id', 'emailed_at', 'emailed_as'])) as {
    user_id: string;
    emailed_at: Date | null;
    emailed_as: NotificationKind | null;
  }[];
  await told().update({ email: 'none' });
  return gone.map((row) => ({
    user_id: row.user_id,
    // One on its way counts as gone: at worst a mention taken out while its email fails is not emailed at all.
    emailed:
      row.emailed_as && row.emailed_at
        ? { at: row.emailed_at, as: row.emailed_as.replace(/^sending:/, '') as NotificationKind }
        : null,
  }));
}

/**
 * Of claimed notifications, those still to be emailed, as they read now, marked as on their way
 * (`emailed_as` 'sending:<kind>'): a comment edited or deleted between the claim and this changes or stops their
 * email; one edited afterwards (withdrawFromComment) counts their email as gone. One statement, no lock held while
 * the email goes: the caller sends it, then marks it sent (markSent) or hands it back (retryLater).
 */
export async function startSending(db: Executor, ids: readonly string[]): Promise<NotificationRow[]> {
  if (ids.length === 0) return [];
  const marked = db('notifications')
    .whereIn('id', ids as string[])
    .whereNot({ email: 'none' })
    .update({ emailed_as: db.raw(`'sending:' || kind`) })
    .returning(columns);
  return db.with('marked', marked).select(columns).from('marked').orderBy(asMade) as Promise<NotificationRow[]>;
}

/** Emails the mail server took: they went, telling of their own kind. */
export async function markSent(db: Executor, ids: readonly string[]): Promise<void> {
  await db('notifications')
    .whereIn('id', ids as string[])
    .update({ emailed_as: db.ref('kind') });
}

/** Claimed emails to send another way after all (`none`: not at all), unclaimed. */
export async function changeEmail(db: Executor, ids: readonly string[], email: 'none' | 'digest'): Promise<void> {
  if (ids.length === 0) return;
  await db('notifications')
    .whereIn('id', ids as string[])
    .update({ email, emailed_at: null });
}

/**
 * A digest's notifications not yet emailed nor given up on: made before `cutoff` (the daily digest), or
 * (`cutoff` 'retry') in a digest that did not go and is due to be tried again.
 */
function waitingDigest(db: Executor, cutoff: Date | 'retry') {
  const query = db('notifications')
    .where({ email: 'digest' })
    .whereNull('emailed_at')
    .where('email_attempts', '<', emailAttempts);
  return cutoff === 'retry' ? query.where('email_retry_at', '<=', db.fn.now()) : query.where('created_at', '<', cutoff);
}

/** The people with digest notifications waiting (see waitingDigest), with their district. */
export function usersWithDigest(
  db: Executor,
  cutoff: Date | 'retry',
): Promise<{ user_id: string; district_id: string }[]> {
  return waitingDigest(db, cutoff).distinct('user_id', 'district_id') as Promise<
    { user_id: string; district_id: string }[]
  >;
}

/** When each of these people's last daily digest went, by id; those never sent one are left out. */
export async function lastDigestsOf(db: Executor, userIds: string[]): Promise<Map<string, Date>> {
  const rows = (await db('notification_digests').select('user_id', 'sent_at').whereIn('user_id', userIds)) as {
    user_id: string;
    sent_at: Date;
  }[];
  return new Map(rows.map((r) => [r.user_id, r.sent_at]));
}

export async function recordDigest(db: Executor, row: { user_id: string; district_id: string; sent_at: Date }) {
  await db('notification_digests').insert(row).onConflict('user_id').merge(['district_id', 'sent_at']);
}

/** Claims one person's waiting digest notifications at once (see claimNow). */
export function claimDigest(db: Executor, userId: string, cutoff: Date | 'retry'): Promise<NotificationRow[]> {
  return waitingDigest(db, cutoff)
    .where({ user_id: userId })
    .update({ emailed_at: db.fn.now() })
    .returning(columns) as Promise<NotificationRow[]>;
}
