import request from 'supertest';
import { maxRolesPerPlan, type InboxItem, type Role } from '@planner/shared/role';
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
  buildPlan,
  buildPrincipal,
  buildUser,
  testPassword,
  unique,
  type TestDistrict,
  type TestUser,
} from './support/factories';

let t: TestApp;
let lakeview: TestDistrict;
let hillcrest: TestDistrict;
let secondPrincipal: TestUser;
let admin: SignedInAgent;
let principal: SignedInAgent;
let principal2: SignedInAgent;
let viewer: SignedInAgent;
let otherAdmin: SignedInAgent;
let otherPrincipal: SignedInAgent;

beforeAll(async () => {
  t = await startTestApp();
  ({ lakeview, hillcrest, admin, principal, viewer, otherAdmin, otherPrincipal } = await twoDistrictsSignedIn(t));
  // The factory's principal leads schools 0 and 1; a second principal leads school 2.
  secondPrincipal = await buildUser(t.db, lakeview.id, 'principal');
  await t
    .db('principal_schools')
    .insert({ district_id: lakeview.id, user_id: secondPrincipal.id, school_id: lakeview.schools[2]!.id });
  principal2 = await signIn(t.app, secondPrincipal.email, testPassword);
});
afterAll(() => t.close());

const school = (i: number) => lakeview.schools[i]!.id;

/** A draft role of a new plan for the given schools (school 0 is the first principal's, school 2 the second's). */
async function draftRole(schoolIndexes = [0, 2], extra: Record<string, unknown> = {}) {
  const { plan } = await buildPlan(t.db, lakeview);
  const res = await write(admin, 'post', `/api/plans/${plan.id}/roles`).send({
    title: 'Literacy coach',
    schoolIds: schoolIndexes.map(school),
    ...extra,
  });
  expect(res.status).toBe(201);
  const role = res.body as Role;
  return { planId: plan.id, role, url: `/api/plans/${plan.id}/roles/${role.id}` };
}

async function roleNow(url: string, who = admin): Promise<Role> {
  const res = await who.agent.get(url);
  expect(res.status).toBe(200);
  return res.body as Role;
}

async function inbox(who: SignedInAgent): Promise<InboxItem[]> {
  const res = await who.agent.get('/api/reviews/inbox');
  expect(res.status).toBe(200);
  return res.body.items as InboxItem[];
}

