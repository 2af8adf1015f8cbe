import { randomUUID } from 'node:crypto';
import pino from 'pino';
import request from 'supertest';
import { formatDate, todayIso } from '@planner/shared/format';
import { notificationKinds, type NotificationList, type NotificationSettings } from '@planner/shared/notification';
import type { Db } from '../src/db/knex';
import { startJobs, type JobRunner } from '../src/jobs/runner';
import { remindDue } from '../src/commands/reminders';
import { emailAttempts, type Mailer } from '../src/mail/mailer';
import { sendDigests, sendWaitingEmails } from '../src/commands/emails';
import { notify } from '../src/features/notifications/service';
import { retryLater } from '../src/features/notifications/repo';
import { startMailServer, type TestMailServer } from './support/mail-server';
import { openTestDatabase } from './support/test-database';
import {
  decide,
  signIn,
  startTestApp,
  twoDistrictsSignedIn,
  write,
  type SignedInAgent,
  type TestApp,
} from './support/test-app';
import {
  buildDistrict,
  buildInvitation,
  buildPlan,
  buildPrincipal,
  buildRole,
  buildRow,
  buildUser,
  testPassword,
  tokenOf,
  type TestDistrict,
} from './support/factories';

let mail: TestMailServer;
let t: TestApp;
let lakeview: TestDistrict;
let hillcrest: TestDistrict;
let admin: SignedInAgent;
let principal: SignedInAgent;
let viewer: SignedInAgent;
let otherAdmin: SignedInAgent;

beforeAll(async () => {
  mail = await startMailServer();
  t = await startTestApp({ mailer: mail.mailer });
  ({ lakeview, hillcrest, admin, principal, viewer, otherAdmin } = await twoDistrictsSignedIn(t));
});
afterAll(async () => {
  await t.close();
  await mail.close();
});

/**
 * The emails asked for at once of this file's districts: other test files share the database, and send theirs
 * (a sign-in domain's warning, say) to their own mail servers.
 */
const sendOurEmails = (mailer: Mailer = mail.mailer, publicUrl = 'http://localhost:3000') =>
  sendWaitingEmails(t.db, mailer, publicUrl, [lakeview.id, hillcrest.id]);

const notificationsOf = async (who: SignedInAgent) => {
  const res = await who.agent.get('/api/notifications');
  expect(res.status).toBe(200);
  return res.body as NotificationList;
};
const addDays = (days: number) =>
  new Date(Date.parse(`${todayIso('UTC')}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const addMonths = (months: number) => {
  const date = new Date(`${todayIso('UTC')}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
};
const everyKind = (delivery: string) => ({
  settings: Object.fromEntries(notificationKinds.map((k) => [k, delivery])),
});
/** Sets the district's time zone, as its administrator does on the Schools page. */
async function setTimeZone(districtAdmin: SignedInAgent, timeZone: string) {
  const { version } = (await districtAdmin.agent.get('/api/district/settings')).body as { version: number };
  const res = await write(districtAdmin, 'put', '/api/district/settings').send({ timeZone, version });
  expect(res.status).toBe(200);
}
const hourIn = (timeZone: string, at: Date) =>
  Number(new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(at));
/** The first whole hour after `from` at which it is 8 in the morning in the time zone: when the digest goes there. */
function nextMorningIn(timeZone: string, from = new Date()): Date {
  let at = new Date(Math.floor(from.getTime() / 3_600_000 + 1) * 3_600_000);
  while (hourIn(timeZone, at) !== 8) at = new Date(at.getTime() + 3_600_000);
  return at;
}

describe('the notification list', () => {
  it('lists what concerns me newest first, counts the unread, and marks one or all read', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const say = (body: string) =>
      write(admin, 'post', `/api/plans/${plan.id}/comments`).send({
        subject: { kind: 'answer', id: 'design.q1' },
        body,
        mentions: [lakeview.viewer.id],
      });
    await write(viewer, 'post', '/api/notifications/read').send({ all: true });
    await say('First');
    await say('Second');
    await say('Third');
    const list = await notificationsOf(viewer);
    expect(list.unread).toBe(3);
    expect(list.notifications.slice(0, 3).map((n) => n.body)).toEqual(['Third', 'Second', 'First']);

    const read = await write(viewer, 'post', '/api/notifications/read').send({ ids: [list.notifications[0]!.id] });
    expect(read.status).toBe(204);
    const after = await notificationsOf(viewer);
    expect(after.unread).toBe(2);
    expect(after.notifications.slice(0, 3).map((n) => n.read)).toEqual([true, false, false]);
    // Someone else's notification is not theirs to mark.
    await write(admin, 'post', '/api/notifications/read').send({ ids: [list.notifications[1]!.id] });
    expect((await notificationsOf(viewer)).unread).toBe(2);

    await write(viewer, 'post', '/api/notifications/read').send({ all: true });
    expect((await notificationsOf(viewer)).unread).toBe(0);
  });

  it('refuses a malformed mark-read request and changes nothing', async () => {
    const before = await notificationsOf(admin);
    for (const body of [{}, { ids: [] }, { ids: ['not-an-id'] }, { all: false }, { link: 'https://elsewhere' }]) {
      const res = await write(admin, 'post', '/api/notifications/read').send(body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
    }
    expect((await notificationsOf(admin)).unread).toBe(before.unread);
  });

  it('when a mark-read request is malformed, then its 400 names the field and why', async () => {
    const before = await notificationsOf(admin);
    const tooMany = Array.from({ length: 501 }, () => randomUUID());
    const cases: [object, { field: string; message: string }[]][] = [
      [{ ids: tooMany }, [{ field: 'ids', message: 'must be at most 500 ids' }]],
      [{ ids: 'all' }, [{ field: 'ids', message: 'must be a list of notification ids' }]],
      [{ ids: [] }, [{ field: 'ids', message: 'must list at least one notification id' }]],
      [{ all: false }, [{ field: 'all', message: 'must be true' }]],
      [
        {},
        [
          { field: 'ids', message: 'must be a list of notification ids' },
          { field: 'all', message: 'must be true' },
          { field: 'link', message: 'must be the path of a page of the planner' },
        ],
      ],
    ];
    for (const [body, errors] of cases) {
      const res = await write(admin, 'post', '/api/notifications/read').send(body);
      expect(res.type).toBe('application/problem+json');
      expect([JSON.stringify(body), res.status, res.body.errors]).toEqual([
        JSON.stringify(body),
        400,
        errors.map((e) => ({ in: 'body', ...e })),
      ]);
    }
    expect((await notificationsOf(admin)).unread).toBe(before.unread);
  });

  it('marks read what leads to a page (a thread here), only mine, and nothing else', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const say = (where: object, body: string) =>
      write(admin, 'post', `/api/plans/${plan.id}/comments`).send({
        ...where,
        body,
        mentions: [lakeview.viewer.id, lakeview.principal.id],
      });
    await write(viewer, 'post', '/api/notifications/read').send({ all: true });
    const first = (await say({ subject: { kind: 'answer', id: 'design.q1' } }, 'On the first')).body as { id: string };
    await say({ threadId: first.id }, 'On the first again');
    await say({ subject: { kind: 'answer', id: 'design.q2' } }, 'On the second');
    const principalUnread = (await notificationsOf(principal)).unread;
    expect((await notificationsOf(viewer)).unread).toBe(3);

    const link = `/plans/${plan.id}/comments?thread=${first.id}`;
    expect((await write(viewer, 'post', '/api/notifications/read').send({ link })).status).toBe(204);
    const after = await notificationsOf(viewer);
    expect(after.unread).toBe(1);
    expect(after.notifications.slice(0, 3).map((n) => [n.body, n.link === link, n.read])).toEqual([
      ['On the second', false, false],
      ['On the first again', true, true],
      ['On the first', true, true],
    ]);
    // Another person's notifications of the same thread are theirs to read.
    expect((await notificationsOf(principal)).unread).toBe(principalUnread);
  });

  it('pages back 50 at a time, newest first, none skipped or repeated, even among notifications made at the same moment', async () => {
    const person = lakeview.viewer;
    await t.db('notifications').where({ user_id: person.id }).delete();
    // 120 notifications over 60 moments, two at each: the order among equals is by id.
    const moment = (i: number) => new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 2) * 60_000).toISOString();
    await t.db('notifications').insert(
      Array.from({ length: 120 }, (_, i) => ({
        district_id: lakeview.id,
        user_id: person.id,
        kind: 'comment',
        title: `Notification ${i}`,
        link: '/plans',
        created_at: moment(i),
      })),
    );
    const pages: NotificationList[] = [];
    let before: string | null | undefined;
    do {
      const res = await viewer.agent.get('/api/notifications').query(before ? { before } : {});
      expect(res.status).toBe(200);
      pages.push(res.body as NotificationList);
      before = (res.body as NotificationList).nextCursor;
    } while (before && pages.length < 10);

    expect(pages.map((page) => page.notifications.length)).toEqual([50, 50, 20]);
    expect(pages.map((page) => page.unread)).toEqual([120, 120, 120]);
    const listed = pages.flatMap((page) => page.notifications);
    expect(new Set(listed.map((n) => n.id)).size).toBe(120);
    const order = listed.map((n) => [n.createdAt, n.id].join(' '));
    expect(order).toEqual([...order].sort().reverse());

    // The place a cursor names holds when the notification there is gone (its plan deleted, say).
    await t
      .db('notifications')
      .where({ id: pages[0]!.notifications.at(-1)!.id })
      .delete();
    const second = await viewer.agent.get('/api/notifications').query({ before: pages[0]!.nextCursor });
    expect(second.status).toBe(200);
    expect((second.body as NotificationList).notifications.map((n) => n.id)).toEqual(
      pages[1]!.notifications.map((n) => n.id),
    );
  });

  it("pages only through one's own notifications, whatever the cursor; a malformed cursor is refused", async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    await write(principal, 'post', `/api/plans/${plan.id}/comments`).send({
      subject: { kind: 'answer', id: 'design.q1' },
      body: 'For the administrator',
      mentions: [lakeview.admin.id],
    });
    const theirs = (await notificationsOf(admin)).notifications[0]!;
    expect(theirs.body).toBe('For the administrator');
    // A cursor at the administrator's latest notification (a moment after all of the viewer's and the other
    // district's): those people page through their own from there, never the administrator's.
    const { rows } = (await t.db.raw(
      `select (extract(epoch from created_at) * 1000000)::bigint::text as micros from notifications where id = ?`,
      [theirs.id],
    )) as { rows: { micros: string }[] };
    const cursor = `${String(BigInt(rows[0]!.micros) + 1n)}_${theirs.id}`;
    for (const who of [otherAdmin, viewer]) {
      const own = (await notificationsOf(who)).notifications.map((n) => n.id);
      const res = await who.agent.get('/api/notifications').query({ before: cursor });
      expect(res.status).toBe(200);
      const listed = (res.body as NotificationList).notifications.map((n) => n.id);
      expect(listed).not.toContain(theirs.id);
      expect(listed).toEqual(own.slice(0, listed.length));
    }
    for (const before of ['not-a-cursor', theirs.id, `12_${theirs.id}x`]) {
      const bad = await admin.agent.get('/api/notifications').query({ before });
      expect([before, bad.status]).toEqual([before, 400]);
      expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(JSON.stringify(bad.body)).toContain('before');
    }
  });

  it("another district's people see none of it", async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    await write(principal, 'post', `/api/plans/${plan.id}/comments`).send({
      subject: { kind: 'answer', id: 'design.q1' },
      body: 'For Lakeview only',
      mentions: [lakeview.admin.id],
    });
    const theirs = await notificationsOf(otherAdmin);
    expect(theirs.notifications.some((n) => n.planId === plan.id || n.body === 'For Lakeview only')).toBe(false);
    const mine = (await notificationsOf(admin)).notifications.find((n) => n.body === 'For Lakeview only')!;
    await write(otherAdmin, 'post', '/api/notifications/read').send({ ids: [mine.id] });
    expect((await notificationsOf(admin)).notifications.find((n) => n.id === mine.id)!.read).toBe(false);
  });
});

