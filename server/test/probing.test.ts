import { parse as parseCsv } from 'csv-parse/sync';
import pino from 'pino';
import request from 'supertest';
import type { Role } from '@planner/shared/role';
import { loadConfig } from '../src/config';
import {
  appOn,
  decide,
  signIn,
  startTestApp,
  twoDistrictsSignedIn,
  write,
  type SignedInAgent,
  type TestApp,
} from './support/test-app';
import { buildPlan, buildRole, buildRow, testPassword, type TestDistrict } from './support/factories';

/** The defects found by probing the planner from outside (issue 15), each held by a test. */
let t: TestApp;
let lakeview: TestDistrict;
let admin: SignedInAgent;
let principal: SignedInAgent;

beforeAll(async () => {
  t = await startTestApp();
  ({ lakeview, admin, principal } = await twoDistrictsSignedIn(t));
});
afterAll(() => t.close());

describe('CSV', () => {
  it('quotes every field with a line break, a quote or a comma, and neutralises formulas after spaces and zero-width characters', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const [first, second] = plan.stages[0]!.actions;
    const tricky = ['line one\nline two', '  =1+1', '\u200B=HYPERLINK("x")', '\t@SUM', 'a "quoted", text\r\n=2'];
    await write(admin, 'patch', `/api/plans/${plan.id}/actions/${first!.id}`).send({ notes: tricky[0], version: 1 });
    await write(admin, 'patch', `/api/plans/${plan.id}/actions/${second!.id}`).send({
      notes: `${tricky[1]}`,
      ownerName: tricky[2],
      version: 1,
    });
    const measure = await buildRow(t.db, lakeview, plan.id, 'measures', { owner: tricky[3] });
    await write(admin, 'post', `/api/plans/${plan.id}/measures/${measure.id}/readings`).send({
      date: '2026-01-10',
      value: -5,
      note: 'first',
    });
    // One-line fields take no line break now (they are saved as spaces); text saved before still holds them.
    await t.db('plan_measures').where({ id: measure.id }).update({ data_source: tricky[4] });
    await t.db('plan_measure_readings').where({ measure_id: measure.id }).update({ note: 'first\nsecond\n=1+1' });

    const actions = await admin.agent.get(`/api/plans/${plan.id}/export/actions.csv`);
    const rows = parseCsv(actions.text, { bom: true, relax_column_count: false }) as string[][];
    // One record per action: no line feed started a record of its own.
    expect(rows).toHaveLength(1 + plan.stages.flatMap((s) => s.actions).length);
    const notes = rows.map((r) => r[7]);
    expect(notes).toContain('line one\nline two');
    expect(notes).toContain("'  =1+1");
    expect(rows.map((r) => r[5])).toContain('\'\u200B=HYPERLINK("x")');

    const measures = await admin.agent.get(`/api/plans/${plan.id}/export/measures.csv`);
    const measureRows = parseCsv(measures.text, { bom: true }) as string[][];
    expect(measureRows).toHaveLength(2);
    const header = measureRows[0]!;
    const cell = (name: string) => measureRows[1]![header.indexOf(name)];
    expect(cell('Data source')).toBe('a "quoted", text\r\n=2');
    // Text fields are trimmed when saved; what is left still starts a formula.
    expect(cell('Owner')).toBe("'@SUM");
    expect(cell('Reading note')).toBe('first\nsecond\n=1+1');
    expect(cell('Reading value')).toBe('-5');
  });
});

