import request from 'supertest';
import { defaultLoginLimits } from '../src/features/auth/login-limiter';
import { appOn, signIn, startTestApp, type TestApp } from './support/test-app';
import { buildDistrict, buildUser, testPassword, type TestDistrict } from './support/factories';

let t: TestApp;
let district: TestDistrict;

beforeAll(async () => {
  t = await startTestApp();
  district = await buildDistrict(t.db);
});
afterAll(() => t.close());

describe('signing in', () => {
  it('when the credentials are right, then it sets an httpOnly SameSite=Lax session cookie and answers who signed in', async () => {
    const res = await request(t.app)
      .post('/api/auth/login')
      .send({ email: district.admin.email, password: testPassword });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      user: { id: district.admin.id, email: district.admin.email, role: 'district_admin' },
      district: { id: district.id, name: district.name },
      schools: [],
    });
    expect(typeof res.body.csrfToken).toBe('string');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/planner\.sid=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // only in production
    expect(res.body).not.toHaveProperty('user.password_hash');
  });

  it('when the email differs only in case, then it still signs in', async () => {
    const res = await request(t.app)
      .post('/api/auth/login')
      .send({ email: district.viewer.email.toUpperCase(), password: testPassword });
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(district.viewer.id);
  });

  it('when the password is wrong or the email unknown, then both answer the same generic 401', async () => {
    const wrongPassword = await request(t.app)
      .post('/api/auth/login')
      .send({ email: district.principal.email, password: 'nope' });
    const unknownEmail = await request(t.app)
      .post('/api/auth/login')
      .send({ email: 'nobody@nowhere.test', password: 'nope' });
    for (const res of [wrongPassword, unknownEmail]) {
      expect(res.status).toBe(401);
      expect(res.type).toBe('application/problem+json');
      expect(res.body).toMatchObject({
        status: 401,
        code: 'invalid_credentials',
        detail: 'Email or password is incorrect.',
      });
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('when a principal signs in, then the answer lists their schools', async () => {
    const { agent } = await signIn(t.app, district.principal.email, testPassword);
    const me = await agent.get('/api/auth/me');
    expect(me.body.schools.map((s: { id: string }) => s.id).sort()).toEqual(
      district.schools
        .slice(0, 2)
        .map((s) => s.id)
        .sort(),
    );
  });

  it('when fields are missing or of the wrong type, then it answers 400 naming each field', async () => {
    const missing = await request(t.app).post('/api/auth/login').send({});
    expect(missing.status).toBe(400);
    expect(missing.type).toBe('application/problem+json');
    expect(missing.body.code).toBe('invalid_input');
    expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);

    const wrongType = await request(t.app)
      .post('/api/auth/login')
      .send({ email: district.admin.email, password: 12345 });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors).toEqual([{ in: 'body', field: 'password', message: 'must be text' }]);
  });

  it('when the body is malformed JSON, then it answers 400 problem+json without a stack trace', async () => {
    const res = await request(t.app)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": "a@b.c",');
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ code: 'invalid_json', title: 'Bad Request' });
    expect(res.text).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('when the body is 2 MB, then it answers 413', async () => {
    const res = await request(t.app)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(2 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.code).toBe('payload_too_large');
  });

  it('when the body is not JSON at all, then it answers 415 and says to send JSON', async () => {
    const res = await request(t.app).post('/api/auth/login').set('Content-Type', 'text/plain').send('email=a');
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({
      code: 'unsupported_media_type',
      detail: 'Send the body as JSON, with Content-Type: application/json.',
    });
  });

  it('when the body is JSON of a type ending in +json, then it is read as JSON, as application/json is', async () => {
    const user = await buildUser(t.db, district.id, 'viewer');
    for (const type of ['application/merge-patch+json', 'application/vnd.api+json; charset=utf-8']) {
      const signedIn = await request(t.app)
        .post('/api/auth/login')
        .set('Content-Type', type)
        .send(JSON.stringify({ email: user.email, password: testPassword }));
      expect([type, signedIn.status]).toEqual([type, 200]);
      const refused = await request(t.app)
        .post('/api/auth/login')
        .set('Content-Type', type)
        .send(JSON.stringify({ email: user.email }));
      expect([type, refused.status, refused.body.errors]).toEqual([
        type,
        400,
        [expect.objectContaining({ field: 'password' })],
      ]);
    }
  });
});

describe('rate limiting sign-in', () => {
  it('when an account has five failed attempts, then the sixth answers 429 with Retry-After, even with the right password', async () => {
    const user = await buildUser(t.db, district.id, 'viewer');
    for (let i = 0; i < 5; i += 1) {
      const res = await request(t.app)
        .post('/api/auth/login')
        .send({ email: user.email, password: `wrong-${i}` });
      expect(res.status).toBe(401);
    }
    const blocked = await request(t.app).post('/api/auth/login').send({ email: user.email, password: testPassword });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too_many_attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900);
    // Other accounts are not affected.
    expect(
      (await request(t.app).post('/api/auth/login').send({ email: district.admin.email, password: testPassword }))
        .status,
    ).toBe(200);
  });

  it('when one address fails too often across accounts, then that address is blocked and others are not', async () => {
    const { app } = appOn(t.db, {
      loginLimits: { ...defaultLoginLimits, perAccount: [100, 100, 100], perAddress: 3 },
      config: { ...(await import('../src/config')).loadConfig({ NODE_ENV: 'test', TRUST_PROXY: '1' }) },
    });
    const address = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    for (let i = 0; i < 3; i += 1) {
      await request(app)
        .post('/api/auth/login')
        .set('X-Forwarded-For', address)
        .send({ email: `x${i}@nowhere.test`, password: 'no' });
    }
    const blocked = await request(app)
      .post('/api/auth/login')
      .set('X-Forwarded-For', address)
      .send({ email: district.admin.email, password: testPassword });
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    const elsewhere = await request(app)
      .post('/api/auth/login')
      .set('X-Forwarded-For', '198.51.100.7')
      .send({ email: district.admin.email, password: testPassword });
    expect(elsewhere.status).toBe(200);
  });
});