describe('what each person is told', () => {
  it('the principals of its schools are told a role waits for them, and the submitter hears the decision, naming the plan and the role', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const role = await buildRole(t.db, lakeview, plan.id, {
      title: 'Literacy coach',
      schoolIds: [lakeview.schools[0]!.id],
    });
    const url = `/api/plans/${plan.id}/roles/${role.id}`;
    const rolePage = `http://localhost:3000/plans/${plan.id}/roles/${role.id}`;
    const aboutThisRole = (m: { text?: string }) => Boolean(m.text?.includes(rolePage));
    await write(admin, 'post', `${url}/submit`);
    expect((await notificationsOf(principal)).notifications[0]).toMatchObject({
      kind: 'review_waiting',
      title: `“Literacy coach” in “${plan.title}” is waiting for your review`,
      link: url.replace('/api', ''),
    });
    // The principal is emailed at once (the default for reviews), by the next run of the emails job.
    await sendOurEmails();
    const waiting = await mail.messageTo(lakeview.principal.email, aboutThisRole);
    expect(waiting.subject).toBe(`“Literacy coach” in “${plan.title}” is waiting for your review`);
    // The subject is a title; the email says it as a sentence.
    expect(waiting.text).toContain(`\n\n“Literacy coach” in “${plan.title}” is waiting for your review.\n\n`);
    expect(waiting.html).toContain(`<p>“Literacy coach” in “${plan.title}” is waiting for your review.</p>`);
    expect(waiting.text).toContain(`Plan: ${plan.title} (${plan.schoolYear}). Role: Literacy coach.`);
    expect(waiting.html).toContain(`href="${rolePage}"`);
    // Where to hear of it less, or not at all: a link, not a menu to find.
    expect(waiting.text).toContain('change them at http://localhost:3000/notifications/settings');
    expect(waiting.html).toContain('href="http://localhost:3000/notifications/settings"');

    await decide(t.db, principal, `${url}`, { decision: 'request_changes', comment: 'Name the days.' });
    const changesTitle = `${lakeview.principal.name} requested changes to “Literacy coach” in “${plan.title}”`;
    expect((await notificationsOf(admin)).notifications[0]).toMatchObject({
      kind: 'role_decided',
      title: changesTitle,
      body: `Plan: ${plan.title} (${plan.schoolYear}). Role: Literacy coach. Name the days.`,
    });
    await sendOurEmails();
    const changes = await mail.messageTo(lakeview.admin.email, (m) => m.subject === changesTitle);
    expect(changes.text).toContain('Name the days.');
    expect(changes.text).toContain(rolePage);

    await write(admin, 'post', `${url}/submit`);
    // Sent again: the notice says it is back, not the same words as the first time.
    expect((await notificationsOf(principal)).notifications[0]).toMatchObject({
      kind: 'review_waiting',
      title: `“Literacy coach” in “${plan.title}” is back for your review (round 2)`,
      body: expect.stringContaining('sent it for review again') as unknown,
    });
    await decide(t.db, principal, `${url}`, { decision: 'approve' });
    const approvedTitle = `“Literacy coach” in “${plan.title}” is approved`;
    expect((await notificationsOf(admin)).notifications[0]).toMatchObject({
      kind: 'role_decided',
      title: approvedTitle,
    });
    await sendOurEmails();
    const approved = await mail.messageTo(lakeview.admin.email, (m) => m.subject === approvedTitle);
    expect(approved.text).toContain(`Plan: ${plan.title} (${plan.schoolYear}). Role: Literacy coach.`);
    expect(approved.html).toContain(`href="${rolePage}"`);
  });

  it("a decision reaches the district's active administrators when the one who sent the role is no longer an administrator, or deactivated", async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    /** A colleague of the admin sends a role for review; the admin then changes them; the principal decides. */
    async function decidedAfter(change: Record<string, unknown>, decision: Record<string, unknown>) {
      const sender = await buildUser(t.db, lakeview.id, 'district_admin');
      const senderAgent = await signIn(t.app, sender.email, testPassword);
      const role = await buildRole(t.db, lakeview, plan.id, {
        title: `Coach ${sender.name}`,
        schoolIds: [lakeview.schools[0]!.id],
      });
      const url = `/api/plans/${plan.id}/roles/${role.id}`;
      expect((await write(senderAgent, 'post', `${url}/submit`)).status).toBe(200);
      const { version } = (await t.db('users').where({ id: sender.id }).first('version')) as { version: number };
      expect((await write(admin, 'patch', `/api/users/${sender.id}`).send({ ...change, version })).status).toBe(200);
      expect((await decide(t.db, principal, url, decision)).status).toBe(200);
      return { sender, senderAgent, role };
    }
    const decidedOn = async (who: SignedInAgent, roleTitle: string) =>
      (await notificationsOf(who)).notifications.filter(
        (n) => n.kind === 'role_decided' && n.title.includes(roleTitle),
      );

    const demoted = await decidedAfter({ role: 'viewer' }, { decision: 'request_changes', comment: 'Name the days.' });
    expect(await decidedOn(demoted.senderAgent, demoted.role.title)).toEqual([]);
    expect(await decidedOn(admin, demoted.role.title)).toEqual([
      expect.objectContaining({
        title: `${lakeview.principal.name} requested changes to “${demoted.role.title}” in “${plan.title}”`,
      }),
    ]);

    const deactivated = await decidedAfter({ active: false }, { decision: 'approve' });
    expect(await decidedOn(admin, deactivated.role.title)).toEqual([
      expect.objectContaining({ title: `“${deactivated.role.title}” in “${plan.title}” is approved` }),
    ]);
  });

  it('a sender still an administrator is the one told of the decision, not every administrator', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const sender = await buildUser(t.db, lakeview.id, 'district_admin');
    const senderAgent = await signIn(t.app, sender.email, testPassword);
    const role = await buildRole(t.db, lakeview, plan.id, {
      title: `Coach ${sender.name}`,
      schoolIds: [lakeview.schools[0]!.id],
    });
    const url = `/api/plans/${plan.id}/roles/${role.id}`;
    await write(senderAgent, 'post', `${url}/submit`);
    await decide(t.db, principal, url, { decision: 'approve' });
    const approvedTitle = `“${role.title}” in “${plan.title}” is approved`;
    expect((await notificationsOf(senderAgent)).notifications.map((n) => n.title)).toContain(approvedTitle);
    expect((await notificationsOf(admin)).notifications.map((n) => n.title)).not.toContain(approvedTitle);
  });

  it('a role sent again is "back for your review" only to a principal who decided on it before; the approval names who approved and their words', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const alicia = await buildPrincipal(t.db, lakeview.id, [lakeview.schools[2]!.id]);
    const aliciaAgent = await signIn(t.app, alicia.email, testPassword);
    const [north, south] = [lakeview.schools[0]!, lakeview.schools[2]!];
    const role = await buildRole(t.db, lakeview, plan.id, {
      title: 'Math coach',
      schoolIds: [north.id, south.id],
    });
    const url = `/api/plans/${plan.id}/roles/${role.id}`;
    await write(admin, 'post', `${url}/submit`);
    const bothSchools = [north.name, south.name].sort((a, b) => a.localeCompare(b)).join(' and ');
    expect((await notificationsOf(aliciaAgent)).notifications[0]).toMatchObject({
      title: `“Math coach” in “${plan.title}” is waiting for your review`,
      body: expect.stringContaining(`to the principals of ${bothSchools}.`) as unknown,
    });
    // Marcus asks for changes before Alicia has decided.
    await decide(t.db, principal, url, { decision: 'request_changes', comment: 'Name the days.' });
    await write(admin, 'post', `${url}/submit`);
    expect((await notificationsOf(principal)).notifications[0]).toMatchObject({
      title: `“Math coach” in “${plan.title}” is back for your review (round 2)`,
      body: expect.stringContaining('what changed since your decision') as unknown,
    });
    // Alicia never decided: for her it simply waits, as the first time.
    expect((await notificationsOf(aliciaAgent)).notifications[0]).toMatchObject({
      title: `“Math coach” in “${plan.title}” is waiting for your review`,
    });

    await decide(t.db, principal, url, { decision: 'approve' });
    await decide(t.db, aliciaAgent, url, { decision: 'approve', comment: 'Fits our schedule.' });
    expect((await notificationsOf(admin)).notifications[0]).toMatchObject({
      title: `“Math coach” in “${plan.title}” is approved`,
      body: `Plan: ${plan.title} (${plan.schoolYear}). Role: Math coach. ${alicia.name} approved it and wrote: “Fits our schedule.” Every school it is for has approved it.`,
    });
  });

  it('a principal who has not decided yet keeps one unread "waiting for your review" however often the role is sent again, and one email of it', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const alicia = await buildPrincipal(t.db, lakeview.id, [lakeview.schools[2]!.id]);
    const aliciaAgent = await signIn(t.app, alicia.email, testPassword);
    const title = `Literacy coach ${randomUUID().slice(0, 8)}`;
    const role = await buildRole(t.db, lakeview, plan.id, {
      title,
      schoolIds: [lakeview.schools[0]!.id, lakeview.schools[2]!.id],
    });
    const url = `/api/plans/${plan.id}/roles/${role.id}`;
    const waitingTitle = `“${title}” in “${plan.title}” is waiting for your review`;
    const aliciasOfRole = async () =>
      (await notificationsOf(aliciaAgent)).notifications.filter((n) => n.link === url.replace('/api', ''));
    const aliciasEmails = () =>
      mail.received.filter(
        (m) => m.subject === waitingTitle && JSON.stringify(m.to).toLowerCase().includes(alicia.email.toLowerCase()),
      );
    const sendAgain = async () => {
      expect(
        (await decide(t.db, principal, url, { decision: 'request_changes', comment: 'Name the days.' })).status,
      ).toBe(200);
      expect((await write(admin, 'post', `${url}/submit`)).status).toBe(200);
    };

    expect((await write(admin, 'post', `${url}/submit`)).status).toBe(200);
    // Sent again before her email went: still one item, and one email.
    await sendAgain();
    expect(await aliciasOfRole()).toEqual([
      expect.objectContaining({ kind: 'review_waiting', title: waitingTitle, read: false }),
    ]);
    await sendOurEmails();
    await mail.messageTo(alicia.email, (m) => m.subject === waitingTitle);
    expect(aliciasEmails()).toHaveLength(1);

    // Sent again after it went: still one item, and no second email saying the same.
    await sendAgain();
    expect(await aliciasOfRole()).toEqual([
      expect.objectContaining({ kind: 'review_waiting', title: waitingTitle, read: false }),
    ]);
    expect((await notificationsOf(aliciaAgent)).unread).toBe(1);
    await sendOurEmails();
    expect(aliciasEmails()).toHaveLength(1);

    // Once she has read it, sent again, she is told again.
    await write(aliciaAgent, 'post', '/api/notifications/read').send({ all: true });
    await sendAgain();
    expect((await aliciasOfRole()).map((n) => [n.title, n.read])).toEqual([
      [waitingTitle, false],
      [waitingTitle, true],
    ]);
  });

  it('a role sent again while the emails job is sending its "waiting" email, which then does not go, is still emailed once, in its new words', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const alicia = await buildPrincipal(t.db, lakeview.id, [lakeview.schools[2]!.id]);
    const title = `Math coach ${randomUUID().slice(0, 8)}`;
    const role = await buildRole(t.db, lakeview, plan.id, {
      title,
      schoolIds: [lakeview.schools[0]!.id, lakeview.schools[2]!.id],
    });
    const url = `/api/plans/${plan.id}/roles/${role.id}`;
    const waitingTitle = `“${title}” in “${plan.title}” is waiting for your review`;
    expect((await write(admin, 'post', `${url}/submit`)).status).toBe(200);
    // The emails job claims her email, as it does before sending it (emails.ts, claimNow)…
    const [claimed] = (await t
      .db('notifications')
      .where({ user_id: alicia.id, link: url.replace('/api', '') })
      .update({ emailed_at: t.db.fn.now() })
      .returning('id')) as { id: string }[];
    // …the role comes back and is sent again meanwhile…
    expect(
      (await decide(t.db, principal, url, { decision: 'request_changes', comment: 'Name the days.' })).status,
    ).toBe(200);
    expect((await write(admin, 'post', `${url}/submit`)).status).toBe(200);
    // …and the mail server is out of reach: the job hands the email back, to try again in a while.
    await retryLater(t.db, [claimed!.id], false);
    await t
      .db('notifications')
      .where({ id: claimed!.id })
      .update({ email_retry_at: t.db.raw(`now() - interval '1 second'`) });
    await sendOurEmails();
    const sent = await mail.messageTo(alicia.email, (m) => m.subject === waitingTitle);
    expect(sent.text).toContain('sent it for review to');
    expect(
      mail.received.filter(
        (m) => m.subject === waitingTitle && JSON.stringify(m.to).toLowerCase().includes(alicia.email.toLowerCase()),
      ),
    ).toHaveLength(1);
  });

  it('a review decided before its email went is not emailed, at once or in the digest; one still waiting is', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const tag = crypto.randomUUID().slice(0, 8);
    const submitted = async (title: string, schoolId: string) => {
      const role = await buildRole(t.db, lakeview, plan.id, { title: `${title} ${tag}`, schoolIds: [schoolId] });
      expect((await write(admin, 'post', `/api/plans/${plan.id}/roles/${role.id}/submit`)).status).toBe(200);
      return `/api/plans/${plan.id}/roles/${role.id}`;
    };
    const reviewMailsOf = (title: string) =>
      mail.received.filter((m) => m.subject === `“${title} ${tag}” in “${plan.title}” is waiting for your review`);

    // At once (the default): the principal approves before the emails job runs.
    const decidedAtOnce = await submitted('Decided at once', lakeview.schools[0]!.id);
    expect((await decide(t.db, principal, decidedAtOnce, { decision: 'approve' })).status).toBe(200);
    await sendOurEmails();
    expect(reviewMailsOf('Decided at once')).toEqual([]);

    // In the digest: of two roles waiting, the one decided since stays out of it.
    const other = await buildPrincipal(t.db, lakeview.id, [lakeview.schools[2]!.id]);
    const otherAgent = await signIn(t.app, other.email, testPassword);
    await write(otherAgent, 'put', '/api/me/notification-settings').send(everyKind('email_digest'));
    const decidedBeforeDigest = await submitted('Decided before the digest', lakeview.schools[2]!.id);
    await submitted('Still waiting', lakeview.schools[2]!.id);
    await decide(t.db, otherAgent, decidedBeforeDigest, { decision: 'request_changes', comment: 'Name the days.' });
    await sendOurEmails();
    await sendDigests(t.db, mail.mailer, 'http://localhost:3000', nextMorningIn('America/New_York'));
    const digest = await mail.messageTo(other.email, (m) => Boolean(m.subject?.startsWith('Your daily')));
    expect(digest.subject).toMatch(/^Your daily digest: 1 thing/);
    expect(digest.text).toContain(`Still waiting ${tag}`);
    expect(digest.text).not.toContain(`Decided before the digest ${tag}`);
    // Both stay in the planner, where the decided one says what happened once opened.
    expect((await notificationsOf(otherAgent)).notifications.map((n) => n.kind)).toEqual([
      'review_waiting',
      'review_waiting',
    ]);
  });

  it("a review a co-principal gave for their school before the email went is not emailed to the school's other principal; the other school's is", async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const west = lakeview.schools[3]!;
    const first = await buildPrincipal(t.db, lakeview.id, [west.id]);
    const second = await buildPrincipal(t.db, lakeview.id, [west.id]);
    const title = `Co-led ${crypto.randomUUID().slice(0, 8)}`;
    const role = await buildRole(t.db, lakeview, plan.id, { title, schoolIds: [lakeview.schools[0]!.id, west.id] });
    const url = `/api/plans/${plan.id}/roles/${role.id}`;
    expect((await write(admin, 'post', `${url}/submit`)).status).toBe(200);
    const approved = await decide(t.db, await signIn(t.app, first.email, testPassword), url, { decision: 'approve' });
    expect(approved.body.status).toBe('in_review');

    await sendOurEmails();
    const subject = `“${title}” in “${plan.title}” is waiting for your review`;
    // Marcus's school has not decided: his email goes, in the same run as the one held back would have.
    await mail.messageTo(lakeview.principal.email, (m) => m.subject === subject);
    const emailedTo = mail.received
      .filter((m) => m.subject === subject)
      .flatMap((m) => [m.to].flat().flatMap((to) => to?.value.map((a) => a.address) ?? []));
    expect(emailedTo).toEqual([lakeview.principal.email]);
    // In the planner it stays for the second principal, as what happened.
    const secondAgent = await signIn(t.app, second.email, testPassword);
    expect((await notificationsOf(secondAgent)).notifications.map((n) => n.title)).toEqual([subject]);
  });

  it('a review whose plan was archived before its email went is not emailed: an archived plan takes no decisions', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const title = `Archived meanwhile ${crypto.randomUUID().slice(0, 8)}`;
    const role = await buildRole(t.db, lakeview, plan.id, { title, schoolIds: [lakeview.schools[0]!.id] });
    expect((await write(admin, 'post', `/api/plans/${plan.id}/roles/${role.id}/submit`)).status).toBe(200);
    const { version } = (await admin.agent.get(`/api/plans/${plan.id}`)).body as { version: number };
    expect((await write(admin, 'patch', `/api/plans/${plan.id}`).send({ status: 'archived', version })).status).toBe(
      200,
    );
    await sendOurEmails();
    expect(mail.received.filter((m) => m.subject?.includes(`“${title}”`))).toEqual([]);
  });

  it('a decision on a role is not emailed once the role has moved on: edited or sent for review again before the email went', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const title = `Moved on ${crypto.randomUUID().slice(0, 8)}`;
    const role = await buildRole(t.db, lakeview, plan.id, { title, schoolIds: [lakeview.schools[0]!.id] });
    const url = `/api/plans/${plan.id}/roles/${role.id}`;
    expect((await write(admin, 'post', `${url}/submit`)).status).toBe(200);
    await decide(t.db, principal, url, { decision: 'request_changes', comment: 'Name the days.' });
    // The admin makes the change and sends it again before the emails job runs.
    const { version } = (await admin.agent.get(url)).body as { version: number };
    expect((await write(admin, 'patch', url).send({ purpose: 'Meets on Tuesdays.', version })).status).toBe(200);
    expect((await write(admin, 'post', `${url}/submit`)).status).toBe(200);
    await sendOurEmails();
    expect(mail.received.filter((m) => m.subject?.includes(`requested changes to “${title}”`))).toEqual([]);
    // In the planner it stays, as what happened.
    expect((await notificationsOf(admin)).notifications.map((n) => n.title)).toContainEqual(
      `${lakeview.principal.name} requested changes to “${title}” in “${plan.title}”`,
    );
  });

  it('a decision overtaken before its email went is not emailed: changes requested, then sent again and approved, brings the approval alone', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const title = `Decided twice ${crypto.randomUUID().slice(0, 8)}`;
    const role = await buildRole(t.db, lakeview, plan.id, { title, schoolIds: [lakeview.schools[0]!.id] });
    const url = `/api/plans/${plan.id}/roles/${role.id}`;
    expect((await write(admin, 'post', `${url}/submit`)).status).toBe(200);
    await decide(t.db, principal, url, { decision: 'request_changes', comment: 'Name the days.' });
    // All within the minute between two runs of the emails job.
    expect((await write(admin, 'post', `${url}/submit`)).status).toBe(200);
    expect((await decide(t.db, principal, url, { decision: 'approve' })).body.status).toBe('approved');
    await sendOurEmails();
    const approvedTitle = `“${title}” in “${plan.title}” is approved`;
    await mail.messageTo(lakeview.admin.email, (m) => m.subject === approvedTitle);
    expect(mail.received.filter((m) => m.subject?.includes(`“${title}”`)).map((m) => m.subject)).toEqual([
      approvedTitle,
    ]);
    // In the planner both stay, as what happened.
    expect((await notificationsOf(admin)).notifications.map((n) => n.title).slice(0, 2)).toEqual([
      approvedTitle,
      `${lakeview.principal.name} requested changes to “${title}” in “${plan.title}”`,
    ]);
  });

  it('a decision told before decisions had an identity is still emailed while the role stands decided', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const title = `Told before ${crypto.randomUUID().slice(0, 8)}`;
    const role = await buildRole(t.db, lakeview, plan.id, { title, schoolIds: [lakeview.schools[0]!.id] });
    const url = `/api/plans/${plan.id}/roles/${role.id}`;
    expect((await write(admin, 'post', `${url}/submit`)).status).toBe(200);
    expect((await decide(t.db, principal, url, { decision: 'approve' })).body.status).toBe('approved');
    const approvedTitle = `“${title}” in “${plan.title}” is approved`;
    await t.db('notifications').where({ title: approvedTitle }).update({ dedupe_key: null });
    await sendOurEmails();
    expect((await mail.messageTo(lakeview.admin.email, (m) => m.subject === approvedTitle)).subject).toBe(
      approvedTitle,
    );
  });

  it('a mention or a comment names the plan and its school year, in the planner and in the email', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const words = `Which year is this for? ${crypto.randomUUID()}`;
    await write(admin, 'post', `/api/plans/${plan.id}/comments`).send({
      subject: { kind: 'answer', id: 'design.q1' },
      body: words,
      mentions: [lakeview.principal.id],
    });
    const [told] = (await notificationsOf(principal)).notifications;
    expect(told!.title).toMatch(
      new RegExp(`^${lakeview.admin.name} mentioned you on “.+” in “${plan.title}” \\(${plan.schoolYear}\\)$`),
    );
    await sendOurEmails();
    const email = await mail.messageTo(lakeview.principal.email, (m) => Boolean(m.text?.includes(words)));
    expect(email.subject).toBe(told!.title);
  });

  it('the inviter is told when their invitation is accepted', async () => {
    const invitation = await buildInvitation(t.db, lakeview, { role: 'viewer' });
    const res = await request(t.app)
      .post(`/api/invitations/accept/${tokenOf(invitation.acceptUrl)}`)
      .send({
        name: 'Robin Diaz',
        password: 'a long pass phrase of mine',
      });
    expect(res.status).toBe(201);
    expect((await notificationsOf(admin)).notifications[0]).toMatchObject({
      kind: 'invitation_accepted',
      title: 'Robin Diaz accepted your invitation',
      body: 'They joined as viewer.',
      link: '/people',
    });
  });

  it('each person chooses per kind; an unknown kind or delivery is refused', async () => {
    const defaults = (await viewer.agent.get('/api/me/notification-settings')).body as NotificationSettings;
    expect(defaults.settings).toMatchObject({ mention: 'email_now', comment: 'in_app', action_due: 'email_digest' });
    const chosen = { settings: { ...defaults.settings, mention: 'in_app', comment: 'email_digest' } };
    const saved = await write(viewer, 'put', '/api/me/notification-settings').send(chosen);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual(chosen);
    expect((await viewer.agent.get('/api/me/notification-settings')).body).toEqual(chosen);
    // Another person's settings are their own.
    expect(
      ((await admin.agent.get('/api/me/notification-settings')).body as NotificationSettings).settings.mention,
    ).toBe('email_now');

    const bad = await write(viewer, 'put', '/api/me/notification-settings').send({
      settings: { ...chosen.settings, mention: 'carrier_pigeon' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toEqual({
      in: 'body',
      field: 'settings.mention',
      message: 'must be one of in_app, email_now, email_digest',
    });
    const missing = await write(viewer, 'put', '/api/me/notification-settings').send({
      settings: { mention: 'in_app' },
    });
    expect(missing.status).toBe(400);
    // Each kind left out is said to be missing, not to be a wrong choice.
    expect(missing.body.errors).toContainEqual({ in: 'body', field: 'settings.comment', message: 'is required' });
    expect((await viewer.agent.get('/api/me/notification-settings')).body).toEqual(chosen);
  });

  it('"in the planner only" sends no email; a digest gathers the rest in one email', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const reader = await signIn(t.app, lakeview.viewer.email, testPassword);
    await write(reader, 'put', '/api/me/notification-settings').send(everyKind('email_digest'));
    for (const body of ['One', 'Two']) {
      await write(admin, 'post', `/api/plans/${plan.id}/comments`).send({
        subject: { kind: 'answer', id: 'design.q1' },
        body,
        mentions: [lakeview.viewer.id],
      });
    }
    expect(
      await sendDigests(t.db, mail.mailer, 'https://planner.example.org', nextMorningIn('America/New_York')),
    ).toBeGreaterThanOrEqual(1);
    const digest = await mail.messageTo(lakeview.viewer.email, (m) => Boolean(m.subject?.startsWith('Your daily')));
    expect(digest.subject).toMatch(/^Your daily digest: \d+ things in the Teacher Leadership Planner$/);
    expect(digest.text).toContain(`${lakeview.admin.name} mentioned you on`);
    expect(digest.text).toContain('One');
    expect(digest.text).toContain('Two');
    expect(digest.html).toContain(`href="https://planner.example.org/plans/${plan.id}/comments?thread=`);
    expect(digest.text).toContain('change them at https://planner.example.org/notifications/settings');
    expect(digest.html).toContain('href="https://planner.example.org/notifications/settings"');
    // Each notification goes in one digest only.
    const digests = () => mail.received.filter((m) => m.text?.includes(`/plans/${plan.id}/comments`)).length;
    expect(digests()).toBe(1);
    await sendDigests(t.db, mail.mailer, 'https://planner.example.org', nextMorningIn('America/New_York'));
    expect(digests()).toBe(1);

    await write(reader, 'put', '/api/me/notification-settings').send(everyKind('in_app'));
    await write(admin, 'post', `/api/plans/${plan.id}/comments`).send({
      subject: { kind: 'answer', id: 'design.q2' },
      body: 'Only in the planner',
      mentions: [lakeview.viewer.id],
    });
    expect(
      await t.db('notifications').where({ user_id: lakeview.viewer.id, body: 'Only in the planner' }).first(),
    ).toMatchObject({
      email: 'none',
    });
  });
});

