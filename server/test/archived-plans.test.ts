import type { Plan } from '@planner/shared/plan';
import { archivedPlanContentTables } from '../../migrations/023_archived_plans_read_only';
import { startTestApp, twoDistrictsSignedIn, write, type SignedInAgent, type TestApp } from './support/test-app';
import {
  buildPlan,
  buildReading,
  buildRole,
  buildRoleInReview,
  buildRow,
  type TestDistrict,
} from './support/factories';

let t: TestApp;
let lakeview: TestDistrict;
let admin: SignedInAgent;
let principal: SignedInAgent;
let otherAdmin: SignedInAgent;

beforeAll(async () => {
  t = await startTestApp();
  ({ lakeview, admin, principal, otherAdmin } = await twoDistrictsSignedIn(t));
});
afterAll(() => t.close());

async function getPlan(id: string): Promise<Plan> {
  const res = await admin.agent.get(`/api/plans/${id}`);
  expect(res.status).toBe(200);
  return res.body as Plan;
}

/** A plan with a row of every kind a person edits, then archived by its admin. */
async function archivedPlan() {
  const { plan, customActionId } = await buildPlan(t.db, lakeview);
  const measure = await buildRow(t.db, lakeview, plan.id, 'measures', { name: 'Reading growth' });
  const reading = await buildReading(t.db, lakeview, plan.id, measure.id);
  const priority = await buildRow(t.db, lakeview, plan.id, 'priorities');
  const role = await buildRole(t.db, lakeview, plan.id, { title: 'Literacy coach' });
  await write(admin, 'put', `/api/plans/${plan.id}/answers/design.q1`).send({ text: 'Early literacy', version: 1 });
  const thread = await write(principal, 'post', `/api/plans/${plan.id}/comments`).send({
    subject: { kind: 'answer', id: 'design.q1' },
    body: 'Which schools?',
    mentions: [],
  });
  expect(thread.status).toBe(201);
  const current = await getPlan(plan.id);
  const archived = await write(admin, 'patch', `/api/plans/${plan.id}`).send({
    status: 'archived',
    version: current.version,
  });
  expect(archived.status).toBe(200);
  return { plan: await getPlan(plan.id), customActionId, measure, reading, priority, role, threadId: thread.body.id };
}