describe('defining roles', () => {
  it('when an admin starts a blank role, then what nobody chose reads as not yet decided, not as 0%, $0, No or recurring, and it can still be submitted', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const created = await write(admin, 'post', `/api/plans/${plan.id}/roles`).send({ title: 'Our own role' });
    expect(created.status).toBe(201);
    const role = created.body as Role;
    expect(role).toMatchObject({
      releasePercent: null,
      stipendCents: null,
      supplementPercent: null,
      extraDays: null,
      payFunding: null,
      developedJointly: null,
    });
    const alignment = await admin.agent.get(`/api/plans/${plan.id}/roles/${role.id}/alignment`);
    expect(alignment.status).toBe(200);
    const factor = (key: string) =>
      (alignment.body.factors as { factor: string; state: string; reason: string }[]).find((f) => f.factor === key)!;
    expect(factor('recurring_funding')).toMatchObject({
      state: 'needs_answer',
      reason: 'Paid from is not yet decided: set it on the role.',
    });
    expect(factor('time_to_lead')).toMatchObject({
      state: 'needs_answer',
      reason: expect.stringMatching(/not yet decided/),
    });
    expect(factor('continued_teaching').state).toBe('needs_answer');
    expect(factor('pay_for_reach')).toMatchObject({
      state: 'needs_answer',
      reason: 'Kind of pay is not yet decided: set it on the role.',
    });
    const budget = await admin.agent.get(`/api/plans/${plan.id}/budget`);
    expect(budget.body.roles[0]).toMatchObject({ payFunding: null, totalCents: 0 });

    // Chosen, each reads as chosen; emptied again, the time released is undecided once more.
    const url = `/api/plans/${plan.id}/roles/${role.id}`;
    const chosen = await write(admin, 'patch', url).send({
      version: role.version,
      releasePercent: 0,
      payFunding: 'recurring',
      developedJointly: false,
      schoolIds: [school(0)],
    });
    expect(chosen.status).toBe(200);
    expect(chosen.body).toMatchObject({ releasePercent: 0, payFunding: 'recurring', developedJointly: false });
    const submitted = await write(admin, 'post', `${url}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('in_review');
  });

  it('when an admin starts a blank role, then its kind of pay and whether it evaluates or supervises staff are not yet decided until set, and null makes them undecided again', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const created = await write(admin, 'post', `/api/plans/${plan.id}/roles`).send({ title: 'Undecided role' });
    expect(created.status).toBe(201);
    const role = created.body as Role;
    expect(role).toMatchObject({ payKind: null, evaluatesStaff: null, supervisesStaff: null, stipendCents: null });
    const url = `/api/plans/${plan.id}/roles/${role.id}`;

    const chosen = await write(admin, 'patch', url).send({
      version: role.version,
      payKind: 'extra_days',
      evaluatesStaff: false,
      supervisesStaff: true,
    });
    expect(chosen.status).toBe(200);
    expect(await roleNow(url)).toMatchObject({ payKind: 'extra_days', evaluatesStaff: false, supervisesStaff: true });
    const [latest] = (await admin.agent.get(`/api/plans/${plan.id}/history?item=${role.id}`)).body.entries as {
      changes: { label: string; before: string; after: string }[];
    }[];
    expect(Object.fromEntries(latest!.changes.map((c) => [c.label, [c.before, c.after]]))).toEqual({
      'Kind of pay': ['Not yet decided', 'Extra contract days'],
      'Evaluates other staff': ['Not yet decided', 'No'],
      'Supervises other staff': ['Not yet decided', 'Yes'],
    });

    const cleared = await write(admin, 'patch', url).send({
      version: (chosen.body as Role).version,
      payKind: null,
      evaluatesStaff: null,
      supervisesStaff: null,
    });
    expect(cleared.status).toBe(200);
    const now = await roleNow(url);
    expect(now).toMatchObject({ payKind: null, evaluatesStaff: null, supervisesStaff: null, title: 'Undecided role' });
    const budget = await admin.agent.get(`/api/plans/${plan.id}/budget`);
    expect(budget.body.roles[0]).toMatchObject({ payPerPositionCents: 0 });

    const refused = await write(admin, 'patch', url).send({
      version: now.version,
      payKind: 'salary',
      evaluatesStaff: 'no',
      supervisesStaff: 0,
    });
    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((refused.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'evaluatesStaff',
      'payKind',
      'supervisesStaff',
    ]);
    expect(await roleNow(url)).toMatchObject({ payKind: null, evaluatesStaff: null, version: now.version });
  });

  it('an admin starts a role from the library: the archetype fills what the request leaves out', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const res = await write(admin, 'post', `/api/plans/${plan.id}/roles`).send({
      archetype: 'multi-classroom-leader',
      positions: 3,
      schoolIds: [school(0)],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'Multi-classroom leader',
      kind: 'multi_classroom_leader',
      payKind: 'percent_supplement',
      supplementPercent: 20,
      evaluatesStaff: false,
      supervisesStaff: true,
      positions: 3,
      status: 'draft',
      version: 1,
      schoolIds: [school(0)],
      history: [expect.objectContaining({ kind: 'created', note: expect.stringMatching(/role library/) })],
    });
    expect(res.body.responsibilities[0]).toEqual({
      text: 'Lead a team of four to six teachers, co-planning and co-teaching',
      domains: [4],
    });
  });

  it('leaves what the library does not know unknown: students served is empty, not 0, until the district estimates it', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const coach = await write(admin, 'post', `/api/plans/${plan.id}/roles`).send({ archetype: 'coach' });
    expect(coach.body).toMatchObject({ reachTeachers: 8, reachStudents: null });
    const url = `/api/plans/${plan.id}/roles/${coach.body.id}`;
    const estimated = await write(admin, 'patch', url).send({ reachStudents: 160, version: coach.body.version });
    expect(estimated.body.reachStudents).toBe(160);
    const unknown = await write(admin, 'patch', url).send({ reachStudents: null, version: estimated.body.version });
    expect(unknown.body.reachStudents).toBeNull();
  });

  it('links priorities and measures of the plan, and refuses ones of another plan or district, naming the field', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const priority = await write(admin, 'post', `/api/plans/${plan.id}/priorities`).send({ title: 'Early literacy' });
    const measure = await write(admin, 'post', `/api/plans/${plan.id}/measures`).send({
      name: 'Reading growth',
      term: 'long',
    });
    const ok = await write(admin, 'post', `/api/plans/${plan.id}/roles`).send({
      title: 'Coach',
      priorityIds: [priority.body.id],
      measureIds: [measure.body.id],
    });
    expect(ok.body).toMatchObject({ priorityIds: [priority.body.id], measureIds: [measure.body.id] });

    const { plan: other } = await buildPlan(t.db, lakeview);
    const foreign = await write(admin, 'post', `/api/plans/${other.id}/roles`).send({
      title: 'Coach',
      priorityIds: [priority.body.id],
      schoolIds: [hillcrest.schools[0]!.id],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['priorityIds', 'schoolIds']);
    expect((await admin.agent.get(`/api/plans/${other.id}/roles`)).body.roles).toEqual([]);
  });

  it('rejects an unknown archetype, a missing title, a release over 100% and text for a number, naming each', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const url = `/api/plans/${plan.id}/roles`;
    expect((await write(admin, 'post', url).send({ archetype: 'wizard' })).body.errors).toEqual([
      { in: 'body', field: 'archetype', message: 'is not a role of the library' },
    ]);
    expect((await write(admin, 'post', url).send({ kind: 'mentor' })).body.errors[0]).toMatchObject({ field: 'title' });
    const bad = await write(admin, 'post', url).send({ title: 'Coach', releasePercent: 120, positions: 'two' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['positions', 'releasePercent']);
    const negative = await write(admin, 'post', url).send({ title: 'Coach', supplementPercent: -1 });
    expect(negative.body.errors).toEqual([{ in: 'body', field: 'supplementPercent', message: 'must not be negative' }]);
  });

  it('refuses a responsibility that names the same domain twice, naming the field, and keeps the role as it was', async () => {
    const { url, role } = await draftRole([0]);
    const res = await write(admin, 'patch', url).send({
      responsibilities: [{ text: 'Lead the literacy PLC', domains: [1, 1] }],
      version: role.version,
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { in: 'body', field: 'responsibilities.0.domains', message: 'must not list the same domain twice' },
    ]);
    expect((await roleNow(url)).responsibilities).toEqual(role.responsibilities);
  });

  it('refuses applications that close before they open, naming the day sent, also against the stored other day', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const backwards = await write(admin, 'post', `/api/plans/${plan.id}/roles`).send({
      title: 'Math coach',
      applicationOpens: '2027-03-01',
      applicationCloses: '2027-02-01',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toEqual([
      {
        in: 'body',
        field: 'applicationCloses',
        message: 'must be on or after the day applications open, Mar 1, 2027',
      },
    ]);

    const { url } = await draftRole([0], { applicationOpens: '2027-02-01', applicationCloses: '2027-03-01' });
    // One day at a time: each is held against the other as stored.
    const closesEarly = await write(admin, 'patch', url).send({ applicationCloses: '2027-01-15', version: 1 });
    expect(closesEarly.status).toBe(400);
    expect(closesEarly.body.errors).toEqual([
      {
        in: 'body',
        field: 'applicationCloses',
        message: 'must be on or after the day applications open, Feb 1, 2027',
      },
    ]);
    const opensLate = await write(admin, 'patch', url).send({ applicationOpens: '2027-04-01', version: 1 });
    expect(opensLate.status).toBe(400);
    expect(opensLate.body.errors).toEqual([
      {
        in: 'body',
        field: 'applicationOpens',
        message: 'must be on or before the day applications close, Mar 1, 2027',
      },
    ]);
    expect(await roleNow(url)).toMatchObject({
      applicationOpens: '2027-02-01',
      applicationCloses: '2027-03-01',
      version: 1,
    });

    // Both moved at once, forward; and one day on its own, the same as the other.
    const moved = await write(admin, 'patch', url).send({
      applicationOpens: '2027-04-01',
      applicationCloses: '2027-05-01',
      version: 1,
    });
    expect(moved.status).toBe(200);
    const oneDay = await write(admin, 'patch', url).send({ applicationCloses: '2027-04-01', version: 2 });
    expect(oneDay.status).toBe(200);
    expect(oneDay.body).toMatchObject({ applicationOpens: '2027-04-01', applicationCloses: '2027-04-01' });

    // A page still on version 1 (Feb 1 to Mar 1) moves the closing day to Mar 10: a conflict with the window as
    // it is now, not a 400 about a day it never saw (the page would drop the edit rather than merge it).
    const stale = await write(admin, 'patch', url).send({ applicationCloses: '2027-03-10', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({
      applicationOpens: '2027-04-01',
      applicationCloses: '2027-04-01',
      version: 3,
    });
  });

  it('saves edits with the version, answers 409 with the current role on a stale one, and keeps tight/loose choices', async () => {
    const { url } = await draftRole();
    const saved = await write(admin, 'patch', url).send({
      purpose: 'Coach K-3 teams',
      fieldModes: { stipendCents: 'tight', term: 'loose' },
      version: 1,
    });
    expect(saved.body).toMatchObject({
      purpose: 'Coach K-3 teams',
      fieldModes: { stipendCents: 'tight', term: 'loose' },
      version: 2,
    });
    const stale = await write(admin, 'patch', url).send({ purpose: 'Older words', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ purpose: 'Coach K-3 teams', version: 2 });
    expect((await roleNow(url)).purpose).toBe('Coach K-3 teams');
  });

  it('principals and viewers read roles but cannot create, edit, submit or delete them', async () => {
    const { planId, url } = await draftRole();
    for (const who of [principal, viewer]) {
      expect((await who.agent.get(url)).status).toBe(200);
      expect((await write(who, 'post', `/api/plans/${planId}/roles`).send({ title: 'Mine' })).status).toBe(403);
      expect((await write(who, 'patch', url).send({ title: 'Mine', version: 1 })).status).toBe(403);
      expect((await write(who, 'post', `${url}/submit`)).status).toBe(403);
      expect((await write(who, 'delete', `${url}?version=1`)).status).toBe(403);
    }
    expect((await roleNow(url)).title).toBe('Literacy coach');
  });
});

describe("who sets each field (the role's field modes)", () => {
  let admin2: SignedInAgent;
  beforeAll(async () => {
    const second = await buildUser(t.db, lakeview.id, 'district_admin');
    admin2 = await signIn(t.app, second.email, testPassword);
  });

  it('when two admins change the modes of two different fields at once, then both modes are kept, the second sent again on the version the first made', async () => {
    const { url, role } = await draftRole([0], { fieldModes: { term: 'loose' } });
    const first = await write(admin, 'patch', url).send({ fieldModes: { title: 'tight' }, version: role.version });
    expect(first.status).toBe(200);
    expect(first.body.fieldModes).toEqual({ term: 'loose', title: 'tight' });

    // The second admin's page had the role at its first version: a conflict, with the role now to compare with.
    const stale = await write(admin2, 'patch', url).send({ fieldModes: { purpose: 'loose' }, version: role.version });
    expect(stale.status).toBe(409);
    expect(stale.body.current.fieldModes).toEqual({ term: 'loose', title: 'tight' });
    // Another field's mode: the page sends its own again on the version now, and nothing of the first is lost.
    const second = await write(admin2, 'patch', url).send({
      fieldModes: { purpose: 'loose' },
      version: stale.body.current.version,
    });
    expect(second.status).toBe(200);
    expect((await roleNow(url)).fieldModes).toEqual({ term: 'loose', title: 'tight', purpose: 'loose' });
  });

  it('when an edit sends null for a field, then only its mode is cleared (not decided), and the others stay', async () => {
    const { url, role } = await draftRole([0], { fieldModes: { title: 'tight', term: 'loose' } });
    const cleared = await write(admin, 'patch', url).send({ fieldModes: { title: null }, version: role.version });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ fieldModes: { term: 'loose' }, version: role.version + 1 });
    expect(cleared.body.fieldModes).not.toHaveProperty('title');
  });

  it('refuses a mode that is not one, or a field that is not a field of a role, naming each, and keeps the modes as they were', async () => {
    const { url, role } = await draftRole([0], { fieldModes: { title: 'tight' } });
    const bad = await write(admin, 'patch', url).send({
      fieldModes: { purpose: 'sometimes', nickname: 'loose' },
      version: role.version,
    });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'fieldModes.purpose' }),
        { in: 'body', field: 'fieldModes.nickname', message: 'is not one of the fields this takes' },
      ]),
    );
    expect(await roleNow(url)).toMatchObject({ fieldModes: { title: 'tight' }, version: role.version });
  });

  it('when an edit sends the modes an approved role already has, or clears one it does not have, then it stays approved; a real change sends it back to draft naming the field', async () => {
    const { url } = await draftRole([0], { fieldModes: { title: 'loose', purpose: 'tight' } });
    await write(admin, 'post', `${url}/submit`);
    await decide(t.db, principal, url, { decision: 'approve' });
    const approved = await roleNow(url);
    expect(approved.status).toBe('approved');
    for (const fieldModes of [{ purpose: 'tight' }, { term: null }, { title: 'loose', training: null }]) {
      const same = await write(admin, 'patch', url).send({ fieldModes, version: approved.version, status: 'approved' });
      expect(same.status).toBe(200);
      expect(same.body).toMatchObject({ status: 'approved', version: approved.version });
    }
    expect((await roleNow(url)).history).toEqual(approved.history);

    const changed = await write(admin, 'patch', url).send({
      fieldModes: { purpose: 'loose' },
      version: approved.version,
      status: 'approved',
    });
    expect(changed.body).toMatchObject({ status: 'draft', fieldModes: { title: 'loose', purpose: 'loose' } });
    expect(changed.body.history.at(-1)).toMatchObject({
      kind: 'returned_to_draft',
      note: 'Edited while approved, so it returned to draft. Changed: Set by (Purpose).',
    });
  });

  it("tells a principal which field's mode changed since their last decision", async () => {
    const { url } = await draftRole([0], { fieldModes: { title: 'loose' } });
    await write(admin, 'post', `${url}/submit`);
    await decide(t.db, principal, url, { decision: 'request_changes', comment: 'Let schools set the term' });
    const sentBack = await roleNow(url);
    await write(admin, 'patch', url).send({ fieldModes: { term: 'loose' }, version: sentBack.version });
    await write(admin, 'post', `${url}/submit`);
    const item = (await inbox(principal)).find((i) => url.endsWith(i.roleId))!;
    expect(item.changedSinceYourLastReview).toEqual([{ field: 'fieldModes.term', label: 'Set by (Term)' }]);
  });
});

describe('how many roles a plan holds', () => {
  const roleCount = async (planId: string) =>
    Number((await t.db('plan_roles').count('* as n').where({ plan_id: planId }).first())!.n);

  it(`when the plan already holds ${maxRolesPerPlan} roles, then one more answers 400 naming no field, and none is added`, async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const first = await write(admin, 'post', `/api/plans/${plan.id}/roles`).send({ title: 'Coach' });
    expect(first.status).toBe(201);
    const { id: _id, ...copy } = (await t.db('plan_roles').where({ id: first.body.id }).first()) as Record<
      string,
      unknown
    >;
    await t.db('plan_roles').insert(Array.from({ length: maxRolesPerPlan - 1 }, () => copy));
    const res = await write(admin, 'post', `/api/plans/${plan.id}/roles`).send({ title: 'One too many' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { in: 'body', field: '', message: `a plan holds at most ${maxRolesPerPlan} roles` },
    ]);
    expect(await roleCount(plan.id)).toBe(maxRolesPerPlan);
  });

  it('when another add holds the plan, then a new role waits for it, as every other kind of row does', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const other = await t.db.transaction();
    let settled = false;
    let res;
    try {
      // Another add, not yet committed, holds the plan as it counts.
      await other('plans').where({ id: plan.id }).forNoKeyUpdate().first();
      const answer = write(admin, 'post', `/api/plans/${plan.id}/roles`)
        .send({ title: 'Coach' })
        .then((r) => {
          settled = true;
          return r;
        });
      let waited = false;
      for (let tries = 0; tries < 100 && !settled && !waited; tries++) {
        const waiting = (await t.db.raw(
          `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        )) as { rows: { n: number }[] };
        waited = waiting.rows[0]!.n > 0;
        if (!waited) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(settled).toBe(false);
      expect(waited).toBe(true);
      await other.commit();
      res = await answer;
    } finally {
      if (!other.isCompleted()) await other.rollback();
    }
    expect(res.status).toBe(201);
    expect(await roleCount(plan.id)).toBe(1);
  });
});