describe('a comment deleted or edited after it was told', () => {
  const comment = (planId: string, body: string, mentions: string[]) =>
    write(admin, 'post', `/api/plans/${planId}/comments`).send({
      subject: { kind: 'answer', id: 'design.q1' },
      body,
      mentions,
    });
  const mailsTo = (email: string, words: string) =>
    mail.received.filter((m) => JSON.stringify(m.to).includes(email) && m.text?.includes(words));

  it('deleted: its words leave the notification, and the email not yet sent is not sent', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const person = await buildUser(t.db, lakeview.id, 'viewer');
    const reader = await signIn(t.app, person.email, testPassword);
    const words = `Words taken back ${crypto.randomUUID()}`;
    const posted = await comment(plan.id, words, [person.id]);
    expect(posted.status).toBe(201);
    const said = (posted.body as { comments: { id: string }[] }).comments[0]!;
    expect((await write(admin, 'delete', `/api/plans/${plan.id}/comments/${said.id}`)).status).toBe(204);

    const [told] = (await notificationsOf(reader)).notifications;
    expect(told).toMatchObject({ kind: 'mention', body: 'This comment was deleted.', read: false });
    expect(JSON.stringify(await notificationsOf(reader))).not.toContain(words);
    // Mentions are emailed at once by default: the next run of the emails job sends nothing of it.
    await sendOurEmails();
    await sendOurEmails();
    expect(mail.received.filter((m) => JSON.stringify(m.to).includes(person.email))).toEqual([]);
  });

  it('deleted: its words stay out of the daily digest, which still brings the rest', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const person = await buildUser(t.db, lakeview.id, 'viewer');
    const reader = await signIn(t.app, person.email, testPassword);
    await write(reader, 'put', '/api/me/notification-settings').send(everyKind('email_digest'));
    const kept = `Words kept ${crypto.randomUUID()}`;
    const taken = `Words taken back ${crypto.randomUUID()}`;
    await comment(plan.id, kept, [person.id]);
    const posted = await comment(plan.id, taken, [person.id]);
    const said = (posted.body as { comments: { id: string }[] }).comments[0]!;
    expect((await write(admin, 'delete', `/api/plans/${plan.id}/comments/${said.id}`)).status).toBe(204);

    await sendDigests(t.db, mail.mailer, 'https://planner.example.org', nextMorningIn('America/New_York'));
    const digest = await mail.messageTo(person.email, (m) => Boolean(m.subject?.startsWith('Your daily')));
    expect(digest.subject).toMatch(/^Your daily digest: 1 thing/);
    expect(digest.text).toContain(kept);
    expect(digest.text).not.toContain(taken);
    expect(mailsTo(person.email, taken)).toEqual([]);
  });

  it('edited: the notification, and the email not yet sent, say the edited words', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const person = await buildUser(t.db, lakeview.id, 'viewer');
    const reader = await signIn(t.app, person.email, testPassword);
    const first = `Said in haste ${crypto.randomUUID()}`;
    const edited = `Said with care ${crypto.randomUUID()}`;
    const posted = await comment(plan.id, first, [person.id]);
    const said = (posted.body as { comments: { id: string; version: number }[] }).comments[0]!;
    const saved = await write(admin, 'patch', `/api/plans/${plan.id}/comments/${said.id}`).send({
      body: edited,
      version: said.version,
    });
    expect(saved.status).toBe(200);

    expect((await notificationsOf(reader)).notifications[0]).toMatchObject({ kind: 'mention', body: edited });
    await sendOurEmails();
    const email = await mail.messageTo(person.email, (m) => Boolean(m.text?.includes(edited)));
    expect(email.text).not.toContain(first);
    expect(mailsTo(person.email, first)).toEqual([]);
  });

  it('edited to mention someone else: one no longer mentioned is not told, in the planner nor by email; one who had read it keeps it, unemailed; one in the thread hears of a comment', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const tag = crypto.randomUUID().slice(0, 8);
    const [alicia, bea, marcus] = [
      await buildUser(t.db, lakeview.id, 'viewer'),
      await buildUser(t.db, lakeview.id, 'viewer'),
      await buildUser(t.db, lakeview.id, 'viewer'),
    ];
    const cal = await buildPrincipal(t.db, lakeview.id, []);
    const [aliciaAgent, beaAgent, marcusAgent, calAgent] = [
      await signIn(t.app, alicia.email, testPassword),
      await signIn(t.app, bea.email, testPassword),
      await signIn(t.app, marcus.email, testPassword),
      await signIn(t.app, cal.email, testPassword),
    ];
    // Bea has hers in the digest, and reads it in the planner before the digest goes.
    await write(beaAgent, 'put', '/api/me/notification-settings').send(everyKind('email_digest'));
    // Cal began the thread: a reply tells him, as a mention while he is named in it.
    const started = await write(calAgent, 'post', `/api/plans/${plan.id}/comments`).send({
      subject: { kind: 'answer', id: 'design.q1' },
      body: `Where do we start? ${tag}`,
    });
    const posted = await write(admin, 'post', `/api/plans/${plan.id}/comments`).send({
      threadId: (started.body as { id: string }).id,
      body: `@${alicia.name} @${bea.name} @${cal.name} what do you think? ${tag}`,
      mentions: [alicia.id, bea.id, cal.id],
    });
    const said = (posted.body as { comments: { id: string; version: number }[] }).comments[1]!;
    expect((await write(beaAgent, 'post', '/api/notifications/read').send({ all: true })).status).toBe(204);
    const edited = `@${marcus.name} what do you think? (meant Marcus, sorry) ${tag}`;
    const saved = await write(admin, 'patch', `/api/plans/${plan.id}/comments/${said.id}`).send({
      body: edited,
      mentions: [marcus.id],
      version: said.version,
    });
    expect(saved.status).toBe(200);

    expect(await notificationsOf(aliciaAgent)).toMatchObject({ notifications: [], unread: 0 });
    expect((await notificationsOf(beaAgent)).notifications).toMatchObject([{ kind: 'mention', read: true }]);
    expect((await notificationsOf(marcusAgent)).notifications).toMatchObject([
      { kind: 'mention', body: edited, read: false },
    ]);
    expect((await notificationsOf(calAgent)).notifications).toMatchObject([
      { kind: 'comment', title: expect.stringMatching(`^${lakeview.admin.name} commented on `), body: edited },
    ]);
    await sendOurEmails();
    await sendDigests(t.db, mail.mailer, 'http://localhost:3000', nextMorningIn('America/New_York'));
    await mail.messageTo(marcus.email, (m) => Boolean(m.text?.includes(edited)));
    expect(mailsTo(alicia.email, tag)).toEqual([]);
    expect(mailsTo(bea.email, tag)).toEqual([]);
    expect(
      mail.received.filter((m) => JSON.stringify(m.to).includes(cal.email) && m.subject?.includes('mentioned you')),
    ).toEqual([]);
  });

  it('edited to take someone in the thread out of its mentions, back in, and out again: they hold one notification of it at a time, and hear of it as a comment once', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const tag = crypto.randomUUID().slice(0, 8);
    const cal = await buildPrincipal(t.db, lakeview.id, []);
    const calAgent = await signIn(t.app, cal.email, testPassword);
    await write(calAgent, 'put', '/api/me/notification-settings').send(everyKind('email_now'));
    const started = await write(calAgent, 'post', `/api/plans/${plan.id}/comments`).send({
      subject: { kind: 'answer', id: 'design.q1' },
      body: `Where do we start? ${tag}`,
    });
    const posted = await write(admin, 'post', `/api/plans/${plan.id}/comments`).send({
      threadId: (started.body as { id: string }).id,
      body: `@${cal.name} what do you think? ${tag}`,
      mentions: [cal.id],
    });
    let said = (posted.body as { comments: { id: string; version: number }[] }).comments[1]!;
    const mentionCal = async (mentions: string[]) => {
      const saved = await write(admin, 'patch', `/api/plans/${plan.id}/comments/${said.id}`).send({
        body: `${mentions.length > 0 ? `@${cal.name} ` : ''}what do you think? ${tag}`,
        mentions,
        version: said.version,
      });
      expect(saved.status).toBe(200);
      said = (saved.body as { comments: { id: string; version: number }[] }).comments[1]!;
      return (await notificationsOf(calAgent)).notifications.map((n) => ({ kind: n.kind, read: n.read }));
    };

    expect(await mentionCal([])).toEqual([{ kind: 'comment', read: false }]);
    expect(await mentionCal([cal.id])).toEqual([{ kind: 'mention', read: false }]);
    expect(await mentionCal([])).toEqual([{ kind: 'comment', read: false }]);
    await sendOurEmails();
    await mail.messageTo(cal.email, (m) => Boolean(m.subject?.includes('commented on')));
    // Read in the planner, the comment's notification stays through the next round, and is not made again.
    expect((await write(calAgent, 'post', '/api/notifications/read').send({ all: true })).status).toBe(204);
    expect(await mentionCal([cal.id])).toEqual([
      { kind: 'mention', read: false },
      { kind: 'comment', read: true },
    ]);
    expect(await mentionCal([])).toEqual([{ kind: 'comment', read: true }]);
    await sendOurEmails();
    const commentedMails = mail.received.filter(
      (m) => JSON.stringify(m.to).includes(cal.email) && m.subject?.includes('commented on'),
    );
    expect(commentedMails).toHaveLength(1);
  });

  it('emailed of a comment and not yet read, one in its thread taken out of its mentions, back in, and out again is not emailed of it a second time', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const tag = crypto.randomUUID().slice(0, 8);
    const cal = await buildPrincipal(t.db, lakeview.id, []);
    const calAgent = await signIn(t.app, cal.email, testPassword);
    await write(calAgent, 'put', '/api/me/notification-settings').send(everyKind('email_now'));
    const started = await write(calAgent, 'post', `/api/plans/${plan.id}/comments`).send({
      subject: { kind: 'answer', id: 'design.q1' },
      body: `Where do we begin? ${tag}`,
    });
    const posted = await write(admin, 'post', `/api/plans/${plan.id}/comments`).send({
      threadId: (started.body as { id: string }).id,
      body: `@${cal.name} your view? ${tag}`,
      mentions: [cal.id],
    });
    let said = (posted.body as { comments: { id: string; version: number }[] }).comments[1]!;
    await sendOurEmails();
    await mail.messageTo(cal.email, (m) => Boolean(m.subject?.includes('mentioned you')));
    for (const mentions of [[], [cal.id], []]) {
      const saved = await write(admin, 'patch', `/api/plans/${plan.id}/comments/${said.id}`).send({
        body: `${mentions.length > 0 ? `@${cal.name} ` : ''}your view? ${tag}`,
        mentions,
        version: said.version,
      });
      expect(saved.status).toBe(200);
      said = (saved.body as { comments: { id: string; version: number }[] }).comments[1]!;
      await sendOurEmails();
    }

    expect((await notificationsOf(calAgent)).notifications.map((n) => ({ kind: n.kind, read: n.read }))).toEqual([
      { kind: 'comment', read: false },
    ]);
    const aboutIt = mail.received.filter((m) => JSON.stringify(m.to).includes(cal.email) && m.text?.includes(tag));
    expect(aboutIt.map((m) => m.subject)).toEqual([expect.stringContaining('mentioned you')]);
  });

  /**
   * Cal, who hears of everything by email at once, begins a thread; the admin replies `body` naming `mentions`.
   * `edit` changes the reply; `editing` starts a change and answers the request, for one to run alongside.
   */
  async function replyToCal(body: (cal: { name: string }) => string, mentions: (calId: string) => string[]) {
    const { plan } = await buildPlan(t.db, lakeview);
    const cal = await buildPrincipal(t.db, lakeview.id, []);
    const calAgent = await signIn(t.app, cal.email, testPassword);
    await write(calAgent, 'put', '/api/me/notification-settings').send(everyKind('email_now'));
    const started = await write(calAgent, 'post', `/api/plans/${plan.id}/comments`).send({
      subject: { kind: 'answer', id: 'design.q1' },
      body: `Where do we begin? ${crypto.randomUUID()}`,
    });
    // What waited from before is emailed now, out of this test's way.
    await sendOurEmails();
    const posted = await write(admin, 'post', `/api/plans/${plan.id}/comments`).send({
      threadId: (started.body as { id: string }).id,
      body: body(cal),
      mentions: mentions(cal.id),
    });
    expect(posted.status).toBe(201);
    let said = (posted.body as { comments: { id: string; version: number }[] }).comments[1]!;
    const editing = (words: string, named: string[]) =>
      write(admin, 'patch', `/api/plans/${plan.id}/comments/${said.id}`)
        .send({ body: words, mentions: named, version: said.version })
        .then((saved) => {
          expect(saved.status).toBe(200);
          said = (saved.body as { comments: { id: string; version: number }[] }).comments[1]!;
        });
    const told = async () =>
      (await notificationsOf(calAgent)).notifications.map((n) => ({ kind: n.kind, read: n.read }));
    return { cal, editing, told };
  }
  const subjectsAbout = (server: TestMailServer, email: string, tag: string) =>
    server.received
      .filter((m) => JSON.stringify(m.to).includes(email) && m.text?.includes(tag))
      .map((m) => m.subject?.replace(/ on “.*$/, ''));

  it('a comment emailed to one in its thread, edited to ask them directly, emails them that they were mentioned, once however often they are taken out and named again', async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const { cal, editing, told } = await replyToCal(
      () => `Can someone review? ${tag}`,
      () => [],
    );
    await sendOurEmails();
    await mail.messageTo(cal.email, (m) => Boolean(m.text?.includes(tag)));
    await editing(`@${cal.name} review by Friday? ${tag}`, [cal.id]);
    await sendOurEmails();
    const asked = await mail.messageTo(cal.email, (m) => Boolean(m.subject?.includes('mentioned you')));
    expect(asked.text).toContain(`review by Friday? ${tag}`);
    for (const mentions of [[], [cal.id]]) {
      await editing(`${mentions.length > 0 ? `@${cal.name} ` : ''}review by Friday? ${tag}`, mentions);
      await sendOurEmails();
    }

    expect(await told()).toEqual([{ kind: 'mention', read: false }]);
    expect(subjectsAbout(mail, cal.email, tag)).toEqual([
      `${lakeview.admin.name} commented`,
      `${lakeview.admin.name} mentioned you`,
    ]);
  });

  it('a mention taken out after the emails job claimed its email, which then does not go, leaves the comment in its place to be emailed', async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const { cal, editing, told } = await replyToCal(
      (c) => `@${c.name} your view? ${tag}`,
      (calId) => [calId],
    );
    // The emails job claims his email, as it does before sending it (claimNow)…
    await t.db('notifications').where({ user_id: cal.id, kind: 'mention' }).update({ emailed_at: t.db.fn.now() });
    // …the edit takes him out of the mentions before the job reads the email again, which is gone then.
    await editing(`your view? ${tag}`, []);
    await sendOurEmails();

    expect(await told()).toEqual([{ kind: 'comment', read: false }]);
    await mail.messageTo(cal.email, (m) => Boolean(m.text?.includes(tag)));
    expect(subjectsAbout(mail, cal.email, tag)).toEqual([`${lakeview.admin.name} commented`]);
  });

  it('a mention taken out while its email is on its way is emailed once: the comment in its place is not emailed too', async () => {
    let answer!: () => void;
    const slow = await startMailServer({ answerAfter: new Promise<void>((resolve) => (answer = resolve)) });
    try {
      const tag = crypto.randomUUID().slice(0, 8);
      const { cal, editing, told } = await replyToCal(
        (c) => `@${c.name} your view? ${tag}`,
        (calId) => [calId],
      );
      const sending = sendOurEmails(slow.mailer);
      await slow.messageTo(cal.email, (m) => Boolean(m.text?.includes(tag)));
      // The mail server has the email and has not yet answered: the edit comes meanwhile.
      const edited = editing(`your view? ${tag}`, []);
      await new Promise((resolve) => setTimeout(resolve, 500));
      answer();
      await Promise.all([sending, edited]);
      await sendOurEmails(slow.mailer);

      expect(await told()).toEqual([{ kind: 'comment', read: false }]);
      expect(subjectsAbout(slow, cal.email, tag)).toEqual([`${lakeview.admin.name} mentioned you`]);
    } finally {
      answer();
      await slow.close();
    }
  });

  it('an edit of a comment whose email is on its way to a slow mail server is saved at once, not once the mail server answers', async () => {
    let answer!: () => void;
    const slow = await startMailServer({ answerAfter: new Promise<void>((resolve) => (answer = resolve)) });
    try {
      const tag = crypto.randomUUID().slice(0, 8);
      const { cal, editing, told } = await replyToCal(
        (c) => `@${c.name} your view? ${tag}`,
        (calId) => [calId],
      );
      const sending = sendOurEmails(slow.mailer);
      await slow.messageTo(cal.email, (m) => Boolean(m.text?.includes(tag)));
      // The mail server has the email and holds its answer: the edit does not wait for it.
      const edited = editing(`your view now? ${tag}`, []).then(() => 'saved');
      const held = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 3000));
      expect(await Promise.race([edited, held])).toBe('saved');
      answer();
      await sending;

      expect(await told()).toEqual([{ kind: 'comment', read: false }]);
      expect(subjectsAbout(slow, cal.email, tag)).toEqual([`${lakeview.admin.name} mentioned you`]);
    } finally {
      answer();
      await slow.close();
    }
  });
});

