import { roleOfLink } from '@planner/shared/notification';
import type { Executor } from '../db/knex';
import type { Mailer } from '../mail/mailer';
import * as notifications from '../features/notifications/service';
import { decisionStands, waitsForReviewBy } from '../features/roles/service';
import { reminderHolds } from './reminders';

/**
 * The emails of notifications, checked just before they go with the feature each is about: "waiting for
 * your review" goes only while the role still waits for that principal (not once they decided, nor once it
 * left review), so a decision made before the emails job ran sends no stale request; a decision on a role goes
 * only while it stands, in its round (not once the role was edited, sent for review again or decided again: the
 * submitter has moved on); a reminder of an action or a reading goes only while it holds (not once the action
 * was done or handed over, or the reading recorded).
 */
const stillDue: notifications.StillDue = async (db, row) => {
  if (row.kind === 'action_due' || row.kind === 'reading_due') return reminderHolds(db, row);
  if (row.kind === 'role_decided') return decisionStands(db, row);
  if (row.kind !== 'review_waiting') return true;
  const role = roleOfLink(row.link);
  return role !== null && waitsForReviewBy(db, row.district_id, role.roleId, row.user_id);
};

/** The emails asked for at once (of `districtIds` only, if given), and the digests due to be tried again (see the notifications service). */
export function sendWaitingEmails(
  db: Executor,
  mailer: Mailer,
  publicUrl: string,
  districtIds?: readonly string[],
): Promise<number> {
  return notifications.sendWaitingEmails(db, mailer, publicUrl, stillDue, districtIds);
}

/** The daily digests due at `now` (see the notifications service). */
export function sendDigests(db: Executor, mailer: Mailer, publicUrl: string, now?: Date): Promise<number> {
  return notifications.sendDigests(db, mailer, publicUrl, stillDue, now);
}