describe('the review of a role', () => {
  it('when a role changed after the admin opened it, then sending it with the version they read answers 409 and it stays a draft', async () => {
    const { url, role } = await draftRole([0]);
    const edited = await write(admin, 'patch', url).send({ stipendCents: 500_000, version: role.version });
    expect(edited.status).toBe(200);
    // The page that sends it was opened before that edit.
    const stale = await write(admin, 'post', `${url}/submit`).send({ version: role.version });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    expect(stale.body.current).toMatchObject({ stipendCents: 500_000, version: edited.body.version, status: 'draft' });
    expect(await roleNow(url)).toMatchObject({ status: 'draft', round: 0 });
    expect(await inbox(principal)).not.toEqual(expect.arrayContaining([expect.objectContaining({ roleId: role.id })]));
    // On the version as it is now, it goes.
    const sent = await write(admin, 'post', `${url}/submit`).send({ version: edited.body.version });
    expect(sent.body).toMatchObject({ status: 'in_review', round: 1 });
  });

  it('goes draft -> in review -> changes requested -> in review -> approved once every school approved, keeping every decision', async () => {
    const { planId, url } = await draftRole([0, 2]);
    const planTitle = ((await t.db('plans').where({ id: planId }).first('title')) as { title: string }).title;
    expect(await inbox(principal)).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ roleId: (await roleNow(url)).id })]),
    );

    const submitted = await write(admin, 'post', `${url}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'in_review', round: 1 });
    expect(submitted.body.schools.map((s: { decision: string }) => s.decision)).toEqual(['waiting', 'waiting']);
    const roleId = submitted.body.id as string;

    const waiting = (await inbox(principal)).find((i) => i.roleId === roleId)!;
    expect(waiting).toMatchObject({
      planId,
      planTitle,
      roleTitle: 'Literacy coach',
      schools: [{ id: school(0) }],
      changedSinceYourLastReview: null,
    });

    const noComment = await decide(t.db, principal, `${url}`, { decision: 'request_changes' });
    expect(noComment.status).toBe(400);
    expect(noComment.body.errors[0]).toMatchObject({ field: 'comment' });

    const changes = await decide(t.db, principal, `${url}`, {
      decision: 'request_changes',
      comment: 'Say how coaching time is protected.',
    });
    expect(changes.status).toBe(200);
    expect(changes.body.status).toBe('changes_requested');
    expect((await inbox(principal)).some((i) => i.roleId === roleId)).toBe(false);
    expect((await inbox(principal2)).some((i) => i.roleId === roleId)).toBe(false);

    // The admin sees the comment, edits and resubmits.
    const seen = await roleNow(url);
    expect(seen.reviews).toEqual([
      expect.objectContaining({
        decision: 'request_changes',
        comment: 'Say how coaching time is protected.',
        reviewer: { id: lakeview.principal.id, name: lakeview.principal.name },
      }),
    ]);
    await write(admin, 'patch', url).send({
      teachingLoad: 'Two class periods a day, none on coaching days',
      version: seen.version,
    });
    expect((await write(admin, 'post', `${url}/submit`)).body).toMatchObject({ status: 'in_review', round: 2 });

    const again = (await inbox(principal)).find((i) => i.roleId === roleId)!;
    expect(again.changedSinceYourLastReview).toEqual([{ field: 'teachingLoad', label: 'Teaching load kept' }]);

    const first = await decide(t.db, principal, `${url}`, { decision: 'approve', comment: 'Thank you.' });
    expect(first.body.status).toBe('in_review');
    expect(first.body.schools.map((s: { decision: string }) => s.decision)).toEqual(
      expect.arrayContaining(['approve', 'waiting']),
    );
    const twice = await decide(t.db, principal, `${url}`, { decision: 'approve' });
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toMatch(/already/);

    const second = await decide(t.db, principal2, `${url}`, { decision: 'approve' });
    expect(second.body.status).toBe('approved');
    const final = await roleNow(url);
    expect(final.reviews.map((r) => [r.reviewer.id, r.decision, r.round])).toEqual([
      [lakeview.principal.id, 'request_changes', 1],
      [lakeview.principal.id, 'approve', 2],
      [secondPrincipal.id, 'approve', 2],
    ]);
    expect(final.history.map((e) => e.kind)).toEqual([
      'created',
      'submitted',
      'changes_requested',
      'submitted',
      'approved',
    ]);
  });

  it('one principal of two schools approves for both', async () => {
    const { url } = await draftRole([0, 1]);
    await write(admin, 'post', `${url}/submit`);
    const res = await decide(t.db, principal, `${url}`, { decision: 'approve' });
    expect(res.body.status).toBe('approved');
  });

  it("editing an approved role's substance returns it to draft with a note in its history", async () => {
    const { url } = await draftRole([0]);
    await write(admin, 'post', `${url}/submit`);
    await decide(t.db, principal, `${url}`, { decision: 'approve' });
    const approved = await roleNow(url);
    expect(approved.status).toBe('approved');
    // Saving the same values changes nothing.
    expect(
      (await write(admin, 'patch', url).send({ title: approved.title, version: approved.version })).body.status,
    ).toBe('approved');
    const edited = await write(admin, 'patch', url).send({ stipendCents: 6_000_00, version: approved.version });
    expect(edited.body.status).toBe('draft');
    expect(edited.body.history.at(-1)).toMatchObject({
      kind: 'returned_to_draft',
      note: expect.stringMatching(/approved.*Stipend/),
    });
  });

  it('when an edit sends the same field modes in another order, then the approved role stays approved', async () => {
    const { url } = await draftRole([0], { fieldModes: { title: 'loose', purpose: 'tight' } });
    await write(admin, 'post', `${url}/submit`);
    await decide(t.db, principal, url, { decision: 'approve' });
    const approved = await roleNow(url);
    expect(approved.status).toBe('approved');
    const res = await write(admin, 'patch', url).send({
      fieldModes: { purpose: 'tight', title: 'loose' },
      version: approved.version,
      status: 'approved',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'approved', version: approved.version });
    expect((await roleNow(url)).history).toEqual(approved.history);
  });

  it('when a principal approved a role after the admin opened it in review, then an edit naming the status seen answers 409 with the role now, and the approval stands', async () => {
    const { url } = await draftRole([0]);
    await write(admin, 'post', `${url}/submit`);
    const seen = await roleNow(url);
    expect(seen.status).toBe('in_review');
    await decide(t.db, principal, url, { decision: 'approve' });
    const approver = (await roleNow(url)).history.at(-1)!.actor!.name;

    const stale = await write(admin, 'patch', url).send({
      purpose: 'Typed on the open page',
      status: 'in_review',
      version: seen.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    expect(stale.body.detail).toBe(
      `${approver} approved this role after you opened it: editing it now sends it back to draft.`,
    );
    expect(stale.body.current).toMatchObject({ status: 'approved', version: seen.version, purpose: seen.purpose });
    const now = await roleNow(url);
    expect(now).toMatchObject({ status: 'approved', purpose: seen.purpose, version: seen.version });
    expect(now.reviews).toHaveLength(1);
    expect(now.history.map((e) => e.kind)).not.toContain('returned_to_draft');

    // Confirmed on the approved role as it is now, the edit sends it back to draft.
    const confirmed = await write(admin, 'patch', url).send({
      purpose: 'Typed on the open page',
      status: 'approved',
      version: seen.version,
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'draft', purpose: 'Typed on the open page' });
  });

  it('when a role was sent for review after the admin opened it as a draft, then an edit naming draft answers 409 and it stays in review', async () => {
    const { url, role } = await draftRole([0]);
    await write(admin, 'post', `${url}/submit`);
    const stale = await write(admin, 'patch', url).send({
      purpose: 'Typed on the open page',
      status: 'draft',
      version: role.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toMatch(
      /sent this role for review after you opened it: editing it now sends it back to draft\.$/,
    );
    expect(stale.body.current).toMatchObject({ status: 'in_review', round: 1 });
    expect(await roleNow(url)).toMatchObject({ status: 'in_review', round: 1, purpose: role.purpose });
    expect(await inbox(principal)).toEqual(expect.arrayContaining([expect.objectContaining({ roleId: role.id })]));
    // A draft with changes requested since is edited as ever: the edit leaves its status as it is.
    await decide(t.db, principal, url, { decision: 'request_changes', comment: 'Say who selects.' });
    const edited = await write(admin, 'patch', url).send({
      selectedBy: 'A panel',
      status: 'draft',
      version: role.version,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'changes_requested', selectedBy: 'A panel' });
  });

  it('keeps what each principal saw when deciding, so what changed since can be shown to them', async () => {
    const { url } = await draftRole([0]);
    await write(admin, 'post', `${url}/submit`);
    const before = await roleNow(url);
    await decide(t.db, principal, `${url}`, { decision: 'approve' });
    const approved = await roleNow(url);
    await write(admin, 'patch', url).send({ stipendCents: 7_000_00, version: approved.version });
    const now = await roleNow(url, principal);
    expect(now.reviews).toHaveLength(1);
    expect(now.reviews[0]!.snapshot).toMatchObject({
      stipendCents: before.stipendCents,
      title: before.title,
      schoolIds: [school(0)],
    });
    expect(now.stipendCents).toBe(7_000_00);
  });

  it('refuses moves in the wrong status with 409 and the reason', async () => {
    const { url } = await draftRole([0]);
    const early = await decide(t.db, principal, `${url}`, { decision: 'approve' });
    expect(early.status).toBe(409);
    expect(early.body.detail).toBe('This role is a draft, not in review: there is nothing to decide now.');
    await write(admin, 'post', `${url}/submit`);
    const resubmit = await write(admin, 'post', `${url}/submit`);
    expect(resubmit.status).toBe(409);
    expect(resubmit.body.detail).toMatch(/already in review/);
    await decide(t.db, principal, `${url}`, { decision: 'approve' });
    expect((await write(admin, 'post', `${url}/submit`)).body.detail).toMatch(/already approved/);
  });

  it('refuses to submit a role without schools, or for a school with no principal', async () => {
    const none = await draftRole([]);
    const res = await write(admin, 'post', `${none.url}/submit`);
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/Choose the schools/);
    const unled = await draftRole([3]);
    const res2 = await write(admin, 'post', `${unled.url}/submit`);
    expect(res2.status).toBe(409);
    expect(res2.body.detail).toBe(
      `${lakeview.schools[3]!.name} has no principal to review the role: invite one, or give it to a principal ` +
        'who has joined, on the People page.',
    );
    expect((await roleNow(unled.url)).status).toBe('draft');
  });

  it('when the district has no schools yet, then submitting a role says to add them on the Schools page', async () => {
    const district = await buildDistrict(t.db);
    await t.db('schools').where({ district_id: district.id }).del();
    const newAdmin = await signIn(t.app, district.admin.email, testPassword);
    const { plan } = await buildPlan(t.db, district);
    const role = await write(newAdmin, 'post', `/api/plans/${plan.id}/roles`).send({ title: 'First role' });
    const res = await write(newAdmin, 'post', `/api/plans/${plan.id}/roles/${role.body.id}/submit`);
    expect(res.status).toBe(409);
    expect(res.body.detail).toBe(
      'Choose the schools this role is for first: their principals review it. The district has no schools yet: ' +
        'add them on the Schools page.',
    );
  });

  it('a principal who is not a reviewer of the role gets 403; admins and viewers cannot review at all', async () => {
    const { url } = await draftRole([0]);
    await write(admin, 'post', `${url}/submit`);
    const notMine = await decide(t.db, principal2, `${url}`, { decision: 'approve' });
    expect(notMine.status).toBe(403);
    expect(notMine.body.detail).toMatch(/not a reviewer/);
    expect((await decide(t.db, admin, `${url}`, { decision: 'approve' })).status).toBe(403);
    expect((await decide(t.db, viewer, `${url}`, { decision: 'approve' })).status).toBe(403);
    expect((await roleNow(url)).status).toBe('in_review');
    expect((await inbox(principal2)).some((i) => i.roleId === (url.split('/').pop() as string))).toBe(false);
  });

  it('the inbox lists waiting roles oldest first, and only principals have one', async () => {
    const older = await draftRole([0]);
    const newer = await draftRole([1]);
    await write(admin, 'post', `${older.url}/submit`);
    await write(admin, 'post', `${newer.url}/submit`);
    const items = await inbox(principal);
    const ids = items.map((i) => i.roleId);
    expect(ids.indexOf(older.role.id)).toBeLessThan(ids.indexOf(newer.role.id));
    expect((await admin.agent.get('/api/reviews/inbox')).status).toBe(403);
    expect((await viewer.agent.get('/api/reviews/inbox')).status).toBe(403);
  });
});

describe('when who leads the schools changes while a role is in review', () => {
  /**
   * A district of its own: Marcus leads schools 0 and 1, Alicia school 2 and Carl school 3. Each test settles
   * the whole district's roles, so none shares one with another test.
   */
  async function leadershipDistrict() {
    const district = await buildDistrict(t.db);
    const alicia = await buildPrincipal(t.db, district.id, [district.schools[2]!.id]);
    const carl = await buildPrincipal(t.db, district.id, [district.schools[3]!.id]);
    const [head, marcus, aliciaAgent, carlAgent] = await Promise.all([
      signIn(t.app, district.admin.email, testPassword),
      signIn(t.app, district.principal.email, testPassword),
      signIn(t.app, alicia.email, testPassword),
      signIn(t.app, carl.email, testPassword),
    ]);
    const { plan } = await buildPlan(t.db, district);
    const schoolOf = (i: number) => district.schools[i]!.id;
    /** A role of the plan for these schools, sent for review by the admin. */
    const roleInReview = async (schoolIndexes: number[], title = `Coach ${unique()}`) => {
      const created = await write(head, 'post', `/api/plans/${plan.id}/roles`).send({
        title,
        schoolIds: schoolIndexes.map(schoolOf),
      });
      expect(created.status).toBe(201);
      const url = `/api/plans/${plan.id}/roles/${(created.body as Role).id}`;
      expect((await write(head, 'post', `${url}/submit`)).body).toMatchObject({ status: 'in_review' });
      return { url, id: (created.body as Role).id, title };
    };
    /** An admin's change to a person on the People page, on the version it shows. */
    const changePerson = async (userId: string, changes: Record<string, unknown>) => {
      const people = (await head.agent.get('/api/users')).body.users as { id: string; version: number }[];
      const res = await write(head, 'patch', `/api/users/${userId}`).send({
        ...changes,
        version: people.find((p) => p.id === userId)!.version,
      });
      expect(res.status).toBe(200);
    };
    const attentionTitles = async (kind: string) => {
      const res = await head.agent.get('/api/needs-attention');
      expect(res.status).toBe(200);
      return (res.body.items as { kind: string; title: string }[]).filter((i) => i.kind === kind).map((i) => i.title);
    };
    const notificationTitles = async (who: SignedInAgent) =>
      ((await who.agent.get('/api/notifications')).body.notifications as { title: string }[]).map((n) => n.title);
    return {
      district,
      plan,
      head,
      marcus,
      alicia: { ...alicia, agent: aliciaAgent },
      carl: { ...carl, agent: carlAgent },
      roleInReview,
      changePerson,
      attentionTitles,
      notificationTitles,
    };
  }

  const settledNote = 'Approved: every school it is for has approved it, after a change of principals.';

  it('when a principal who approved is deactivated and reactivated after the other school approved, then the role is approved, its submitter told and its history says why', async () => {
    const d = await leadershipDistrict();
    const both = await d.roleInReview([0, 2]);
    const notYet = await d.roleInReview([0, 3]);
    expect((await decide(t.db, d.marcus, both.url, { decision: 'approve' })).body.status).toBe('in_review');
    expect((await decide(t.db, d.marcus, notYet.url, { decision: 'approve' })).body.status).toBe('in_review');

    await d.changePerson(d.district.principal.id, { active: false });
    const second = await decide(t.db, d.alicia.agent, both.url, { decision: 'approve' });
    expect(second.body.status).toBe('in_review');
    expect((second.body as Role).schools.map((s) => s.decision)).toEqual(
      expect.arrayContaining(['waiting', 'approve']),
    );
    expect(await d.attentionTitles('needs_new_owner')).toEqual(expect.arrayContaining([both.title, notYet.title]));

    await d.changePerson(d.district.principal.id, { active: true });
    const approved = await roleNow(both.url, d.head);
    expect(approved.status).toBe('approved');
    expect(approved.schools.map((s) => s.decision)).toEqual(['approve', 'approve']);
    expect(approved.history.at(-1)).toMatchObject({ kind: 'approved', note: settledNote });
    expect(await d.notificationTitles(d.head)).toContainEqual(`“${both.title}” in “${d.plan.title}” is approved`);
    expect(await d.attentionTitles('needs_new_owner')).toEqual([]);

    // School 3 has not decided: that role still waits, for Carl alone, and his approval completes it.
    expect(await roleNow(notYet.url, d.head)).toMatchObject({ status: 'in_review' });
    expect((await inbox(d.carl.agent)).map((i) => i.roleId)).toEqual([notYet.id]);
    // Deactivating Marcus ended his sessions: he signs in again.
    expect(await inbox(await signIn(t.app, d.district.principal.email, testPassword))).toEqual([]);
    expect(await inbox(d.alicia.agent)).toEqual([]);
    expect((await decide(t.db, d.carl.agent, notYet.url, { decision: 'approve' })).body.status).toBe('approved');
  });

  it("when a school's only principal is replaced by one who approved for another school this round, then the role is approved", async () => {
    const d = await leadershipDistrict();
    const role = await d.roleInReview([0, 2]);
    expect((await decide(t.db, d.alicia.agent, role.url, { decision: 'approve' })).body.status).toBe('in_review');

    // Marcus, who has not decided, no longer leads school 0: nobody can give its decision.
    await d.changePerson(d.district.principal.id, { schoolIds: [d.district.schools[1]!.id] });
    expect(await roleNow(role.url, d.head)).toMatchObject({ status: 'in_review' });
    expect(await d.attentionTitles('needs_new_owner')).toEqual([role.title]);
    expect(await inbox(d.marcus)).toEqual([]);

    // Alicia leads it now: her approval this round is school 0's too.
    await d.changePerson(d.alicia.id, { schoolIds: [d.district.schools[0]!.id, d.district.schools[2]!.id] });
    const approved = await roleNow(role.url, d.head);
    expect(approved).toMatchObject({ status: 'approved' });
    expect(approved.history.at(-1)).toMatchObject({ kind: 'approved', note: settledNote });
    expect(await d.notificationTitles(d.head)).toContainEqual(`“${role.title}” in “${d.plan.title}” is approved`);
    expect(await d.attentionTitles('needs_new_owner')).toEqual([]);
    expect(await inbox(d.alicia.agent)).toEqual([]);
  });

  it("when a decided role's school changes principal, then the school still shows its decision and who gave it, no longer its principal, and nobody is asked", async () => {
    const d = await leadershipDistrict();
    const marcus = d.district.principal;
    const approved = await d.roleInReview([0]);
    expect((await decide(t.db, d.marcus, approved.url, { decision: 'approve' })).body.status).toBe('approved');
    const sentBack = await d.roleInReview([0, 2]);
    await decide(t.db, d.alicia.agent, sentBack.url, { decision: 'approve' });
    const request = await decide(t.db, d.marcus, sentBack.url, { decision: 'request_changes', comment: 'Fewer hours' });
    expect(request.body.status).toBe('changes_requested');

    // Marcus becomes a viewer and Alicia leads his school.
    await d.changePerson(marcus.id, { role: 'viewer' });
    await d.changePerson(d.alicia.id, { schoolIds: [d.district.schools[0]!.id, d.district.schools[2]!.id] });

    const formerly = { id: marcus.id, name: marcus.name, leadsSchool: false };
    const leads = { id: d.alicia.id, name: d.alicia.name, leadsSchool: true };
    const approvedNow = await roleNow(approved.url, d.head);
    expect(approvedNow.status).toBe('approved');
    expect(approvedNow.schools).toEqual([
      expect.objectContaining({
        principals: [{ id: d.alicia.id, name: d.alicia.name }],
        decision: 'approve',
        decidedBy: [formerly],
      }),
    ]);
    const sentBackNow = await roleNow(sentBack.url, d.head);
    expect(sentBackNow.status).toBe('changes_requested');
    expect(sentBackNow.schools.map((s) => [s.school.id, s.decision, s.decidedBy])).toEqual(
      expect.arrayContaining([
        [d.district.schools[0]!.id, 'request_changes', [formerly]],
        [d.district.schools[2]!.id, 'approve', [leads]],
      ]),
    );
    expect(await inbox(d.alicia.agent)).toEqual([]);
  });

  it('when the change comes while the plan is archived, then the change is saved and the role is approved once the plan is active again', async () => {
    const d = await leadershipDistrict();
    const role = await d.roleInReview([0, 2]);
    await decide(t.db, d.marcus, role.url, { decision: 'approve' });
    await d.changePerson(d.district.principal.id, { active: false });
    await decide(t.db, d.alicia.agent, role.url, { decision: 'approve' });
    const setPlanStatus = async (status: string) => {
      const { version } = (await t.db('plans').where({ id: d.plan.id }).first('version')) as { version: number };
      const res = await write(d.head, 'patch', `/api/plans/${d.plan.id}`).send({ status, version });
      expect(res.status).toBe(200);
    };
    await setPlanStatus('archived');

    // An archived plan changes for no one: its role waits as it is.
    await d.changePerson(d.district.principal.id, { active: true });
    expect(await roleNow(role.url, d.head)).toMatchObject({ status: 'in_review' });

    await setPlanStatus('active');
    const approved = await roleNow(role.url, d.head);
    expect(approved).toMatchObject({ status: 'approved' });
    expect(approved.history.at(-1)).toMatchObject({ kind: 'approved', note: settledNote });
  });

  it('when a principal comes to lead a school with a role waiting, then they are told of it, once, and not of one they or a co-principal decided, or one their change approved', async () => {
    const d = await leadershipDistrict();
    const waiting = await d.roleInReview([3]);
    const decided = await d.roleInReview([2, 3]);
    await decide(t.db, d.alicia.agent, decided.url, { decision: 'approve' });
    // Carl has given school 3's decision on this one: it waits for Marcus's school, not for school 3.
    const coDecided = await d.roleInReview([0, 3]);
    await decide(t.db, d.carl.agent, coDecided.url, { decision: 'approve' });
    const toldOf = async () =>
      (await d.notificationTitles(d.alicia.agent)).filter((title) => title.endsWith('is waiting for your review'));
    const before = await toldOf();

    // Alicia is given school 3 beside her own.
    await d.changePerson(d.alicia.id, { schoolIds: [d.district.schools[2]!.id, d.district.schools[3]!.id] });
    expect(await toldOf()).toEqual([`“${waiting.title}” in “${d.plan.title}” is waiting for your review`, ...before]);
    // Her approval covered school 3 too: that role is approved, and she is not asked about it.
    expect(await roleNow(decided.url, d.head)).toMatchObject({ status: 'approved' });
    const notification = (
      (await d.alicia.agent.agent.get('/api/notifications')).body.notifications as {
        title: string;
        body: string;
        link: string;
      }[]
    )[0]!;
    expect(notification.body).toContain(`It is for ${d.district.schools[3]!.name}, which you now lead`);
    expect(notification.link).toBe(`/plans/${d.plan.id}/roles/${waiting.id}`);
    expect((await inbox(d.alicia.agent)).map((i) => i.roleId)).toContain(waiting.id);

    // A rename later tells her nothing again.
    await d.changePerson(d.alicia.id, { name: 'Alicia Brooks-Lee' });
    await d.changePerson(d.alicia.id, { schoolIds: [d.district.schools[2]!.id, d.district.schools[3]!.id] });
    expect((await toldOf()).length).toBe(before.length + 1);
  });

  it("changes another district's roles in review not at all", async () => {
    const d = await leadershipDistrict();
    const other = await leadershipDistrict();
    const theirs = await other.roleInReview([0, 2]);
    await decide(t.db, other.alicia.agent, theirs.url, { decision: 'approve' });
    // Their Alicia is made principal of school 0 behind the planner's back: nothing of theirs has settled it.
    await t
      .db('principal_schools')
      .insert({ district_id: other.district.id, user_id: other.alicia.id, school_id: other.district.schools[0]!.id });

    const ours = await d.roleInReview([0, 2]);
    await decide(t.db, d.alicia.agent, ours.url, { decision: 'approve' });
    await d.changePerson(d.alicia.id, { schoolIds: [d.district.schools[0]!.id, d.district.schools[2]!.id] });
    expect(await roleNow(ours.url, d.head)).toMatchObject({ status: 'approved' });

    const untouched = await roleNow(theirs.url, other.head);
    expect(untouched.status).toBe('in_review');
    expect(untouched.history.map((e) => e.kind)).toEqual(['created', 'submitted']);
    expect(await other.notificationTitles(other.head)).not.toContainEqual(expect.stringMatching(/is approved$/));
  });
});

describe('when a school has two principals', () => {
  it("when one has given the school's decision, then the role no longer waits for the other: their inbox and what needs their attention list it only for their schools still waiting", async () => {
    const district = await buildDistrict(t.db);
    const schoolOf = (i: number) => ({ id: district.schools[i]!.id, name: district.schools[i]!.name });
    const [south, east, west] = [schoolOf(1), schoolOf(2), schoolOf(3)];
    // Marcus leads North and South; Dana leads South beside him, and East alone; Carl leads West.
    const dana = await buildPrincipal(t.db, district.id, [south.id, east.id]);
    await buildPrincipal(t.db, district.id, [west.id]);
    const [head, marcus, danaAgent] = await Promise.all([
      signIn(t.app, district.admin.email, testPassword),
      signIn(t.app, district.principal.email, testPassword),
      signIn(t.app, dana.email, testPassword),
    ]);
    const { plan } = await buildPlan(t.db, district);
    const sent = async (schoolIds: string[]) => {
      const title = `Coach ${unique()}`;
      const created = await write(head, 'post', `/api/plans/${plan.id}/roles`).send({ title, schoolIds });
      const url = `/api/plans/${plan.id}/roles/${(created.body as Role).id}`;
      expect((await write(head, 'post', `${url}/submit`)).body).toMatchObject({ status: 'in_review' });
      return { url, id: (created.body as Role).id, title };
    };
    const southAndWest = await sent([south.id, west.id]);
    const southAndEast = await sent([south.id, east.id]);
    const untouched = await sent([east.id]);
    expect((await inbox(danaAgent)).map((i) => [i.roleId, i.schools])).toEqual([
      [southAndWest.id, [south]],
      [southAndEast.id, [east, south]],
      [untouched.id, [east]],
    ]);

    // Marcus approves both for South: South has decided.
    for (const role of [southAndWest, southAndEast]) {
      expect((await decide(t.db, marcus, role.url, { decision: 'approve' })).body.status).toBe('in_review');
    }
    expect((await inbox(danaAgent)).map((i) => [i.roleId, i.schools])).toEqual([
      [southAndEast.id, [east]],
      [untouched.id, [east]],
    ]);
    const attention = await danaAgent.agent.get('/api/needs-attention');
    expect(attention.status).toBe(200);
    expect(
      (attention.body.items as { kind: string; title: string; detail: string }[])
        .filter((i) => i.kind === 'review_waiting')
        .map((i) => [i.title, i.detail]),
    ).toEqual([
      [southAndEast.title, `For ${east.name}`],
      [untouched.title, `For ${east.name}`],
    ]);
    expect(attention.body.counts.review_waiting).toBe(2);
    // The role that waits for West alone is still Carl's to decide, and on its page South has approved.
    expect((await roleNow(southAndWest.url, head)).schools.map((s) => [s.school.id, s.decision])).toEqual([
      [south.id, 'approve'],
      [west.id, 'waiting'],
    ]);
  });
});

describe('another district', () => {
  it('gets 404 on a Lakeview role and never sees it in its inbox; nothing changes', async () => {
    const { planId, url } = await draftRole([0]);
    await write(admin, 'post', `${url}/submit`);
    expect((await otherAdmin.agent.get(url)).status).toBe(404);
    expect((await otherAdmin.agent.get(`/api/plans/${planId}/roles`)).status).toBe(404);
    expect((await write(otherAdmin, 'patch', url).send({ title: 'Hijacked', version: 1 })).status).toBe(404);
    expect((await write(otherAdmin, 'post', `${url}/submit`)).status).toBe(404);
    expect((await write(otherAdmin, 'delete', `${url}?version=1&status=in_review&reviews=0`)).status).toBe(404);
    expect((await decide(t.db, otherPrincipal, `${url}`, { decision: 'approve' })).status).toBe(404);
    expect(await inbox(otherPrincipal)).toEqual([]);
    expect(await roleNow(url)).toMatchObject({ title: 'Literacy coach', status: 'in_review' });
  });

  it('signed out, roles answer 401', async () => {
    const { url } = await draftRole([0]);
    expect((await request(t.app).get(url)).status).toBe(401);
  });
});

describe('the budget', () => {
  it("sets the roles' yearly cost against the plan's funding by school year", async () => {
    const { plan } = await buildPlan(t.db, lakeview, { schoolYear: '2026-27' });
    await write(admin, 'patch', `/api/plans/${plan.id}`).send({ averageTeacherCostCents: 80_000_00, version: 1 });
    await write(admin, 'post', `/api/plans/${plan.id}/roles`).send({
      title: 'Coach',
      payKind: 'stipend',
      stipendCents: 5_000_00,
      releasePercent: 25,
      positions: 4,
    });
    await write(admin, 'post', `/api/plans/${plan.id}/funding-sources`).send({
      name: 'Title II',
      kind: 'redistributed',
      amountCents: 60_000_00,
      schoolYears: ['2026-27'],
      status: 'secured',
    });
    await write(admin, 'post', `/api/plans/${plan.id}/funding-sources`).send({
      name: 'Foundation grant',
      kind: 'new_grant',
      amountCents: 20_000_00,
      schoolYears: ['2026-27'],
      status: 'secured',
    });
    const res = await viewer.agent.get(`/api/plans/${plan.id}/budget`);
    expect(res.status).toBe(200);
    expect(res.body.totalCents).toBe(100_000_00);
    expect(res.body.years).toEqual([
      expect.objectContaining({
        schoolYear: '2026-27',
        costCents: 100_000_00,
        securedRecurringCents: 60_000_00,
        securedGrantCents: 20_000_00,
        shortfallCents: 20_000_00,
        recurringSharePercent: 75,
      }),
    ]);
    expect((await otherAdmin.agent.get(`/api/plans/${plan.id}/budget`)).status).toBe(404);
  });
});