describe('the daily digest', () => {
  it("goes in the morning where each person's district is: New York's first, Honolulu's hours later", async () => {
    await setTimeZone(otherAdmin, 'Pacific/Honolulu');
    const [east, west] = [await buildUser(t.db, lakeview.id, 'viewer'), await buildUser(t.db, hillcrest.id, 'viewer')];
    const title = `Waiting for the morning ${crypto.randomUUID()}`;
    for (const [person, district] of [
      [east, lakeview],
      [west, hillcrest],
    ] as const) {
      const reader = await signIn(t.app, person.email, testPassword);
      await write(reader, 'put', '/api/me/notification-settings').send(everyKind('email_digest'));
      await notify(t.db, {
        districtId: district.id,
        recipients: [person.id],
        kind: 'mention',
        planId: null,
        title,
        link: '/notifications',
      });
    }
    const digestsTo = (email: string) =>
      mail.received.filter((m) => JSON.stringify(m.to).includes(email) && m.text?.includes(title));

    // 8 AM in New York is 2 or 3 AM in Honolulu: only the New York district's person gets theirs.
    const newYorkMorning = nextMorningIn('America/New_York');
    await sendDigests(t.db, mail.mailer, 'https://planner.example.org', newYorkMorning);
    expect((await mail.messageTo(east.email, (m) => Boolean(m.text?.includes(title)))).subject).toMatch(
      /^Your daily digest: 1 thing/,
    );
    expect(digestsTo(west.email)).toEqual([]);

    // The hours between: Honolulu's people still wait, and New York's digest is not sent again.
    const honoluluMorning = nextMorningIn('Pacific/Honolulu', newYorkMorning);
    for (let at = newYorkMorning.getTime() + 3_600_000; at < honoluluMorning.getTime(); at += 3_600_000) {
      await sendDigests(t.db, mail.mailer, 'https://planner.example.org', new Date(at));
    }
    expect(digestsTo(west.email)).toEqual([]);

    await sendDigests(t.db, mail.mailer, 'https://planner.example.org', honoluluMorning);
    expect((await mail.messageTo(west.email, (m) => Boolean(m.text?.includes(title)))).subject).toMatch(
      /^Your daily digest: 1 thing/,
    );
    expect(digestsTo(east.email)).toHaveLength(1);
  });

  describe('when the district moves to another time zone', () => {
    /** A person of a district of their own in `timeZone`, with every kind in the digest, and a way to tell them things. */
    async function personIn(timeZone: string) {
      const district = await buildDistrict(t.db);
      const districtAdmin = await signIn(t.app, district.admin.email, testPassword);
      await setTimeZone(districtAdmin, timeZone);
      const person = await buildUser(t.db, district.id, 'viewer');
      const reader = await signIn(t.app, person.email, testPassword);
      await write(reader, 'put', '/api/me/notification-settings').send(everyKind('email_digest'));
      const tag = crypto.randomUUID();
      return {
        moveTo: (zone: string) => setTimeZone(districtAdmin, zone),
        tell: (title: string) =>
          notify(t.db, {
            districtId: district.id,
            recipients: [person.id],
            kind: 'mention',
            planId: null,
            title: `${title} ${tag}`,
            link: '/notifications',
          }),
        digestsAt: async (at: string) => {
          await sendDigests(t.db, mail.mailer, 'https://planner.example.org', new Date(at));
          return mail.received
            .filter((m) => m.subject?.startsWith('Your daily') && m.text?.includes(tag))
            .map((m) => m.text!.match(/- (\w+ mention)/g)!.join(', '));
        },
      };
    }

    it('westward, the new zone’s 8 AM the same day sends no second digest; what came since goes the next morning', async () => {
      const alicia = await personIn('America/Chicago');
      await alicia.tell('First mention');
      // 8 AM in Chicago.
      expect(await alicia.digestsAt('2026-12-04T14:00:00Z')).toEqual(['- First mention']);
      await alicia.moveTo('America/Los_Angeles');
      await alicia.tell('Second mention');
      // 8 AM in Los Angeles, the same day.
      expect(await alicia.digestsAt('2026-12-04T16:00:00Z')).toEqual(['- First mention']);
      expect(await alicia.digestsAt('2026-12-05T16:00:00Z')).toEqual(['- First mention', '- Second mention']);
    });

    it('eastward, the next morning there brings what waited, even when that morning is the same day where the digest last went', async () => {
      const alicia = await personIn('Asia/Tokyo');
      await alicia.tell('First mention');
      // 8 AM on Dec 5 in Tokyo: 3 PM on Dec 4 in Los Angeles.
      expect(await alicia.digestsAt('2026-12-04T23:00:00Z')).toEqual(['- First mention']);
      await alicia.moveTo('America/Los_Angeles');
      await alicia.tell('Second mention');
      // 8 AM on Dec 5 in Los Angeles: her first morning there.
      expect(await alicia.digestsAt('2026-12-05T16:00:00Z')).toEqual(['- First mention', '- Second mention']);
    });
  });

  it('says when each thing happened, in the district’s time zone and naming it', async () => {
    await setTimeZone(otherAdmin, 'Pacific/Honolulu');
    const person = await buildUser(t.db, hillcrest.id, 'viewer');
    const reader = await signIn(t.app, person.email, testPassword);
    await write(reader, 'put', '/api/me/notification-settings').send(everyKind('email_digest'));
    const tag = crypto.randomUUID();
    // Late in the evening in Honolulu, the next day in UTC; and a morning two days before.
    for (const [title, at] of [
      [`Evening ${tag}`, '2026-11-29T07:10:00Z'],
      [`Morning ${tag}`, '2026-11-27T19:05:00Z'],
    ] as const) {
      await notify(t.db, {
        districtId: hillcrest.id,
        recipients: [person.id],
        kind: 'mention',
        planId: null,
        title,
        body: 'Which schools start first?',
        link: '/notifications',
      });
      await t
        .db('notifications')
        .where({ user_id: person.id, title })
        .update({ created_at: new Date(at) });
    }

    // The digests job, as its schedule runs it, for the next morning in Honolulu.
    const db = await openTestDatabase();
    const runner = await startJobs({
      db,
      mailer: mail.mailer,
      publicUrl: 'https://planner.example.org',
      logger: pino({ level: 'silent' }),
      schedule: false,
      pollingIntervalSeconds: 0.5,
    });
    try {
      await runner.boss.send('digests', { at: nextMorningIn('Pacific/Honolulu').toISOString() });
      const digest = await mail.messageTo(person.email, (m) => Boolean(m.text?.includes(tag)));
      expect(digest.subject).toMatch(/^Your daily digest: 2 things/);
      expect(digest.text).toContain(
        `- Evening ${tag}\n  Nov 28, 2026, 9:10 PM HST\n  Which schools start first?\n  https://planner.example.org/notifications`,
      );
      expect(digest.text).toContain(`- Morning ${tag}\n  Nov 27, 2026, 9:05 AM HST\n`);
      expect(digest.html).toContain(`>Evening ${tag}</a><br>Nov 28, 2026, 9:10 PM HST<br>Which schools start first?`);
      expect(digest.html).toContain(`>Morning ${tag}</a><br>Nov 27, 2026, 9:05 AM HST<br>`);
    } finally {
      await runner.stop();
      await db.destroy();
    }
  });
});

