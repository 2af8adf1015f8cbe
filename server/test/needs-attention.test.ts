import type { NeedsAttention } from '@planner/shared/attention';
import type { Plan } from '@planner/shared/plan';
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
  buildRole,
  buildRoleInReview,
  buildRow,
  testPassword,
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
  // A district of its own, so the other tests' plans do not show here.
  ({ admin: otherAdmin } = await twoDistrictsSignedIn(t));
  lakeview = await buildDistrict(t.db);
  [admin, principal, viewer] = await Promise.all([
    signIn(t.app, lakeview.admin.email, testPassword),
    signIn(t.app, lakeview.principal.email, testPassword),
    signIn(t.app, lakeview.viewer.email, testPassword),
  ]);
});
afterAll(() => t.close());

async function attention(who: SignedInAgent, query = ''): Promise<NeedsAttention> {
  const res = await who.agent.get(`/api/needs-attention${query}`);
  expect(res.status).toBe(200);
  return res.body as NeedsAttention;
}
const summary = (a: NeedsAttention) => a.items.map((i) => [i.kind, i.title, i.detail]);

describe('what needs attention', () => {
  let plan: Plan;
  let old: Plan;
  let threadId: string;

  beforeAll(async () => {
    ({ plan } = await buildPlan(t.db, lakeview, { title: 'Literacy plan' }));
    const base = `/api/plans/${plan.id}`;
    const [overdue, later] = plan.stages[0]!.actions;
    await write(admin, 'patch', `${base}/actions/${overdue!.id}`).send({
      dueDate: '2026-10-01',
      ownerUserId: lakeview.principal.id,
      version: 1,
    });
    await write(admin, 'patch', `${base}/actions/${later!.id}`).send({ dueDate: '2027-01-15', version: 1 });
    await buildRow(t.db, lakeview, plan.id, 'measures', {
      name: 'Reading growth',
      frequency: 'quarterly',
      baselineDate: '2026-08-01',
    });
    await buildRow(t.db, lakeview, plan.id, 'measures', {
      name: 'Not yet',
      frequency: 'annually',
      baselineDate: '2026-08-01',
    });
    const sentBack = await buildRole(t.db, lakeview, plan.id, {
      title: 'Math coach',
      schoolIds: [lakeview.schools[0]!.id],
    });
    await write(admin, 'post', `${base}/roles/${sentBack.id}/submit`);
    await decide(t.db, principal, `${base}/roles/${sentBack.id}`, {
      decision: 'request_changes',
      comment: 'Name the release time.',
    });
    const waiting = await buildRole(t.db, lakeview, plan.id, {
      title: 'Literacy coach',
      schoolIds: [lakeview.schools[1]!.id],
    });
    await write(admin, 'post', `${base}/roles/${waiting.id}/submit`);
    const thread = await write(principal, 'post', `${base}/comments`).send({
      subject: { kind: 'answer', id: 'design.q1' },
      body: 'Which schools first?',
      mentions: [lakeview.admin.id, lakeview.viewer.id],
    });
    threadId = thread.body.id;
    await write(admin, 'post', `${base}/comments`).send({
      subject: { kind: 'answer', id: 'design.q2' },
      body: 'Can you check the budget?',
      mentions: [lakeview.principal.id],
    });
    // A plan that is archived asks nothing of anyone.
    ({ plan: old } = await buildPlan(t.db, lakeview, { title: 'Old plan' }));
    await buildRow(t.db, lakeview, old.id, 'measures', { frequency: 'weekly', baselineDate: '2025-01-01' });
    await write(admin, 'patch', `/api/plans/${old.id}/actions/${old.stages[0]!.actions[0]!.id}`).send({
      dueDate: '2026-10-01',
      version: 1,
    });
    await write(principal, 'post', `/api/plans/${old.id}/comments`).send({
      subject: { kind: 'answer', id: 'design.q1' },
      body: 'Still on?',
      mentions: [lakeview.admin.id],
    });
    await write(admin, 'patch', `/api/plans/${old.id}`).send({ status: 'archived', version: old.version });
  });

  it('an admin sees roles sent back, overdue actions, readings due, then mentions, each with what to do and where', async () => {
    const mine = await attention(admin, '?today=2026-11-28');
    expect(summary(mine)).toEqual([
      ['changes_requested', 'Math coach', `${lakeview.principal.name}: Name the release time.`],
      ['action_overdue', plan.stages[0]!.actions[0]!.text, `Due Oct 1, 2026; owner: ${lakeview.principal.name}`],
      ['reading_due', 'Reading growth', 'A reading was due on Nov 1, 2026'],
      [
        'mention',
        expect.stringMatching(/^What priorities can be advanced/),
        `${lakeview.principal.name}: Which schools first?`,
      ],
    ]);
    expect(mine.items.every((i) => i.planId === plan.id && i.planTitle === 'Literacy plan')).toBe(true);
    expect(mine.items.map((i) => i.link)).toEqual([
      expect.stringMatching(new RegExp(`^/plans/${plan.id}/roles/[0-9a-f-]{36}$`)),
      `/plans/${plan.id}/stages/design`,
      expect.stringMatching(new RegExp(`^/plans/${plan.id}/measures/[0-9a-f-]{36}$`)),
      `/plans/${plan.id}/comments?thread=${threadId}`,
    ]);
    expect(mine.counts).toEqual({
      changes_requested: 1,
      action_overdue: 1,
      reading_due: 1,
      mention: 1,
      review_waiting: 0,
      misstep_happening: 0,
      needs_new_owner: 0,
    });
    // Due on Oct 1, it is overdue once Oct 1 is over: since Oct 2.
    expect(mine.items.find((i) => i.kind === 'action_overdue')!.since).toBe('2026-10-02');
    // Overdue means overdue where the reader is.
    expect((await attention(admin, '?today=2026-09-15')).counts).toMatchObject({ action_overdue: 0, reading_due: 0 });
  });

  it('a principal sees their waiting reviews first, then the threads that mention them', async () => {
    expect(summary(await attention(principal, '?today=2026-11-28'))).toEqual([
      ['review_waiting', 'Literacy coach', `For ${lakeview.schools[1]!.name}`],
      [
        'mention',
        expect.stringMatching(/^Does the proposed teacher leadership initiative/),
        `${lakeview.admin.name}: Can you check the budget?`,
      ],
    ]);
  });

  it('a resolved thread no longer asks for anything; a viewer sees only mentions', async () => {
    expect(summary(await attention(viewer))).toEqual([
      ['mention', expect.any(String), `${lakeview.principal.name}: Which schools first?`],
    ]);
    const root = (await admin.agent.get(`/api/plans/${plan.id}/comments`)).body.threads.find(
      (th: { id: string }) => th.id === threadId,
    );
    await write(admin, 'post', `/api/plans/${plan.id}/comments/${root.comments[0].id}/resolve`);
    expect((await attention(viewer)).items).toEqual([]);
    await write(admin, 'post', `/api/plans/${plan.id}/comments/${root.comments[0].id}/reopen`);
  });

  it("one plan's with planId; another district sees none of it and cannot name the plan", async () => {
    expect((await attention(admin, `?planId=${plan.id}&today=2026-11-28`)).items).toHaveLength(4);
    expect((await otherAdmin.agent.get(`/api/needs-attention?planId=${plan.id}`)).status).toBe(404);
    expect((await attention(otherAdmin)).items.some((i) => i.planId === plan.id)).toBe(false);
    // An archived plan is read only: nothing in it can be acted on, so nothing is followed up.
    expect(await attention(admin, `?planId=${old.id}&today=2026-11-28`)).toMatchObject({
      items: [],
      counts: { action_overdue: 0, reading_due: 0, mention: 0 },
    });
    const bad = await admin.agent.get('/api/needs-attention?today=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('today');
  });
});

describe('when a reading is first due', () => {
  const readingsDue = async (planId: string, today: string) =>
    summary(await attention(admin, `?planId=${planId}&today=${today}`)).filter(([kind]) => kind === 'reading_due');

  it('a measure without a baseline date is due one interval after its school year begins', async () => {
    const { plan } = await buildPlan(t.db, lakeview, { schoolYear: '2026-27' });
    await buildRow(t.db, lakeview, plan.id, 'measures', {
      name: 'PLC meetings held',
      unit: '',
      frequency: 'monthly',
      baseline: null,
      baselineDate: null,
      target: 30,
      targetDate: '2027-06-01',
      ownerUserId: lakeview.principal.id,
    });
    expect(await readingsDue(plan.id, '2026-07-31')).toEqual([]);
    expect(await readingsDue(plan.id, '2026-12-10')).toEqual([
      ['reading_due', 'PLC meetings held', 'A reading was due on Aug 1, 2026'],
    ]);
  });

  it("an annual measure measured in June is due within its plan's school year, a year after its baseline", async () => {
    const { plan } = await buildPlan(t.db, lakeview, { schoolYear: '2025-26' });
    await buildRow(t.db, lakeview, plan.id, 'measures', {
      name: 'Teacher retention',
      frequency: 'annually',
      baselineDate: '2025-06-01',
      targetDate: '2027-06-01',
    });
    expect(await readingsDue(plan.id, '2026-05-31')).toEqual([]);
    expect(await readingsDue(plan.id, '2026-06-15')).toEqual([
      ['reading_due', 'Teacher retention', 'A reading was due on Jun 1, 2026'],
    ]);
  });
});

describe('what a deactivated person leaves behind', () => {
  it('their actions, measures and the reviews only they could give are shown to admins as needing a new owner', async () => {
    const district = await buildDistrict(t.db);
    const [head, lead] = await Promise.all([
      signIn(t.app, district.admin.email, testPassword),
      signIn(t.app, district.principal.email, testPassword),
    ]);
    const school = district.schools[3]!;
    const reviewer = await buildPrincipal(t.db, district.id, [school.id]);
    const { plan } = await buildPlan(t.db, district, { title: 'Plan of a district that changes' });
    const base = `/api/plans/${plan.id}`;
    const [overdue, later] = plan.stages[1]!.actions;
    for (const [action, dueDate] of [
      [overdue!, '2026-10-01'],
      [later!, '2027-03-01'],
    ] as const) {
      await write(head, 'patch', `${base}/actions/${action.id}`).send({
        dueDate,
        ownerUserId: district.viewer.id,
        version: 1,
      });
    }
    await buildRow(t.db, district, plan.id, 'measures', {
      name: 'Retention',
      frequency: 'annually',
      baselineDate: '2026-08-01',
      ownerUserId: district.viewer.id,
    });
    const role = await buildRoleInReview(t.db, district, plan.id, { title: 'Data lead', schoolIds: [school.id] });
    expect(role.status).toBe('in_review');

    const people = (await head.agent.get('/api/users')).body.users as { id: string; version: number }[];
    for (const id of [district.viewer.id, reviewer.id]) {
      const person = people.find((p) => p.id === id)!;
      const res = await write(head, 'patch', `/api/users/${id}`).send({ active: false, version: person.version });
      expect(res.status).toBe(200);
    }

    const mine = await attention(head, '?today=2026-11-28');
    const byTitle = (a: unknown[], b: unknown[]) => String(a[1]).localeCompare(String(b[1]));
    expect(
      summary(mine)
        .filter(([kind]) => kind === 'needs_new_owner')
        .sort(byTitle),
    ).toEqual(
      [
        ['needs_new_owner', 'Data lead', `In review, but ${school.name} has no active principal to review it`],
        ['needs_new_owner', overdue!.text, `Action owned by ${district.viewer.name}, who is deactivated`],
        ['needs_new_owner', later!.text, `Action owned by ${district.viewer.name}, who is deactivated`],
        ['needs_new_owner', 'Retention', `Measure owned by ${district.viewer.name}, who is deactivated`],
      ].sort(byTitle),
    );
    expect(summary(mine)).toContainEqual([
      'action_overdue',
      overdue!.text,
      `Due Oct 1, 2026; owner: ${district.viewer.name} (deactivated)`,
    ]);
    expect(mine.items.find((i) => i.title === 'Data lead')!.link).toBe(`/plans/${plan.id}/roles/${role.id}`);
    expect(mine.counts.needs_new_owner).toBe(4);
    // Waiting since its owner was deactivated: not since the action's due day (one is months ahead) nor the
    // measure's next reading.
    const { deactivated_at: deactivatedAt } = (await t
      .db('users')
      .select('deactivated_at')
      .where({ id: district.viewer.id })
      .first()) as { deactivated_at: Date };
    expect(
      mine.items
        .filter((i) => i.kind === 'needs_new_owner' && i.title !== 'Data lead')
        .map((i) => [i.title, i.since])
        .sort(byTitle),
    ).toEqual(
      [overdue!.text, later!.text, 'Retention'].map((title) => [title, deactivatedAt.toISOString()]).sort(byTitle),
    );
    // Only admins can give them a new owner; a principal is not asked.
    expect((await attention(lead)).counts.needs_new_owner).toBe(0);
  });
});
