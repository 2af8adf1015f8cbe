import { formatDateTimeIn, todayIso } from '@planner/shared/format';
import {
  defaultDelivery,
  notificationKinds,
  notificationPageSize,
  type MarkRead,
  type Notification,
  type NotificationKind,
  type NotificationList,
  type NotificationSettings,
} from '@planner/shared/notification';
import type { Executor } from '../../db/knex';
import { toIsoDateTime } from '../../db/values';
import type { SignedInUser } from '../../http/auth';
import { digestMail, notificationMail, notificationSettingsUrl } from '../../mail/messages';
import { isPermanentRefusal, type Mailer } from '../../mail/mailer';
import { timeZonesOf } from '../district-settings/service';
import { findDistrict, listUsers } from '../users/service';
import * as repo from './repo';

export interface Notice {
  districtId: string;
  recipients: readonly string[];
  kind: NotificationKind;
  planId: string | null;
  title: string;
  body?: string;
  /** A path of the app. */
  link: string;
  /**
   * Its identity (a reminder's; a comment's, told to those in its thread; a decision's, in its review round): made
   * once per person, however often it is computed.
   */
  dedupeKey?: string;
  /** The comment it tells of: its edits and its deletion reach the notification (see rewordComment). */
  commentId?: string;
  /**
   * Recipients already emailed of it: a notification of the comment that this one replaces went by email (or is on
   * its way). Not emailed again; that email stays with the new one, for whatever replaces it in turn.
   */
  emailed?: ReadonlyMap<string, repo.Emailed>;
  /**
   * Said again (a role sent for review again): a recipient's unread notification of the same kind and link is
   * said anew in place, not repeated; its email, once gone, is not sent a second time (rewordUnread).
   */
  replacesUnread?: boolean;
}

/**
 * Tells the recipients (active people of the district, the one who caused it left out by the caller) in
 * the app, and by email at once or in the digest as each has chosen for this kind.
 */
export async function notify(db: Executor, notice: Notice): Promise<void> {
  const wanted = [...new Set(notice.recipients)];
  if (wanted.length === 0) return;
  const active = new Set(
    (await listUsers(db, notice.districtId)).filter((u) => u.deactivated_at === null).map((u) => u.id),
  );
  const recipients = wanted.filter((id) => active.has(id));
  if (recipients.length === 0) return;
  const settings = await repo.listSettings(db, recipients);
  const deliveryOf = (userId: string) =>
    settings.find((s) => s.user_id === userId && s.kind === notice.kind)?.delivery ?? defaultDelivery[notice.kind];
  const emailOf = (userId: string) =>
    ({ in_app: 'none', email_now: 'now', email_digest: 'digest' })[deliveryOf(userId)] as 'none' | 'now' | 'digest';
  const reworded = notice.replacesUnread
    ? await repo.rewordUnread(
        db,
        recipients,
        notice.kind,
        notice.link,
        { title: notice.title, body: notice.body ?? '', plan_id: notice.planId },
        emailOf,
      )
    : new Set<string>();
  await repo.insertMany(
    db,
    recipients
      .filter((userId) => !reworded.has(userId))
      .map((userId) => ({
        district_id: notice.districtId,
        user_id: userId,
        kind: notice.kind,
        plan_id: notice.planId,
        title: notice.title,
        body: notice.body ?? '',
        link: notice.link,
        dedupe_key: notice.dedupeKey ?? null,
        comment_id: notice.commentId ?? null,
        email: emailOf(userId),
        emailed_at: notice.emailed?.get(userId)?.at ?? null,
        emailed_as: notice.emailed?.get(userId)?.as ?? null,
      })),
  );
}

/** What the notifications of a deleted comment say in its words' place. */
export const deletedCommentBody = 'This comment was deleted.';

/**
 * A comment edited: its notifications say the new words (`body`, as the caller cuts it), also in an email
 * not yet sent. Deleted (`body` null): they say so instead, and what was not yet emailed is not emailed.
 */
export async function rewordComment(
  db: Executor,
  districtId: string,
  commentId: string,
  body: string | null,
): Promise<void> {
  await repo.rewordComment(db, districtId, commentId, body ?? deletedCommentBody, body === null ? 'drop' : 'keep');
}

/** People taken out of a comment's mentions, or newly named in it, are no longer told of it as before. */
export const withdrawFromComment = repo.withdrawFromComment;