describe('an email sent at once', () => {
  it('says when it happened, in the district’s time zone and naming it, as the digest does', async () => {
    await setTimeZone(otherAdmin, 'Pacific/Honolulu');
    const { plan } = await buildPlan(t.db, hillcrest);
    const person = await buildUser(t.db, hillcrest.id, 'viewer');
    const reader = await signIn(t.app, person.email, testPassword);
    await write(reader, 'put', '/api/me/notification-settings').send(everyKind('email_now'));
    const tag = crypto.randomUUID();
    const posted = await write(otherAdmin, 'post', `/api/plans/${plan.id}/comments`).send({
      subject: { kind: 'answer', id: 'design.q1' },
      body: `@${person.name} which schools start first? ${tag}`,
      mentions: [person.id],
    });
    expect(posted.status).toBe(201);
    // Late in the evening in Honolulu, the next day in UTC: the email goes late.
    await t
      .db('notifications')
      .where({ user_id: person.id })
      .update({ created_at: new Date('2026-11-29T07:10:00Z') });

    await sendOurEmails(mail.mailer, 'https://planner.example.org');
    const email = await mail.messageTo(person.email, (m) => Boolean(m.text?.includes(tag)));
    expect(email.subject).toContain('mentioned you');
    expect(email.text).toMatch(/mentioned you[^\n]*\n\nNov 28, 2026, 9:10 PM HST\n\n@/);
    expect(email.html).toContain('<p>Nov 28, 2026, 9:10 PM HST</p>');
  });

  it('says its title as a sentence, one full stop and no more: a title ending in . ! or ? keeps its own', async () => {
    const person = await buildUser(t.db, lakeview.id, 'viewer');
    const tag = crypto.randomUUID().slice(0, 8);
    const titles = [`Plain ${tag}`, `Asked ${tag}?`, `Said ${tag}!`, `Stopped ${tag}.`];
    for (const title of titles) {
      await notify(t.db, {
        districtId: lakeview.id,
        recipients: [person.id],
        kind: 'mention',
        planId: null,
        title,
        link: '/notifications',
      });
    }
    await sendOurEmails(mail.mailer, 'https://planner.example.org');
    const firstLines = await Promise.all(
      titles.map(
        async (title) => (await mail.messageTo(person.email, (m) => m.subject === title)).text?.split('\n\n')[1],
      ),
    );
    expect(firstLines).toEqual([`Plain ${tag}.`, `Asked ${tag}?`, `Said ${tag}!`, `Stopped ${tag}.`]);
  });
});