describe("a principal's decision", () => {
  it('carries the version and round it was made on: a stale one answers 409 with the role as it is now', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const role = await buildRole(t.db, lakeview, plan.id, { title: 'Coach', schoolIds: [lakeview.schools[0]!.id] });
    const url = `/api/plans/${plan.id}/roles/${role.id}`;
    const seen = (await write(admin, 'post', `${url}/submit`)).body as Role;
    // The admin cuts the release time, which sends the role back to draft, and submits it again.
    const edited = await write(admin, 'patch', url).send({ releasePercent: 0, version: seen.version });
    expect(edited.status).toBe(200);
    await write(admin, 'post', `${url}/submit`);

    const stale = await write(principal, 'post', `${url}/reviews`).send({
      decision: 'approve',
      version: seen.version,
      round: seen.round,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    expect(stale.body.detail).toBe(
      'This role was sent for review again after you opened it. Read it as it is now before you decide.',
    );
    expect(stale.body.current).toMatchObject({ id: role.id, round: seen.round + 1, releasePercent: 0 });
    expect(Number((await t.db('role_reviews').where({ role_id: role.id }).count('* as n').first())!.n)).toBe(0);

    const fresh = await decide(t.db, principal, url, { decision: 'approve' });
    expect(fresh.status).toBe(200);
    expect((fresh.body as Role).status).toBe('approved');
  });

  it('without the version and round it read, it is refused, naming them', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const role = await buildRole(t.db, lakeview, plan.id, { schoolIds: [lakeview.schools[0]!.id] });
    const url = `/api/plans/${plan.id}/roles/${role.id}`;
    await write(admin, 'post', `${url}/submit`);
    const res = await write(principal, 'post', `${url}/reviews`).send({ decision: 'approve' });
    expect(res.status).toBe(400);
    expect((res.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['round', 'version']);
  });
});

describe('the caps on what a plan holds', () => {
  const parallel = <T>(n: number, make: (i: number) => Promise<T>) =>
    Promise.all(Array.from({ length: n }, (_, i) => make(i)));

  it('hold under 30 parallel adds: rows of a table, own items and readings stop at 200', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const base = `/api/plans/${plan.id}`;
    // 195 rows, readings and own items (the plan has a question and an action of its own already).
    await t.db('plan_priorities').insert(
      Array.from({ length: 195 }, (_, i) => ({
        district_id: lakeview.id,
        plan_id: plan.id,
        title: `Priority ${i}`,
        updated_by: lakeview.admin.id,
      })),
    );
    await t.db('plan_questions').insert(
      Array.from({ length: 193 }, (_, i) => ({
        district_id: lakeview.id,
        plan_id: plan.id,
        key: `c-seed${i}`,
        stage_key: 'context',
        text: `Seeded question ${i}`,
        position: 100 + i,
      })),
    );
    const measure = await buildRow(t.db, lakeview, plan.id, 'measures');
    await t.db('plan_measure_readings').insert(
      Array.from({ length: 195 }, (_, i) => ({
        district_id: lakeview.id,
        plan_id: plan.id,
        measure_id: measure.id,
        date: '2025-01-01',
        value: i,
        updated_by: lakeview.admin.id,
      })),
    );

    const rows = await parallel(30, (i) => write(admin, 'post', `${base}/priorities`).send({ title: `Added ${i}` }));
    const items = await parallel(30, (i) =>
      write(admin, 'post', `${base}/${i % 2 === 0 ? 'questions' : 'actions'}`).send({
        stageKey: 'build',
        text: `Own ${i}`,
      }),
    );
    const readings = await parallel(30, (i) =>
      write(admin, 'post', `${base}/measures/${measure.id}/readings`).send({ date: '2025-02-01', value: i }),
    );
    const created = (answers: { status: number }[]) => answers.filter((a) => a.status === 201).length;
    expect([created(rows), created(items), created(readings)]).toEqual([5, 5, 5]);
    expect(rows.every((r) => r.status === 201 || r.status === 400)).toBe(true);
    const count = async (table: string, where: Record<string, unknown>) =>
      Number((await t.db(table).where(where).count('* as n').first())!.n);
    expect(await count('plan_priorities', { plan_id: plan.id })).toBe(200);
    expect(
      (await count('plan_questions', { plan_id: plan.id, template_key: null })) +
        (await count('plan_actions', { plan_id: plan.id, template_key: null })),
    ).toBe(200);
    expect(await count('plan_measure_readings', { measure_id: measure.id })).toBe(200);
  });
});

