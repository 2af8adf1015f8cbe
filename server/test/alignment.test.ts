import {
  planAlignmentSchema,
  roleAlignmentSchema,
  type FactorResult,
  type PlanAlignment,
  type RoleAlignment,
} from '@planner/shared/alignment';
import { historyPageSchema } from '@planner/shared/history';
import { planSchema } from '@planner/shared/plan';
import { startTestApp, twoDistrictsSignedIn, write, type SignedInAgent, type TestApp } from './support/test-app';
import { buildPlan, buildRole, buildRow, unique, type TestDistrict } from './support/factories';

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

const roleUrl = (planId: string, roleId: string) => `/api/plans/${planId}/roles/${roleId}/alignment`;

async function roleAlignment(planId: string, roleId: string, who = admin): Promise<RoleAlignment> {
  const res = await who.agent.get(roleUrl(planId, roleId));
  expect(res.status).toBe(200);
  return roleAlignmentSchema.parse(res.body);
}
async function planAlignment(planId: string, who = admin): Promise<PlanAlignment> {
  const res = await who.agent.get(`/api/plans/${planId}/alignment`);
  expect(res.status).toBe(200);
  return planAlignmentSchema.parse(res.body);
}
const factor = (a: RoleAlignment, name: string): FactorResult => a.factors.find((f) => f.factor === name)!;

/** A plan with a grant-funded coach with 0% release, accountable for one measure, reach not estimated. */
async function planWithRole() {
  const { plan } = await buildPlan(t.db, lakeview);
  const measure = await buildRow(t.db, lakeview, plan.id, 'measures');
  const role = await buildRole(t.db, lakeview, plan.id, {
    title: `Coach ${unique()}`,
    releasePercent: 0,
    payFunding: 'grant',
    reachTeachers: null,
    measureIds: [measure.id],
    responsibilities: [
      { text: 'Lead coaching cycles', domains: [4, 3] },
      { text: 'Share research', domains: [2] },
    ],
  });
  return { plan, role };
}