describe('a change of mind about email', () => {
  it('holds for what is still waiting to be emailed: nothing goes by email once a person chose the planner only', async () => {
    const person = await buildUser(t.db, lakeview.id, 'viewer');
    const reader = await signIn(t.app, person.email, testPassword);
    const choose = async (delivery: string) =>
      expect((await write(reader, 'put', '/api/me/notification-settings').send(everyKind(delivery))).status).toBe(200);
    const tell = (title: string) =>
      notify(t.db, {
        districtId: lakeview.id,
        recipients: [person.id],
        kind: 'mention',
        planId: null,
        title,
        link: '/notifications',
      });
    await choose('email_now');
    await tell('Said while email was wanted at once');
    await choose('email_digest');
    await tell('Said while a digest was wanted');
    await choose('in_app');
    await sendOurEmails(mail.mailer, 'https://planner.example.org');
    await sendDigests(t.db, mail.mailer, 'https://planner.example.org', nextMorningIn('America/New_York'));
    // The mail server has had its chance: a message to send would have gone by now.
    await sendOurEmails(mail.mailer, 'https://planner.example.org');
    expect(mail.received.filter((m) => m.to && JSON.stringify(m.to).includes(person.email))).toEqual([]);
    expect((await notificationsOf(reader)).notifications.map((n) => n.title)).toEqual([
      'Said while a digest was wanted',
      'Said while email was wanted at once',
    ]);

    // Email at once turned into a digest: what waits goes in the next digest, not at once.
    await choose('email_now');
    await tell('Said, then a digest chosen');
    await choose('email_digest');
    await sendOurEmails(mail.mailer, 'https://planner.example.org');
    await sendDigests(t.db, mail.mailer, 'https://planner.example.org', nextMorningIn('America/New_York'));
    const digest = await mail.messageTo(person.email);
    expect(digest.subject).toMatch(/^Your daily digest: 1 thing/);
    expect(digest.text).toContain('Said, then a digest chosen');
  });
});

