import request from 'supertest';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Plan } from '@planner/shared/plan';
import type { Measure } from '@planner/shared/measure';
import { stageTableNames, stageTables, type StageTableName } from '@planner/shared/stage-tables';
import type { Dashboard } from '@planner/shared/dashboard';
import { formatDate, todayIso } from '@planner/shared/format';
import type { SharedPlan, ShareLinkWithUrl } from '@planner/shared/share-link';
import type { HistoryPage } from '@planner/shared/history';
import {
  signIn,
  startTestApp,
  twoDistrictsSignedIn,
  write,
  type SignedInAgent,
  type TestApp,
} from './support/test-app';
import {
  buildDistrict,
  buildPlan,
  buildRow,
  buildUser,
  testPassword,
  tokenOf,
  type TestDistrict,
} from './support/factories';
import { untilOneWaitsOnALock } from './support/test-database';

let t: TestApp;
let lakeview: TestDistrict;
let hillcrest: TestDistrict;
let admin: SignedInAgent;
let principal: SignedInAgent;
let viewer: SignedInAgent;
let otherAdmin: SignedInAgent;

beforeAll(async () => {
  t = await startTestApp();
  ({ lakeview, hillcrest, admin, principal, viewer, otherAdmin } = await twoDistrictsSignedIn(t));
});
afterAll(() => t.close());

const urlOf = (planId: string, name: StageTableName) => `/api/plans/${planId}/${stageTables[name].key}`;
/** A new row's removal as a page sends it: at version 1, a measure with the readings shown (none), a stakeholder its inputs. */
const seenQuery = (name: StageTableName) =>
  name === 'measures' ? 'version=1&readings=0' : name === 'stakeholders' ? 'version=1&inputs=0' : 'version=1';
const example = (name: StageTableName) => stageTables[name].example as Record<string, unknown>;
/** The first text field of a table, to edit in the tests. */
const textField = (name: StageTableName) =>
  ({
    priorities: 'title',
    stakeholders: 'engagement',
    fundingSources: 'name',
    dataSystems: 'owner',
    expertise: 'area',
    collaborationAreas: 'notes',
    measures: 'owner',
    decisions: 'rationale',
    partners: 'role',
  })[name];

async function planTables(planId: string, who = admin): Promise<Plan['tables']> {
  const res = await who.agent.get(`/api/plans/${planId}`);
  expect(res.status).toBe(200);
  return (res.body as Plan).tables;
}

