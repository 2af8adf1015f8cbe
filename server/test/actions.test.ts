import type { HighImpactAction, Plan } from '@planner/shared/plan';
import { startTestApp, twoDistrictsSignedIn, write, type SignedInAgent, type TestApp } from './support/test-app';
import { buildPlan, type TestDistrict } from './support/factories';

let t: TestApp;
let lakeview: TestDistrict;
let hillcrest: TestDistrict;
let admin: SignedInAgent;
let principal: SignedInAgent;
let otherAdmin: SignedInAgent;

beforeAll(async () => {
  t = await startTestApp();
  ({ lakeview, hillcrest, admin, principal, otherAdmin } = await twoDistrictsSignedIn(t));
});
afterAll(() => t.close());

const actionsOf = async (planId: string) =>
  ((await admin.agent.get(`/api/plans/${planId}`)).body as Plan).stages.flatMap((s) => s.actions);
const bulk = (who: SignedInAgent, planId: string, body: Record<string, unknown>) =>
  write(who, 'patch', `/api/plans/${planId}/actions`).send(body);
const ref = (a: HighImpactAction) => ({ id: a.id, version: a.version });

describe('several actions at once', () => {
  it('applies one status and one owner to the chosen actions only, each a new version in the history', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const [first, second, third] = await actionsOf(plan.id);
    const res = await bulk(admin, plan.id, {
      actions: [ref(first!), ref(third!)],
      status: 'in_progress',
      ownerUserId: lakeview.principal.id,
    });
    expect(res.status).toBe(200);
    expect((res.body.actions as HighImpactAction[]).map((a) => [a.id, a.status, a.ownerUserId, a.version])).toEqual([
      [first!.id, 'in_progress', lakeview.principal.id, 2],
      [third!.id, 'in_progress', lakeview.principal.id, 2],
    ]);
    const after = await actionsOf(plan.id);
    expect(after.find((a) => a.id === second!.id)).toMatchObject({ status: 'not_started', version: 1 });
    const history = (await admin.agent.get(`/api/plans/${plan.id}/history?kind=action`)).body;
    expect(history.entries.filter((e: { itemId: string }) => [first!.id, third!.id].includes(e.itemId))).toHaveLength(
      2,
    );

    // An owner alone, then clearing it: the status stays.
    const owner = await bulk(admin, plan.id, { actions: [{ id: first!.id, version: 2 }], ownerUserId: null });
    expect(owner.body.actions[0]).toMatchObject({ status: 'in_progress', ownerUserId: null, ownerName: null });
  });

  it('saves none when one was changed since it was loaded: 409 with every named action as it is now', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const [first, second] = await actionsOf(plan.id);
    await write(admin, 'patch', `/api/plans/${plan.id}/actions/${second!.id}`).send({ notes: 'Meanwhile', version: 1 });
    const res = await bulk(admin, plan.id, { actions: [ref(first!), ref(second!)], status: 'done' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('version_conflict');
    expect(res.body.detail).toBe(
      'Someone else changed one or more of these actions after you loaded them, so none was changed. Compare them as they are now and apply your change again.',
    );
    expect((res.body.current.actions as HighImpactAction[]).map((a) => [a.id, a.version]).sort()).toEqual(
      [
        [first!.id, 1],
        [second!.id, 2],
      ].sort(),
    );
    expect((await actionsOf(plan.id)).find((a) => a.id === first!.id)).toMatchObject({
      status: 'not_started',
      version: 1,
    });
  });

  it('when two people apply to the same actions at once, listed in other orders, then one is saved and the other answers 409', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const refs = (await actionsOf(plan.id)).map(ref);
    // Each names every action, one in the page's order and one reversed: locking them in the order given,
    // each would hold a row the other waits for.
    const answers = await Promise.all([
      bulk(admin, plan.id, { actions: refs, status: 'in_progress' }),
      bulk(admin, plan.id, { actions: [...refs].reverse(), status: 'done' }),
    ]);
    expect(answers.map((res) => res.status).sort()).toEqual([200, 409]);
    const saved = answers.find((res) => res.status === 200)!.body as { actions: HighImpactAction[] };
    // In the order the request named them.
    expect(saved.actions.map((a) => a.id)).toEqual(
      (answers[0]!.status === 200 ? refs : [...refs].reverse()).map((a) => a.id),
    );
    const status = saved.actions[0]!.status;
    expect((await actionsOf(plan.id)).every((a) => a.status === status && a.version === 2)).toBe(true);
  });

  it.each([
    [
      'no change to apply',
      (a: HighImpactAction[]) => ({ actions: [ref(a[0]!)] }),
      'status',
      'choose a status or an owner',
    ],
    ['no actions', () => ({ actions: [], status: 'done' }), 'actions', 'must name at least one action'],
    [
      'one action twice',
      (a: HighImpactAction[]) => ({ actions: [ref(a[0]!), ref(a[0]!)], status: 'done' }),
      'actions',
      'must not name an action twice',
    ],
    [
      'an unknown status',
      (a: HighImpactAction[]) => ({ actions: [ref(a[0]!)], status: 'finished' }),
      'status',
      'must be one of',
    ],
    [
      'an action of another plan',
      (a: HighImpactAction[]) => ({
        actions: [ref(a[0]!), { id: '7a1c2a4e-0000-4000-8000-000000000000', version: 1 }],
        status: 'done',
      }),
      'actions',
      'one is not an action of this plan',
    ],
  ])('%s answers 400 on the field and saves nothing', async (_, body, field, message) => {
    const { plan } = await buildPlan(t.db, lakeview);
    const actions = await actionsOf(plan.id);
    const res = await bulk(admin, plan.id, body(actions));
    expect(res.status).toBe(400);
    expect((res.body.errors as { field: string; message: string }[]).find((e) => e.field === field)?.message).toContain(
      message,
    );
    expect((await actionsOf(plan.id)).every((a) => a.version === 1)).toBe(true);
  });

  it('an owner outside the district is refused; principals and other districts cannot change actions', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const [first] = await actionsOf(plan.id);
    const stranger = await bulk(admin, plan.id, { actions: [ref(first!)], ownerUserId: hillcrest.admin.id });
    expect(stranger.status).toBe(400);
    expect(stranger.body.errors[0]).toMatchObject({
      field: 'ownerUserId',
      message: 'is not a person of your district',
    });
    expect((await bulk(principal, plan.id, { actions: [ref(first!)], status: 'done' })).status).toBe(403);
    expect((await bulk(otherAdmin, plan.id, { actions: [ref(first!)], status: 'done' })).status).toBe(404);
    expect((await actionsOf(plan.id))[0]).toMatchObject({ status: 'not_started', ownerUserId: null, version: 1 });
  });
});
