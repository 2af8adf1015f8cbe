import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import request from 'supertest';
import type { Invitation, InvitationWithLink } from '@planner/shared/invitation';
import type { DistrictUser, PeopleEvent } from '@planner/shared/user';
import { createMailer } from '../src/mail/mailer';
import { startMailServer, type TestMailServer } from './support/mail-server';
import { untilOneWaitsOnALock } from './support/test-database';
import {
  appOn,
  signIn,
  startTestApp,
  twoDistrictsSignedIn,
  write,
  type SignedInAgent,
  type TestApp,
} from './support/test-app';
import {
  buildInvitation,
  buildPlan,
  buildResetLink,
  buildRoleInReview,
  buildSchool,
  buildShareLink,
  buildUser,
  testPassword,
  tokenOf,
  unique,
  type TestDistrict,
} from './support/factories';

let mail: TestMailServer;
let t: TestApp;
let lakeview: TestDistrict;
let admin: SignedInAgent;
let viewer: SignedInAgent;
let otherAdmin: SignedInAgent;

beforeAll(async () => {
  mail = await startMailServer();
  t = await startTestApp({ mailer: mail.mailer });
  ({ lakeview, admin, viewer, otherAdmin } = await twoDistrictsSignedIn(t));
});
afterAll(async () => {
  await t.close();
  await mail.close();
});

const newEmail = () => `person-${unique()}@lakeview.test`;
const strongPassword = 'a long pass phrase of my own';

async function invite(body: Record<string, unknown>, who = admin) {
  return write(who, 'post', '/api/invitations').send({ name: 'Sam Carter', role: 'viewer', ...body });
}