describe('emails sent at once', () => {
  it('go in the order their notifications were made, whatever order the database hands them back in', async () => {
    const person = await buildUser(t.db, lakeview.id, 'viewer');
    const tag = crypto.randomUUID().slice(0, 8);
    const titles = ['First', 'Second', 'Third', 'Fourth'].map((n) => `${n} ${tag}`);
    for (const title of titles) {
      await notify(t.db, {
        districtId: lakeview.id,
        recipients: [person.id],
        kind: 'mention',
        planId: null,
        title,
        link: '/notifications',
      });
    }
    // Each made a minute before the next, updated last first: the rows no longer lie in the order they were made.
    for (const [i, title] of [...titles.entries()].reverse()) {
      await t
        .db('notifications')
        .where({ user_id: person.id, title })
        .update({ created_at: t.db.raw(`now() - make_interval(mins => ?)`, [titles.length - i]) });
    }
    await sendOurEmails(mail.mailer, 'https://planner.example.org');
    await mail.messageTo(person.email, (m) => m.subject === titles.at(-1));
    expect(mail.received.filter((m) => m.subject?.endsWith(tag)).map((m) => m.subject)).toEqual(titles);
  });
});

describe('when the mail server refuses a message', () => {
  it('is tried again a few times, later each time, and never holds back the mail of anyone else', async () => {
    const picky = await startMailServer({ refuse: (address) => address.startsWith('gone-') });
    try {
      const gone = await buildUser(t.db, lakeview.id, 'viewer', { email: `gone-${crypto.randomUUID()}@lakeview.test` });
      const tell = (recipient: string, title: string) =>
        notify(t.db, {
          districtId: lakeview.id,
          recipients: [recipient],
          kind: 'mention',
          planId: null,
          title,
          link: '/notifications',
        });
      // More refused messages than one run sends, all older than the message that can go.
      for (let i = 0; i < 51; i += 1) await tell(gone.id, `Refused ${i}`);
      const fine = `Deliverable ${crypto.randomUUID()}`;
      await tell(lakeview.principal.id, fine);
      const refused = () => t.db('notifications').where({ user_id: gone.id });

      for (let run = 0; run < 3; run += 1) await sendOurEmails(picky.mailer, 'https://planner.example.org');
      expect((await picky.messageTo(lakeview.principal.email, (m) => m.subject === fine)).subject).toBe(fine);
      // Each refused message was tried once: the next try waits a while.
      expect(new Set((await refused()).map((n: { email_attempts: number }) => n.email_attempts))).toEqual(new Set([1]));

      // After its last try, a message is given up on: it stays in the planner, and is not tried again.
      await refused().update({ email_attempts: emailAttempts - 1, email_retry_at: null, emailed_at: null });
      await sendOurEmails(picky.mailer, 'https://planner.example.org');
      await sendOurEmails(picky.mailer, 'https://planner.example.org');
      const after = await refused();
      expect(after.map((n: { email_attempts: number }) => n.email_attempts)).toEqual(after.map(() => emailAttempts));
      expect(after.every((n: { emailed_at: Date | null }) => n.emailed_at === null)).toBe(true);
      expect(picky.received.filter((m) => m.subject?.startsWith('Refused'))).toEqual([]);
    } finally {
      await picky.close();
    }
  });

  it('while the mail server is out of reach, an email waits and is tried again, however long it takes', async () => {
    const closed = await startMailServer();
    await closed.close();
    const title = `Waiting ${crypto.randomUUID()}`;
    await notify(t.db, {
      districtId: lakeview.id,
      recipients: [lakeview.principal.id],
      kind: 'mention',
      planId: null,
      title,
      link: '/notifications',
    });
    await sendOurEmails(closed.mailer, 'https://planner.example.org');
    const row = await t.db('notifications').where({ title }).first();
    expect(row).toMatchObject({ emailed_at: null, email_attempts: 0 });
    expect(row.email_retry_at).not.toBeNull();

    await t.db('notifications').where({ title }).update({ email_retry_at: null });
    await sendOurEmails(mail.mailer, 'https://planner.example.org');
    expect((await mail.messageTo(lakeview.principal.email, (m) => m.subject === title)).subject).toBe(title);
  });
});

describe('when the mail server refuses a digest', () => {
  /** A person of the district who wants every kind in the daily digest, told of one thing. */
  async function digestReader(email: string, title: string) {
    const person = await buildUser(t.db, lakeview.id, 'viewer', { email });
    const reader = await signIn(t.app, person.email, testPassword);
    await write(reader, 'put', '/api/me/notification-settings').send(everyKind('email_digest'));
    await notify(t.db, {
      districtId: lakeview.id,
      recipients: [person.id],
      kind: 'mention',
      planId: null,
      title,
      link: '/notifications',
    });
    return person;
  }
  const rowOf = async (title: string) =>
    (await t.db('notifications').where({ title }).first()) as {
      email_attempts: number;
      email_retry_at: Date | null;
      emailed_at: Date | null;
    };
  /** The wait before the next try is minutes: the test lets it pass. */
  const whenDue = (title: string) => t.db('notifications').where({ title }).update({ email_retry_at: new Date() });

  it('is tried again a few times, later each time, as other refused emails are, then given up on', async () => {
    const picky = await startMailServer({ refuse: (address) => address.startsWith('gone-') });
    try {
      const title = `Refused digest ${crypto.randomUUID()}`;
      await digestReader(`gone-${crypto.randomUUID()}@lakeview.test`, title);
      await sendDigests(t.db, picky.mailer, 'https://planner.example.org', nextMorningIn('America/New_York'));
      expect(await rowOf(title)).toMatchObject({ email_attempts: 1, emailed_at: null });
      expect((await rowOf(title)).email_retry_at).not.toBeNull();
      // Not tried again before its time.
      await sendOurEmails(picky.mailer, 'https://planner.example.org');
      expect((await rowOf(title)).email_attempts).toBe(1);
      for (let attempt = 2; attempt <= emailAttempts; attempt += 1) {
        await whenDue(title);
        await sendOurEmails(picky.mailer, 'https://planner.example.org');
        expect((await rowOf(title)).email_attempts).toBe(attempt);
      }
      // Given up on: neither tried again nor put in the next day's digest; it stays in the planner.
      await whenDue(title);
      await sendOurEmails(picky.mailer, 'https://planner.example.org');
      await sendDigests(
        t.db,
        picky.mailer,
        'https://planner.example.org',
        nextMorningIn('America/New_York', new Date(Date.now() + 86_400_000)),
      );
      expect(await rowOf(title)).toMatchObject({ email_attempts: emailAttempts, emailed_at: null });
      expect(picky.received).toEqual([]);
    } finally {
      await picky.close();
    }
  });

  it('while the mail server is out of reach, the digest goes once it is back, not a day later', async () => {
    const closed = await startMailServer();
    await closed.close();
    const title = `Undelivered digest ${crypto.randomUUID()}`;
    const person = await digestReader(`reader-${crypto.randomUUID()}@lakeview.test`, title);
    await sendDigests(t.db, closed.mailer, 'https://planner.example.org', nextMorningIn('America/New_York'));
    expect(await rowOf(title)).toMatchObject({ email_attempts: 0, emailed_at: null });

    await whenDue(title);
    await sendOurEmails(mail.mailer, 'https://planner.example.org');
    const digest = await mail.messageTo(person.email);
    expect(digest.subject).toBe('Your daily digest: 1 thing in the Teacher Leadership Planner');
    expect(digest.text).toContain(title);
    // Sent once: neither the next try nor the next day's digest sends it again.
    await sendOurEmails(mail.mailer, 'https://planner.example.org');
    await sendDigests(
      t.db,
      mail.mailer,
      'https://planner.example.org',
      nextMorningIn('America/New_York', new Date(Date.now() + 86_400_000)),
    );
    expect(mail.received.filter((m) => m.text?.includes(title))).toHaveLength(1);
  });
});