const present = (row: repo.NotificationRow): Notification => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  body: row.body,
  link: row.link,
  planId: row.plan_id,
  createdAt: toIsoDateTime(row.created_at),
  read: row.read_at !== null,
});

/** A page of the person's notifications, newest first: the latest, or those after the cursor `before`. */
export async function notificationsOf(db: Executor, user: SignedInUser, before?: string): Promise<NotificationList> {
  // A cursor is "<microseconds>_<id>" (the query's schema checked its form).
  const position = before === undefined ? undefined : { micros: before.split('_')[0]!, id: before.split('_')[1]! };
  // One more than a page: whether an older page exists, without counting them all.
  const rows = await repo.listFor(db, user.id, notificationPageSize + 1, position);
  const page = rows.slice(0, notificationPageSize);
  const last = page.at(-1);
  return {
    notifications: page.map(present),
    unread: await repo.countUnread(db, user.id),
    nextCursor: rows.length > notificationPageSize && last ? `${last.position_micros}_${last.id}` : null,
  };
}

export function markRead(db: Executor, user: SignedInUser, input: MarkRead) {
  return repo.markRead(db, user.id, 'all' in input ? 'all' : 'ids' in input ? input.ids : { link: input.link });
}

export async function settingsOf(db: Executor, user: SignedInUser): Promise<NotificationSettings> {
  const chosen = await repo.listSettings(db, [user.id]);
  return {
    settings: Object.fromEntries(
      notificationKinds.map((kind) => [kind, chosen.find((s) => s.kind === kind)?.delivery ?? defaultDelivery[kind]]),
    ) as NotificationSettings['settings'],
  };
}

export async function saveSettings(
  db: Executor,
  user: SignedInUser,
  input: NotificationSettings,
): Promise<NotificationSettings> {
  await repo.saveSettings(
    db,
    user.id,
    notificationKinds.map((kind) => ({ kind, delivery: input.settings[kind] })),
  );
  return settingsOf(db, user);
}

async function emailOf(db: Executor, districtId: string, userId: string) {
  const person = (await listUsers(db, districtId)).find((u) => u.id === userId);
  return person && person.deactivated_at === null ? person : undefined;
}

/**
 * Whether a notification's email still has something to say, asked just before it goes: the rule of the
 * feature it is about (a role still waiting for that principal's review, say: see commands/emails.ts).
 */
export type StillDue = (db: Executor, row: repo.NotificationRow) => Promise<boolean>;

/**
 * Of the claimed emails, those their people still want this way: a person's settings may have changed
 * since the notification was made. Chosen "in the planner only", no email goes; an email at once whose
 * kind is now wanted in the digest waits for the digest. One no longer due (`stillDue`) does not go.
 */
async function stillWanted(
  db: Executor,
  rows: repo.NotificationRow[],
  way: 'now' | 'digest',
  stillDue: StillDue,
): Promise<repo.NotificationRow[]> {
  if (rows.length === 0) return rows;
  const settings = await repo.listSettings(db, [...new Set(rows.map((r) => r.user_id))]);
  const deliveryOf = (row: repo.NotificationRow) =>
    settings.find((s) => s.user_id === row.user_id && s.kind === row.kind)?.delivery ?? defaultDelivery[row.kind];
  const unwanted: repo.NotificationRow[] = [];
  for (const row of rows) {
    if (deliveryOf(row) === 'in_app' || !(await stillDue(db, row))) unwanted.push(row);
  }
  const toDigest =
    way === 'now' ? rows.filter((row) => !unwanted.includes(row) && deliveryOf(row) === 'email_digest') : [];
  await repo.changeEmail(
    db,
    unwanted.map((r) => r.id),
    'none',
  );
  await repo.changeEmail(
    db,
    toDigest.map((r) => r.id),
    'digest',
  );
  return rows.filter((row) => !unwanted.includes(row) && !toDigest.includes(row));
}

/**
 * Sends the emails asked for at once, and the digests due to be tried again; one that does not go is tried
 * again later (a refused one a few times). Answers how many went. `districtIds` limits the emails asked for at
 * once to those districts' (tests that share a database send only their own, each to its own mail server).
 */
