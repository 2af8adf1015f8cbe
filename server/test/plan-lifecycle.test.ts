import { randomUUID } from 'node:crypto';
import { logicModelSchema } from '@planner/shared/logic-model';
import { planContentsSchema, type Plan, type PlanContents } from '@planner/shared/plan';
import type { Role } from '@planner/shared/role';
import {
  decide,
  startTestApp,
  twoDistrictsSignedIn,
  write,
  type SignedInAgent,
  type TestApp,
} from './support/test-app';
import {
  buildPlan,
  buildReading,
  buildRole,
  buildRoleInReview,
  buildRow,
  unique,
  type TestDistrict,
} from './support/factories';
import { untilOneWaitsOnALock } from './support/test-database';

let t: TestApp;
let lakeview: TestDistrict;
let admin: SignedInAgent;
let principal: SignedInAgent;
let viewer: SignedInAgent;
let otherAdmin: SignedInAgent;

beforeAll(async () => {
  t = await startTestApp();
  ({ lakeview, admin, principal, viewer, otherAdmin } = await twoDistrictsSignedIn(t));
});
afterAll(() => t.close());

async function planList(who = admin): Promise<Plan[]> {
  return (await who.agent.get('/api/plans')).body.plans as Plan[];
}

describe('one plan of a title for a school year', () => {
  it('when "Create plan" is clicked twice at once, then one plan is made and the other click answers 409', async () => {
    const title = `Plan ${unique()}`;
    const [a, b] = await Promise.all([
      write(admin, 'post', '/api/plans').send({ title, schoolYear: '2027-28' }),
      write(admin, 'post', '/api/plans').send({ title, schoolYear: '2027-28' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const refused = a.status === 409 ? a : b;
    expect(refused.body).toMatchObject({ code: 'conflict' });
    expect(refused.body.detail).toBe(
      `The district already has a plan titled “${title}” for 2027-28. Choose another title or school year.`,
    );
    expect((await planList()).filter((p) => p.title === title)).toHaveLength(1);
  });

  it('when the title differs only in case, or a copy or rename would take it, then it answers 409 and changes nothing', async () => {
    const { plan } = await buildPlan(t.db, lakeview, { title: `Literacy ${unique()}`, schoolYear: '2027-28' });
    const other = await buildPlan(t.db, lakeview, { title: `Other ${unique()}`, schoolYear: '2027-28' });
    const shouted = await write(admin, 'post', '/api/plans').send({
      title: plan.title.toUpperCase(),
      schoolYear: '2027-28',
    });
    expect(shouted.status).toBe(409);
    const copy = await write(admin, 'post', `/api/plans/${other.plan.id}/copy`).send({
      title: plan.title,
      schoolYear: '2027-28',
    });
    expect(copy.status).toBe(409);
    const rename = await write(admin, 'patch', `/api/plans/${other.plan.id}`).send({
      title: plan.title,
      version: other.plan.version,
    });
    expect(rename.status).toBe(409);
    expect(rename.body.code).toBe('conflict');
    const after = await planList();
    expect(after.find((p) => p.id === other.plan.id)!.title).toBe(other.plan.title);
    expect(after.filter((p) => p.title.toLowerCase() === plan.title.toLowerCase())).toHaveLength(1);
  });

  it('when another district or another school year uses the title, then the plan is made', async () => {
    const title = `Shared title ${unique()}`;
    expect((await write(otherAdmin, 'post', '/api/plans').send({ title, schoolYear: '2027-28' })).status).toBe(201);
    expect((await write(admin, 'post', '/api/plans').send({ title, schoolYear: '2027-28' })).status).toBe(201);
    expect((await write(admin, 'post', '/api/plans').send({ title, schoolYear: '2028-29' })).status).toBe(201);
  });
});

describe('what deleting a plan removes', () => {
  it('lists every kind of row the plan holds, counted, and after the deletion none of them is left', async () => {
    const { plan, customQuestionKey } = await buildPlan(t.db, lakeview);
    await write(admin, 'put', `/api/plans/${plan.id}/answers/design.q1`).send({ text: 'Literacy', version: 1 });
    await write(admin, 'put', `/api/plans/${plan.id}/answers/${customQuestionKey}`).send({ text: 'Yes', version: 1 });
    await buildRow(t.db, lakeview, plan.id, 'priorities');
    await buildRow(t.db, lakeview, plan.id, 'priorities', { title: 'Math' });
    await buildRow(t.db, lakeview, plan.id, 'partners');
    const measure = await buildRow(t.db, lakeview, plan.id, 'measures');
    await buildReading(t.db, lakeview, plan.id, measure.id, { date: '2025-10-01' });
    await buildReading(t.db, lakeview, plan.id, measure.id, { date: '2025-12-01' });
    const role = await buildRoleInReview(t.db, lakeview, plan.id);
    await decide(t.db, principal, `/api/plans/${plan.id}/roles/${role.id}`, { decision: 'approve' });
    await buildRole(t.db, lakeview, plan.id, { title: 'Mentor' });

    const res = await admin.agent.get(`/api/plans/${plan.id}/contents`);
    expect(res.status).toBe(200);
    const contents = res.body as PlanContents;
    expect(contents).toMatchObject({
      answeredQuestions: 2,
      ownQuestions: 1,
      actions: plan.stages.flatMap((s) => s.actions).length,
      measures: 1,
      readings: 2,
      roles: 2,
      reviewDecisions: 1,
    });
    const rows = Object.fromEntries(contents.tableRows.map((r) => [r.table, r.rows]));
    expect(rows).toMatchObject({ priorities: 2, partners: 1, stakeholders: 0, fundingSources: 0 });
    expect(contents.tableRows.find((r) => r.table === 'priorities')!.title).toBe('District priorities');

    expect((await viewer.agent.get(`/api/plans/${plan.id}/contents`)).status).toBe(403);
    expect((await otherAdmin.agent.get(`/api/plans/${plan.id}/contents`)).status).toBe(404);

    expect((await write(admin, 'delete', `/api/plans/${plan.id}?revision=${contents.revision}`)).status).toBe(204);
    for (const table of ['plan_questions', 'plan_actions', 'plan_priorities', 'plan_measures', 'plan_roles']) {
      expect([table, Number((await t.db(table).count('* as n').where({ plan_id: plan.id }).first())!.n)]).toEqual([
        table,
        0,
      ]);
    }
    expect(
      Number((await t.db('plan_measure_readings').count('* as n').where({ measure_id: measure.id }).first())!.n),
    ).toBe(0);
    expect(Number((await t.db('role_reviews').count('* as n').where({ role_id: role.id }).first())!.n)).toBe(0);
    expect((await admin.agent.get(`/api/plans/${plan.id}/contents`)).status).toBe(404);
  });
});

describe('deleting a plan as the person confirmed it', () => {
  const contentsOf = async (planId: string) => {
    const res = await admin.agent.get(`/api/plans/${planId}/contents`);
    expect(res.status).toBe(200);
    return planContentsSchema.parse(res.body);
  };

  it('when the plan was saved to after its contents were counted, then the delete answers 409 with what it holds now, and deletes nothing', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const confirmed = await contentsOf(plan.id);
    // Another administrator adds a role while the dialog is open.
    const role = await buildRole(t.db, lakeview, plan.id, { title: 'Saved after the dialog opened' });
    const stale = await write(admin, 'delete', `/api/plans/${plan.id}?revision=${confirmed.revision}`);
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    const current = planContentsSchema.parse(stale.body.current);
    expect(current.roles).toBe(confirmed.roles + 1);
    expect(current.revision).toBeGreaterThan(confirmed.revision);
    expect(current).toEqual(await contentsOf(plan.id));
    expect((await admin.agent.get(`/api/plans/${plan.id}/roles/${role.id}`)).status).toBe(200);

    // An answer edited in place changes no count, and still tells.
    await write(admin, 'put', `/api/plans/${plan.id}/answers/design.q1`).send({ text: 'Later words', version: 1 });
    const edited = await write(admin, 'delete', `/api/plans/${plan.id}?revision=${current.revision}`);
    expect(edited.status).toBe(409);
    expect((await admin.agent.get(`/api/plans/${plan.id}`)).status).toBe(200);

    // A comment, which the history does not record, tells too, and is counted.
    const afterEdit = planContentsSchema.parse(edited.body.current);
    expect(afterEdit.comments).toBe(0);
    const commented = await write(principal, 'post', `/api/plans/${plan.id}/comments`).send({
      subject: { kind: 'answer', id: 'design.q1' },
      body: 'Written while the delete dialog was open',
    });
    expect(commented.status).toBe(201);
    const withComment = await write(admin, 'delete', `/api/plans/${plan.id}?revision=${afterEdit.revision}`);
    expect(withComment.status).toBe(409);
    expect((await admin.agent.get(`/api/plans/${plan.id}`)).status).toBe(200);

    const now = planContentsSchema.parse(withComment.body.current);
    expect(now.comments).toBe(1);
    expect((await write(admin, 'delete', `/api/plans/${plan.id}?revision=${now.revision}`)).status).toBe(204);
    expect((await admin.agent.get(`/api/plans/${plan.id}`)).status).toBe(404);
  });

  it('when a comment is being written as the delete is confirmed, then the delete waits for it, answers 409, and the comment stays', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const confirmed = await contentsOf(plan.id);
    const writing = await t.db.transaction();
    let res;
    try {
      const id = randomUUID();
      await writing('comments').insert({
        id,
        thread_id: id,
        district_id: lakeview.id,
        plan_id: plan.id,
        subject_kind: 'answer',
        subject_id: 'design.q1',
        stage_key: 'design',
        author_id: lakeview.principal.id,
        body: 'Saved as the plan was deleted',
      });
      const deleting = write(admin, 'delete', `/api/plans/${plan.id}?revision=${confirmed.revision}`).then((r) => r);
      await untilOneWaitsOnALock(t.db);
      await writing.commit();
      res = await deleting;
    } finally {
      if (!writing.isCompleted()) await writing.rollback();
    }
    expect(res.status).toBe(409);
    expect(planContentsSchema.parse(res.body.current).comments).toBe(1);
    expect((await admin.agent.get(`/api/plans/${plan.id}/comments`)).body.threads).toHaveLength(1);
  });

  it('when the delete names no revision, then it answers 400 naming revision, and deletes nothing', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    for (const query of ['', '?revision=abc', '?revision=-1']) {
      const res = await write(admin, 'delete', `/api/plans/${plan.id}${query}`);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ in: 'query', field: 'revision' })]);
    }
    expect((await admin.agent.get(`/api/plans/${plan.id}`)).status).toBe(200);
  });
});