describe('answers and sessions', () => {
  it('marks every API answer no-store, /api/auth/me with its CSRF token included', async () => {
    const me = await admin.agent.get('/api/auth/me');
    expect(me.body.csrfToken).toBeTruthy();
    expect(me.headers['cache-control']).toBe('no-store');
    expect((await request(t.app).get('/api/plans')).headers['cache-control']).toBe('no-store');
  });

  it('ends a session a week after sign-in, however active it was', async () => {
    const person = await signIn(t.app, lakeview.viewer.email, testPassword);
    expect((await person.agent.get('/api/auth/me')).status).toBe(200);
    await t
      .db('sessions')
      .where({ user_id: lakeview.viewer.id })
      .update({ created_at: new Date(Date.now() - 7 * 24 * 60 * 60 * 1000 - 60_000) });
    expect((await person.agent.get('/api/auth/me')).status).toBe(401);
  });

  it('over HTTPS (PUBLIC_URL https, behind a proxy) the cookie is Secure and HSTS is sent; over plain HTTP neither', async () => {
    const secure = appOn(t.db, {
      config: loadConfig({ NODE_ENV: 'test', PUBLIC_URL: 'https://planner.lakeview.test', TRUST_PROXY: '1' }),
      logger: pino({ level: 'silent' }),
    }).app;
    const login = { email: lakeview.viewer.email, password: testPassword };
    const viaTls = await request(secure).post('/api/auth/login').set('X-Forwarded-Proto', 'https').send(login);
    expect(viaTls.status).toBe(200);
    const cookies = viaTls.headers['set-cookie'] as unknown as string[];
    expect(cookies.length).toBe(2);
    for (const cookie of cookies) expect(cookie).toMatch(/; Secure/);
    expect(viaTls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');

    const plain = await request(t.app).post('/api/auth/login').send(login);
    for (const cookie of plain.headers['set-cookie'] as unknown as string[]) expect(cookie).not.toMatch(/Secure/);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('values a district cannot mean', () => {
  it.each([
    [
      'a reading of 1e308',
      'readings',
      { date: '2025-03-01', value: 1e308 },
      'value',
      'must be at most 1,000,000,000,000',
    ],
    ['a reading of -1e308', 'readings', { date: '2025-03-01', value: -1e308 }, 'value', 'must be at least'],
    ['a target date in 9999', 'measure', { targetDate: '9999-12-31' }, 'targetDate', 'must be between 1950 and 2100'],
    ['a baseline of 1e20', 'measure', { baseline: 1e20 }, 'baseline', 'must be at most'],
  ])('%s answers 400 on the field', async (_, where, body, field, message) => {
    const { plan } = await buildPlan(t.db, lakeview);
    const measure = await buildRow(t.db, lakeview, plan.id, 'measures');
    const res =
      where === 'readings'
        ? await write(admin, 'post', `/api/plans/${plan.id}/measures/${measure.id}/readings`).send(body)
        : await write(admin, 'patch', `/api/plans/${plan.id}/measures/${measure.id}`).send({ ...body, version: 1 });
    expect(res.status).toBe(400);
    expect((res.body.errors as { field: string; message: string }[]).find((e) => e.field === field)?.message).toContain(
      message,
    );
  });

  it('a school year of 9999-00 answers 400', async () => {
    const res = await write(admin, 'post', '/api/plans').send({ title: 'Far future', schoolYear: '9999-00' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({
      field: 'schoolYear',
      message: expect.stringContaining('must start between 2000'),
    });
  });

  it('a body that is not JSON answers 415, and changes nothing', async () => {
    const before = Number((await t.db('plans').where({ district_id: lakeview.id }).count('* as n').first())!.n);
    const res = await admin.agent
      .post('/api/plans')
      .set('X-CSRF-Token', admin.csrf)
      .set('Content-Type', 'text/plain')
      .send('title=Plan&schoolYear=2026-27');
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('unsupported_media_type');
    expect(Number((await t.db('plans').where({ district_id: lakeview.id }).count('* as n').first())!.n)).toBe(before);
  });
});
