import type { Dashboard } from '@planner/shared/dashboard';
import { startTestApp, twoDistrictsSignedIn, write, type SignedInAgent, type TestApp } from './support/test-app';
import { buildPlan, buildReading, buildRole, buildRow, type TestDistrict } from './support/factories';

let t: TestApp;
let lakeview: TestDistrict;
let admin: SignedInAgent;
let viewer: SignedInAgent;
let otherAdmin: SignedInAgent;

beforeAll(async () => {
  t = await startTestApp();
  ({ lakeview, admin, viewer, otherAdmin } = await twoDistrictsSignedIn(t));
});
afterAll(() => t.close());

describe('the plan dashboard', () => {
  it('counts actions by status, lists the overdue ones with their owner, and shows measures and the cost of roles', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const [first, second] = plan.stages[0]!.actions;
    const base = `/api/plans/${plan.id}`;
    await write(admin, 'patch', `${base}/actions/${first!.id}`).send({
      status: 'in_progress',
      dueDate: '2026-03-01',
      ownerName: 'Cabinet',
      version: first!.version,
    });
    await write(admin, 'patch', `${base}/actions/${second!.id}`).send({
      status: 'done',
      dueDate: '2026-02-01',
      version: second!.version,
    });
    const third = plan.stages[1]!.actions[0]!;
    await write(admin, 'patch', `${base}/actions/${third.id}`).send({ notApplicable: true, version: third.version });
    await buildRow(t.db, lakeview, plan.id, 'fundingSources', { amountCents: 10_000_00, status: 'secured' });
    const measure = await buildRow(t.db, lakeview, plan.id, 'measures', {
      baseline: 48,
      baselineDate: '2025-09-01',
      target: 65,
      targetDate: '2026-09-01',
    });
    await buildReading(t.db, lakeview, plan.id, measure.id, { date: '2026-03-01', value: 40 });
    await buildRole(t.db, lakeview, plan.id, { positions: 2, stipendCents: 5_000_00, releasePercent: 0 });

    const res = await viewer.agent.get(`${base}/dashboard?today=2026-06-01`);
    expect(res.status).toBe(200);
    const dashboard = res.body as Dashboard;
    expect(dashboard.today).toBe('2026-06-01');
    expect(dashboard.stages[0]!.actions.byStatus).toMatchObject({ in_progress: 1, done: 1 });
    expect(dashboard.stages[1]!.actions.notApplicable).toBe(1);
    expect(dashboard.actionTotals.byStatus.done).toBe(1);
    // The done action is not overdue; the one in progress is, with its typed owner.
    expect(dashboard.overdueActions).toEqual([
      {
        id: first!.id,
        text: first!.text,
        stageKey: 'design',
        dueDate: '2026-03-01',
        status: 'in_progress',
        owner: 'Cabinet',
      },
    ]);
    expect(dashboard.measures).toEqual([
      expect.objectContaining({
        id: measure.id,
        status: 'off_track',
        latestReading: { date: '2026-03-01', value: 40 },
      }),
    ]);
    expect(dashboard.measureCounts).toMatchObject({ off_track: 1, on_track: 0 });
    expect(dashboard.roles.count).toBe(1);
    expect(dashboard.roles.budget.totalCents).toBe(10_000_00);
    expect(dashboard.roles.budget.years[0]).toMatchObject({ schoolYear: '2026-27', shortfallCents: 0 });

    // Judged on an earlier day, nothing was overdue yet.
    const earlier = (await admin.agent.get(`${base}/dashboard?today=2026-01-15`)).body as Dashboard;
    expect(earlier.overdueActions).toEqual([]);
  });

  it('refuses a malformed day, and another district sees no such plan', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const bad = await admin.agent.get(`/api/plans/${plan.id}/dashboard?today=tomorrow`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ in: 'query', field: 'today' })]);
    expect((await otherAdmin.agent.get(`/api/plans/${plan.id}/dashboard`)).status).toBe(404);
  });
});