describe('an archived plan is read-only', () => {
  it('refuses every change to its content with 409 plan_archived, and nothing changes', async () => {
    const { plan, customActionId, measure, reading, priority, role, threadId } = await archivedPlan();
    const base = `/api/plans/${plan.id}`;
    const action = plan.stages.flatMap((s) => s.actions).find((a) => a.id === customActionId)!;

    const attempts: Record<string, Promise<{ status: number; body: { code?: string } }>> = {
      answer: write(admin, 'put', `${base}/answers/design.q1`).send({ text: 'Changed', version: 2 }),
      'add action': write(admin, 'post', `${base}/actions`).send({ stageKey: 'design', text: 'A new action' }),
      'edit action': write(admin, 'patch', `${base}/actions/${customActionId}`).send({
        status: 'done',
        version: action.version,
      }),
      'remove action': write(admin, 'delete', `${base}/actions/${customActionId}?version=${action.version}`),
      'add row': write(admin, 'post', `${base}/priorities`).send({ title: 'Math', description: '' }),
      'edit row': write(admin, 'patch', `${base}/priorities/${priority.id}`).send({
        title: 'Renamed',
        version: priority.version,
      }),
      'remove row': write(admin, 'delete', `${base}/priorities/${priority.id}?version=${priority.version}`),
      'add reading': write(admin, 'post', `${base}/measures/${measure.id}/readings`).send({
        date: '2026-06-01',
        value: 60,
      }),
      'edit reading': write(admin, 'patch', `${base}/measures/${measure.id}/readings/${reading.id}`).send({
        value: 1,
        version: 1,
      }),
      'add role': write(admin, 'post', `${base}/roles`).send({ title: 'Math coach' }),
      'edit role': write(admin, 'patch', `${base}/roles/${role.id}`).send({
        purpose: 'Changed',
        version: role.version,
      }),
      'send role for review': write(admin, 'post', `${base}/roles/${role.id}/submit`).send({ version: role.version }),
      comment: write(principal, 'post', `${base}/comments`).send({
        subject: { kind: 'answer', id: 'design.q1' },
        body: 'And another thing',
        mentions: [],
      }),
      'resolve thread': write(admin, 'post', `${base}/comments/${threadId}/resolve`).send({}),
      'cost settings': write(admin, 'patch', `${base}`).send({ contractDays: 190, version: plan.version }),
    };
    const answers = await Promise.all(Object.values(attempts));
    const outcome = (res: { status: number; body: { code?: string } }) => [res.status, res.body.code];
    expect(Object.fromEntries(Object.keys(attempts).map((name, i) => [name, outcome(answers[i]!)]))).toEqual(
      Object.fromEntries(Object.keys(attempts).map((name) => [name, [409, 'plan_archived']])),
    );
    expect(answers[0]!.body).toMatchObject({ detail: expect.stringMatching(/archived/) });

    const after = await getPlan(plan.id);
    expect(after).toEqual(plan);
    const rows = await admin.agent.get(`${base}/priorities`);
    expect(rows.body.rows.map((r: { title: string }) => r.title)).toEqual([priority.title]);
    const threads = await admin.agent.get(`${base}/comments`);
    expect(threads.body.threads).toHaveLength(1);
    expect(threads.body.threads[0]).toMatchObject({ resolved: false, comments: [{ body: 'Which schools?' }] });
  });

  it('when a removal or a change based on an item as it was before someone else changed it reaches the plan once archived, then it answers 409 plan_archived, not that the item changed, and nothing is removed', async () => {
    const { plan, customActionId } = await buildPlan(t.db, lakeview);
    const base = `/api/plans/${plan.id}`;
    const measure = await buildRow(t.db, lakeview, plan.id, 'measures', { name: 'Reading growth' });
    const reading = await buildReading(t.db, lakeview, plan.id, measure.id);
    const priority = await buildRow(t.db, lakeview, plan.id, 'priorities');
    const role = await buildRole(t.db, lakeview, plan.id, { title: 'Literacy coach' });
    // Someone else changes each item (its version goes to 2, or the measure gets a reading), then archives the plan.
    const changes = await Promise.all([
      write(admin, 'patch', `${base}/actions/${customActionId}`).send({ notes: 'Theirs', version: 1 }),
      write(admin, 'patch', `${base}/priorities/${priority.id}`).send({ title: 'Theirs', version: 1 }),
      write(admin, 'patch', `${base}/measures/${measure.id}/readings/${reading.id}`).send({ value: 2, version: 1 }),
      write(admin, 'patch', `${base}/roles/${role.id}`).send({ purpose: 'Theirs', version: role.version }),
      write(admin, 'put', `${base}/answers/design.q1`).send({ text: 'Theirs', version: 1 }),
    ]);
    expect(changes.map((c) => c.status)).toEqual([200, 200, 200, 200, 200]);
    const before = await getPlan(plan.id);
    const archived = await write(admin, 'patch', base).send({ status: 'archived', version: before.version });
    expect(archived.status).toBe(200);
    const plainBefore = await getPlan(plan.id);

    const attempts: Record<string, Promise<{ status: number; body: { code?: string; detail?: string } }>> = {
      'remove action': write(admin, 'delete', `${base}/actions/${customActionId}?version=1`),
      'remove row': write(admin, 'delete', `${base}/priorities/${priority.id}?version=1`),
      'remove measure, its readings as they were': write(
        admin,
        'delete',
        `${base}/measures/${measure.id}?version=${measure.version}&readings=0`,
      ),
      'remove reading': write(admin, 'delete', `${base}/measures/${measure.id}/readings/${reading.id}?version=1`),
      'remove role': write(
        admin,
        'delete',
        `${base}/roles/${role.id}?version=${role.version}&status=${role.status}&reviews=0`,
      ),
      'edit action': write(admin, 'patch', `${base}/actions/${customActionId}`).send({ notes: 'Mine', version: 1 }),
      'edit row': write(admin, 'patch', `${base}/priorities/${priority.id}`).send({ title: 'Mine', version: 1 }),
      'edit reading': write(admin, 'patch', `${base}/measures/${measure.id}/readings/${reading.id}`).send({
        value: 3,
        version: 1,
      }),
      'edit role': write(admin, 'patch', `${base}/roles/${role.id}`).send({ purpose: 'Mine', version: role.version }),
      answer: write(admin, 'put', `${base}/answers/design.q1`).send({ text: 'Mine', version: 1 }),
    };
    const answers = await Promise.all(Object.values(attempts));
    const outcome = (res: { status: number; body: { code?: string } }) => [res.status, res.body.code];
    expect(Object.fromEntries(Object.keys(attempts).map((name, i) => [name, outcome(answers[i]!)]))).toEqual(
      Object.fromEntries(Object.keys(attempts).map((name) => [name, [409, 'plan_archived']])),
    );
    expect(answers[0]!.body.detail).toMatch(/^This plan is archived/);
    expect(answers.every((res) => /problem\+json/.test((res as unknown as { type: string }).type))).toBe(true);
    expect(await getPlan(plan.id)).toEqual(plainBefore);
    const roles = await admin.agent.get(`${base}/roles`);
    expect(roles.body.roles.map((r: { id: string; purpose: string }) => [r.id, r.purpose])).toEqual([
      [role.id, 'Theirs'],
    ]);
  });

  it('can still be read, renamed, copied into an editable plan, made active again, and deleted', async () => {
    const { plan } = await archivedPlan();
    const renamed = await write(admin, 'patch', `/api/plans/${plan.id}`).send({
      title: `${plan.title} (final)`,
      version: plan.version,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ status: 'archived', title: `${plan.title} (final)` });

    const copy = await write(admin, 'post', `/api/plans/${plan.id}/copy`).send({
      title: 'Next year',
      schoolYear: '2027-28',
    });
    expect(copy.status).toBe(201);
    const copied = copy.body as Plan;
    const answer = copied.stages[0]!.questions.find((q) => q.key === 'design.q1')!.answer;
    expect(answer.text).toBe('Early literacy');
    const edited = await write(admin, 'put', `/api/plans/${copied.id}/answers/design.q1`).send({
      text: 'Early literacy and math',
      version: answer.version,
    });
    expect(edited.status).toBe(200);

    const active = await write(admin, 'patch', `/api/plans/${plan.id}`).send({
      status: 'active',
      version: renamed.body.version,
    });
    expect(active.status).toBe(200);
    const saved = await write(admin, 'put', `/api/plans/${plan.id}/answers/design.q1`).send({
      text: 'Changed once active',
      version: 2,
    });
    expect(saved.status).toBe(200);

    const again = await write(admin, 'patch', `/api/plans/${plan.id}`).send({
      status: 'archived',
      version: active.body.version,
    });
    expect(again.status).toBe(200);
    const contents = await admin.agent.get(`/api/plans/${plan.id}/contents`);
    const deleted = await write(admin, 'delete', `/api/plans/${plan.id}?revision=${contents.body.revision}`);
    expect(deleted.status).toBe(204);
    expect((await admin.agent.get(`/api/plans/${plan.id}`)).status).toBe(404);
  });

  it("takes a role waiting for review out of its principal's inbox, and back when active again", async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const role = await buildRoleInReview(t.db, lakeview, plan.id, {
      title: 'Coach in review',
      schoolIds: [lakeview.schools[0]!.id],
    });
    const inbox = async () =>
      ((await principal.agent.get('/api/reviews/inbox')).body as { items: { roleId: string }[] }).items.map(
        (i) => i.roleId,
      );
    expect(await inbox()).toContain(role.id);
    const archived = await write(admin, 'patch', `/api/plans/${plan.id}`).send({ status: 'archived', version: 1 });
    expect(archived.status).toBe(200);
    expect(await inbox()).not.toContain(role.id);
    const decision = await write(principal, 'post', `/api/plans/${plan.id}/roles/${role.id}/reviews`).send({
      decision: 'approve',
      comment: '',
      version: role.version,
      round: role.round,
    });
    expect([decision.status, decision.body.code]).toEqual([409, 'plan_archived']);
    await write(admin, 'patch', `/api/plans/${plan.id}`).send({ status: 'active', version: archived.body.version });
    expect(await inbox()).toContain(role.id);
  });

  it("another district's admin can neither change nor make it active again", async () => {
    const { plan } = await archivedPlan();
    const res = await write(otherAdmin, 'patch', `/api/plans/${plan.id}`).send({
      status: 'active',
      version: plan.version,
    });
    expect(res.status).toBe(404);
    expect((await getPlan(plan.id)).status).toBe('archived');
  });

  it('every table that holds a plan’s rows is either guarded or not its content', async () => {
    const notContent = ['notifications', 'plan_changes', 'plan_documents', 'plan_revisions', 'share_links'];
    const tables = await t
      .db('information_schema.columns')
      .where({ column_name: 'plan_id', table_schema: 'public' })
      .pluck('table_name');
    expect([...tables].sort()).toEqual([...archivedPlanContentTables, ...notContent].sort());
    const guarded = await t
      .db('information_schema.triggers')
      .where('trigger_name', 'like', '%_refused_when_archived')
      .distinct('event_object_table')
      .pluck('event_object_table');
    expect([...guarded].sort()).toEqual([...archivedPlanContentTables, 'plans'].sort());
  });
});
