import request from 'supertest';
import { formatDateTimeIn } from '@planner/shared/format';
import type { PeopleEvent } from '@planner/shared/user';
import { loadConfig } from '../src/config';
import { defaultLoginLimits } from '../src/features/auth/login-limiter';
import { sendPasswordChangedEmails, sendWaitingResetEmails } from '../src/features/auth/service';
import { emailAttempts, noMail, type MailMessage, type Mailer } from '../src/mail/mailer';
import { startMailServer, type TestMailServer } from './support/mail-server';
import { appOn, signIn, startTestApp, write, type TestApp } from './support/test-app';
import {
  buildDistrict,
  buildInvitation,
  buildResetLink,
  buildUser,
  testPassword,
  tokenOf,
  type TestDistrict,
} from './support/factories';

let mail: TestMailServer;
let t: TestApp;
let district: TestDistrict;

beforeAll(async () => {
  mail = await startMailServer();
  t = await startTestApp({ mailer: mail.mailer });
  district = await buildDistrict(t.db);
});
afterAll(async () => {
  await t.close();
  await mail.close();
});

const newPassword = 'my brand new pass phrase';

/** Until `holds` answers true, for work a request does after its answer. */
async function until(holds: () => Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; tries < 400; tries += 1) {
    if (await holds()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Waited in vain until ${what}`);
}
const linkIn = (text: string) => /http:\/\/localhost:3000\/reset-password\/([A-Za-z0-9_-]{43})/.exec(text)?.[1];

/** A mailer whose emails wait, each until the test lets it go on to the mail server. */
function heldMailer() {
  const held: { message: MailMessage; release: () => void }[] = [];
  const mailer: Mailer = {
    enabled: true,
    send: (message) =>
      new Promise<void>((resolve, reject) => {
        held.push({ message, release: () => mail.mailer.send(message).then(resolve, reject) });
      }),
  };
  return { mailer, held };
}

describe('changing your own password', () => {
  it('needs the current password, refuses a weak new one, and ends your other sessions but not this one', async () => {
    const person = await buildUser(t.db, district.id, 'viewer');
    const here = await signIn(t.app, person.email, testPassword);
    const elsewhere = await signIn(t.app, person.email, testPassword);
    const wrong = await write(here, 'post', '/api/auth/password').send({ currentPassword: 'not it', newPassword });
    expect(wrong.body.errors).toEqual([
      { in: 'body', field: 'currentPassword', message: 'is not your current password' },
    ]);
    const weak = await write(here, 'post', '/api/auth/password').send({
      currentPassword: testPassword,
      newPassword: 'password',
    });
    expect(weak.body.errors).toEqual([{ in: 'body', field: 'newPassword', message: 'must be at least 12 characters' }]);
    const ok = await write(here, 'post', '/api/auth/password').send({ currentPassword: testPassword, newPassword });
    expect(ok.status).toBe(200);
    expect((await here.agent.get('/api/auth/me')).status).toBe(200);
    expect((await elsewhere.agent.get('/api/auth/me')).status).toBe(401);
    expect(
      (await request(t.app).post('/api/auth/login').send({ email: person.email, password: testPassword })).status,
    ).toBe(401);
    expect((await signIn(t.app, person.email, newPassword)).csrf).toBeTruthy();
  });

  it('a reset link made before the change no longer works after it', async () => {
    const person = await buildUser(t.db, district.id, 'viewer');
    const link = await buildResetLink(t.db, district, person);
    const me = await signIn(t.app, person.email, testPassword);
    const ok = await write(me, 'post', '/api/auth/password').send({ currentPassword: testPassword, newPassword });
    expect(ok.status).toBe(200);
    const url = `/api/auth/password-reset/${tokenOf(link.resetUrl)}`;
    expect((await request(t.app).get(url)).status).toBe(404);
    expect((await request(t.app).post(url).send({ password: 'someone else chose this' })).status).toBe(404);
    expect((await signIn(t.app, person.email, newPassword)).csrf).toBeTruthy();
  });

  it('when the current password is tried wrong five times, then the next tries answer 429, the right one too, until the window is over', async () => {
    const person = await buildUser(t.db, district.id, 'viewer');
    const me = await signIn(t.app, person.email, testPassword);
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        write(me, 'post', '/api/auth/password').send({ currentPassword: `a guess ${i}`, newPassword }),
      ),
    );
    expect(guesses.filter((r) => r.status === 400)).toHaveLength(5);
    const refused = guesses.filter((r) => r.status === 429);
    expect(refused).toHaveLength(25);
    for (const res of refused) {
      expect(res.type).toBe('application/problem+json');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    const right = await write(me, 'post', '/api/auth/password').send({ currentPassword: testPassword, newPassword });
    expect(right.status).toBe(429);
    // Thirty tries pass the account's limit for the hour too, as at sign-in.
    expect(right.body).toMatchObject({
      code: 'too_many_attempts',
      detail: 'Too many tries with a wrong current password. Try again in 60 minutes.',
    });
    // Nothing changed, and signing in is not held by them: those guesses are counted apart.
    expect((await signIn(t.app, person.email, testPassword)).csrf).toBeTruthy();

    // The window is over.
    await t
      .db('login_rate_limits')
      .whereLike('key', `%${person.email}%`)
      .update({ expire: Date.now() - 1 });
    const later = await write(me, 'post', '/api/auth/password').send({ currentPassword: testPassword, newPassword });
    expect(later.status).toBe(200);
    expect((await signIn(t.app, person.email, newPassword)).csrf).toBeTruthy();
  });

  it("when strangers' guesses hold the account at sign-in, then its owner, signed in, still changes their password", async () => {
    const person = await buildUser(t.db, district.id, 'viewer');
    const me = await signIn(t.app, person.email, testPassword);
    for (let i = 0; i < 5; i += 1) {
      await request(t.app).post('/api/auth/login').send({ email: person.email, password: 'a guess' });
    }
    expect(
      (await request(t.app).post('/api/auth/login').send({ email: person.email, password: testPassword })).status,
    ).toBe(429);
    const ok = await write(me, 'post', '/api/auth/password').send({ currentPassword: testPassword, newPassword });
    expect(ok.status).toBe(200);
  });

  it('a person whose email is as long as an email may be (254 characters) signs in and changes their password', async () => {
    const longEmail = (local: string) =>
      `${local.padEnd(64, 'x')}@${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(56)}.test`;
    const person = await buildUser(t.db, district.id, 'viewer', { email: longEmail(`p${crypto.randomUUID()}`) });
    expect(person.email).toHaveLength(254);
    const stranger = await request(t.app)
      .post('/api/auth/login')
      .send({ email: longEmail(`s${crypto.randomUUID()}`), password: 'a guess' });
    expect(stranger.status).toBe(401);
    const me = await signIn(t.app, person.email, testPassword);
    const wrong = await write(me, 'post', '/api/auth/password').send({ currentPassword: 'a guess', newPassword });
    expect(wrong.status).toBe(400);
    const ok = await write(me, 'post', '/api/auth/password').send({ currentPassword: testPassword, newPassword });
    expect(ok.status).toBe(200);
  });

  it('everyone can change their own name', async () => {
    const person = await buildUser(t.db, district.id, 'principal');
    const me = await signIn(t.app, person.email, testPassword);
    const res = await write(me, 'patch', '/api/auth/me').send({ name: '  Alicia Brooks-Ortega ' });
    expect(res.body.user.name).toBe('Alicia Brooks-Ortega');
    expect((await me.agent.get('/api/auth/me')).body.user.name).toBe('Alicia Brooks-Ortega');
  });
});

describe('forgotten passwords', () => {
  it('emails a link valid for an hour; the link sets a new password once, signs the person in and ends their other sessions', async () => {
    const person = await buildUser(t.db, district.id, 'viewer');
    const before = await signIn(t.app, person.email, testPassword);
    const asked = await request(t.app).post('/api/auth/password-reset').send({ email: person.email.toUpperCase() });
    expect(asked.status).toBe(202);
    const message = await mail.messageTo(person.email);
    expect(message.subject).toBe(`Reset your password for the ${district.name} Teacher Leadership Planner`);
    const token = linkIn(message.text ?? '')!;
    expect(message.html).toContain(token);

    const preview = await request(t.app).get(`/api/auth/password-reset/${token}`);
    expect(preview.body).toMatchObject({ email: person.email, districtName: district.name });
    const expiresIn = Date.parse(preview.body.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(59 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(60 * 60_000);

    const agent = request.agent(t.app);
    const reset = await agent.post(`/api/auth/password-reset/${token}`).send({ password: newPassword });
    expect(reset.status).toBe(200);
    expect(reset.body.user.id).toBe(person.id);
    expect((await agent.get('/api/auth/me')).status).toBe(200);
    expect((await before.agent.get('/api/auth/me')).status).toBe(401);
    expect(
      (await request(t.app).post(`/api/auth/password-reset/${token}`).send({ password: 'another long phrase' })).status,
    ).toBe(404);
    expect((await signIn(t.app, person.email, newPassword)).csrf).toBeTruthy();
  });

  it('answers the same whether or not the email is known, and mails nobody who is not a person of the planner', async () => {
    const unknown = await request(t.app).post('/api/auth/password-reset').send({ email: 'nobody@nowhere.test' });
    const person = await buildUser(t.db, district.id, 'viewer');
    const known = await request(t.app).post('/api/auth/password-reset').send({ email: person.email });
    expect([unknown.status, known.status]).toEqual([202, 202]);
    expect(unknown.body).toEqual(known.body);
    await mail.messageTo(person.email);
    expect(mail.received.some((m) => JSON.stringify(m.to).includes('nobody@nowhere.test'))).toBe(false);
  });

  it('answers before it makes, stores or mails the link, so its timing does not tell who has an account', async () => {
    const person = await buildUser(t.db, district.id, 'viewer');
    // While this transaction holds the table, no reset link can be stored.
    const hold = await t.db.transaction();
    let answer: { status: number } | 'still waiting';
    try {
      await hold.raw('lock table password_resets in share row exclusive mode');
      const asked = request(t.app).post('/api/auth/password-reset').send({ email: person.email });
      // Before, the answer waited for the link to be stored: it came only once the table was let go.
      answer = await Promise.race([
        asked.then((res) => res),
        new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), 10_000)),
      ]);
    } finally {
      await hold.commit();
    }
    expect(answer).toMatchObject({ status: 202 });
    expect(linkIn((await mail.messageTo(person.email)).text ?? '')).toBeDefined();
  });

  it('a link older than an hour, or for a deactivated person, does not work', async () => {
    const person = await buildUser(t.db, district.id, 'viewer');
    const link = await buildResetLink(t.db, district, person);
    await t
      .db('password_resets')
      .where({ user_id: person.id })
      .update({ expires_at: new Date(Date.now() - 1000) });
    expect((await request(t.app).get(`/api/auth/password-reset/${tokenOf(link.resetUrl)}`)).status).toBe(404);

    const other = await buildUser(t.db, district.id, 'viewer');
    const otherLink = await buildResetLink(t.db, district, other);
    await t.db('users').where({ id: other.id }).update({ deactivated_at: new Date() });
    const res = await request(t.app)
      .post(`/api/auth/password-reset/${tokenOf(otherLink.resetUrl)}`)
      .send({ password: newPassword });
    expect(res.status).toBe(404);
  });

  it('a link made before its person was deactivated stays dead when they are made active again within its hour', async () => {
    const admin = await signIn(t.app, district.admin.email, testPassword);
    const person = await buildUser(t.db, district.id, 'viewer');
    const made = await write(admin, 'post', `/api/users/${person.id}/password-reset`);
    expect(made.status).toBe(201);
    const token = tokenOf(made.body.resetUrl);
    const off = await write(admin, 'patch', `/api/users/${person.id}`).send({ active: false, version: 1 });
    expect(off.status).toBe(200);
    const on = await write(admin, 'patch', `/api/users/${person.id}`).send({ active: true, version: off.body.version });
    expect(on.status).toBe(200);
    expect((await request(t.app).get(`/api/auth/password-reset/${token}`)).status).toBe(404);
    const used = await request(t.app).post(`/api/auth/password-reset/${token}`).send({ password: newPassword });
    expect(used.status).toBe(404);
    expect((await signIn(t.app, person.email, testPassword)).csrf).toBeTruthy();
  });

  it('an admin makes a reset link for a person of the district, logged; not for another district', async () => {
    const admin = await signIn(t.app, district.admin.email, testPassword);
    const person = await buildUser(t.db, district.id, 'principal');
    const res = await write(admin, 'post', `/api/users/${person.id}/password-reset`);
    expect(res.status).toBe(201);
    expect(res.body.resetUrl).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}$/);
    const log = (await admin.agent.get('/api/people/log')).body.events as PeopleEvent[];
    expect(log[0]).toMatchObject({
      kind: 'reset_link_made',
      subject: { id: person.id },
      actor: { id: district.admin.id },
    });

    const other = await buildDistrict(t.db);
    const otherAdmin = await signIn(t.app, other.admin.email, testPassword);
    expect((await write(otherAdmin, 'post', `/api/users/${person.id}/password-reset`)).status).toBe(404);
    const viewer = await signIn(t.app, district.viewer.email, testPassword);
    expect((await write(viewer, 'post', `/api/users/${person.id}/password-reset`)).status).toBe(403);
  });

  it('when an admin makes a newer link, then the older ones stop working and the newest signs the person in', async () => {
    const admin = await signIn(t.app, district.admin.email, testPassword);
    const person = await buildUser(t.db, district.id, 'viewer');
    const tokens: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const made = await write(admin, 'post', `/api/users/${person.id}/password-reset`);
      tokens.push(tokenOf(made.body.resetUrl));
    }
    for (const older of tokens.slice(0, 2)) {
      expect((await request(t.app).get(`/api/auth/password-reset/${older}`)).status).toBe(404);
      const used = await request(t.app).post(`/api/auth/password-reset/${older}`).send({ password: newPassword });
      expect([used.status, used.body.detail]).toEqual([404, expect.stringContaining('a newer one was made')]);
    }
    const reset = await request(t.app).post(`/api/auth/password-reset/${tokens[2]}`).send({ password: newPassword });
    expect(reset.status).toBe(200);
  });

  it('asked for three times, only the link of the last email works', async () => {
    const person = await buildUser(t.db, district.id, 'viewer');
    const tokens: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      expect((await request(t.app).post('/api/auth/password-reset').send({ email: person.email })).status).toBe(202);
      const message = await mail.messageTo(person.email, (m) => !tokens.includes(linkIn(m.text ?? '') ?? ''));
      tokens.push(linkIn(message.text ?? '')!);
    }
    // Each link is spent once the next email has gone, after the answer.
    await until(
      async () => (await t.db('password_resets').where({ user_id: person.id }).whereNull('used_at')).length === 1,
      'only one link of the person is open',
    );
    for (const older of tokens.slice(0, 2)) {
      expect((await request(t.app).get(`/api/auth/password-reset/${older}`)).status).toBe(404);
    }
    const reset = await request(t.app).post(`/api/auth/password-reset/${tokens[2]}`).send({ password: newPassword });
    expect(reset.status).toBe(200);
  });
});

describe('which reset link works when emails finish out of order', () => {
  const openLinks = async (userId: string) =>
    (await t.db('password_resets').where({ user_id: userId }).whereNull('used_at')).length;

  it.each([
    ['the older email goes first', [0, 1]],
    ['the newer email goes first', [1, 0]],
  ])('asked for twice, only the link made last works, when %s', async (_, order) => {
    const slow = heldMailer();
    const app = appOn(t.db, { mailer: slow.mailer }).app;
    const person = await buildUser(t.db, district.id, 'viewer');
    expect((await request(app).post('/api/auth/password-reset').send({ email: person.email })).status).toBe(202);
    await until(async () => slow.held.length === 1, 'the first email is on its way');
    expect((await request(app).post('/api/auth/password-reset').send({ email: person.email })).status).toBe(202);
    await until(async () => slow.held.length === 2, 'the second email is on its way');
    const [older, newer] = slow.held.map((h) => linkIn(h.message.text)!);

    for (const i of order) {
      slow.held[i]!.release();
      await mail.messageTo(person.email, (m) => linkIn(m.text ?? '') === [older, newer][i]);
    }
    // The last link handed out spends the other, after its email went.
    await until(async () => (await openLinks(person.id)) === 1, 'only one link of the person is open');
    expect((await request(t.app).get(`/api/auth/password-reset/${older}`)).status).toBe(404);
    const reset = await request(t.app).post(`/api/auth/password-reset/${newer}`).send({ password: newPassword });
    expect(reset.status).toBe(200);
  });

  it("a link an admin made survives someone asking for the person's email, and works; of the emailed links only the newest", async () => {
    const admin = await signIn(t.app, district.admin.email, testPassword);
    const person = await buildUser(t.db, district.id, 'viewer');
    const made = await write(admin, 'post', `/api/users/${person.id}/password-reset`);
    expect(made.status).toBe(201);
    const adminToken = tokenOf(made.body.resetUrl);

    // Anyone who knows the address asks, twice.
    const emailed: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      expect((await request(t.app).post('/api/auth/password-reset').send({ email: person.email })).status).toBe(202);
      const message = await mail.messageTo(person.email, (m) => !emailed.includes(linkIn(m.text ?? '') ?? ''));
      emailed.push(linkIn(message.text ?? '')!);
    }
    // The second email's link spends the first's once it has gone.
    await until(
      async () => (await request(t.app).get(`/api/auth/password-reset/${emailed[0]}`)).status === 404,
      'the first emailed link is spent',
    );
    expect((await request(t.app).get(`/api/auth/password-reset/${emailed[1]}`)).status).toBe(200);
    expect((await request(t.app).get(`/api/auth/password-reset/${adminToken}`)).status).toBe(200);
    const reset = await request(t.app).post(`/api/auth/password-reset/${adminToken}`).send({ password: newPassword });
    expect(reset.status).toBe(200);
    // The password is set: the emailed link stops working too.
    expect((await request(t.app).get(`/api/auth/password-reset/${emailed[1]}`)).status).toBe(404);
    expect((await signIn(t.app, person.email, newPassword)).csrf).toBeTruthy();
  });
});

describe('when a reset email does not go', () => {
  /** Until the work done after the answer has handed the person's reset email back, to be tried again. */
  async function untilResetEmailWaits(userId: string): Promise<void> {
    for (let tries = 0; tries < 400; tries += 1) {
      if (await t.db('password_resets').where({ user_id: userId }).whereNotNull('email_retry_at').first()) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('The reset email was not handed back to be tried again');
  }
  /** The emails job comes round once the wait is over (the wait itself is minutes). */
  const whenDue = (userId: string) =>
    t
      .db('password_resets')
      .where({ user_id: userId })
      .whereNotNull('email_retry_at')
      .update({ email_retry_at: new Date() });

  it('while the mail server is out of reach, it waits and goes once it is back, with a link that works and is stored only hashed', async () => {
    const closed = await startMailServer();
    await closed.close();
    const down = appOn(t.db, { mailer: closed.mailer }).app;
    const person = await buildUser(t.db, district.id, 'viewer');
    const asked = await request(down).post('/api/auth/password-reset').send({ email: person.email });
    const unknown = await request(down).post('/api/auth/password-reset').send({ email: 'nobody@nowhere.test' });
    expect([asked.status, unknown.status]).toEqual([202, 202]);
    expect(asked.body).toEqual(unknown.body);
    await untilResetEmailWaits(person.id);

    await whenDue(person.id);
    expect(await sendWaitingResetEmails(t.db, mail.mailer, 'http://localhost:3000')).toBe(1);
    const message = await mail.messageTo(person.email);
    const token = linkIn(message.text ?? '')!;
    expect(mail.received.filter((m) => JSON.stringify(m.to).includes(person.email))).toHaveLength(1);
    // Nothing waits any more, and the table holds no link anyone could read back.
    expect(await sendWaitingResetEmails(t.db, mail.mailer, 'http://localhost:3000')).toBe(0);
    expect(JSON.stringify(await t.db('password_resets').where({ user_id: person.id }))).not.toContain(token);

    const reset = await request(t.app).post(`/api/auth/password-reset/${token}`).send({ password: newPassword });
    expect(reset.status).toBe(200);
    expect((await signIn(t.app, person.email, newPassword)).csrf).toBeTruthy();
  });

  it('asked for again once the mail server is back, it goes at once in place of its retry: one email, whose link works', async () => {
    const closed = await startMailServer();
    await closed.close();
    const down = appOn(t.db, { mailer: closed.mailer }).app;
    const person = await buildUser(t.db, district.id, 'viewer');
    expect((await request(down).post('/api/auth/password-reset').send({ email: person.email })).status).toBe(202);
    await untilResetEmailWaits(person.id);

    // The mail server is back (t.app sends through it), minutes before the retry: the person asks again.
    const again = await request(t.app).post('/api/auth/password-reset').send({ email: person.email });
    const unknown = await request(t.app).post('/api/auth/password-reset').send({ email: 'nobody@nowhere.test' });
    expect([again.status, unknown.status]).toEqual([202, 202]);
    expect(again.body).toEqual(unknown.body);
    const token = linkIn((await mail.messageTo(person.email)).text ?? '')!;

    // The retry is gone: when the emails job comes round, nothing more goes to the person.
    await whenDue(person.id);
    await sendWaitingResetEmails(t.db, mail.mailer, 'http://localhost:3000');
    expect(mail.received.filter((m) => JSON.stringify(m.to).includes(person.email))).toHaveLength(1);
    expect(await t.db('password_resets').where({ user_id: person.id })).toHaveLength(1);
    const reset = await request(t.app).post(`/api/auth/password-reset/${token}`).send({ password: newPassword });
    expect(reset.status).toBe(200);
  });

  it('asked for again while the emails job sends its retry, one email goes, whose link works', async () => {
    const closed = await startMailServer();
    await closed.close();
    const down = appOn(t.db, { mailer: closed.mailer }).app;
    const person = await buildUser(t.db, district.id, 'viewer');
    expect((await request(down).post('/api/auth/password-reset').send({ email: person.email })).status).toBe(202);
    await untilResetEmailWaits(person.id);
    await whenDue(person.id);

    // The emails job comes round; its email is with the mail server when the person asks again.
    const slow = heldMailer();
    const job = sendWaitingResetEmails(t.db, slow.mailer, 'http://localhost:3000');
    await until(async () => slow.held.length === 1, 'the retry is on its way');
    expect((await request(t.app).post('/api/auth/password-reset').send({ email: person.email })).status).toBe(202);
    // Time for the ask's own work after its answer (a second email went within milliseconds).
    await new Promise((resolve) => setTimeout(resolve, 1000));
    slow.held[0]!.release();
    expect(await job).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));

    const mails = mail.received.filter((m) => JSON.stringify(m.to).includes(person.email));
    expect(mails).toHaveLength(1);
    const reset = await request(t.app)
      .post(`/api/auth/password-reset/${linkIn(mails[0]!.text ?? '')}`)
      .send({ password: newPassword });
    expect(reset.status).toBe(200);
  });

  it('a waiting email the job drops (its person was deactivated) does not hold back their next ask once reactivated', async () => {
    const closed = await startMailServer();
    await closed.close();
    const down = appOn(t.db, { mailer: closed.mailer }).app;
    const person = await buildUser(t.db, district.id, 'viewer');
    expect((await request(down).post('/api/auth/password-reset').send({ email: person.email })).status).toBe(202);
    await untilResetEmailWaits(person.id);
    await t.db('users').where({ id: person.id }).update({ deactivated_at: new Date() });
    await whenDue(person.id);
    expect(await sendWaitingResetEmails(t.db, mail.mailer, 'http://localhost:3000')).toBe(0);

    // Reactivated within the minute, they ask again: the email goes.
    await t.db('users').where({ id: person.id }).update({ deactivated_at: null });
    expect((await request(t.app).post('/api/auth/password-reset').send({ email: person.email })).status).toBe(202);
    const token = linkIn((await mail.messageTo(person.email)).text ?? '')!;
    const reset = await request(t.app).post(`/api/auth/password-reset/${token}`).send({ password: newPassword });
    expect(reset.status).toBe(200);
  });

  it('while a newer email waits, the link mailed before still works; once the newer goes, only its link works', async () => {
    const person = await buildUser(t.db, district.id, 'viewer');
    expect((await request(t.app).post('/api/auth/password-reset').send({ email: person.email })).status).toBe(202);
    const first = linkIn((await mail.messageTo(person.email)).text ?? '')!;
    const closed = await startMailServer();
    await closed.close();
    const down = appOn(t.db, { mailer: closed.mailer }).app;
    expect((await request(down).post('/api/auth/password-reset').send({ email: person.email })).status).toBe(202);
    await untilResetEmailWaits(person.id);
    expect((await request(t.app).get(`/api/auth/password-reset/${first}`)).status).toBe(200);

    await whenDue(person.id);
    expect(await sendWaitingResetEmails(t.db, mail.mailer, 'http://localhost:3000')).toBe(1);
    const second = linkIn((await mail.messageTo(person.email, (m) => !(m.text ?? '').includes(first))).text ?? '')!;
    expect((await request(t.app).get(`/api/auth/password-reset/${first}`)).status).toBe(404);
    const reset = await request(t.app).post(`/api/auth/password-reset/${second}`).send({ password: newPassword });
    expect(reset.status).toBe(200);
  });

  it('a link an admin makes while an email waits replaces that email, which is not sent', async () => {
    const closed = await startMailServer();
    await closed.close();
    const down = appOn(t.db, { mailer: closed.mailer }).app;
    const person = await buildUser(t.db, district.id, 'viewer');
    expect((await request(down).post('/api/auth/password-reset').send({ email: person.email })).status).toBe(202);
    await untilResetEmailWaits(person.id);
    const admin = await signIn(t.app, district.admin.email, testPassword);
    const made = await write(admin, 'post', `/api/users/${person.id}/password-reset`);
    expect(made.status).toBe(201);

    await whenDue(person.id);
    await sendWaitingResetEmails(t.db, mail.mailer, 'http://localhost:3000');
    // Its link was spent by the admin's: nothing goes to the person.
    expect(mail.received.filter((m) => JSON.stringify(m.to).includes(person.email))).toEqual([]);
    const reset = await request(t.app)
      .post(`/api/auth/password-reset/${tokenOf(made.body.resetUrl)}`)
      .send({ password: newPassword });
    expect(reset.status).toBe(200);
  });

  it('refused by the mail server, it is tried twice more, later each time, then given up on', async () => {
    const picky = await startMailServer({ refuse: (address) => address.startsWith('gone-') });
    try {
      const refusing = appOn(t.db, { mailer: picky.mailer }).app;
      const person = await buildUser(t.db, district.id, 'viewer', {
        email: `gone-${crypto.randomUUID()}@lakeview.test`,
      });
      expect((await request(refusing).post('/api/auth/password-reset').send({ email: person.email })).status).toBe(202);
      await untilResetEmailWaits(person.id);
      const attempts = async () =>
        ((await t.db('password_resets').where({ user_id: person.id }).first()) as { email_attempts: number })
          .email_attempts;
      expect(await attempts()).toBe(1);
      // Not tried again before its time.
      expect(await sendWaitingResetEmails(t.db, picky.mailer, 'http://localhost:3000')).toBe(0);
      expect(await attempts()).toBe(1);
      for (let run = 2; run <= emailAttempts; run += 1) {
        await whenDue(person.id);
        await sendWaitingResetEmails(t.db, picky.mailer, 'http://localhost:3000');
        expect(await attempts()).toBe(run);
      }
      await whenDue(person.id);
      await sendWaitingResetEmails(t.db, picky.mailer, 'http://localhost:3000');
      expect(await attempts()).toBe(emailAttempts);
      expect(picky.received).toEqual([]);
    } finally {
      await picky.close();
    }
  });
});

describe('the email telling a person their password changed', () => {
  let honolulu: TestDistrict;
  const zone = 'Pacific/Honolulu';
  beforeAll(async () => {
    honolulu = await buildDistrict(t.db);
    const admin = await signIn(t.app, honolulu.admin.email, testPassword);
    const { version } = (await admin.agent.get('/api/district/settings')).body as { version: number };
    expect((await write(admin, 'put', '/api/district/settings').send({ timeZone: zone, version })).status).toBe(200);
  });
  /** The emails job, as it runs every minute. */
  const runEmailsJob = (mailer = mail.mailer) => sendPasswordChangedEmails(t.db, mailer, 'http://localhost:3000');
  const changedMails = (email: string) =>
    mail.received.filter((m) => JSON.stringify(m.to).includes(email) && m.subject?.includes('was changed'));
  /** The moment of the change as the mail says it, which must be one of the minutes the request took. */
  const expectSaysWhen = (text: string | undefined, before: Date, after: Date) =>
    expect([formatDateTimeIn(before, zone), formatDateTimeIn(after, zone)]).toContain(
      / was changed on (.+ HST)\./.exec(text ?? '')?.[1],
    );

  it('changed on the Account page: when, in the district’s time zone; that other sessions were signed out; what to do if it was not them', async () => {
    const person = await buildUser(t.db, honolulu.id, 'principal');
    const me = await signIn(t.app, person.email, testPassword);
    const before = new Date();
    const ok = await write(me, 'post', '/api/auth/password').send({ currentPassword: testPassword, newPassword });
    expect([ok.status, ok.body]).toEqual([200, { emailed: true }]);
    const after = new Date();
    await runEmailsJob();

    const [message, ...more] = changedMails(person.email);
    expect(more).toEqual([]);
    expect(message!.subject).toBe(`Your password for the ${honolulu.name} Teacher Leadership Planner was changed`);
    expectSaysWhen(message!.text, before, after);
    expect(message!.text).toContain(
      `The password of your account (${person.email}) in the Teacher Leadership Planner of ${honolulu.name} was changed on `,
    );
    expect(message!.text).toContain(
      'Your account was signed out everywhere else it was signed in: the new password is needed to sign in there again.',
    );
    expect(message!.text).toContain(
      'If you changed it, there is nothing more to do. If you did not, choose a new password now with the link below, and tell your district administrator.',
    );
    expect(message!.text).toContain('Choose a new password: http://localhost:3000/forgot-password');
    expect(message!.html).toContain('<a href="http://localhost:3000/forgot-password">Choose a new password</a>');
    expect(message!.html).toContain('tell your district administrator.');
    expect(message!.text).not.toContain(newPassword);
    // Told once.
    await runEmailsJob();
    expect(changedMails(person.email)).toHaveLength(1);
  });

  it('set with a reset link, emailed or made by an administrator: the person is told too', async () => {
    const person = await buildUser(t.db, honolulu.id, 'viewer');
    const link = await buildResetLink(t.db, honolulu, person);
    const before = new Date();
    const reset = await request(t.app)
      .post(`/api/auth/password-reset/${tokenOf(link.resetUrl)}`)
      .send({ password: newPassword });
    expect(reset.status).toBe(200);
    const after = new Date();
    await runEmailsJob();
    const [message] = changedMails(person.email);
    expectSaysWhen(message?.text, before, after);
    expect(message?.text).toContain('Your account was signed out everywhere else it was signed in');
  });

  it('without a mail server, the Account page is not told that an email says so', async () => {
    const quiet = appOn(t.db, { mailer: noMail }).app;
    const person = await buildUser(t.db, honolulu.id, 'viewer');
    const me = await signIn(quiet, person.email, testPassword);
    const ok = await write(me, 'post', '/api/auth/password').send({ currentPassword: testPassword, newPassword });
    expect([ok.status, ok.body]).toEqual([200, { emailed: false }]);
  });

  it('not for the password chosen when accepting an invitation', async () => {
    const invitation = await buildInvitation(t.db, honolulu);
    const accepted = await request(t.app)
      .post(`/api/invitations/accept/${tokenOf(invitation.acceptUrl)}`)
      .send({ name: 'Pat Kealoha', password: newPassword });
    expect(accepted.status).toBe(201);
    await runEmailsJob();
    expect(changedMails(invitation.email)).toEqual([]);
  });

  it('while the mail server is out of reach, it waits and goes once it is back, saying when the change was', async () => {
    const closed = await startMailServer();
    await closed.close();
    const person = await buildUser(t.db, honolulu.id, 'viewer');
    const me = await signIn(t.app, person.email, testPassword);
    const before = new Date();
    const ok = await write(me, 'post', '/api/auth/password').send({ currentPassword: testPassword, newPassword });
    expect(ok.status).toBe(200);
    const after = new Date();
    expect(await runEmailsJob(closed.mailer)).toBe(0);
    // Not tried again before its time; then the emails job comes round once the wait is over (minutes).
    await runEmailsJob();
    expect(changedMails(person.email)).toEqual([]);
    const waiting = t.db('users').where({ id: person.id }).whereNotNull('password_email_due_at');
    expect(await waiting.update({ password_email_due_at: new Date() })).toBe(1);
    await runEmailsJob();
    const [message, ...more] = changedMails(person.email);
    expect(more).toEqual([]);
    expectSaysWhen(message?.text, before, after);
  });

  it('a notice kept waiting more than a week (no mail server then) is not sent late, nor kept', async () => {
    const person = await buildUser(t.db, honolulu.id, 'viewer');
    const me = await signIn(t.app, person.email, testPassword);
    expect(
      (await write(me, 'post', '/api/auth/password').send({ currentPassword: testPassword, newPassword })).status,
    ).toBe(200);
    // Changed eight days ago, while the planner had no mail server to send with; one is set up now.
    await t
      .db('users')
      .where({ id: person.id })
      .update({ password_changed_at: t.db.raw(`now() - interval '8 days'`) });
    await runEmailsJob();
    expect(changedMails(person.email)).toEqual([]);
    expect(
      (await t.db('users').where({ id: person.id }).first('password_email_due_at')).password_email_due_at,
    ).toBeNull();
  });
});

describe('sign-in limits', () => {
  // Behind a proxy, so each test attempts from an address of its own.
  const limited = () =>
    appOn(t.db, {
      loginLimits: { ...defaultLoginLimits, perAddress: 30 },
      config: loadConfig({ NODE_ENV: 'test', TRUST_PROXY: '1' }),
    }).app;
  let lastOctet = 10;
  const newAddress = () => `192.0.2.${(lastOctet += 1)}`;

  it('when 40 wrong passwords for one account arrive at once, then exactly 5 are checked and the rest answer 429, the right one too', async () => {
    const app = limited();
    const person = await buildUser(t.db, district.id, 'viewer');
    const attempts = [
      ...Array.from({ length: 40 }, (_, i) => ({ email: person.email, password: `wrong guess ${i}` })),
      { email: person.email, password: testPassword },
    ];
    const address = newAddress();
    const results = await Promise.all(
      attempts.map((body) => request(app).post('/api/auth/login').set('X-Forwarded-For', address).send(body)),
    );
    const checked = results.filter((r) => r.status !== 429);
    expect(checked).toHaveLength(5);
    expect(results.filter((r) => r.status === 429).every((r) => Number(r.headers['retry-after']) > 0)).toBe(true);
  });

  it('when 120 attempts from one address arrive at once, then no more are checked than the address allows', async () => {
    const app = limited();
    const address = newAddress();
    const results = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        request(app)
          .post('/api/auth/login')
          .set('X-Forwarded-For', address)
          .send({ email: `guess-${i}-${Date.now()}@nowhere.test`, password: 'no' }),
      ),
    );
    expect(results.filter((r) => r.status === 401)).toHaveLength(30);
    expect(results.filter((r) => r.status === 429)).toHaveLength(90);
  });

  it("when someone else's guesses lock an account, then its owner on a device they signed in from before still gets in", async () => {
    const { app } = appOn(t.db, {
      loginLimits: { ...defaultLoginLimits, perAddress: 10_000 },
      config: loadConfig({ NODE_ENV: 'test', TRUST_PROXY: '1' }),
    });
    const person = await buildUser(t.db, district.id, 'district_admin');
    const device = request.agent(app);
    expect(
      (
        await device
          .post('/api/auth/login')
          .set('X-Forwarded-For', '198.51.100.1')
          .send({ email: person.email, password: testPassword })
      ).status,
    ).toBe(200);
    // Ten wrong guesses from ten addresses: no pair is full, but the account is.
    for (let i = 0; i < 10; i += 1) {
      await request(app)
        .post('/api/auth/login')
        .set('X-Forwarded-For', `203.0.113.${i + 1}`)
        .send({ email: person.email, password: 'a guess' });
    }
    const stranger = await request(app)
      .post('/api/auth/login')
      .set('X-Forwarded-For', '203.0.113.200')
      .send({ email: person.email, password: testPassword });
    expect(stranger.status).toBe(429);
    const owner = await device
      .post('/api/auth/login')
      .set('X-Forwarded-For', '198.51.100.1')
      .send({ email: person.email, password: testPassword });
    expect(owner.status).toBe(200);
  });

  it('after a reset by link, the person is not held by the guesses that locked the account', async () => {
    const person = await buildUser(t.db, district.id, 'viewer');
    for (let i = 0; i < 5; i += 1) {
      await request(t.app).post('/api/auth/login').send({ email: person.email, password: 'a guess' });
    }
    expect(
      (await request(t.app).post('/api/auth/login').send({ email: person.email, password: testPassword })).status,
    ).toBe(429);
    const link = await buildResetLink(t.db, district, person);
    const reset = await request(t.app)
      .post(`/api/auth/password-reset/${tokenOf(link.resetUrl)}`)
      .send({ password: newPassword });
    expect(reset.status).toBe(200);
  });

  it('after a reset by link, thirty wrong current passwords from their own address no longer hold the person on the Account page', async () => {
    // The address's own limit as in production (100), so that only the account's and the pair's hold.
    const app = appOn(t.db, { config: loadConfig({ NODE_ENV: 'test', TRUST_PROXY: '1' }) }).app;
    const person = await buildUser(t.db, district.id, 'viewer');
    const address = newAddress();
    const me = await signIn(app, person.email, testPassword);
    for (let i = 0; i < 30; i += 1) {
      await write(me, 'post', '/api/auth/password')
        .set('X-Forwarded-For', address)
        .send({ currentPassword: `a guess ${i}`, newPassword });
    }
    const held = await write(me, 'post', '/api/auth/password')
      .set('X-Forwarded-For', address)
      .send({ currentPassword: testPassword, newPassword });
    expect([held.status, held.body.detail]).toEqual([
      429,
      'Too many tries with a wrong current password. Try again in 60 minutes.',
    ]);

    const link = await buildResetLink(t.db, district, person);
    const resetPassword = 'a password from the link';
    const agent = request.agent(app);
    const reset = await agent
      .post(`/api/auth/password-reset/${tokenOf(link.resetUrl)}`)
      .set('X-Forwarded-For', address)
      .send({ password: resetPassword });
    expect(reset.status).toBe(200);
    // Signed in by the link, from the same address, they change it on the Account page at once.
    const changed = await agent
      .post('/api/auth/password')
      .set('X-Forwarded-For', address)
      .set('X-CSRF-Token', reset.body.csrfToken as string)
      .send({ currentPassword: resetPassword, newPassword });
    expect(changed.status).toBe(200);
    expect((await signIn(app, person.email, newPassword)).csrf).toBeTruthy();
  });

  it('after a reset by link, the person is not held by the guesses at their current password that filled the account', async () => {
    const app = limited();
    const person = await buildUser(t.db, district.id, 'viewer');
    // Guesses from a session left open, from two addresses: the account's ten in a quarter hour.
    const open = await signIn(app, person.email, testPassword);
    for (const address of [newAddress(), newAddress()]) {
      for (let i = 0; i < 5; i += 1) {
        const guess = await write(open, 'post', '/api/auth/password')
          .set('X-Forwarded-For', address)
          .send({ currentPassword: 'a guess', newPassword });
        expect(guess.status).toBe(400);
      }
    }
    const address = newAddress();
    const held = await write(open, 'post', '/api/auth/password')
      .set('X-Forwarded-For', address)
      .send({ currentPassword: testPassword, newPassword });
    expect(held.status).toBe(429);

    const link = await buildResetLink(t.db, district, person);
    const resetPassword = 'a password from the link';
    expect(
      (
        await request(app)
          .post(`/api/auth/password-reset/${tokenOf(link.resetUrl)}`)
          .send({ password: resetPassword })
      ).status,
    ).toBe(200);
    const me = await signIn(app, person.email, resetPassword);
    const changed = await write(me, 'post', '/api/auth/password')
      .set('X-Forwarded-For', address)
      .send({ currentPassword: resetPassword, newPassword });
    expect(changed.status).toBe(200);
  });
});