describe.each(stageTableNames)('the %s table', (name) => {
  it('an admin adds a row, everyone reads it in the plan, and a change with the current version is saved', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const created = await write(admin, 'post', urlOf(plan.id, name)).send(example(name));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...example(name), version: 1 });
    const field = textField(name);
    const edited = await write(admin, 'patch', `${urlOf(plan.id, name)}/${created.body.id}`).send({
      [field]: 'Changed by the admin',
      version: 1,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ [field]: 'Changed by the admin', version: 2 });
    for (const who of [viewer, principal]) {
      const rows = (await planTables(plan.id, who))[name] as { id: string }[];
      expect(rows).toEqual([expect.objectContaining({ id: created.body.id, [field]: 'Changed by the admin' })]);
    }
    const listed = await viewer.agent.get(urlOf(plan.id, name));
    expect(listed.body.rows).toHaveLength(1);
  });

  it('when a change carries a stale version, then it answers 409 with the current row and keeps it', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const created = await write(admin, 'post', urlOf(plan.id, name)).send(example(name));
    const url = `${urlOf(plan.id, name)}/${created.body.id}`;
    const field = textField(name);
    await write(admin, 'patch', url).send({ [field]: 'First', version: 1 });
    const stale = await write(admin, 'patch', url).send({ [field]: 'Second, from an old page', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    expect(stale.body.current).toMatchObject({ id: created.body.id, [field]: 'First', version: 2 });
    expect(((await planTables(plan.id))[name] as Record<string, unknown>[])[0]).toMatchObject({
      [field]: 'First',
      version: 2,
    });
  });

  it('when a change names no field, then it answers 400 saying there is nothing to change, and a colleague’s change at that version is saved', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const created = await write(admin, 'post', urlOf(plan.id, name)).send(example(name));
    const url = `${urlOf(plan.id, name)}/${created.body.id}`;
    const empty = await write(admin, 'patch', url).send({ version: 1 });
    expect(empty.status).toBe(400);
    expect(empty.type).toBe('application/problem+json');
    expect(empty.body).toMatchObject({
      code: 'invalid_input',
      detail: expect.stringMatching(/^Nothing to change: send at least one field/),
      errors: [{ in: 'body', field: '', message: expect.stringMatching(/^nothing to change/) }],
    });
    const field = textField(name);
    const changed = await write(admin, 'patch', url).send({ [field]: 'A colleague’s change', version: 1 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ [field]: 'A colleague’s change', version: 2 });
  });

  it('an admin removes a row; another removal answers 404', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const created = await write(admin, 'post', urlOf(plan.id, name)).send(example(name));
    const url = `${urlOf(plan.id, name)}/${created.body.id}`;
    expect((await write(admin, 'delete', `${url}?${seenQuery(name)}`)).status).toBe(204);
    expect((await planTables(plan.id))[name]).toEqual([]);
    expect((await write(admin, 'delete', `${url}?${seenQuery(name)}`)).status).toBe(404);
  });

  it('a viewer and a principal get 403 on every change, and nothing changes', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const created = await write(admin, 'post', urlOf(plan.id, name)).send(example(name));
    const url = `${urlOf(plan.id, name)}/${created.body.id}`;
    for (const who of [viewer, principal]) {
      expect((await write(who, 'post', urlOf(plan.id, name)).send(example(name))).status).toBe(403);
      expect((await write(who, 'patch', url).send({ [textField(name)]: 'Nope', version: 1 })).status).toBe(403);
      expect((await write(who, 'delete', `${url}?${seenQuery(name)}`)).status).toBe(403);
    }
    expect((await planTables(plan.id))[name]).toEqual([expect.objectContaining({ id: created.body.id, version: 1 })]);
  });

  it("another district's admin gets 404 on the list, a change and a removal, and nothing changes", async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const created = await write(admin, 'post', urlOf(plan.id, name)).send(example(name));
    const url = `${urlOf(plan.id, name)}/${created.body.id}`;
    expect((await otherAdmin.agent.get(urlOf(plan.id, name))).status).toBe(404);
    expect((await write(otherAdmin, 'post', urlOf(plan.id, name)).send(example(name))).status).toBe(404);
    expect((await write(otherAdmin, 'patch', url).send({ [textField(name)]: 'Hijacked', version: 1 })).status).toBe(
      404,
    );
    expect((await write(otherAdmin, 'delete', `${url}?${seenQuery(name)}`)).status).toBe(404);
    // Their own plan cannot reach the row either.
    const { plan: theirs } = await buildPlan(t.db, hillcrest);
    expect(
      (
        await write(otherAdmin, 'patch', `${urlOf(theirs.id, name)}/${created.body.id}`).send({
          [textField(name)]: 'Hijacked',
          version: 1,
        })
      ).status,
    ).toBe(404);
    expect((await planTables(plan.id))[name]).toEqual([expect.objectContaining({ id: created.body.id, version: 1 })]);
  });

  it('when the table already holds 200 rows, then one more answers 400', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const sqlTable = `plan_${stageTables[name].key.replace(/-/g, '_')}`;
    const first = await write(admin, 'post', urlOf(plan.id, name)).send(example(name));
    const row = (await t.db(sqlTable).where({ id: first.body.id }).first()) as Record<string, unknown>;
    const { id: _id, ...copy } = row;
    await t.db(sqlTable).insert(Array.from({ length: 199 }, () => copy));
    const res = await write(admin, 'post', urlOf(plan.id, name)).send(example(name));
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/at most 200/);
  });
});