describe('inviting a person', () => {
  it('emails a one-time link with the district and role, in plain text and HTML, with nothing that tracks', async () => {
    const email = newEmail();
    const res = await invite({ email, role: 'principal', schoolIds: [lakeview.schools[2]!.id] });
    expect(res.status).toBe(201);
    const invitation = res.body as InvitationWithLink;
    expect(invitation).toMatchObject({ email, role: 'principal', status: 'open', emailed: true });
    expect(invitation.acceptUrl).toMatch(/^http:\/\/localhost:3000\/invitations\/[A-Za-z0-9_-]{43}$/);
    const expires = Date.parse(invitation.expiresAt) - Date.now();
    expect(expires).toBeGreaterThan(6.9 * 86_400_000);
    expect(expires).toBeLessThanOrEqual(7 * 86_400_000);

    const message = await mail.messageTo(email);
    expect(message.subject).toBe(`You are invited to the ${lakeview.name} Teacher Leadership Planner`);
    expect(message.text).toContain(invitation.acceptUrl);
    expect(message.text).toContain(`as principal of ${lakeview.schools[2]!.name}.`);
    // When it ends, in the district's time zone (New York's here), named: not the UTC day, a day early or late there.
    const until = new Date(invitation.expiresAt).toLocaleString('en-US', {
      timeZone: 'America/New_York',
      month: 'short',
      day: 'numeric',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    });
    expect(message.text).toMatch(new RegExp(`until ${until.replace(/\s/g, '\\s')} E[SD]T\\.`));
    expect(message.html).toContain(`href="${invitation.acceptUrl}"`);
    expect(message.html).not.toMatch(/<img|<script/i);
    // The link is stored only as a hash.
    const stored = await t.db('invitations').where({ id: invitation.id }).first();
    expect(JSON.stringify(stored)).not.toContain(tokenOf(invitation.acceptUrl));
    const listed = (await admin.agent.get('/api/invitations')).body.invitations as Invitation[];
    expect(listed.find((i) => i.id === invitation.id)).not.toHaveProperty('acceptUrl');
  });

  it("names a principal's schools in the email, escaped in HTML, and says when none is chosen yet", async () => {
    const odd = await buildSchool(t.db, lakeview, `Smith & <Jones> ${unique()}`);
    const north = lakeview.schools[0]!;
    const withSchools = newEmail();
    expect((await invite({ email: withSchools, role: 'principal', schoolIds: [north.id, odd.id] })).status).toBe(201);
    const named = await mail.messageTo(withSchools);
    const both = [north.name, odd.name].sort((a, b) => a.localeCompare(b)).join(' and ');
    expect(named.text).toContain(`as principal of ${both}.`);
    expect(named.html).toContain(
      `as principal of ${both.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}.`,
    );
    expect(named.html).not.toContain('<Jones>');

    // A principal may be invited before their schools are known, as one may lead none yet on the People page.
    const withNone = newEmail();
    expect((await invite({ email: withNone, role: 'principal' })).status).toBe(201);
    expect((await mail.messageTo(withNone)).text).toContain(
      'as principal. Your schools are not chosen yet: a district administrator will assign them to you later.',
    );
    const viewerEmail = newEmail();
    expect((await invite({ email: viewerEmail, role: 'viewer' })).status).toBe(201);
    const forViewer = await mail.messageTo(viewerEmail);
    expect(forViewer.text).toContain(`of ${lakeview.name}, as viewer.`);
    expect(forViewer.text).not.toContain('schools');
  });

  it('refuses a malformed email, an email in use, a second open invitation, an unknown role and a foreign school, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'not an email' }, 'email'],
      [{ email: lakeview.viewer.email }, 'email'],
      [{ email: newEmail(), role: 'superintendent' }, 'role'],
      [{ email: newEmail(), role: 'principal', schoolIds: [crypto.randomUUID()] }, 'schoolIds'],
    ];
    for (const [body, field] of cases) {
      const res = await invite(body);
      expect([field, res.status]).toEqual([field, 400]);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    }
    const email = newEmail();
    expect((await invite({ email })).status).toBe(201);
    const twice = await invite({ email: email.toUpperCase() });
    expect(twice.status).toBe(400);
    expect(twice.body.errors[0]).toMatchObject({
      field: 'email',
      message: 'already has an open invitation: send that one again instead',
    });
  });

  it('an email pasted with spaces around it is the address; the person signs in with it however it is typed', async () => {
    const email = newEmail();
    const res = await invite({ email: `  ${email.replace('person', 'Person')}\t` });
    expect(res.status).toBe(201);
    expect(res.body.email).toBe(email.replace('person', 'Person'));
    const token = tokenOf((res.body as InvitationWithLink).acceptUrl);
    await request(t.app).post(`/api/invitations/accept/${token}`).send({ name: 'Pat', password: strongPassword });
    const login = await request(t.app)
      .post('/api/auth/login')
      .send({ email: ` ${email} `, password: strongPassword });
    expect(login.status).toBe(200);
  });

  it('an email of a deactivated person of the district is refused with the way to bring them back', async () => {
    const leaver = await buildUser(t.db, lakeview.id, 'viewer', { email: newEmail() });
    await t.db('users').where({ id: leaver.id }).update({ deactivated_at: new Date() });
    const res = await invite({ email: leaver.email.toUpperCase() });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      {
        in: 'body',
        field: 'email',
        message: `is the email of ${leaver.name}, who is deactivated: reactivate them on the People page instead`,
      },
    ]);
    // Another district learns nothing of the person.
    const theirs = await invite({ email: leaver.email }, otherAdmin);
    expect(JSON.stringify(theirs.body)).not.toContain(leaver.name);
  });

  it('only admins invite; another district cannot resend or revoke', async () => {
    expect((await invite({ email: newEmail() }, viewer)).status).toBe(403);
    const invitation = await buildInvitation(t.db, lakeview);
    expect((await write(otherAdmin, 'post', `/api/invitations/${invitation.id}/resend`)).status).toBe(404);
    expect((await write(otherAdmin, 'delete', `/api/invitations/${invitation.id}`)).status).toBe(404);
    const theirs = (await otherAdmin.agent.get('/api/invitations')).body.invitations as Invitation[];
    expect(theirs.map((i) => i.id)).not.toContain(invitation.id);
  });
});

describe('when the mail server does not answer', () => {
  it('the invitation is made and its link shown within seconds, not after the mail server gives up', async () => {
    // A mail server that takes the connection and never says a word, as one behind a broken proxy does.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${port}`,
      from: 'Planner <planner@test.invalid>',
      logger: pino({ level: 'silent' }),
    });
    const { app, pdfPool } = appOn(t.db, { mailer });
    try {
      const agent = request.agent(app);
      const login = await agent.post('/api/auth/login').send({ email: lakeview.admin.email, password: testPassword });
      const started = Date.now();
      const res = await agent
        .post('/api/invitations')
        .set('X-CSRF-Token', login.body.csrfToken)
        .send({ email: newEmail(), name: 'Sam Carter', role: 'viewer' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ emailed: false, acceptUrl: expect.stringContaining('/invitations/') });
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
      await pdfPool.close();
    }
  });
});