describe('the session', () => {
  it('when signed out, then me answers 401 problem+json', async () => {
    const res = await request(t.app).get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.code).toBe('unauthenticated');
  });

  it('when signed in, then me answers the user, district and a CSRF token', async () => {
    const { agent, csrf } = await signIn(t.app, district.admin.email, testPassword);
    const me = await agent.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      user: { email: district.admin.email },
      district: { name: district.name },
      csrfToken: csrf,
    });
  });

  it("when signed out, then the app's session check answers 200 with nobody, and starts no session", async () => {
    const before = Number((await t.db('sessions').count('* as n').first())?.n);
    const res = await request(t.app).get('/api/auth/session');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ signedIn: null });
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(Number((await t.db('sessions').count('* as n').first())?.n)).toBe(before);
  });

  it("when signed in, then the app's session check answers what me answers; once they are gone, nobody", async () => {
    const user = await buildUser(t.db, district.id, 'viewer');
    const { agent, csrf } = await signIn(t.app, user.email, testPassword);
    const [session, me] = [await agent.get('/api/auth/session'), await agent.get('/api/auth/me')];
    expect(session.status).toBe(200);
    expect(session.body.signedIn).toEqual(me.body);
    expect(session.body.signedIn).toMatchObject({ user: { email: user.email }, csrfToken: csrf });
    await t.db('users').where({ id: user.id }).update({ deactivated_at: new Date() });
    const after = await agent.get('/api/auth/session');
    expect(after.status).toBe(200);
    expect(after.body).toEqual({ signedIn: null });
  });

  it('when sign-out lacks the CSRF token, then it answers 403 and the session stays', async () => {
    const { agent } = await signIn(t.app, district.admin.email, testPassword);
    const res = await agent.post('/api/auth/logout');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('csrf_failed');
    const wrong = await agent.post('/api/auth/logout').set('X-CSRF-Token', 'not-the-token');
    expect(wrong.status).toBe(403);
    expect((await agent.get('/api/auth/me')).status).toBe(200);
  });

  it('when a read sends the token of an earlier session (someone signed in since in the same browser), then it answers 403 and no data', async () => {
    const { agent, csrf: lakeviewToken } = await signIn(t.app, district.admin.email, testPassword);
    const other = await buildDistrict(t.db);
    // The same browser's cookie becomes the other district's administrator's.
    const again = await agent.post('/api/auth/login').send({ email: other.admin.email, password: testPassword });
    expect(again.status).toBe(200);

    const stale = await agent.get('/api/plans').set('X-CSRF-Token', lakeviewToken);
    expect(stale.status).toBe(403);
    expect(stale.body.code).toBe('csrf_failed');
    expect(stale.body.detail).toMatch(/another session/);
    expect(JSON.stringify(stale.body)).not.toContain(other.admin.email);
    // The session check tells the page who is signed in now, with their token; reads with it are answered,
    // as are reads that send no token at all (a script's, say).
    const session = await agent.get('/api/auth/session').set('X-CSRF-Token', lakeviewToken);
    expect(session.status).toBe(200);
    expect(session.body.signedIn.user.email).toBe(other.admin.email);
    expect((await agent.get('/api/plans').set('X-CSRF-Token', session.body.signedIn.csrfToken)).status).toBe(200);
    expect((await agent.get('/api/plans')).status).toBe(200);
  });

  it('when signing out with the token, then the session ends and the old cookie no longer works', async () => {
    const { agent, csrf } = await signIn(t.app, district.admin.email, testPassword);
    const res = await agent.post('/api/auth/logout').set('X-CSRF-Token', csrf);
    expect(res.status).toBe(204);
    expect((await agent.get('/api/auth/me')).status).toBe(401);
  });

  it('when signing in again, then the session id changes (no fixation)', async () => {
    const first = await request(t.app)
      .post('/api/auth/login')
      .send({ email: district.admin.email, password: testPassword });
    const sessionCookie = (res: request.Response) =>
      ([] as string[])
        .concat(res.headers['set-cookie'] ?? [])
        .find((c) => c.startsWith('planner.sid='))!
        .split(';')[0]!;
    const cookie = sessionCookie(first);
    const second = await request(t.app)
      .post('/api/auth/login')
      .set('Cookie', cookie)
      .send({ email: district.admin.email, password: testPassword });
    expect(sessionCookie(second)).not.toBe(cookie);
    // The old session is gone.
    expect((await request(t.app).get('/api/auth/me').set('Cookie', cookie)).status).toBe(401);
  });

  it('when the user is removed, then their session stops working', async () => {
    const user = await buildUser(t.db, district.id, 'viewer');
    const { agent } = await signIn(t.app, user.email, testPassword);
    await t.db('users').where({ id: user.id }).delete();
    expect((await agent.get('/api/auth/me')).status).toBe(401);
  });
});