describe('values', () => {
  it('money is whole cents: text, fractions and negatives answer 400 naming amountCents', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const url = urlOf(plan.id, 'fundingSources');
    for (const amountCents of ['125000', 12.5, -1]) {
      const res = await write(admin, 'post', url).send({ ...example('fundingSources'), amountCents });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['amountCents']);
    }
    const big = await write(admin, 'post', url).send({ ...example('fundingSources'), amountCents: 987_654_321_00 });
    expect(big.body.amountCents).toBe(987_654_321_00);
    expect((await planTables(plan.id)).fundingSources).toHaveLength(1);
  });

  it('numbers reject text, dates must be real dates, and choices must be known, each named', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const res = await write(admin, 'post', urlOf(plan.id, 'measures')).send({
      ...example('measures'),
      baseline: '48',
      targetDate: '2028-02-30',
      term: 'medium',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['baseline', 'targetDate', 'term']);
    expect((await planTables(plan.id)).measures).toEqual([]);
  });

  it('when a measure’s target date is not after its baseline date, then adding or changing it answers 400 at the date changed', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const url = urlOf(plan.id, 'measures');
    const errorsOf = (res: request.Response) => [res.status, res.type, res.body.errors];
    for (const targetDate of ['2026-08-31', '2026-09-01']) {
      const refused = await write(admin, 'post', url).send({
        ...example('measures'),
        baselineDate: '2026-09-01',
        targetDate,
      });
      expect(errorsOf(refused)).toEqual([
        400,
        'application/problem+json',
        [{ in: 'body', field: 'targetDate', message: 'must be after the baseline date' }],
      ]);
    }
    expect((await planTables(plan.id)).measures).toEqual([]);

    const created = await write(admin, 'post', url).send({
      ...example('measures'),
      baselineDate: '2026-09-01',
      targetDate: '2027-06-01',
    });
    expect(created.status).toBe(201);
    const row = `${url}/${created.body.id}`;
    // One date sent alone is held to the other as stored.
    const earlyTarget = await write(admin, 'patch', row).send({ targetDate: '2026-06-01', version: 1 });
    expect(errorsOf(earlyTarget)).toEqual([
      400,
      'application/problem+json',
      [{ in: 'body', field: 'targetDate', message: 'must be after the baseline date' }],
    ]);
    const lateBaseline = await write(admin, 'patch', row).send({ baselineDate: '2027-07-01', version: 1 });
    expect(errorsOf(lateBaseline)).toEqual([
      400,
      'application/problem+json',
      [{ in: 'body', field: 'baselineDate', message: 'must be before the target date' }],
    ]);
    const both = await write(admin, 'patch', row).send({
      baselineDate: '2027-07-01',
      targetDate: '2027-01-01',
      version: 1,
    });
    expect(errorsOf(both)).toEqual([
      400,
      'application/problem+json',
      [{ in: 'body', field: 'targetDate', message: 'must be after the baseline date' }],
    ]);
    expect((await planTables(plan.id)).measures[0]).toMatchObject({
      baselineDate: '2026-09-01',
      targetDate: '2027-06-01',
      version: 1,
    });

    // Both moved on together, or the target cleared, is saved; a stale version still gets its 409.
    const moved = await write(admin, 'patch', row).send({
      baselineDate: '2027-07-01',
      targetDate: '2028-06-01',
      version: 1,
    });
    expect(moved.status).toBe(200);
    const stale = await write(admin, 'patch', row).send({ targetDate: '2026-01-01', version: 1 });
    expect(stale.status).toBe(409);
    const cleared = await write(admin, 'patch', row).send({ targetDate: null, version: 2 });
    expect(cleared.body).toMatchObject({ baselineDate: '2027-07-01', targetDate: null, version: 3 });

    // A measure saved before the rule, its dates out of order, still takes a change to its other fields.
    const earlier = await buildRow(t.db, lakeview, plan.id, 'measures', {
      baselineDate: '2027-09-01',
      targetDate: '2027-06-01',
    });
    const renamed = await write(admin, 'patch', `${url}/${earlier.id}`).send({ owner: 'Data office', version: 1 });
    expect(renamed.status).toBe(200);
  });

  it('fields left out get their defaults on create, and stay as they are on a change', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const created = await write(admin, 'post', urlOf(plan.id, 'stakeholders')).send({
      name: 'Families of Northside',
      kind: 'families',
    });
    expect(created.body).toMatchObject({
      name: 'Families of Northside',
      kind: 'families',
      engagement: '',
      engagedOn: null,
      stance: 'unknown',
    });
    const changed = await write(admin, 'patch', `${urlOf(plan.id, 'stakeholders')}/${created.body.id}`).send({
      stance: 'supportive',
      version: 1,
    });
    expect(changed.body).toMatchObject({ name: 'Families of Northside', stance: 'supportive', engagement: '' });
  });
});