describe('copying a plan with its roles', () => {
  it('when roles are asked for, then they come as drafts linked to the copied priorities and measures, with a fresh history', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const priority = await buildRow(t.db, lakeview, plan.id, 'priorities');
    const measure = await buildRow(t.db, lakeview, plan.id, 'measures');
    const role = await buildRoleInReview(t.db, lakeview, plan.id, {
      title: 'Literacy coach',
      priorityIds: [priority.id],
      measureIds: [measure.id],
    });
    await decide(t.db, principal, `/api/plans/${plan.id}/roles/${role.id}`, { decision: 'approve' });

    const res = await write(admin, 'post', `/api/plans/${plan.id}/copy`).send({
      title: `Next year ${unique()}`,
      schoolYear: '2027-28',
      copyRoles: true,
    });
    expect(res.status).toBe(201);
    const copy = res.body as Plan;
    const roles = (await admin.agent.get(`/api/plans/${copy.id}/roles`)).body.roles as Role[];
    expect(roles).toHaveLength(1);
    const copied = roles[0]!;
    expect(copied).toMatchObject({
      title: 'Literacy coach',
      status: 'draft',
      round: 0,
      reviews: [],
      schoolIds: role.schoolIds,
      priorityIds: [copy.tables.priorities[0]!.id],
      measureIds: [copy.tables.measures[0]!.id],
    });
    expect(copied.priorityIds[0]).not.toBe(priority.id);
    expect(copied.history.map((h) => h.kind)).toEqual(['created']);
    expect(copied.history[0]!.note).toContain(`Copied as a draft from “${plan.title}” (2026-27)`);
    // The original is untouched.
    const original = (await admin.agent.get(`/api/plans/${plan.id}/roles/${role.id}`)).body as Role;
    expect(original).toMatchObject({ status: 'approved', priorityIds: [priority.id] });
  });

  it('when the plan changes while the copy runs, then the copy holds the plan as it was when the copy began', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const measure = await buildRow(t.db, lakeview, plan.id, 'measures', { name: 'Retention' });
    const school = lakeview.schools[0]!;
    await buildRole(t.db, lakeview, plan.id, { title: 'Literacy coach', schoolIds: [school.id] });
    const addEntry = (text: string, measureId: string) =>
      write(admin, 'post', `/api/plans/${plan.id}/logic-model/entries`).send({
        section: 'outcome',
        text,
        links: [{ kind: 'measure', id: measureId }],
      });
    expect((await addEntry('Teachers stay', measure.id)).status).toBe(201);

    // Another transaction holds the school: the copy reads the measures, then waits as it links the copied
    // role to the school, before it reads the logic model.
    const holder = await t.db.transaction();
    let res;
    try {
      await holder.raw('select id from schools where id = ? for update', [school.id]);
      const copying = write(admin, 'post', `/api/plans/${plan.id}/copy`)
        .send({ title: `Next year ${unique()}`, schoolYear: '2027-28', copyRoles: true })
        .then((r) => r);
      await untilOneWaitsOnALock(t.db);
      // Meanwhile someone adds a measure and an outcome linked to it, each saved at once.
      const added = await write(admin, 'post', `/api/plans/${plan.id}/measures`).send({
        name: 'Attendance',
        term: 'short',
      });
      expect(added.status).toBe(201);
      expect((await addEntry('Students attend', added.body.id as string)).status).toBe(201);
      await holder.commit();
      res = await copying;
    } finally {
      if (!holder.isCompleted()) await holder.rollback();
    }
    expect(res.status).toBe(201);
    const copy = res.body as Plan;
    // Neither the measure nor the outcome linked to it: not the outcome alone, its link lost.
    expect(copy.tables.measures.map((m) => m.name)).toEqual(['Retention']);
    const model = logicModelSchema.parse((await admin.agent.get(`/api/plans/${copy.id}/logic-model`)).body);
    expect(model.entries.map((e) => [e.text, e.links.map((l) => l.id)])).toEqual([
      ['Teachers stay', [copy.tables.measures[0]!.id]],
    ]);
    // The plan itself keeps both.
    const source = logicModelSchema.parse((await admin.agent.get(`/api/plans/${plan.id}/logic-model`)).body);
    expect(source.entries.map((e) => e.text)).toEqual(['Teachers stay', 'Students attend']);
  });

  it('then the copy lists every table, its roles and its stakeholder inputs in the order the plan does', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const names = ['Ana', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hal'];
    // One after another, as a person adds them: each later than the one before.
    const stakeholders = [];
    for (const name of names) stakeholders.push(await buildRow(t.db, lakeview, plan.id, 'stakeholders', { name }));
    for (const name of names) await buildRow(t.db, lakeview, plan.id, 'partners', { name });
    for (const name of names.slice(0, 6)) await buildRole(t.db, lakeview, plan.id, { title: `${name}'s role` });
    for (const name of names.slice(0, 6)) {
      const res = await write(admin, 'post', `/api/plans/${plan.id}/stakeholders/${stakeholders[0]!.id}/inputs`).send({
        kind: 'meeting',
        heardOn: '2026-10-02',
        source: `${name}'s meeting`,
        summary: 'Heard the same day as the others.',
      });
      expect(res.status).toBe(201);
    }
    const orderIn = async (planId: string) => ({
      ...(({ tables }) => ({
        stakeholders: tables.stakeholders.map((r) => r.name),
        partners: tables.partners.map((r) => r.name),
      }))((await admin.agent.get(`/api/plans/${planId}`)).body as Plan),
      roles: ((await admin.agent.get(`/api/plans/${planId}/roles`)).body.roles as Role[]).map((r) => r.title),
      inputs: (
        (await admin.agent.get(`/api/plans/${planId}/stakeholder-inputs`)).body.inputs as { source: string }[]
      ).map((i) => i.source),
    });
    const original = await orderIn(plan.id);
    expect(original.stakeholders).toEqual(names);
    expect(original.roles).toHaveLength(6);
    expect(original.inputs).toHaveLength(6);

    const res = await write(admin, 'post', `/api/plans/${plan.id}/copy`).send({
      title: `Next year ${unique()}`,
      schoolYear: '2027-28',
      copyRoles: true,
    });
    expect(res.status).toBe(201);
    expect(await orderIn(res.body.id)).toEqual(original);
  });

  it('without the roles asked for, then the copy has none', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    await buildRole(t.db, lakeview, plan.id);
    const res = await write(admin, 'post', `/api/plans/${plan.id}/copy`).send({
      title: `Next year ${unique()}`,
      schoolYear: '2027-28',
    });
    expect(res.status).toBe(201);
    expect((await admin.agent.get(`/api/plans/${res.body.id}/roles`)).body.roles).toEqual([]);
  });

  it("another district's admin cannot copy the plan, with or without its roles", async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    await buildRole(t.db, lakeview, plan.id);
    const before = (await planList(otherAdmin)).length;
    const res = await write(otherAdmin, 'post', `/api/plans/${plan.id}/copy`).send({
      title: 'Taken',
      schoolYear: '2027-28',
      copyRoles: true,
    });
    expect(res.status).toBe(404);
    expect((await planList(otherAdmin)).length).toBe(before);
    expect((await admin.agent.get(`/api/plans/${plan.id}/roles`)).body.roles).toHaveLength(1);
  });
});