export async function sendWaitingEmails(
  db: Executor,
  mailer: Mailer,
  publicUrl: string,
  stillDue: StillDue,
  districtIds?: readonly string[],
): Promise<number> {
  if (!mailer.enabled) return 0;
  const retrying = await repo.usersWithDigest(db, 'retry');
  let sent = await sendDigestsOf(
    db,
    mailer,
    publicUrl,
    stillDue,
    'retry',
    retrying.map((w) => w.user_id),
  );
  for (const claimed of await stillWanted(db, await repo.claimNow(db, 50, districtIds), 'now', stillDue)) {
    const person = await emailOf(db, claimed.district_id, claimed.user_id);
    const district = await findDistrict(db, claimed.district_id);
    if (!person || !district) continue;
    // Read again just before it goes: its comment may have been edited or deleted since the claim.
    const [row] = await repo.startSending(db, [claimed.id]);
    if (!row) continue;
    try {
      await mailer.send(
        notificationMail({
          to: person.email,
          name: person.name,
          districtName: district.name,
          title: row.title,
          at: formatDateTimeIn(row.created_at, district.time_zone),
          body: row.body,
          url: `${publicUrl}${row.link}`,
          settingsUrl: notificationSettingsUrl(publicUrl),
        }),
      );
    } catch (err) {
      await repo.retryLater(db, [row.id], isPermanentRefusal(err));
      continue;
    }
    await repo.markSent(db, [row.id]);
    sent += 1;
  }
  return sent;
}

/** The hour of the morning, in the district's time zone, at which its people get their daily digest. */
export const digestHour = 8;

/** The hour of the day (0-23) at `now` in the time zone. */
const hourIn = (timeZone: string, now: Date) =>
  Number(new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(now));

/**
 * One email per person with what waited for their daily digest; each notification goes in one digest only.
 * Run every hour: a person's digest goes in the hour from 8 AM where their district is, unless one went
 * already that day there (the district may have moved to a zone where 8 AM comes later). A digest that does
 * not go is tried again as an email asked for at once is (see sendWaitingEmails).
 */
export async function sendDigests(
  db: Executor,
  mailer: Mailer,
  publicUrl: string,
  stillDue: StillDue,
  now = new Date(),
): Promise<number> {
  if (!mailer.enabled) return 0;
  const waiting = await repo.usersWithDigest(db, now);
  const timeZones = await timeZonesOf(
    db,
    waiting.map((w) => w.district_id),
  );
  const lastDigests = await repo.lastDigestsOf(
    db,
    waiting.map((w) => w.user_id),
  );
  const morning = waiting.filter((w) => {
    const timeZone = timeZones.get(w.district_id)!;
    const last = lastDigests.get(w.user_id);
    return hourIn(timeZone, now) === digestHour && (!last || todayIso(timeZone, last) < todayIso(timeZone, now));
  });
  return sendDigestsOf(
    db,
    mailer,
    publicUrl,
    stillDue,
    now,
    morning.map((w) => w.user_id),
  );
}

/** The digests of these people: what waited since before `cutoff`, or (`retry`) those due to be tried again. */
async function sendDigestsOf(
  db: Executor,
  mailer: Mailer,
  publicUrl: string,
  stillDue: StillDue,
  cutoff: Date | 'retry',
  userIds: string[],
): Promise<number> {
  let sent = 0;
  for (const userId of userIds) {
    const claimed = await stillWanted(db, await repo.claimDigest(db, userId, cutoff), 'digest', stillDue);
    if (claimed.length === 0) continue;
    const person = await emailOf(db, claimed[0]!.district_id, userId);
    const district = await findDistrict(db, claimed[0]!.district_id);
    if (!person || !district) continue;
    // Read again just before it goes, as an email at once is (see sendWaitingEmails).
    const rows = await repo.startSending(
      db,
      claimed.map((r) => r.id),
    );
    if (rows.length === 0) continue;
    // The day's digest once claimed, whether it goes now or when tried again.
    if (cutoff !== 'retry') await repo.recordDigest(db, { user_id: userId, district_id: district.id, sent_at: cutoff });
    try {
      await mailer.send(
        digestMail({
          to: person.email,
          name: person.name,
          districtName: district.name,
          items: rows.map((r) => ({
            title: r.title,
            at: formatDateTimeIn(r.created_at, district.time_zone),
            body: r.body,
            url: `${publicUrl}${r.link}`,
          })),
          settingsUrl: notificationSettingsUrl(publicUrl),
        }),
      );
    } catch (err) {
      await repo.retryLater(
        db,
        rows.map((r) => r.id),
        isPermanentRefusal(err),
      );
      continue;
    }
    await repo.markSent(
      db,
      rows.map((r) => r.id),
    );
    sent += 1;
  }
  return sent;
}