describe("a measure's responsible person", () => {
  it('when they are deactivated or of another district, then it answers 400 saying which, and changes nothing', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const measure = await buildRow(t.db, lakeview, plan.id, 'measures', { name: 'Retention' });
    const gone = await buildUser(t.db, lakeview.id, 'principal');
    await t.db('users').where({ id: gone.id }).update({ deactivated_at: new Date() });
    const url = `${urlOf(plan.id, 'measures')}/${measure.id}`;
    const deactivated = await write(admin, 'patch', url).send({ ownerUserId: gone.id, version: 1 });
    expect(deactivated.status).toBe(400);
    expect(deactivated.body.errors).toEqual([
      { in: 'body', field: 'ownerUserId', message: 'is a deactivated person: choose someone active' },
    ]);
    const stranger = await write(admin, 'post', urlOf(plan.id, 'measures')).send({
      ...example('measures'),
      ownerUserId: hillcrest.admin.id,
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.errors).toEqual([
      { in: 'body', field: 'ownerUserId', message: 'is not a person of your district' },
    ]);
    const { measures } = await planTables(plan.id);
    expect(measures.map((m) => [m.name, m.ownerUserId, m.version])).toEqual([['Retention', null, 1]]);
  });
});

describe('measures and their readings', () => {
  it('readings come back oldest first with the latest reading and the status on the straight path', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const measure = await write(admin, 'post', urlOf(plan.id, 'measures')).send({
      name: 'Teachers in PLCs',
      term: 'short',
      unit: '%',
      baseline: 20,
      baselineDate: '2025-09-01',
      target: 80,
      targetDate: '2026-09-01',
    });
    expect(measure.body).toMatchObject({ status: 'no_data', readings: [], latestReading: null });
    const readings = `${urlOf(plan.id, 'measures')}/${measure.body.id}/readings`;
    for (const [date, value] of [
      ['2026-03-02', 38],
      ['2025-10-01', 25],
      ['2025-12-01', 35],
    ] as const) {
      expect((await write(admin, 'post', readings).send({ date, value })).status).toBe(201);
    }
    const saved = (await planTables(plan.id)).measures[0] as Measure;
    expect(saved.readings.map((r) => r.date)).toEqual(['2025-10-01', '2025-12-01', '2026-03-02']);
    expect(saved.latestReading).toMatchObject({ date: '2026-03-02', value: 38 });
    // Half-way the path expects 50; 38 falls short by 20% of the 60-point distance.
    expect(saved.status).toBe('off_track');

    const latest = saved.latestReading!;
    const corrected = await write(admin, 'patch', `${readings}/${latest.id}`).send({
      value: 49,
      version: latest.version,
    });
    expect(corrected.body).toMatchObject({ value: 49, version: 2 });
    expect(((await planTables(plan.id)).measures[0] as Measure).status).toBe('at_risk');
    const stale = await write(admin, 'patch', `${readings}/${latest.id}`).send({ value: 60, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ value: 49 });

    expect((await write(admin, 'delete', `${readings}/${latest.id}?version=2`)).status).toBe(204);
    const left = (await planTables(plan.id)).measures[0] as Measure;
    expect(left.readings).toHaveLength(2);

    // Readings without a target date to judge them by: not judged, which is not the same as no data.
    const undated = await write(admin, 'patch', `${urlOf(plan.id, 'measures')}/${left.id}`).send({
      targetDate: null,
      version: left.version,
    });
    expect(undated.status).toBe(200);
    expect(((await planTables(plan.id)).measures[0] as Measure).status).toBe('not_judged');
  });

  it('a reading needs a real date and a number; viewers and other districts cannot add one', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const measure = await write(admin, 'post', urlOf(plan.id, 'measures')).send(example('measures'));
    const readings = `${urlOf(plan.id, 'measures')}/${measure.body.id}/readings`;
    const bad = await write(admin, 'post', readings).send({ date: 'last spring', value: 'fifty' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['date', 'value']);
    expect(bad.body.errors.find((e: { field: string }) => e.field === 'date').message).toBe(
      'must be a date as YYYY-MM-DD',
    );
    // An empty or missing date is missing, not misspelt.
    for (const date of ['', undefined]) {
      const missing = await write(admin, 'post', readings).send({ date, value: 50 });
      expect([date, missing.status, missing.body.errors]).toEqual([
        date,
        400,
        [{ in: 'body', field: 'date', message: 'is required' }],
      ]);
    }
    expect((await write(viewer, 'post', readings).send({ date: '2026-01-01', value: 50 })).status).toBe(403);
    expect((await write(otherAdmin, 'post', readings).send({ date: '2026-01-01', value: 50 })).status).toBe(404);
    expect(((await planTables(plan.id)).measures[0] as Measure).readings).toEqual([]);
  });

  it('when a reading is dated after today, then it answers 400 on the date and the status stays as it was', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const measure = await write(admin, 'post', urlOf(plan.id, 'measures')).send(example('measures'));
    const readings = `${urlOf(plan.id, 'measures')}/${measure.body.id}/readings`;
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const res = await write(admin, 'post', readings).send({ date: future, value: 99 });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { in: 'body', field: 'date', message: 'must be today or earlier: a reading records what has happened' },
    ]);
    const past = await write(admin, 'post', readings).send({ date: '2025-11-01', value: 50 });
    expect(past.status).toBe(201);
    const moved = await write(admin, 'patch', `${readings}/${past.body.id}`).send({ date: future, version: 1 });
    expect(moved.status).toBe(400);
    const saved = (await planTables(plan.id)).measures[0] as Measure;
    expect(saved.readings.map((r) => r.date)).toEqual(['2025-11-01']);
    expect(saved.status).toBe('on_track');
  });
});

