import type { Plan, PlanSummary } from '@planner/shared/plan';
import { inDistrict } from '../src/db/district-scope';
import { PlanListCache } from '../src/features/plans/list-cache';
import { listPlans } from '../src/features/plans/service';
import { buildPlan, signedInUserOf, type TestDistrict } from './support/factories';
import { startTestApp, twoDistrictsSignedIn, write, type SignedInAgent, type TestApp } from './support/test-app';

/** The district's plans list, kept in memory while nothing it shows has changed (features/plans/list-cache.ts). */

let t: TestApp;
let lakeview: TestDistrict;
let hillcrest: TestDistrict;
let admin: SignedInAgent;
let otherAdmin: SignedInAgent;

beforeAll(async () => {
  t = await startTestApp();
  ({ lakeview, hillcrest, admin, otherAdmin } = await twoDistrictsSignedIn(t));
});
afterAll(() => t.close());

/** The list as the API answers it, as sent. */
async function listed(who = admin): Promise<string> {
  const res = await who.agent.get('/api/plans');
  expect(res.status).toBe(200);
  return res.text;
}

/** The list built afresh from the rows as they are now. */
async function builtNow(district: TestDistrict): Promise<string> {
  const plans = await inDistrict(t.db, district.id, (trx) => listPlans(trx, signedInUserOf(district)), {
    readOnly: true,
  });
  return JSON.stringify({ plans });
}

const idsIn = (text: string) => (JSON.parse(text) as { plans: PlanSummary[] }).plans.map((p) => p.id);

describe('kept plans lists', () => {
  it('a second list answers the kept one while nothing it shows has changed, and a change answers afresh', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const first = await listed();
    expect(first).toBe(await builtNow(lakeview));

    // A rename written with the triggers off counts no revision: the list kept before it is what answers.
    await t.db.transaction(async (trx) => {
      await trx.raw('set local session_replication_role = replica');
      await trx('plans').where({ id: plan.id }).update({ title: 'Renamed with the triggers off' });
    });
    expect(await listed()).toBe(first);

    // Any counted change answers the list as the rows are, the rename included.
    const question = plan.stages[0]!.questions[0]!;
    const saved = await write(admin, 'put', `/api/plans/${plan.id}/answers/${question.key}`).send({
      text: 'Reach more students.',
      version: question.answer.version,
    });
    expect(saved.status).toBe(200);
    const after = await listed();
    expect(after).toContain('Renamed with the triggers off');
    expect(after).toBe(await builtNow(lakeview));
  });

  it('each change a list shows is in the next list, made through the API or straight in the database', async () => {
    await listed();
    const created = await write(admin, 'post', '/api/plans').send({ title: 'Listed plan', schoolYear: '2031-32' });
    expect(created.status).toBe(201);
    const plan = created.body as Plan;
    expect(idsIn(await listed())).toContain(plan.id);

    const question = plan.stages[1]!.questions[0]!;
    await write(admin, 'put', `/api/plans/${plan.id}/answers/${question.key}`).send({
      text: 'Our context.',
      version: question.answer.version,
    });
    const progress = (text: string) =>
      (JSON.parse(text) as { plans: PlanSummary[] }).plans.find((p) => p.id === plan.id)!;
    expect(progress(await listed()).progress.answeredQuestions).toBe(1);

    const action = plan.stages[3]!.actions[0]!;
    await write(admin, 'patch', `/api/plans/${plan.id}/actions/${action.id}`).send({
      status: 'done',
      version: action.version,
    });
    expect(progress(await listed()).progress.doneActions).toBe(1);

    // Another process, or a person at the database, counts the plan's revision as the change commits.
    const other = plan.stages[1]!.actions[0]!;
    await t.db('plan_actions').where({ id: other.id }).update({ not_applicable: true });
    expect(await listed()).toBe(await builtNow(lakeview));

    const renamed = await write(admin, 'patch', `/api/plans/${plan.id}`).send({
      status: 'archived',
      version: plan.version,
    });
    expect(renamed.status).toBe(200);
    expect(progress(await listed()).status).toBe('archived');

    const copy = await write(admin, 'post', `/api/plans/${plan.id}/copy`).send({
      title: 'Listed plan, next year',
      schoolYear: '2032-33',
    });
    expect(copy.status).toBe(201);
    expect(idsIn(await listed())).toContain((copy.body as Plan).id);

    const { revision } = (await admin.agent.get(`/api/plans/${plan.id}/contents`)).body as { revision: number };
    expect((await write(admin, 'delete', `/api/plans/${plan.id}?revision=${revision}`)).status).toBe(204);
    const last = await listed();
    expect(idsIn(last)).not.toContain(plan.id);
    expect(last).toBe(await builtNow(lakeview));
  });

  it("each district is answered its own list, never another's kept one", async () => {
    const { plan: lakeviewPlan } = await buildPlan(t.db, lakeview);
    const { plan: hillcrestPlan } = await buildPlan(t.db, hillcrest);
    const ours = await listed(admin);
    const theirs = await listed(otherAdmin);
    expect(idsIn(ours)).toContain(lakeviewPlan.id);
    expect(idsIn(ours)).not.toContain(hillcrestPlan.id);
    expect(idsIn(theirs)).toContain(hillcrestPlan.id);
    expect(idsIn(theirs)).not.toContain(lakeviewPlan.id);
    expect(await listed(admin)).toBe(ours);
    expect(await listed(otherAdmin)).toBe(theirs);
  });

  it('a process that keeps less list text than its districts have still answers each its own list', async () => {
    // Room for the longer of the two lists alone: each list answered pushes the other one out.
    const room = Math.max((await builtNow(lakeview)).length, (await builtNow(hillcrest)).length);
    for (const keepAtMost of [room, 1]) {
      const cache = new PlanListCache(keepAtMost);
      const listOf = (district: TestDistrict) =>
        inDistrict(t.db, district.id, (trx) => cache.json(trx, signedInUserOf(district)), { readOnly: true });
      for (const district of [lakeview, hillcrest, lakeview, lakeview, hillcrest]) {
        expect(await listOf(district)).toBe(await builtNow(district));
      }
    }
  });
});