describe('accepting an invitation', () => {
  it('the person sees the district and role, sets a name and password, is signed in, and leads their schools', async () => {
    const email = newEmail();
    const school = lakeview.schools[3]!;
    const invitation = (await invite({ email, role: 'principal', schoolIds: [school.id] })).body as InvitationWithLink;
    const token = tokenOf(invitation.acceptUrl);
    const preview = await request(t.app).get(`/api/invitations/accept/${token}`);
    expect(preview.body).toMatchObject({
      districtName: lakeview.name,
      districtTimeZone: lakeview.timeZone,
      email,
      role: 'principal',
      schools: [school.name],
    });

    const person = request.agent(t.app);
    const accepted = await person
      .post(`/api/invitations/accept/${token}`)
      .send({ name: 'Dr. Sam Carter', password: strongPassword });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ user: { email, name: 'Dr. Sam Carter', role: 'principal' } });
    expect(accepted.body.schools).toEqual([{ id: school.id, name: school.name }]);
    expect((await person.get('/api/reviews/inbox')).status).toBe(200);
    // The link worked once; the person signs in with the password from now on.
    expect((await request(t.app).get(`/api/invitations/accept/${token}`)).status).toBe(404);
    expect((await signIn(t.app, email, strongPassword)).csrf).toBeTruthy();
    const people = (await admin.agent.get('/api/users')).body.users as DistrictUser[];
    expect(people.find((p) => p.email === email)).toMatchObject({ role: 'principal', schoolIds: [school.id] });
    const log = (await admin.agent.get('/api/people/log')).body.events as PeopleEvent[];
    expect(log.filter((e) => e.subject.email === email).map((e) => e.kind)).toEqual(['joined', 'invited']);
  });

  it('a principal who joins for a school with a role already in review is told it waits for their decision, as one given the school later is', async () => {
    const [north, south] = [lakeview.schools[0]!, lakeview.schools[1]!];
    const { plan } = await buildPlan(t.db, lakeview);
    const waiting = await buildRoleInReview(t.db, lakeview, plan.id, {
      title: `Coach ${unique()}`,
      schoolIds: [north.id],
    });
    await buildRoleInReview(t.db, lakeview, plan.id, { title: `Mentor ${unique()}`, schoolIds: [south.id] });
    const invitation = (await invite({ email: newEmail(), role: 'principal', schoolIds: [north.id] }))
      .body as InvitationWithLink;

    const person = request.agent(t.app);
    const accepted = await person
      .post(`/api/invitations/accept/${tokenOf(invitation.acceptUrl)}`)
      .send({ name: 'Dr. Lee Park', password: strongPassword });
    expect(accepted.status).toBe(201);
    expect((await person.get('/api/notifications')).body.notifications).toEqual([
      expect.objectContaining({
        kind: 'review_waiting',
        title: `“${waiting.title}” in “${plan.title}” is waiting for your review`,
        body: expect.stringContaining(`It is for ${north.name}, which you now lead`) as unknown,
        link: `/plans/${plan.id}/roles/${waiting.id}`,
      }),
    ]);
  });

  it('a school archived after the invitation was sent is no longer shown, emailed or given: they lead the others', async () => {
    const lakeHigh = await buildSchool(t.db, lakeview, `Lakeview High ${unique()}`);
    const riverbend = await buildSchool(t.db, lakeview, `Riverbend Elementary ${unique()}`);
    const email = newEmail();
    const sent = (await invite({ email, role: 'principal', schoolIds: [lakeHigh.id, riverbend.id] }))
      .body as InvitationWithLink;
    const archived = await write(admin, 'patch', `/api/schools/${riverbend.id}`).send({
      archived: true,
      version: riverbend.version,
    });
    expect(archived.status).toBe(200);

    const preview = await request(t.app).get(`/api/invitations/accept/${tokenOf(sent.acceptUrl)}`);
    expect(preview.body.schools).toEqual([lakeHigh.name]);
    const resent = (await write(admin, 'post', `/api/invitations/${sent.id}/resend`)).body as InvitationWithLink;
    const again = await mail.messageTo(email, (m) => Boolean(m.text?.includes(resent.acceptUrl)));
    expect(again.text).toContain(`as principal of ${lakeHigh.name}.`);
    expect(again.text).not.toContain(riverbend.name);
    const token = tokenOf(resent.acceptUrl);

    const accepted = await request(t.app)
      .post(`/api/invitations/accept/${token}`)
      .send({ name: 'Dr. Ada Wells', password: strongPassword });
    expect(accepted.status).toBe(201);
    expect(accepted.body.schools).toEqual([{ id: lakeHigh.id, name: lakeHigh.name }]);
    const people = (await admin.agent.get('/api/users')).body.users as DistrictUser[];
    expect(people.find((p) => p.email === email)).toMatchObject({ role: 'principal', schoolIds: [lakeHigh.id] });
    const schools = (await admin.agent.get(`/api/schools/${riverbend.id}`)).body as { principals: unknown[] };
    expect(schools.principals).toEqual([]);
  });

  it('a person who has an account in another district is told why they cannot join, and the link stays open', async () => {
    const theirs = await invite({ email: lakeview.viewer.email }, otherAdmin);
    expect(theirs.status).toBe(201);
    const url = `/api/invitations/accept/${tokenOf((theirs.body as InvitationWithLink).acceptUrl)}`;
    const res = await request(t.app).post(url).send({ name: 'Vera', password: strongPassword });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(
      new RegExp(`^${lakeview.viewer.email} already has an account in the Teacher Leadership Planner.+Sign in with it`),
    );
    expect((await request(t.app).get(url)).status).toBe(200);
  });

  it('refuses a short or common password, naming the field, and keeps the link usable', async () => {
    const invitation = await buildInvitation(t.db, lakeview);
    const url = `/api/invitations/accept/${tokenOf(invitation.acceptUrl)}`;
    const short = await request(t.app).post(url).send({ name: 'Sam', password: 'short' });
    expect(short.body.errors).toEqual([{ in: 'body', field: 'password', message: 'must be at least 12 characters' }]);
    const common = await request(t.app).post(url).send({ name: 'Sam', password: 'Qwerty123456' });
    expect(common.status).toBe(400);
    expect(common.body.errors).toEqual([
      { in: 'body', field: 'password', message: 'is one of the most commonly used passwords: choose another' },
    ]);
    expect((await request(t.app).get(url)).status).toBe(200);
  });

  it('when two people accept one invitation at once, then exactly one succeeds', async () => {
    const invitation = await buildInvitation(t.db, lakeview);
    const url = `/api/invitations/accept/${tokenOf(invitation.acceptUrl)}`;
    const results = await Promise.all(
      [1, 2, 3].map(() => request(t.app).post(url).send({ name: 'Twin', password: strongPassword })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 404, 404]);
    expect(Number((await t.db('users').count('* as n').where({ email: invitation.email }).first())!.n)).toBe(1);
  });

  it('a resent invitation has a new link and the old one stops working; a revoked or expired one does not open', async () => {
    const first = await buildInvitation(t.db, lakeview);
    const resent = (await write(admin, 'post', `/api/invitations/${first.id}/resend`)).body as InvitationWithLink;
    expect(resent.acceptUrl).not.toBe(first.acceptUrl);
    expect((await request(t.app).get(`/api/invitations/accept/${tokenOf(first.acceptUrl)}`)).status).toBe(404);
    expect((await request(t.app).get(`/api/invitations/accept/${tokenOf(resent.acceptUrl)}`)).status).toBe(200);

    expect((await write(admin, 'delete', `/api/invitations/${first.id}`)).status).toBe(204);
    const revoked = await request(t.app)
      .post(`/api/invitations/accept/${tokenOf(resent.acceptUrl)}`)
      .send({ name: 'Late', password: strongPassword });
    expect(revoked.status).toBe(404);
    expect(revoked.body.detail).toMatch(/not valid any more/);

    const old = await buildInvitation(t.db, lakeview);
    await t
      .db('invitations')
      .where({ id: old.id })
      .update({ expires_at: new Date(Date.now() - 1000) });
    expect((await request(t.app).get(`/api/invitations/accept/${tokenOf(old.acceptUrl)}`)).status).toBe(404);
    const listed = (await admin.agent.get('/api/invitations')).body.invitations as Invitation[];
    expect(listed.find((i) => i.id === old.id)?.status).toBe('expired');
  });

  it('a link that is not one of ours is refused as input, not looked up', async () => {
    const res = await request(t.app).get('/api/invitations/accept/short');
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ in: 'params', field: 'token' });
  });
});