describe("a reading's date in the district's time zone", () => {
  it("when a reading is dated tomorrow in the district's time zone, though today somewhere on Earth, then it answers 400 saying the district's today, and keeps the readings as they were", async () => {
    const honolulu = await buildDistrict(t.db);
    await t.db('districts').where({ id: honolulu.id }).update({ time_zone: 'Pacific/Honolulu' });
    const honoluluAdmin = await signIn(t.app, honolulu.admin.email, testPassword);
    const { plan } = await buildPlan(t.db, honolulu);
    const measure = await write(honoluluAdmin, 'post', urlOf(plan.id, 'measures')).send(example('measures'));
    const readings = `${urlOf(plan.id, 'measures')}/${measure.body.id}/readings`;
    // Honolulu is 24 hours behind UTC+14: its tomorrow is always today somewhere.
    const today = todayIso('Pacific/Honolulu');
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const refusal = [
      {
        in: 'body',
        field: 'date',
        message: `must be today (${formatDate(today)} in the district's time zone) or earlier: a reading records what has happened`,
      },
    ];

    const ahead = await write(honoluluAdmin, 'post', readings).send({ date: tomorrow, value: 99 });
    expect([ahead.status, ahead.body.errors]).toEqual([400, refusal]);
    const taken = await write(honoluluAdmin, 'post', readings).send({ date: today, value: 50 });
    expect(taken.status).toBe(201);
    const moved = await write(honoluluAdmin, 'patch', `${readings}/${taken.body.id}`).send({
      date: tomorrow,
      version: 1,
    });
    expect([moved.status, moved.body.errors]).toEqual([400, refusal]);
    const saved = (await planTables(plan.id, honoluluAdmin)).measures[0] as Measure;
    expect(saved.readings.map((r) => [r.date, r.value])).toEqual([[today, 50]]);
  });
});

