import request from 'supertest';
import type { Express } from 'express';
import { buildDistrict, buildPlan, buildUser, testPassword, type TestDistrict } from './support/factories';
import { appOn, startTestApp, type TestApp } from './support/test-app';

/**
 * On Postgres each server process keeps the sessions it has read, and a signed-in request gets its session
 * from there: its transaction checks, in the round trip that begins it, that the session and its person
 * are unchanged (http/session-store.ts). Two apps on one database stand for two server processes: what
 * one changes, the other must see on its next request.
 */
const onPostgres = process.env.TEST_DATABASE_URL ? describe : describe.skip;

let t: TestApp;
let other: Express;
let lakeview: TestDistrict;

beforeAll(async () => {
  t = await startTestApp();
  other = appOn(t.db).app;
  lakeview = await buildDistrict(t.db);
});
afterAll(() => t.close());

interface Session {
  cookie: string;
  csrf: string;
}

async function signInOn(app: Express, email: string): Promise<Session> {
  const res = await request(app).post('/api/auth/login').send({ email, password: testPassword });
  expect(res.status).toBe(200);
  const cookie = ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: (res.body as { csrfToken: string }).csrfToken };
}

const get = (app: Express, who: Session, url: string) => request(app).get(url).set('Cookie', who.cookie);

/** Statements the database ran while `work` ran, by their text. */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const statements: string[] = [];
  const onQuery = (query: { sql: string }) => statements.push(query.sql);
  t.db.on('query', onQuery);
  try {
    await work();
  } finally {
    t.db.removeListener('query', onQuery);
  }
  return statements;
}

onPostgres('a session kept in a server’s memory', () => {
  it('when a signed-in person asks again, then their session is not read on its own: it is checked as the work begins', async () => {
    const person = await buildUser(t.db, lakeview.id, 'viewer');
    const session = await signInOn(t.app, person.email);
    expect((await get(other, session, '/api/plans')).status).toBe(200);
    const statements = await statementsOf(async () => {
      expect((await get(other, session, '/api/plans')).status).toBe(200);
    });
    const sessionReads = statements.filter((sql) => /\bfrom sessions\b/.test(sql));
    expect(sessionReads).toHaveLength(1);
    expect(sessionReads[0]).toMatch(/^begin transaction/);
  });

  it('when they sign out on one server, then another that kept their session answers 401, and its session check nobody', async () => {
    const person = await buildUser(t.db, lakeview.id, 'principal');
    const session = await signInOn(t.app, person.email);
    expect((await get(other, session, '/api/plans')).status).toBe(200);
    expect((await get(other, session, '/api/plans')).status).toBe(200);

    const out = await request(t.app)
      .post('/api/auth/logout')
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', session.csrf);
    expect(out.status).toBe(204);

    const after = await get(other, session, '/api/plans');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('unauthenticated');
    expect((await get(other, session, '/api/auth/session')).body).toEqual({ signedIn: null });
  });

  it('when they sign out on one server, then an answer saved on another that kept their session is refused, and not kept', async () => {
    const person = await buildUser(t.db, lakeview.id, 'district_admin');
    const { plan } = await buildPlan(t.db, lakeview);
    const session = await signInOn(t.app, person.email);
    const save = (text: string, version: number) =>
      request(other)
        .put(`/api/plans/${plan.id}/answers/design.q1`)
        .set('Cookie', session.cookie)
        .set('X-CSRF-Token', session.csrf)
        .send({ text, version });
    expect((await save('Saved while signed in', 1)).status).toBe(200);
    // The session, now kept by the other server, is checked in the round trip of the save itself.
    const sent: { sql: string; sentWith?: string }[] = [];
    const onQuery = (query: { sql: string; sentWith?: string }) => sent.push(query);
    t.db.on('query', onQuery);
    try {
      expect((await save('Saved again', 2)).status).toBe(200);
    } finally {
      t.db.removeListener('query', onQuery);
    }
    const check = sent.find((query) => /\bfrom sessions\b/.test(query.sql));
    expect(check?.sentWith).toMatch(/^update "plan_questions"/);

    const out = await request(t.app)
      .post('/api/auth/logout')
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', session.csrf);
    expect(out.status).toBe(204);
    const refused = await save('Saved after signing out', 3);
    expect(refused.status).toBe(401);
    const answer = await request(t.app)
      .get(`/api/plans/${plan.id}`)
      .set('Cookie', (await signInOn(t.app, person.email)).cookie);
    const question = (answer.body as { stages: { questions: { key: string; answer: { text: string } }[] }[] }).stages
      .flatMap((stage) => stage.questions)
      .find((q) => q.key === 'design.q1');
    expect(question?.answer.text).toBe('Saved again');
  });

  it('when they are deactivated, then a server that kept their session answers 401 at once', async () => {
    const person = await buildUser(t.db, lakeview.id, 'principal');
    const session = await signInOn(t.app, person.email);
    expect((await get(other, session, '/api/users')).status).toBe(200);
    await t.db('users').where({ id: person.id }).update({ deactivated_at: new Date() });
    expect((await get(other, session, '/api/users')).status).toBe(401);
  });

  it.each([
    { from: 'district_admin', to: 'viewer', before: 200, after: 403 },
    { from: 'viewer', to: 'district_admin', before: 403, after: 200 },
  ] as const)(
    'when a $from becomes a $to, then a server that kept their session answers by the new role ($after)',
    async ({ from, to, before, after }) => {
      const person = await buildUser(t.db, lakeview.id, from);
      const session = await signInOn(t.app, person.email);
      expect((await get(other, session, '/api/people/log')).status).toBe(before);
      await t
        .db('users')
        .where({ id: person.id })
        .update({ role: to, version: t.db.raw('version + 1') });
      const res = await get(other, session, '/api/people/log');
      expect(res.status).toBe(after);
      if (after === 403) expect(res.body.code).toBe('forbidden');
    },
  );

  it('when their district is renamed, then a server that kept their session shows the new name', async () => {
    const district = await buildDistrict(t.db);
    const session = await signInOn(t.app, district.admin.email);
    expect((await get(other, session, '/api/auth/me')).body.district.name).toBe(district.name);
    const written = async () =>
      (await t.db('sessions').select('updated_at').orderBy('updated_at', 'desc').first()).updated_at;
    const before = await written();
    await t.db('districts').where({ id: district.id }).update({ name: 'Renamed Unified' });
    expect((await get(other, session, '/api/auth/me')).body.district.name).toBe('Renamed Unified');
    // Reading the session again writes nothing back: a session ended meanwhile stays ended.
    expect(await written()).toEqual(before);
  });

  it('when a kept session belongs to another district, then it reaches none of this district’s plans', async () => {
    const plan = await buildPlan(t.db, lakeview);
    const hillcrest = await buildDistrict(t.db);
    const session = await signInOn(t.app, hillcrest.admin.email);
    expect((await get(other, session, '/api/plans')).status).toBe(200);
    const list = await get(other, session, '/api/plans');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(plan.plan.id);
    expect((await get(other, session, `/api/plans/${plan.plan.id}`)).status).toBe(404);
  });
});