describe('when the person who sent an invitation is no longer an administrator', () => {
  const linkOf = (invitation: InvitationWithLink) => `/api/invitations/accept/${tokenOf(invitation.acceptUrl)}`;
  const listed = async () =>
    ((await admin.agent.get('/api/invitations')).body.invitations as Invitation[]).map((i) => i.id);
  const revokedLines = async (emails: string[]) =>
    ((await admin.agent.get('/api/people/log')).body.events as PeopleEvent[]).filter(
      (e) => e.kind === 'invitation_revoked' && emails.includes(e.subject.email),
    );

  /** A second administrator of Lakeview, signed in, with a viewer and an administrator invited. */
  async function adminWithInvitations() {
    const person = await buildUser(t.db, lakeview.id, 'district_admin', { name: `Dana Reyes ${unique()}` });
    const agent = await signIn(t.app, person.email, testPassword);
    const sent = [
      (await invite({ email: newEmail(), role: 'viewer' }, agent)).body as InvitationWithLink,
      (await invite({ email: newEmail(), role: 'district_admin' }, agent)).body as InvitationWithLink,
    ];
    return { person, sent };
  }

  it('deactivating them revokes every invitation they sent, saying why in the log; reactivating does not bring them back', async () => {
    const { person, sent } = await adminWithInvitations();
    const ours = (await invite({ email: newEmail() })).body as InvitationWithLink;
    const hillcrests = (await invite({ email: newEmail() }, otherAdmin)).body as InvitationWithLink;

    const off = await write(admin, 'patch', `/api/users/${person.id}`).send({ active: false, version: 1 });
    expect(off.status).toBe(200);
    for (const invitation of sent) {
      expect((await request(t.app).get(linkOf(invitation))).status).toBe(404);
      const accepted = await request(t.app)
        .post(linkOf(invitation))
        .send({ name: 'Back door', password: strongPassword });
      expect(accepted.status).toBe(404);
      expect(accepted.body.detail).toMatch(/not valid any more/);
    }
    expect(await t.db('users').where({ email: sent[1]!.email }).first()).toBeUndefined();
    const lines = await revokedLines(sent.map((i) => i.email));
    expect(lines.map((e) => e.subject.email).sort()).toEqual(sent.map((i) => i.email).sort());
    for (const line of lines) {
      expect(line.actor?.id).toBe(lakeview.admin.id);
      expect(line.note).toBe(`Revoked because ${person.name}, who sent it, was deactivated.`);
    }
    // Another administrator's invitation, and another district's, still work.
    expect((await request(t.app).get(linkOf(ours))).status).toBe(200);
    expect((await request(t.app).get(linkOf(hillcrests))).status).toBe(200);
    expect(await listed()).toContain(ours.id);
    expect(await listed()).not.toContain(sent[0]!.id);

    const on = await write(admin, 'patch', `/api/users/${person.id}`).send({ active: true, version: 2 });
    expect(on.status).toBe(200);
    for (const invitation of sent) expect((await request(t.app).get(linkOf(invitation))).status).toBe(404);
    expect(await listed()).not.toContain(sent[1]!.id);
  });

  it('making them a viewer revokes the invitations they sent; renaming them does not', async () => {
    const { person, sent } = await adminWithInvitations();
    const renamed = await write(admin, 'patch', `/api/users/${person.id}`).send({
      name: `${person.name} Jr.`,
      version: 1,
    });
    expect(renamed.status).toBe(200);
    for (const invitation of sent) expect((await request(t.app).get(linkOf(invitation))).status).toBe(200);

    const demoted = await write(admin, 'patch', `/api/users/${person.id}`).send({ role: 'viewer', version: 2 });
    expect(demoted.status).toBe(200);
    for (const invitation of sent) {
      expect((await request(t.app).get(linkOf(invitation))).status).toBe(404);
      expect(
        (await request(t.app).post(linkOf(invitation)).send({ name: 'Back door', password: strongPassword })).status,
      ).toBe(404);
    }
    const lines = await revokedLines(sent.map((i) => i.email));
    expect(lines.map((e) => e.note)).toEqual([
      `Revoked because ${person.name} Jr., who sent it, is no longer a district administrator.`,
      `Revoked because ${person.name} Jr., who sent it, is no longer a district administrator.`,
    ]);
  });

  it('an invitation sent again by another administrator is theirs: the list names them, it outlives the first sender, and they are told when it is accepted', async () => {
    const { person, sent } = await adminWithInvitations();
    const resent = await write(admin, 'post', `/api/invitations/${sent[0]!.id}/resend`);
    expect(resent.status).toBe(200);
    expect((resent.body as InvitationWithLink).invitedBy).toEqual({ id: lakeview.admin.id, name: lakeview.admin.name });
    const inList = ((await admin.agent.get('/api/invitations')).body.invitations as Invitation[]).find(
      (i) => i.id === sent[0]!.id,
    );
    expect(inList?.invitedBy?.id).toBe(lakeview.admin.id);

    await write(admin, 'patch', `/api/users/${person.id}`).send({ active: false, version: 1 }).expect(200);
    const url = linkOf(resent.body as InvitationWithLink);
    expect((await request(t.app).get(url)).status).toBe(200);
    const name = `Robin Diaz ${unique()}`;
    expect((await request(t.app).post(url).send({ name, password: strongPassword })).status).toBe(201);
    const told = (await admin.agent.get('/api/notifications')).body.notifications as { title: string }[];
    expect(told.map((n) => n.title)).toContain(`${name} accepted your invitation`);
    const toFirstSender = await t.db('notifications').where({ user_id: person.id }).select('title');
    expect(toFirstSender).toEqual([]);
  });
  it('when a colleague deactivates them while their invitation is being saved, then it waits and is refused, and no link is left', async () => {
    const person = await buildUser(t.db, lakeview.id, 'district_admin');
    const agent = await signIn(t.app, person.email, testPassword);
    const email = newEmail();
    // The colleague's deactivation, not yet committed, holds the person's row.
    const colleague = await t.db.transaction();
    let res;
    try {
      await colleague('users').where({ id: person.id }).update({ deactivated_at: colleague.fn.now() });
      const answer = invite({ email }, agent).then((r) => r);
      await Promise.race([
        untilOneWaitsOnALock(t.db),
        answer.then(() => {
          throw new Error('The invitation was saved without waiting for the deactivation');
        }),
      ]);
      await colleague.commit();
      res = await answer;
    } finally {
      if (!colleague.isCompleted()) await colleague.rollback();
    }
    expect(res.status).toBe(403);
    expect(res.body.detail).toBe('You are no longer an active district administrator: you cannot send invitations.');
    expect(await t.db('invitations').where({ email }).first()).toBeUndefined();
  });
});

describe('the request log', () => {
  it('never holds a link that still works: invitation, password reset and share link tokens are masked', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const { app, pdfPool, planDocuments } = appOn(t.db, { logger });
    try {
      const invitation = await buildInvitation(t.db, lakeview);
      const reset = await buildResetLink(t.db, lakeview, lakeview.viewer);
      const { plan } = await buildPlan(t.db, lakeview);
      const share = await buildShareLink(t.db, lakeview, plan.id);
      const tokens = [invitation.acceptUrl, reset.resetUrl, share.url].map(tokenOf);
      await request(app).get(`/api/invitations/accept/${tokens[0]}`).expect(200);
      await request(app).get(`/api/auth/password-reset/${tokens[1]}`).expect(200);
      await request(app).get(`/api/shared/${tokens[2]}`).expect(200);
      // The pages the emailed links open are served by the same app.
      await request(app).get(`/invitations/${tokens[0]}`);
      await request(app).get(`/reset-password/${tokens[1]}`);
      const logged = lines.join('\n');
      expect(logged).toContain('/api/invitations/accept/');
      for (const token of tokens) expect(logged).not.toContain(token);
    } finally {
      await pdfPool.close();
      await planDocuments.settled();
    }
  });
});