describe("a measure's status wherever it is shown", () => {
  it('when a baseline equals its target, or has no date, then it is not judged; a reading shown equal to the path is on track', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const measures = urlOf(plan.id, 'measures');
    const addMeasure = async (fields: object, date: string, value: number) => {
      const made = await write(admin, 'post', measures).send({ term: 'short', unit: '%', ...fields });
      expect(made.status).toBe(201);
      const reading = await write(admin, 'post', `${measures}/${made.body.id}/readings`).send({ date, value });
      expect(reading.status).toBe(201);
      return made.body as Measure;
    };
    const turnover = await addMeasure(
      {
        name: 'Teacher turnover (keep at 12% or lower)',
        baseline: 12,
        baselineDate: '2026-08-01',
        target: 12,
        targetDate: '2027-06-01',
      },
      '2026-11-16',
      20,
    );
    const math = await addMeasure(
      { name: 'Math proficiency', baseline: 40, target: 50, targetDate: '2027-06-01' },
      '2026-11-16',
      49,
    );
    // From 48 on Sep 1 to 60 on Jun 1 the path expects 51.3407 on Nov 16, which the page shows as 51.34.
    await addMeasure(
      { name: 'Third graders reading', baseline: 48, baselineDate: '2026-09-01', target: 60, targetDate: '2027-06-01' },
      '2026-11-16',
      51.34,
    );

    // The plan (as kept after its last load), the table, a share link, the dashboard and measures.csv.
    const statuses = async () => {
      const link = await write(admin, 'post', `/api/plans/${plan.id}/share-links`).send({
        label: 'Board',
        parts: ['dashboard', 'measures'],
      });
      expect(link.status).toBe(201);
      const shared = (await request(t.app).get(`/api/shared/${tokenOf((link.body as ShareLinkWithUrl).url)}`))
        .body as SharedPlan;
      const dashboard = (await admin.agent.get(`/api/plans/${plan.id}/dashboard`)).body as Dashboard;
      const csv = await admin.agent.get(`/api/plans/${plan.id}/export/measures.csv`).buffer(true);
      const csvRows = parseCsv(csv.text.replace(/^\uFEFF/, '')) as string[][];
      const byName = (list: Measure[]) => Object.fromEntries(list.map((m) => [m.name, m.status]));
      return {
        plan: byName((await planTables(plan.id)).measures as Measure[]),
        list: byName((await admin.agent.get(measures)).body.rows as Measure[]),
        shared: byName(shared.measures!),
        dashboard: Object.fromEntries(Object.entries(dashboard.measureCounts).filter(([, count]) => count > 0)),
        csv: Object.fromEntries(
          csvRows.slice(1).map((r) => [r[csvRows[0]!.indexOf('Measure')], r[csvRows[0]!.indexOf('Status')]]),
        ),
      };
    };
    const judged = {
      'Teacher turnover (keep at 12% or lower)': 'not_judged',
      'Math proficiency': 'not_judged',
      'Third graders reading': 'on_track',
    };
    expect(await statuses()).toEqual({
      plan: judged,
      list: judged,
      shared: judged,
      dashboard: { not_judged: 2, on_track: 1 },
      csv: {
        'Teacher turnover (keep at 12% or lower)': 'Not judged',
        'Math proficiency': 'Not judged',
        'Third graders reading': 'On track',
      },
    });

    // A reading below the level held is not judged either: nothing says lower is worse.
    const lower = await write(admin, 'post', `${measures}/${turnover.id}/readings`).send({
      date: '2026-11-20',
      value: 10,
    });
    expect(lower.status).toBe(201);
    // Given its baseline's date, the math measure is judged on the path from it: 49 by Nov 16 is ahead.
    const dated = await write(admin, 'patch', `${measures}/${math.id}`).send({
      baselineDate: '2026-09-01',
      version: math.version,
    });
    expect([dated.status, (dated.body as Measure).status]).toEqual([200, 'on_track']);
    const now = await statuses();
    expect([now.plan, now.shared, now.dashboard]).toEqual([
      { ...judged, 'Math proficiency': 'on_track' },
      { ...judged, 'Math proficiency': 'on_track' },
      { not_judged: 1, on_track: 2 },
    ]);
  });
});

