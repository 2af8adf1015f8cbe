import { broughtBackSchema, type HistoryEntry, type HistoryPage } from '@planner/shared/history';
import type { Plan } from '@planner/shared/plan';
import { maxRolesPerPlan, type Role } from '@planner/shared/role';
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
  buildRow,
  buildUser,
  unique,
  type TestDistrict,
} from './support/factories';

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

async function history(planId: string, query = '', who = admin): Promise<HistoryPage> {
  const res = await who.agent.get(`/api/plans/${planId}/history${query}`);
  expect(res.status).toBe(200);
  return res.body as HistoryPage;
}
const plan = async (id: string): Promise<Plan> => (await admin.agent.get(`/api/plans/${id}`)).body as Plan;
const changesIn = (entry: HistoryEntry) => Object.fromEntries(entry.changes.map((c) => [c.label, [c.before, c.after]]));
const count = async (planId: string) =>
  Number((await t.db('plan_changes').count('* as n').where({ plan_id: planId }).first())!.n);

describe('the history of a plan', () => {
  it('records every kind of change, with who made it, the item in words and each value before and after', async () => {
    const { plan: p, customQuestionKey, customActionId } = await buildPlan(t.db, lakeview);
    const base = `/api/plans/${p.id}`;
    // A new plan's template rows are not changes; the district's own question and action are.
    expect((await history(p.id)).entries.map((e) => [e.kind, e.operation])).toEqual([
      ['action', 'created'],
      ['question', 'created'],
    ]);

    await write(admin, 'put', `${base}/answers/design.q1`).send({ text: 'Early literacy', version: 1 });
    await write(admin, 'patch', `${base}/questions/design.q2`).send({ notApplicable: true, version: 1 });
    await write(admin, 'patch', `${base}/actions/${customActionId}`).send({
      status: 'in_progress',
      dueDate: '2026-12-15',
      version: 1,
    });
    const priority = await write(admin, 'post', `${base}/priorities`).send({ title: 'Literacy', rank: 1 });
    await write(admin, 'patch', `${base}/priorities/${priority.body.id}`).send({ rank: 2, version: 1 });
    const measure = await write(admin, 'post', `${base}/measures`).send({ name: 'Growth', term: 'long', unit: '%' });
    const reading = await write(admin, 'post', `${base}/measures/${measure.body.id}/readings`).send({
      date: '2025-10-01',
      value: 40,
    });
    const role = await write(admin, 'post', `${base}/roles`).send({
      title: 'Coach',
      schoolIds: [lakeview.schools[0]!.id],
      priorityIds: [priority.body.id],
    });
    await write(admin, 'patch', base).send({ title: `Renamed ${unique()}`, version: p.version });
    await write(admin, 'delete', `${base}/questions/${customQuestionKey}?version=1&answerVersion=1`);

    const entries = (await history(p.id)).entries;
    const byKind = (kind: string) => entries.filter((e) => e.kind === kind);
    expect(entries.every((e) => e.actor?.id === lakeview.admin.id)).toBe(true);
    const [answer] = byKind('answer');
    expect(answer).toMatchObject({ operation: 'changed', stageKey: 'design', itemId: 'design.q1', restorable: true });
    expect(answer!.itemLabel).toMatch(/^What priorities can be advanced/);
    expect(changesIn(answer!)).toEqual({ Answer: ['', 'Early literacy'] });
    expect(changesIn(byKind('question').find((e) => e.itemId === 'design.q2')!)).toEqual({
      'Not applicable': ['No', 'Yes'],
    });
    expect(byKind('question').find((e) => e.itemId === customQuestionKey)).toMatchObject({ operation: 'removed' });
    expect(changesIn(byKind('action')[0]!)).toEqual({
      Status: ['Not started', 'In progress'],
      'Due date': ['', 'Dec 15, 2026'],
    });
    const rows = byKind('row');
    expect(rows.map((r) => r.operation)).toEqual(['changed', 'created']);
    expect(rows[0]).toMatchObject({ table: 'priorities', itemLabel: 'Literacy', stageKey: 'design' });
    expect(changesIn(rows[0]!)).toEqual({ Rank: ['1', '2'] });
    expect(byKind('measure')[0]).toMatchObject({ operation: 'created', itemLabel: 'Growth', stageKey: 'measures' });
    expect(byKind('reading')[0]).toMatchObject({
      itemId: reading.body.id,
      itemLabel: 'Growth: reading of Oct 1, 2025',
    });
    const roleEntries = byKind('role');
    expect(roleEntries.find((e) => e.itemId === role.body.id && e.operation === 'created')?.itemLabel).toBe('Coach');
    expect(roleEntries.flatMap((e) => e.changes.filter((c) => c.field === 'schoolIds').map((c) => c.after))).toEqual([
      lakeview.schools[0]!.name,
    ]);
    expect(changesIn(byKind('plan')[0]!).Title![0]).toBe(p.title);
  });

  it('a change that fails leaves no line in the history', async () => {
    const { plan: p } = await buildPlan(t.db, lakeview);
    const base = `/api/plans/${p.id}`;
    await write(admin, 'put', `${base}/answers/design.q1`).send({ text: 'First', version: 1 });
    const before = await count(p.id);
    expect((await write(admin, 'put', `${base}/answers/design.q1`).send({ text: 'Stale', version: 1 })).status).toBe(
      409,
    );
    const bad = await write(admin, 'post', `${base}/roles`).send({ title: 'Coach', schoolIds: [crypto.randomUUID()] });
    expect(bad.status).toBe(400);
    expect((await write(admin, 'post', `${base}/priorities`).send({ rank: 0 })).status).toBe(400);
    expect(await count(p.id)).toBe(before);
  });

  it('keeps the name of a person deactivated since, and nothing can rewrite it', async () => {
    const { plan: p } = await buildPlan(t.db, lakeview);
    await write(admin, 'put', `/api/plans/${p.id}/answers/design.q1`).send({ text: 'By the admin', version: 1 });
    await t.db('users').where({ id: lakeview.admin.id }).update({ deactivated_at: new Date() });
    try {
      const [entry] = (await history(p.id, '', viewer)).entries;
      expect(entry!.actor).toEqual({ id: lakeview.admin.id, name: lakeview.admin.name });
    } finally {
      await t.db('users').where({ id: lakeview.admin.id }).update({ deactivated_at: null });
    }
    await expect(t.db('plan_changes').where({ plan_id: p.id }).update({ actor_id: null })).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db('plan_changes').where({ plan_id: p.id }).delete()).rejects.toThrow(/append-only/);
  });

  it('filters by person, stage, kind of item, item and date, and pages without gaps or overlaps', async () => {
    const { plan: p, customActionId } = await buildPlan(t.db, lakeview);
    const base = `/api/plans/${p.id}`;
    let version = 1;
    for (let i = 0; i < 7; i += 1) {
      await write(admin, 'put', `${base}/answers/context.q1`).send({ text: `Draft ${i}`, version });
      version += 1;
    }
    await write(admin, 'patch', `${base}/actions/${customActionId}`).send({ status: 'done', version: 1 });
    // With the factory's own question and action, created.
    const all = (await history(p.id)).entries;
    expect(all).toHaveLength(10);

    const first = await history(p.id, '?limit=3');
    const second = await history(p.id, `?limit=3&before=${first.nextCursor}`);
    const third = await history(p.id, `?limit=3&before=${second.nextCursor}`);
    const fourth = await history(p.id, `?limit=3&before=${third.nextCursor}`);
    expect(fourth.nextCursor).toBeNull();
    expect([...first.entries, ...second.entries, ...third.entries, ...fourth.entries].map((e) => e.id)).toEqual(
      all.map((e) => e.id),
    );

    expect((await history(p.id, '?kind=action')).entries.map((e) => e.itemId)).toEqual([
      customActionId,
      customActionId,
    ]);
    expect((await history(p.id, '?item=context.q1')).entries).toHaveLength(7);
    expect((await history(p.id, '?stage=design')).entries).toEqual([]);
    expect((await history(p.id, `?actor=${lakeview.admin.id}`)).entries).toHaveLength(10);
    expect((await history(p.id, `?actor=${lakeview.viewer.id}`)).entries).toEqual([]);
    expect((await history(p.id, '?to=2020-01-01')).entries).toEqual([]);

    // Days are the district's (New York's here): 03:30 UTC on March 1, 2020 was the evening of February 29 there.
    const late = all[0]!;
    await t.db.transaction(async (trx) => {
      // The history is append-only (its trigger refuses updates): replica mode sets triggers aside for this test.
      await trx.raw('set local session_replication_role = replica');
      await trx('plan_changes').where({ id: late.id }).update({ created_at: '2020-03-01T03:30:00Z' });
    });
    const onThe = async (query: string) => (await history(p.id, query)).entries.map((e) => e.id);
    expect(await onThe('?from=2020-02-29&to=2020-02-29')).toEqual([late.id]);
    expect(await onThe('?from=2020-03-01&to=2020-03-01')).toEqual([]);
    const bad = await admin.agent.get(`/api/plans/${p.id}/history?kind=everything&limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'limit']);
    // A day left empty is not a day, though it need not be given.
    const empty = await admin.agent.get(`/api/plans/${p.id}/history?from=`);
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([
      expect.objectContaining({ field: 'from', message: 'must be a date as YYYY-MM-DD' }),
    ]);
  });

  it('another district sees no history and restores nothing; viewers read it but cannot restore', async () => {
    const { plan: p } = await buildPlan(t.db, lakeview);
    await write(admin, 'put', `/api/plans/${p.id}/answers/design.q1`).send({ text: 'Ours', version: 1 });
    const [entry] = (await history(p.id)).entries;
    expect((await otherAdmin.agent.get(`/api/plans/${p.id}/history`)).status).toBe(404);
    const url = `/api/plans/${p.id}/history/${entry!.id}/restore`;
    expect((await write(otherAdmin, 'post', url).send({ version: 2 })).status).toBe(404);
    expect((await write(viewer, 'post', url).send({ version: 2 })).status).toBe(403);
    expect((await write(principal, 'post', url).send({ version: 2 })).status).toBe(403);
  });
});

describe('restoring from the history', () => {
  it('an earlier value comes back through the version check, and the restore is itself a change', async () => {
    const { plan: p } = await buildPlan(t.db, lakeview);
    const url = `/api/plans/${p.id}/answers/design.q1`;
    await write(admin, 'put', url).send({ text: 'The first answer', version: 1 });
    await write(admin, 'put', url).send({ text: 'A worse answer', version: 2 });
    const first = (await history(p.id, '?item=design.q1')).entries.at(-1)!;
    const restoreUrl = `/api/plans/${p.id}/history/${first.id}/restore`;

    const stale = await write(admin, 'post', restoreUrl).send({ version: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body.current.answer.text).toBe('A worse answer');
    expect((await write(admin, 'post', restoreUrl).send({})).status).toBe(400);

    expect((await write(admin, 'post', restoreUrl).send({ version: 3 })).status).toBe(204);
    const question = (await plan(p.id)).stages[0]!.questions.find((q) => q.key === 'design.q1')!;
    expect(question.answer).toMatchObject({ text: 'The first answer', version: 4 });
    const [latest] = (await history(p.id, '?item=design.q1')).entries;
    expect(changesIn(latest!)).toEqual({ Answer: ['A worse answer', 'The first answer'] });
  });

  it("a change of who sets a role's fields reads as each field's mode, from and to, and restoring it puts back every mode as it was", async () => {
    const { plan: p } = await buildPlan(t.db, lakeview);
    const role = await buildRole(t.db, lakeview, p.id, {
      title: 'Coach',
      fieldModes: { title: 'tight', term: 'loose' },
    });
    const url = `/api/plans/${p.id}/roles/${role.id}`;
    const changed = await write(admin, 'patch', url).send({
      fieldModes: { title: 'loose', purpose: 'tight', term: null },
      version: role.version,
    });
    expect(changed.status).toBe(200);
    const [latest] = (await history(p.id, `?item=${role.id}`)).entries;
    expect(changesIn(latest!)).toEqual({
      'Set by (Title)': ['Set by the district', 'Adapted by each school'],
      'Set by (Purpose)': ['Not decided', 'Set by the district'],
      'Set by (Term)': ['Adapted by each school', 'Not decided'],
    });

    // Set since: another field's mode, which the restore clears, as the role had none then.
    const since = await write(admin, 'patch', url).send({
      fieldModes: { training: 'loose' },
      version: (changed.body as Role).version,
    });
    expect(since.status).toBe(200);
    // The role's own line (its schools' lines are of the same item).
    const created = (await history(p.id, `?item=${role.id}`)).entries.find(
      (e) => e.operation === 'created' && 'Title' in changesIn(e),
    )!;
    expect(changesIn(created)).toMatchObject({
      'Set by (Title)': ['', 'Set by the district'],
      'Set by (Term)': ['', 'Adapted by each school'],
    });
    const restored = await write(admin, 'post', `/api/plans/${p.id}/history/${created.id}/restore`).send({
      version: (since.body as Role).version,
    });
    expect(restored.status).toBe(204);
    const now = (await admin.agent.get(url)).body as Role;
    expect(now).toMatchObject({
      fieldModes: { title: 'tight', term: 'loose' },
      version: (since.body as Role).version + 1,
    });
    expect(Object.keys(now.fieldModes).sort()).toEqual(['term', 'title']);
  });

  it('a removed measure comes back with its readings, and only once', async () => {
    const { plan: p } = await buildPlan(t.db, lakeview);
    const measure = await buildRow(t.db, lakeview, p.id, 'measures');
    await buildReading(t.db, lakeview, p.id, measure.id, { date: '2025-10-01', value: 50 });
    await buildReading(t.db, lakeview, p.id, measure.id, { date: '2025-12-01', value: 55 });
    expect(
      (await write(admin, 'delete', `/api/plans/${p.id}/measures/${measure.id}?version=${measure.version}&readings=2`))
        .status,
    ).toBe(204);
    const removal = (await history(p.id, '?kind=measure')).entries.find((e) => e.operation === 'removed')!;
    const url = `/api/plans/${p.id}/history/${removal.id}/restore`;
    const res = await write(admin, 'post', url).send({});
    expect(res.status).toBe(200);
    expect(broughtBackSchema.parse(res.body)).toEqual({ linksLeftOut: [] });
    const [back] = (await plan(p.id)).tables.measures;
    expect(back).toMatchObject({ id: measure.id, name: measure.name });
    expect(back!.readings.map((r) => r.value)).toEqual([50, 55]);
    const again = await write(admin, 'post', url).send({});
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe('It has been brought back already.');
  });

  it('when the table has filled to its 200 rows since a row was removed, then bringing it back answers as a new row would, and nothing comes back', async () => {
    const { plan: p } = await buildPlan(t.db, lakeview);
    const removed = await buildRow(t.db, lakeview, p.id, 'priorities', { title: 'Removed priority' });
    expect(
      (await write(admin, 'delete', `/api/plans/${p.id}/priorities/${removed.id}?version=${removed.version}`)).status,
    ).toBe(204);
    const kept = await buildRow(t.db, lakeview, p.id, 'priorities');
    const { id: _id, ...copy } = (await t.db('plan_priorities').where({ id: kept.id }).first()) as Record<
      string,
      unknown
    >;
    await t.db('plan_priorities').insert(Array.from({ length: 199 }, () => copy));
    const oneMore = await write(admin, 'post', `/api/plans/${p.id}/priorities`).send({ title: 'One more', rank: 1 });
    expect(oneMore.status).toBe(400);

    const removal = (await history(p.id, `?item=${removed.id}`)).entries.find((e) => e.operation === 'removed')!;
    const res = await write(admin, 'post', `/api/plans/${p.id}/history/${removal.id}/restore`).send({});
    expect(res.status).toBe(oneMore.status);
    expect(res.body.detail).toBe(oneMore.body.detail);
    expect(res.body.errors).toEqual(oneMore.body.errors);
    const priorities = (await plan(p.id)).tables.priorities;
    expect(priorities).toHaveLength(200);
    expect(priorities.map((r) => r.id)).not.toContain(removed.id);
  });

  it(`when the plan has filled to its ${maxRolesPerPlan} roles since a role was removed, then bringing it back answers 400, and nothing comes back`, async () => {
    const { plan: p } = await buildPlan(t.db, lakeview);
    const removed = await buildRole(t.db, lakeview, p.id);
    expect(
      (
        await write(
          admin,
          'delete',
          `/api/plans/${p.id}/roles/${removed.id}?version=${removed.version}&status=${removed.status}&reviews=${removed.reviews.length}`,
        )
      ).status,
    ).toBe(204);
    const kept = await write(admin, 'post', `/api/plans/${p.id}/roles`).send({ title: 'Coach' });
    const { id: _id, ...copy } = (await t.db('plan_roles').where({ id: kept.body.id }).first()) as Record<
      string,
      unknown
    >;
    await t.db('plan_roles').insert(Array.from({ length: maxRolesPerPlan - 1 }, () => copy));
    const removal = (await history(p.id, `?item=${removed.id}`)).entries.find(
      (e) => e.operation === 'removed' && e.restorable,
    )!;
    const res = await write(admin, 'post', `/api/plans/${p.id}/history/${removal.id}/restore`).send({});
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { in: 'body', field: '', message: `a plan holds at most ${maxRolesPerPlan} roles` },
    ]);
    expect((await admin.agent.get(`/api/plans/${p.id}/roles/${removed.id}`)).status).toBe(404);
  });

  it('a removed role comes back with its schools, links, decisions and history', async () => {
    const { plan: p } = await buildPlan(t.db, lakeview);
    const priority = await buildRow(t.db, lakeview, p.id, 'priorities');
    const role = await buildRole(t.db, lakeview, p.id, { priorityIds: [priority.id] });
    await write(admin, 'post', `/api/plans/${p.id}/roles/${role.id}/submit`);
    await decide(t.db, principal, `/api/plans/${p.id}/roles/${role.id}`, { decision: 'approve' });
    const before = (await admin.agent.get(`/api/plans/${p.id}/roles/${role.id}`)).body as Role;
    expect(
      (
        await write(
          admin,
          'delete',
          `/api/plans/${p.id}/roles/${role.id}?version=${before.version}&status=${before.status}&reviews=${before.reviews.length}`,
        )
      ).status,
    ).toBe(204);
    // The role's own line: its links' lines (the same item) come back with it, not on their own.
    const removal = (await history(p.id, '?kind=role')).entries.find(
      (e) => e.operation === 'removed' && e.itemId === role.id && e.restorable,
    )!;
    expect((await write(admin, 'post', `/api/plans/${p.id}/history/${removal.id}/restore`).send({})).status).toBe(200);
    const after = (await admin.agent.get(`/api/plans/${p.id}/roles/${role.id}`)).body as Role;
    expect(after).toMatchObject({
      status: before.status,
      schoolIds: before.schoolIds,
      priorityIds: [priority.id],
      reviews: before.reviews,
      history: before.history,
    });
  });

  it('a role removed approved before decisions kept their schools (migration 037) comes back with each school approved', async () => {
    const { plan: p } = await buildPlan(t.db, lakeview);
    const role = await buildRole(t.db, lakeview, p.id);
    await write(admin, 'post', `/api/plans/${p.id}/roles/${role.id}/submit`);
    await decide(t.db, principal, `/api/plans/${p.id}/roles/${role.id}`, { decision: 'approve' });
    const before = (await admin.agent.get(`/api/plans/${p.id}/roles/${role.id}`)).body as Role;
    expect(before.schools.length).toBeGreaterThan(0);
    expect(before.schools.every((s) => s.decision === 'approve')).toBe(true);
    const removed = await write(
      admin,
      'delete',
      `/api/plans/${p.id}/roles/${role.id}?version=${before.version}&status=${before.status}&reviews=${before.reviews.length}`,
    );
    expect(removed.status).toBe(204);
    // Removed before migration 037, its decisions' rows in the history had no schools.
    await t.db.transaction(async (trx) => {
      // The history is append-only (its trigger refuses updates): replica mode sets triggers aside for this test.
      await trx.raw('set local session_replication_role = replica');
      const rewritten = await trx('plan_changes')
        .where({ plan_id: p.id, item_table: 'role_reviews', operation: 'delete' })
        .update({ before: trx.raw(`"before" - 'school_ids'`) });
      expect(rewritten).toBe(1);
    });
    const removal = (await history(p.id, '?kind=role')).entries.find(
      (e) => e.operation === 'removed' && e.itemId === role.id && e.restorable,
    )!;
    expect((await write(admin, 'post', `/api/plans/${p.id}/history/${removal.id}/restore`).send({})).status).toBe(200);
    const after = (await admin.agent.get(`/api/plans/${p.id}/roles/${role.id}`)).body as Role;
    expect(after).toMatchObject({ status: 'approved', schools: before.schools, reviews: before.reviews });
  });

  it('when a role linked to a removed measure has been approved since, then the measure comes back without that link, and the answer names the role', async () => {
    const { plan: p } = await buildPlan(t.db, lakeview);
    const measure = await buildRow(t.db, lakeview, p.id, 'measures');
    await buildReading(t.db, lakeview, p.id, measure.id, { value: 50 });
    const school = lakeview.schools[0]!.id;
    const linked = { schoolIds: [school], measureIds: [measure.id] };
    const roleUrl = (role: Role) => `/api/plans/${p.id}/roles/${role.id}`;
    const approve = async (role: Role) => {
      expect((await write(admin, 'post', `${roleUrl(role)}/submit`)).status).toBe(200);
      expect((await decide(t.db, principal, roleUrl(role), { decision: 'approve' })).status).toBe(200);
    };
    const read = async (role: Role) => (await admin.agent.get(roleUrl(role))).body as Role;
    // Approved with the measure: the removal took the link off what was approved, and the link comes back.
    const approvedBefore = await buildRole(t.db, lakeview, p.id, { title: 'Data lead', ...linked });
    await approve(approvedBefore);
    const draft = await buildRole(t.db, lakeview, p.id, { title: 'Mentor', ...linked });
    const approvedSince = await buildRole(t.db, lakeview, p.id, { title: 'Literacy coach', ...linked });
    expect(
      (await write(admin, 'delete', `/api/plans/${p.id}/measures/${measure.id}?version=${measure.version}&readings=1`))
        .status,
    ).toBe(204);
    // Sent and approved without the measure: its principal approved it as it is now.
    await approve(approvedSince);
    const approvedAsItIs = await read(approvedSince);
    expect(approvedAsItIs).toMatchObject({ status: 'approved', measureIds: [] });

    const removal = (await history(p.id, `?item=${measure.id}`)).entries.find((e) => e.operation === 'removed')!;
    const res = await write(admin, 'post', `/api/plans/${p.id}/history/${removal.id}/restore`).send({});
    expect(res.status).toBe(200);
    expect(broughtBackSchema.parse(res.body)).toEqual({
      linksLeftOut: [{ roleId: approvedSince.id, roleTitle: 'Literacy coach', roleStatus: 'approved' }],
    });
    const [back] = (await plan(p.id)).tables.measures;
    expect(back).toMatchObject({ id: measure.id, readings: [expect.objectContaining({ value: 50 })] });
    expect(await read(approvedSince)).toEqual(approvedAsItIs);
    expect(await read(draft)).toMatchObject({ status: 'draft', measureIds: [measure.id] });
    expect(await read(approvedBefore)).toMatchObject({ status: 'approved', measureIds: [measure.id] });
  });

  it('a school removed from a role does not come back on its own: 409, and the approved role keeps its schools', async () => {
    const { plan: p } = await buildPlan(t.db, lakeview);
    const [first, second] = lakeview.schools;
    const role = await buildRole(t.db, lakeview, p.id, { schoolIds: [second!.id] });
    const url = `/api/plans/${p.id}/roles/${role.id}`;
    // The second school taken off, then the role is for the first alone, sent and approved by its principal.
    const cleared = await write(admin, 'patch', url).send({ schoolIds: [], version: role.version });
    expect(cleared.status).toBe(200);
    const narrowed = await write(admin, 'patch', url).send({ schoolIds: [first!.id], version: cleared.body.version });
    expect(narrowed.status).toBe(200);
    expect((await write(admin, 'post', `${url}/submit`)).status).toBe(200);
    expect((await decide(t.db, principal, url, { decision: 'approve' })).status).toBe(200);
    const before = (await admin.agent.get(url)).body as Role;
    expect(before).toMatchObject({ status: 'approved', schoolIds: [first!.id] });

    const removal = (await history(p.id, `?item=${role.id}`)).entries.find(
      (e) => e.operation === 'removed' && e.changes.some((c) => c.before === second!.name),
    )!;
    expect(removal.restorable).toBe(false);
    const res = await write(admin, 'post', `/api/plans/${p.id}/history/${removal.id}/restore`).send({});
    expect(res.status).toBe(409);
    expect((await admin.agent.get(url)).body).toMatchObject({
      status: 'approved',
      schoolIds: [first!.id],
      version: before.version,
    });
  });

  it('a reading whose measure has gone cannot come back before its measure', async () => {
    const { plan: p } = await buildPlan(t.db, lakeview);
    const measure = await buildRow(t.db, lakeview, p.id, 'measures');
    const reading = await buildReading(t.db, lakeview, p.id, measure.id);
    await write(
      admin,
      'delete',
      `/api/plans/${p.id}/measures/${measure.id}/readings/${reading.id}?version=${reading.version}`,
    );
    await write(admin, 'delete', `/api/plans/${p.id}/measures/${measure.id}?version=${measure.version}&readings=0`);
    const readingRemoval = (await history(p.id, '?kind=reading')).entries.find((e) => e.operation === 'removed')!;
    const res = await write(admin, 'post', `/api/plans/${p.id}/history/${readingRemoval.id}/restore`).send({});
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/bring that back first/);
  });

  describe('a version naming someone deactivated since', () => {
    const deactivated = async () => {
      const marcus = await buildUser(t.db, lakeview.id, 'principal', { name: `Marcus Ortega ${unique()}` });
      return {
        marcus,
        deactivate: async () =>
          expect(
            (await write(admin, 'patch', `/api/users/${marcus.id}`).send({ active: false, version: 1 })).status,
          ).toBe(200),
      };
    };
    const restore = (planId: string, entry: HistoryEntry, version: number) =>
      write(admin, 'post', `/api/plans/${planId}/history/${entry.id}/restore`).send({ version });
    const actionOf = async (planId: string, actionId: string) =>
      (await plan(planId)).stages.flatMap((s) => s.actions).find((a) => a.id === actionId)!;

    it('when the action still has them as its owner, then its earlier notes come back and the owner stays', async () => {
      const { plan: p, customActionId } = await buildPlan(t.db, lakeview);
      const { marcus, deactivate } = await deactivated();
      const url = `/api/plans/${p.id}/actions/${customActionId}`;
      await write(admin, 'patch', url).send({ ownerUserId: marcus.id, notes: 'First notes', version: 1 });
      await write(admin, 'patch', url).send({ notes: 'Second notes', version: 2 });
      await deactivate();
      const [, firstNotes] = (await history(p.id, `?item=${customActionId}`)).entries;

      expect((await restore(p.id, firstNotes!, 3)).status).toBe(204);
      expect(await actionOf(p.id, customActionId)).toMatchObject({
        notes: 'First notes',
        ownerUserId: marcus.id,
        version: 4,
      });
    });

    it('when the action has another owner now, then nothing is restored and the answer says why in plain words', async () => {
      const { plan: p, customActionId } = await buildPlan(t.db, lakeview);
      const { marcus, deactivate } = await deactivated();
      const url = `/api/plans/${p.id}/actions/${customActionId}`;
      await write(admin, 'patch', url).send({ ownerUserId: marcus.id, notes: 'First notes', version: 1 });
      await write(admin, 'patch', url).send({ ownerUserId: lakeview.principal.id, notes: 'Second notes', version: 2 });
      await deactivate();
      const [, marcusVersion] = (await history(p.id, `?item=${customActionId}`)).entries;

      const res = await restore(p.id, marcusVersion!, 3);
      expect(res.status).toBe(409);
      expect(res.body.detail).toBe(
        `${marcus.name}, the owner in this version, is deactivated: nothing was restored. Change the action by hand instead, with an active owner.`,
      );
      expect(res.body.errors).toBeUndefined();
      expect(await actionOf(p.id, customActionId)).toMatchObject({
        notes: 'Second notes',
        ownerUserId: lakeview.principal.id,
        version: 3,
      });
    });

    it('a measure keeps its deactivated responsible person through a restore, and does not get them back', async () => {
      const { plan: p } = await buildPlan(t.db, lakeview);
      const { marcus, deactivate } = await deactivated();
      const measure = await buildRow(t.db, lakeview, p.id, 'measures', { name: 'Growth' });
      const url = `/api/plans/${p.id}/measures/${measure.id}`;
      await write(admin, 'patch', url).send({ ownerUserId: marcus.id, version: measure.version });
      await write(admin, 'patch', url).send({ name: 'Renamed', version: measure.version + 1 });
      await deactivate();
      const [, withMarcus] = (await history(p.id, `?item=${measure.id}`)).entries;
      const measureNow = async () => (await plan(p.id)).tables.measures.find((m) => m.id === measure.id)!;

      expect((await restore(p.id, withMarcus!, measure.version + 2)).status).toBe(204);
      expect(await measureNow()).toMatchObject({ name: 'Growth', ownerUserId: marcus.id });

      const { version } = await measureNow();
      await write(admin, 'patch', url).send({ ownerUserId: lakeview.principal.id, version });
      const res = await restore(p.id, withMarcus!, version + 1);
      expect(res.status).toBe(409);
      expect(res.body.detail).toBe(
        `${marcus.name}, the responsible person in this version, is deactivated: nothing was restored. Change the measure by hand instead, with an active responsible person.`,
      );
      expect(await measureNow()).toMatchObject({ ownerUserId: lakeview.principal.id, version: version + 1 });
    });
  });
});