describe('a role against the high-impact factors', () => {
  it('when a role is grant-funded with 0% release, then the role page says which factors it misses and why', async () => {
    const { plan, role } = await planWithRole();
    const a = await roleAlignment(plan.id, role.id);
    expect(factor(a, 'recurring_funding')).toMatchObject({ state: 'not_met', decidedBy: 'fields' });
    expect(factor(a, 'time_to_lead')).toMatchObject({
      state: 'not_met',
      reason: '0% release: no time in the school day to lead.',
    });
    expect(factor(a, 'reach')).toMatchObject({ state: 'needs_answer', answer: null });
    expect(factor(a, 'authority_accountability')).toMatchObject({ state: 'needs_answer', answer: null });
  });

  it('when the admin answers a factor, then it decides it; a second first answer or a stale version gets 409 with the current one', async () => {
    const { plan, role } = await planWithRole();
    const url = `${roleUrl(plan.id, role.id)}/authority_accountability`;
    const first = await write(admin, 'put', url).send({ answer: 'yes', note: 'Leads its team only', version: null });
    expect(first.status).toBe(200);
    expect(factor(roleAlignmentSchema.parse(first.body), 'authority_accountability')).toMatchObject({
      state: 'met',
      decidedBy: 'district',
      reason: 'The district answered yes. Leads its team only',
      answer: { answer: 'yes', note: 'Leads its team only', version: 1 },
    });
    const again = await write(admin, 'put', url).send({ answer: 'no', version: null });
    expect(again.status).toBe(409);
    expect((again.body as { current: { answer: string } }).current).toMatchObject({ answer: 'yes', version: 1 });
    const changed = await write(admin, 'put', url).send({ answer: 'no', note: '', version: 1 });
    expect(changed.status).toBe(200);
    expect(factor(roleAlignmentSchema.parse(changed.body), 'authority_accountability').state).toBe('not_met');
    const stale = await write(admin, 'put', url).send({ answer: 'yes', version: 1 });
    expect(stale.status).toBe(409);
    expect(factor(await roleAlignment(plan.id, role.id), 'authority_accountability').answer).toMatchObject({
      answer: 'no',
      version: 2,
    });
  });

  it('when the input is bad, then it answers 400 naming each field; a factor the fields decide cannot be answered', async () => {
    const { plan, role } = await planWithRole();
    const res = await write(admin, 'put', `${roleUrl(plan.id, role.id)}/reach`).send({ answer: 'maybe', version: 'x' });
    expect(res.status).toBe(400);
    expect((res.body as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual([
      'answer',
      'version',
    ]);
    const decided = await write(admin, 'put', `${roleUrl(plan.id, role.id)}/recurring_funding`).send({
      answer: 'yes',
      version: null,
    });
    expect(decided.status).toBe(400);
    expect(factor(await roleAlignment(plan.id, role.id), 'reach').answer).toBeNull();
  });

  it('principals and viewers read the alignment and may not answer; another district gets 404', async () => {
    const { plan, role } = await planWithRole();
    for (const who of [principal, viewer]) {
      expect((await roleAlignment(plan.id, role.id, who)).roleId).toBe(role.id);
      expect((await planAlignment(plan.id, who)).roles).toHaveLength(1);
      const res = await write(who, 'put', `${roleUrl(plan.id, role.id)}/reach`).send({ answer: 'yes', version: null });
      expect(res.status).toBe(403);
    }
    expect((await otherAdmin.agent.get(roleUrl(plan.id, role.id))).status).toBe(404);
    expect((await otherAdmin.agent.get(`/api/plans/${plan.id}/alignment`)).status).toBe(404);
    const theirs = await write(otherAdmin, 'put', `${roleUrl(plan.id, role.id)}/reach`).send({
      answer: 'yes',
      version: null,
    });
    expect(theirs.status).toBe(404);
    expect(factor(await roleAlignment(plan.id, role.id), 'reach').answer).toBeNull();
    // A role of another plan is not found under this one.
    const other = await buildPlan(t.db, lakeview);
    expect((await admin.agent.get(roleUrl(other.plan.id, role.id))).status).toBe(404);
  });
});

describe('the plan’s alignment', () => {
  it('counts the roles and responsibilities serving each standards domain, and names the domains no role serves', async () => {
    const { plan } = await planWithRole();
    await buildRole(t.db, lakeview, plan.id, {
      title: 'Data lead',
      responsibilities: [{ text: 'Run data meetings', domains: [5, 4] }],
    });
    const a = await planAlignment(plan.id);
    expect(a.domains.map((d) => [d.number, d.roles, d.responsibilities])).toEqual([
      [1, 0, 0],
      [2, 1, 1],
      [3, 1, 1],
      [4, 2, 2],
      [5, 1, 1],
      [6, 0, 0],
      [7, 0, 0],
    ]);
    expect(a.uncoveredDomains).toEqual([1, 6, 7]);
    expect(a.roles.map((r) => r.title)).toContain('Data lead');
  });

  it('an answer is in the plan’s history in words, under stage 4, naming the role and factor', async () => {
    const { plan, role } = await planWithRole();
    await write(admin, 'put', `${roleUrl(plan.id, role.id)}/reach`).send({
      answer: 'yes',
      note: 'Two teams',
      version: null,
    });
    const res = await admin.agent.get(`/api/plans/${plan.id}/history?kind=alignment`);
    const [entry] = historyPageSchema.parse(res.body).entries;
    expect(entry).toMatchObject({
      operation: 'created',
      itemLabel: `${role.title}: Reach`,
      stageKey: 'build',
      changes: [
        { field: 'answer', label: 'Answer', before: '', after: 'Yes' },
        { field: 'note', label: 'Note', before: '', after: 'Two teams' },
      ],
    });
  });

  it('when a plan is copied with its roles, then the answers follow the roles; removing a role removes its answers', async () => {
    const { plan, role } = await planWithRole();
    await write(admin, 'put', `${roleUrl(plan.id, role.id)}/reach`).send({ answer: 'no', version: null });
    const res = await write(admin, 'post', `/api/plans/${plan.id}/copy`).send({
      title: `Next year ${unique()}`,
      schoolYear: '2027-28',
      copyRoles: true,
    });
    expect(res.status).toBe(201);
    const copy = planSchema.parse(res.body);
    const [copied] = (await planAlignment(copy.id)).roles;
    expect(copied!.roleId).not.toBe(role.id);
    expect(factor(copied!, 'reach')).toMatchObject({ state: 'not_met', answer: { answer: 'no', version: 1 } });

    expect(
      (
        await write(
          admin,
          'delete',
          `/api/plans/${plan.id}/roles/${role.id}?version=${role.version}&status=${role.status}&reviews=${role.reviews.length}`,
        )
      ).status,
    ).toBe(204);
    expect(await t.db('plan_role_alignment_answers').where({ role_id: role.id })).toEqual([]);
    expect((await planAlignment(plan.id)).roles).toEqual([]);
  });
});