describe("a measure's direction", () => {
  const turnover = {
    name: 'Teacher turnover',
    term: 'long',
    unit: '%',
    baseline: 12,
    baselineDate: '2026-08-01',
    target: 12,
    targetDate: '2027-06-01',
  };
  const addReading = (planId: string, measureId: string, date: string, value: number) =>
    write(admin, 'post', `${urlOf(planId, 'measures')}/${measureId}/readings`).send({ date, value });

  it('when a level to keep says lower is better, then a reading at or below it is on track wherever the status is shown, and above it is not', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const made = await write(admin, 'post', urlOf(plan.id, 'measures')).send({ ...turnover, direction: 'lower' });
    expect([made.status, made.body.direction]).toEqual([201, 'lower']);
    expect((await addReading(plan.id, made.body.id, '2026-11-16', 11.5)).status).toBe(201);

    const link = await write(admin, 'post', `/api/plans/${plan.id}/share-links`).send({
      label: 'Board',
      parts: ['measures'],
    });
    const shared = (await request(t.app).get(`/api/shared/${tokenOf((link.body as ShareLinkWithUrl).url)}`))
      .body as SharedPlan;
    const listed = (await admin.agent.get(urlOf(plan.id, 'measures'))).body.rows as Measure[];
    const inPlan = (await planTables(plan.id)).measures as Measure[];
    const dashboard = (await admin.agent.get(`/api/plans/${plan.id}/dashboard`)).body as Dashboard;
    for (const measure of [listed[0], inPlan[0], shared.measures![0], dashboard.measures[0]]) {
      expect(measure).toMatchObject({ direction: 'lower', status: 'on_track' });
    }
    const csv = await admin.agent.get(`/api/plans/${plan.id}/export/measures.csv`).buffer(true);
    const [header, row] = parseCsv(csv.text.replace(/^\uFEFF/, '')) as string[][];
    expect([row![header!.indexOf('Direction')], row![header!.indexOf('Status')]]).toEqual([
      'Lower is better',
      'On track',
    ]);

    // 13.5 is 1.5 points above the 12% kept: more than a tenth of it.
    expect((await addReading(plan.id, made.body.id, '2026-11-20', 13.5)).status).toBe(201);
    expect(((await planTables(plan.id)).measures[0] as Measure).status).toBe('off_track');
  });

  it('when a direction is chosen for a measure saved without one, then it is saved and the measure is judged', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const made = await write(admin, 'post', urlOf(plan.id, 'measures')).send(turnover);
    expect([made.status, made.body.direction]).toEqual([201, null]);
    await addReading(plan.id, made.body.id, '2026-11-16', 14);
    expect(((await planTables(plan.id)).measures[0] as Measure).status).toBe('not_judged');

    const chosen = await write(admin, 'patch', `${urlOf(plan.id, 'measures')}/${made.body.id}`).send({
      direction: 'higher',
      version: made.body.version,
    });
    expect([chosen.status, chosen.body.direction, chosen.body.status]).toEqual([200, 'higher', 'on_track']);
    expect((await planTables(plan.id)).measures[0]).toMatchObject({ direction: 'higher', status: 'on_track' });
  });

  it('when a direction points away from the target, then adding or changing it answers 400 at the field changed, and nothing changes', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const url = urlOf(plan.id, 'measures');
    const refused = await write(admin, 'post', url).send({ ...example('measures'), direction: 'lower' });
    expect([refused.status, refused.headers['content-type']]).toEqual([400, expect.stringMatching(/problem\+json/)]);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        field: 'direction',
        message: 'must be "Higher is better": the target is above the baseline',
      }),
    ]);
    expect((await planTables(plan.id)).measures).toEqual([]);

    const made = await write(admin, 'post', url).send({ ...turnover, direction: 'lower' });
    const row = `${url}/${made.body.id}`;
    const above = await write(admin, 'patch', row).send({ target: 15, version: made.body.version });
    expect([above.status, above.body.errors]).toEqual([
      400,
      [expect.objectContaining({ field: 'target', message: 'must be at or below the baseline: lower is better' })],
    ]);
    const target = await write(admin, 'patch', row).send({ target: 10, version: made.body.version });
    expect(target.status).toBe(200);
    const away = await write(admin, 'patch', row).send({ direction: 'higher', version: target.body.version });
    expect([away.status, away.body.errors]).toEqual([
      400,
      [
        expect.objectContaining({
          field: 'direction',
          message: 'must be "Lower is better": the target is below the baseline',
        }),
      ],
    ]);
    // Both at once, as the page sends them when the way to the target turns: saved together.
    const turned = await write(admin, 'patch', row).send({
      target: 15,
      direction: 'higher',
      version: target.body.version,
    });
    expect([turned.status, turned.body.target, turned.body.direction]).toEqual([200, 15, 'higher']);
  });

  it("another district's admin cannot change it", async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const made = await write(admin, 'post', urlOf(plan.id, 'measures')).send({ ...turnover, direction: 'lower' });
    const res = await write(otherAdmin, 'patch', `${urlOf(plan.id, 'measures')}/${made.body.id}`).send({
      direction: 'higher',
      version: made.body.version,
    });
    expect(res.status).toBe(404);
    expect((await planTables(plan.id)).measures[0]).toMatchObject({ direction: 'lower', version: made.body.version });
  });

  it('the history records a change of direction, and restoring the earlier version brings it back', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const made = await write(admin, 'post', urlOf(plan.id, 'measures')).send({ ...turnover, direction: 'lower' });
    const changed = await write(admin, 'patch', `${urlOf(plan.id, 'measures')}/${made.body.id}`).send({
      direction: 'higher',
      version: made.body.version,
    });
    expect(changed.status).toBe(200);
    const history = (await admin.agent.get(`/api/plans/${plan.id}/history?item=${made.body.id}`)).body as HistoryPage;
    const [latest, first] = history.entries;
    expect(latest!.changes).toEqual([
      expect.objectContaining({ label: 'Direction', before: 'Lower is better', after: 'Higher is better' }),
    ]);
    const restored = await write(admin, 'post', `/api/plans/${plan.id}/history/${first!.id}/restore`).send({
      version: changed.body.version,
    });
    expect(restored.status).toBe(204);
    expect((await planTables(plan.id)).measures[0]).toMatchObject({ direction: 'lower' });
  });

  it('the API document lists it among the fields of a measure, to add and to change', async () => {
    const doc = (await request(t.app).get('/api/openapi.json')).body as {
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    for (const schema of ['Measure', 'CreateMeasure', 'UpdateMeasure']) {
      expect([schema, Object.keys(doc.components.schemas[schema]?.properties ?? {})]).toEqual([
        schema,
        expect.arrayContaining(['direction']),
      ]);
    }
  });
});