describe('reminders', () => {
  let runners: JobRunner[] = [];
  let pools: Db[] = [];
  const logger = pino({ level: 'silent' });

  /** A server process's job runner: its own pool on the same database, as a second process has. */
  async function startProcess(): Promise<JobRunner> {
    const db = await openTestDatabase();
    pools.push(db);
    const runner = await startJobs({
      db,
      mailer: mail.mailer,
      publicUrl: 'https://planner.example.org',
      logger,
      schedule: false,
      pollingIntervalSeconds: 0.5,
    });
    runners.push(runner);
    return runner;
  }
  /** Queues a job as its schedule would, and waits until one of the processes has done it. */
  async function runJob(runner: JobRunner, name: 'reminders' | 'emails'): Promise<void> {
    const id = (await runner.boss.send(name, {}))!;
    for (let i = 0; i < 100; i += 1) {
      const job = await runner.boss.getJobById(name, id);
      if (job?.state === 'completed') return;
      if (job?.state === 'failed') throw new Error(`The ${name} job failed: ${JSON.stringify(job.output)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`The ${name} job did not finish within 10 s`);
  }
  afterEach(async () => {
    await Promise.all(runners.map((r) => r.stop()));
    await Promise.all(pools.map((p) => p.destroy()));
    runners = [];
    pools = [];
  });

  async function activePlanWithDueWork() {
    const { plan, customActionId } = await buildPlan(t.db, lakeview);
    const active = await write(admin, 'patch', `/api/plans/${plan.id}`).send({
      status: 'active',
      version: plan.version,
    });
    expect(active.body.status).toBe('active');
    const actions = plan.stages.flatMap((s) => s.actions);
    const [soon, overdue, later, done] = actions;
    const own = (id: string, dueDate: string, extra: Record<string, unknown> = {}) =>
      write(admin, 'patch', `/api/plans/${plan.id}/actions/${id}`).send({
        ownerUserId: lakeview.principal.id,
        dueDate,
        version: 1,
        ...extra,
      });
    await own(soon!.id, addDays(3));
    await own(overdue!.id, addDays(-2));
    await own(later!.id, addDays(20));
    await own(done!.id, addDays(-5), { status: 'done' });
    const measure = await buildRow(t.db, lakeview, plan.id, 'measures', {
      name: `Attendance ${customActionId.slice(0, 4)}`,
      frequency: 'monthly',
      baselineDate: addMonths(-2),
      ownerUserId: lakeview.principal.id,
    });
    return { plan, soon: soon!, overdue: overdue!, measure };
  }
  const remindersOf = (planId: string) =>
    t.db('notifications').where({ plan_id: planId }).whereIn('kind', ['action_due', 'reading_due']).orderBy('title');

  it('owners hear of actions due within 7 days or overdue, and of readings due; once, with two processes', async () => {
    await write(principal, 'put', '/api/me/notification-settings').send(everyKind('email_now'));
    const { plan, soon, overdue, measure } = await activePlanWithDueWork();
    const [first, second] = [await startProcess(), await startProcess()];

    // Both processes are asked at once, the way two schedules firing together would.
    await Promise.all([runJob(first, 'reminders'), runJob(second, 'reminders'), remindDue(pools[1]!)]);
    const reminders = await remindersOf(plan.id);
    expect(reminders.map((r) => [r.kind, r.user_id, r.title])).toEqual(
      [
        [
          'reading_due',
          lakeview.principal.id,
          `A reading of “${measure.name}” is due (since ${formatDate(addMonths(-1))})`,
        ],
        ['action_due', lakeview.principal.id, `Due on ${formatDate(addDays(3))}: “${soon.text}”`],
        ['action_due', lakeview.principal.id, `Overdue since ${formatDate(addDays(-1))}: “${overdue.text}”`],
      ].sort((a, b) => a[2]!.localeCompare(b[2]!)),
    );

    await Promise.all([runJob(first, 'emails'), runJob(second, 'emails')]);
    const emailed = () => mail.received.filter((m) => reminders.some((r) => m.subject === r.title));
    expect(
      emailed()
        .map((m) => m.subject)
        .sort(),
    ).toEqual(reminders.map((r) => r.title).sort());
    // An action's reminder lands on the action, on its stage's page; a reading's on the measure.
    const stageOf = (actionId: string) => plan.stages.find((s) => s.actions.some((a) => a.id === actionId))!.key;
    const actionUrl = (actionId: string) =>
      `https://planner.example.org/plans/${plan.id}/stages/${stageOf(actionId)}#action-${actionId}`;
    expect(
      Object.fromEntries(reminders.filter((r) => r.kind === 'action_due').map((r) => [r.title, r.link as string])),
    ).toEqual({
      [`Due on ${formatDate(addDays(3))}: “${soon.text}”`]: `/plans/${plan.id}/stages/${stageOf(soon.id)}#action-${soon.id}`,
      [`Overdue since ${formatDate(addDays(-1))}: “${overdue.text}”`]: `/plans/${plan.id}/stages/${stageOf(overdue.id)}#action-${overdue.id}`,
    });
    expect(emailed().find((m) => m.subject?.startsWith('Due on'))!.text).toContain(actionUrl(soon.id));
    expect(emailed()[0]!.text).toContain(`https://planner.example.org/plans/${plan.id}/`);

    // A restart runs the job again: nothing is made or sent twice.
    await Promise.all(runners.map((r) => r.stop()));
    runners = [];
    const restarted = await startProcess();
    await runJob(restarted, 'reminders');
    await runJob(restarted, 'emails');
    expect(await remindersOf(plan.id)).toHaveLength(3);
    expect(emailed()).toHaveLength(3);
  });

  it('an action is overdue once its due day is over where the district is: in New York hours before Honolulu', async () => {
    await setTimeZone(otherAdmin, 'Pacific/Honolulu');
    /** An active plan of the district whose principal owns an action due on the 10th and one due on the 18th. */
    async function planDue(district: TestDistrict, districtAdmin: SignedInAgent) {
      const { plan } = await buildPlan(t.db, district);
      await write(districtAdmin, 'patch', `/api/plans/${plan.id}`).send({ status: 'active', version: plan.version });
      const [onTenth, onEighteenth] = plan.stages[2]!.actions;
      for (const [action, dueDate] of [
        [onTenth!, '2027-03-10'],
        [onEighteenth!, '2027-03-18'],
      ] as const) {
        const res = await write(districtAdmin, 'patch', `/api/plans/${plan.id}/actions/${action.id}`).send({
          ownerUserId: district.principal.id,
          dueDate,
          version: 1,
        });
        expect(res.status).toBe(200);
      }
      const titles = async () => (await remindersOf(plan.id)).map((r) => r.title as string).sort();
      return { onTenth: onTenth!, onEighteenth: onEighteenth!, titles };
    }
    const newYork = await planDue(lakeview, admin);
    const honolulu = await planDue(hillcrest, otherAdmin);

    // 06:00 UTC on the 11th: 1 AM on the 11th in New York, 8 PM on the 10th in Honolulu.
    await remindDue(t.db, new Date('2027-03-11T06:00:00Z'));
    expect(await newYork.titles()).toEqual(
      [
        `Due on Mar 18, 2027: “${newYork.onEighteenth.text}”`,
        `Overdue since Mar 11, 2027: “${newYork.onTenth.text}”`,
      ].sort(),
    );
    // In Honolulu the 10th still runs, and the 18th is more than 7 days away.
    expect(await honolulu.titles()).toEqual([`Due on Mar 10, 2027: “${honolulu.onTenth.text}”`]);

    // 10:00 UTC: midnight in Honolulu, the 11th there too.
    await remindDue(t.db, new Date('2027-03-11T10:00:00Z'));
    expect(await honolulu.titles()).toEqual(
      [
        `Due on Mar 10, 2027: “${honolulu.onTenth.text}”`,
        `Due on Mar 18, 2027: “${honolulu.onEighteenth.text}”`,
        `Overdue since Mar 11, 2027: “${honolulu.onTenth.text}”`,
      ].sort(),
    );
    expect(await newYork.titles()).toHaveLength(2);
  });

  it('the person responsible for a measure without a baseline date hears of its reading a month into the school year', async () => {
    const { plan } = await buildPlan(t.db, lakeview, { schoolYear: '2026-27' });
    await write(admin, 'patch', `/api/plans/${plan.id}`).send({ status: 'active', version: plan.version });
    await buildRow(t.db, lakeview, plan.id, 'measures', {
      name: 'PLC meetings held',
      unit: '',
      frequency: 'monthly',
      baseline: null,
      baselineDate: null,
      target: 30,
      targetDate: '2027-06-01',
      ownerUserId: lakeview.principal.id,
    });
    await remindDue(t.db, new Date('2026-12-10T15:00:00Z'));
    expect((await remindersOf(plan.id)).map((r) => [r.kind, r.user_id, r.title])).toEqual([
      ['reading_due', lakeview.principal.id, 'A reading of “PLC meetings held” is due (since Aug 1, 2026)'],
    ]);
  });

  it('nothing is sent about a draft or an archived plan', async () => {
    const { plan } = await activePlanWithDueWork();
    const current = (await admin.agent.get(`/api/plans/${plan.id}`)).body as { version: number };
    const archived = await write(admin, 'patch', `/api/plans/${plan.id}`).send({
      status: 'archived',
      version: current.version,
    });
    expect(archived.body.status).toBe('archived');
    const draft = await buildPlan(t.db, lakeview);
    await write(admin, 'patch', `/api/plans/${draft.plan.id}/actions/${draft.customActionId}`).send({
      ownerUserId: lakeview.principal.id,
      dueDate: addDays(-1),
      version: 1,
    });
    await remindDue(t.db);
    expect(await remindersOf(plan.id)).toEqual([]);
    expect(await remindersOf(draft.plan.id)).toEqual([]);
  });

  /** An active plan with four overdue actions and two measures due a reading, all a new principal's. */
  async function planOwnedBy(delivery: string) {
    const owner = await buildPrincipal(t.db, lakeview.id, [lakeview.schools[0]!.id]);
    const ownerAgent = await signIn(t.app, owner.email, testPassword);
    await write(ownerAgent, 'put', '/api/me/notification-settings').send(everyKind(delivery));
    const { plan } = await buildPlan(t.db, lakeview);
    await write(admin, 'patch', `/api/plans/${plan.id}`).send({ status: 'active', version: plan.version });
    const [first, second, third, fourth] = plan.stages.flatMap((s) => s.actions);
    const actions = [first!, second!, third!, fourth!] as const;
    for (const action of actions) {
      const res = await write(admin, 'patch', `/api/plans/${plan.id}/actions/${action.id}`).send({
        ownerUserId: owner.id,
        dueDate: addDays(-2),
        version: 1,
      });
      expect(res.status).toBe(200);
    }
    const measure = async (name: string) => {
      const row = await buildRow(t.db, lakeview, plan.id, 'measures', {
        name,
        frequency: 'monthly',
        baselineDate: addMonths(-2),
        ownerUserId: owner.id,
      });
      return { id: row.id, name };
    };
    const tag = crypto.randomUUID().slice(0, 8);
    const measures = [await measure(`Recorded since ${tag}`), await measure(`Not recorded ${tag}`)] as const;
    await remindDue(t.db);
    expect(await remindersOf(plan.id)).toHaveLength(6);
    /** The action changed as the admin saves it. */
    const change = async (actionId: string, changes: Record<string, unknown>) => {
      const res = await write(admin, 'patch', `/api/plans/${plan.id}/actions/${actionId}`).send({
        ...changes,
        version: 2,
      });
      expect(res.status).toBe(200);
    };
    return { owner, ownerAgent, plan, actions, measures, change };
  }

  it('a reminder no longer true when the digest goes stays out of it: the action done, handed over, due later, or its reading recorded', async () => {
    const { owner, ownerAgent, plan, actions, measures, change } = await planOwnedBy('email_digest');
    const [doneAndTaken, handedOver, dueLater, stillOverdue] = actions;
    await change(doneAndTaken.id, { status: 'done', ownerUserId: lakeview.admin.id });
    await change(handedOver.id, { ownerUserId: lakeview.admin.id });
    await change(dueLater.id, { dueDate: addDays(10) });
    const [recorded, notRecorded] = measures;
    const reading = await write(admin, 'post', `/api/plans/${plan.id}/measures/${recorded.id}/readings`).send({
      date: addDays(-1),
      value: 12,
    });
    expect(reading.status).toBe(201);

    await sendOurEmails();
    await sendDigests(t.db, mail.mailer, 'http://localhost:3000', nextMorningIn('America/New_York'));
    const digest = await mail.messageTo(owner.email, (m) => Boolean(m.subject?.startsWith('Your daily')));
    expect(digest.subject).toMatch(/^Your daily digest: 2 things/);
    expect(digest.text).toContain(`Overdue since ${formatDate(addDays(-1))}: “${stillOverdue.text}”`);
    expect(digest.text).toContain(`A reading of “${notRecorded.name}” is due`);
    for (const gone of [doneAndTaken.text, handedOver.text, dueLater.text, recorded.name]) {
      expect(digest.text).not.toContain(gone);
    }
    // In the planner they stay, as what was so when they were made.
    expect((await notificationsOf(ownerAgent)).notifications).toHaveLength(6);
  });

  it('a reminder no longer true when its email at once goes is not sent: the action handed over or marked not applicable, the plan archived', async () => {
    const { owner, actions, measures, change } = await planOwnedBy('email_now');
    const [handedOver, notApplicable, stillOverdue] = actions;
    await change(handedOver.id, { ownerUserId: lakeview.admin.id });
    await change(notApplicable.id, { notApplicable: true });
    const archived = await planOwnedBy('email_now');
    const { version } = (await admin.agent.get(`/api/plans/${archived.plan.id}`)).body as { version: number };
    await write(admin, 'patch', `/api/plans/${archived.plan.id}`).send({ status: 'archived', version });

    await sendOurEmails();
    await sendOurEmails();
    const subjectsTo = (email: string) =>
      mail.received.filter((m) => JSON.stringify(m.to).includes(email)).map((m) => m.subject);
    await mail.messageTo(
      owner.email,
      (m) => m.subject === `Overdue since ${formatDate(addDays(-1))}: “${stillOverdue.text}”`,
    );
    expect(subjectsTo(owner.email)).toHaveLength(4);
    expect(subjectsTo(owner.email)).toContainEqual(expect.stringContaining(measures[0].name));
    expect(
      subjectsTo(owner.email).filter((s) => s?.includes(handedOver.text) || s?.includes(notApplicable.text)),
    ).toEqual([]);
    expect(subjectsTo(archived.owner.email)).toEqual([]);
  });
});