describe('a measure removed while a reading is added', () => {
  it('when the removal commits while the reading waits for it, then the reading answers 404 for the measure, not 400', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const measure = await write(admin, 'post', urlOf(plan.id, 'measures')).send(example('measures'));
    const other = await t.db.transaction();
    let res;
    try {
      // Another person's removal, not yet committed.
      await other('plan_measures').where({ id: measure.body.id }).delete();
      const answer = write(admin, 'post', `${urlOf(plan.id, 'measures')}/${measure.body.id}/readings`)
        .send({ date: '2025-11-01', value: 50 })
        .then((r) => r);
      await untilOneWaitsOnALock(t.db);
      await other.commit();
      res = await answer;
    } finally {
      if (!other.isCompleted()) await other.rollback();
    }
    expect([res.status, res.body.code]).toEqual([404, 'not_found']);
    expect(res.body.detail).toMatch(/^The measure/);
  });
});

describe('copying a plan', () => {
  it('copies every stage table, engagement dates cleared, but leaves measure readings behind', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    for (const name of stageTableNames) await write(admin, 'post', urlOf(plan.id, name)).send(example(name));
    const measureId = (await planTables(plan.id)).measures[0]!.id;
    await write(admin, 'post', `${urlOf(plan.id, 'measures')}/${measureId}/readings`).send({
      date: '2026-01-01',
      value: 50,
    });
    const copy = await write(admin, 'post', `/api/plans/${plan.id}/copy`).send({
      title: 'Next year',
      schoolYear: '2027-28',
    });
    expect(copy.status).toBe(201);
    // A year later: the example long-term measure keeps its path; when a stakeholder was engaged is last year's to tell.
    const moved: Partial<Record<StageTableName, object>> = {
      stakeholders: { engagedOn: null },
    };
    for (const name of stageTableNames) {
      expect([name, (copy.body as Plan).tables[name]]).toEqual([
        name,
        [expect.objectContaining({ ...example(name), ...moved[name] })],
      ]);
    }
    expect((copy.body as Plan).tables.measures[0]!.readings).toEqual([]);
  });

  it('signed out, the tables answer 401', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    expect((await request(t.app).get(urlOf(plan.id, 'priorities'))).status).toBe(401);
  });
});
