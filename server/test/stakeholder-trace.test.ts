import request from 'supertest';
import type { HistoryPage } from '@planner/shared/history';
import type { Plan } from '@planner/shared/plan';
import { sharedPlanSchema, type ShareLinkWithUrl } from '@planner/shared/share-link';
import {
  notShapedWords,
  stakeholderInputListSchema,
  stakeholderInputSchema,
  type StakeholderInput,
} from '@planner/shared/stakeholder-input';
import { formatDate, todayIso } from '@planner/shared/format';
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
  buildRole,
  buildRow,
  testPassword,
  tokenOf,
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

/** A plan with a stakeholder and one item of each kind an input may shape. */
async function planWithItems() {
  const { plan } = await buildPlan(t.db, lakeview);
  const stakeholder = await buildRow(t.db, lakeview, plan.id, 'stakeholders', { name: `Union ${unique()}` });
  const decision = await buildRow(t.db, lakeview, plan.id, 'decisions', { feature: 'Coaching cycle length' });
  const measure = await buildRow(t.db, lakeview, plan.id, 'measures', { name: 'Teacher retention' });
  const role = await buildRole(t.db, lakeview, plan.id, { title: 'Literacy coach' });
  const question = plan.stages[0]!.questions[0]!;
  const action = plan.stages[0]!.actions[0]!;
  return { plan, stakeholder, decision, measure, role, question, action };
}

const inputsUrl = (planId: string, stakeholderId: string) =>
  `/api/plans/${planId}/stakeholders/${stakeholderId}/inputs`;
const inputUrl = (planId: string, inputId: string) => `/api/plans/${planId}/stakeholder-inputs/${inputId}`;

async function listed(planId: string, who = admin): Promise<StakeholderInput[]> {
  const res = await who.agent.get(`/api/plans/${planId}/stakeholder-inputs`);
  expect(res.status).toBe(200);
  return stakeholderInputListSchema.parse(res.body).inputs;
}

async function record(planId: string, stakeholderId: string, body: Record<string, unknown> = {}) {
  const res = await write(admin, 'post', inputsUrl(planId, stakeholderId)).send({
    kind: 'meeting',
    heardOn: '2026-10-02',
    source: 'Joint design committee',
    summary: 'Release time must not be eaten by substitute coverage.',
    ...body,
  });
  expect(res.status).toBe(201);
  return stakeholderInputSchema.parse(res.body);
}

describe('recording what a stakeholder said', () => {
  it('an admin records input linked to an answer, an action, a role, a decision and a measure; everyone reads where it landed', async () => {
    const { plan, stakeholder, decision, measure, role, question, action } = await planWithItems();
    const input = await record(plan.id, stakeholder.id, {
      shaped: [
        { kind: 'answer', id: question.key },
        { kind: 'action', id: action.id },
        { kind: 'role', id: role.id },
        { kind: 'decision', id: decision.id },
        { kind: 'measure', id: measure.id },
      ],
    });
    expect(input).toMatchObject({ stakeholderId: stakeholder.id, stakeholderName: stakeholder.name, version: 1 });
    expect(input.shaped.map((s) => [s.kind, s.label, s.broken])).toEqual([
      ['answer', question.text, false],
      ['action', action.text, false],
      ['role', 'Literacy coach', false],
      ['decision', 'Coaching cycle length', false],
      ['measure', 'Teacher retention', false],
    ]);
    for (const who of [principal, viewer]) expect(await listed(plan.id, who)).toEqual([input]);
  });

  it('when a principal or a viewer records, changes or removes input, then it answers 403 and nothing changes', async () => {
    const { plan, stakeholder } = await planWithItems();
    const input = await record(plan.id, stakeholder.id);
    for (const who of [principal, viewer]) {
      const body = { kind: 'note', heardOn: '2026-10-03', summary: 'From a reader' };
      expect((await write(who, 'post', inputsUrl(plan.id, stakeholder.id)).send(body)).status).toBe(403);
      const patch = await write(who, 'patch', inputUrl(plan.id, input.id)).send({ summary: 'Changed', version: 1 });
      expect(patch.status).toBe(403);
      expect((await write(who, 'delete', `${inputUrl(plan.id, input.id)}?version=1`)).status).toBe(403);
    }
    expect(await listed(plan.id)).toEqual([input]);
  });

  it('when a change carries a stale version, then it answers 409 with the current input and keeps it', async () => {
    const { plan, stakeholder } = await planWithItems();
    const input = await record(plan.id, stakeholder.id);
    const first = await write(admin, 'patch', inputUrl(plan.id, input.id)).send({ summary: 'First', version: 1 });
    expect(first.status).toBe(200);
    expect(stakeholderInputSchema.parse(first.body)).toMatchObject({ summary: 'First', version: 2 });
    const stale = await write(admin, 'patch', inputUrl(plan.id, input.id)).send({ summary: 'Second', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ id: input.id, summary: 'First', version: 2 });
    expect((await listed(plan.id))[0]).toMatchObject({ summary: 'First', version: 2 });
  });

  it('when input is bad, then it answers 400 naming each field, and 404 for a stakeholder not of the plan', async () => {
    const { plan, stakeholder } = await planWithItems();
    const other = await buildPlan(t.db, lakeview);
    const elsewhere = await buildRow(t.db, lakeview, other.plan.id, 'decisions');
    const bad = await write(admin, 'post', inputsUrl(plan.id, stakeholder.id)).send({
      kind: 'rumour',
      heardOn: '2026-13-40',
      summary: '   ',
      shaped: [
        { kind: 'answer', id: 'a' },
        { kind: 'answer', id: 'a' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    const fields = (bad.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['heardOn', 'kind', 'shaped', 'summary']);

    const notInPlan = await write(admin, 'post', inputsUrl(plan.id, stakeholder.id)).send({
      kind: 'note',
      heardOn: '2026-10-02',
      summary: 'Linked to another plan',
      shaped: [{ kind: 'decision', id: elsewhere.id }],
    });
    expect(notInPlan.status).toBe(400);
    expect(notInPlan.body.errors).toEqual([expect.objectContaining({ field: 'shaped.0' })]);

    const ghost = await write(admin, 'post', inputsUrl(plan.id, elsewhere.id)).send({
      kind: 'note',
      heardOn: '2026-10-02',
      summary: 'Under a stakeholder of no plan of ours',
    });
    expect(ghost.status).toBe(404);

    // What was heard has happened: a day after today anywhere on Earth is refused.
    const ahead = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const future = await write(admin, 'post', inputsUrl(plan.id, stakeholder.id)).send({
      kind: 'meeting',
      heardOn: ahead,
      summary: 'Not said yet',
    });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([
      expect.objectContaining({
        field: 'heardOn',
        message: 'must be today or earlier: an input records what was heard',
      }),
    ]);
    expect(await listed(plan.id)).toEqual([]);
  });

  it('when a linked item is removed, then the link shows as broken, never gone, and the input can still be edited', async () => {
    const { plan, stakeholder, decision, measure } = await planWithItems();
    const input = await record(plan.id, stakeholder.id, {
      shaped: [
        { kind: 'decision', id: decision.id },
        { kind: 'measure', id: measure.id },
      ],
    });
    expect((await write(admin, 'delete', `/api/plans/${plan.id}/decisions/${decision.id}?version=1`)).status).toBe(204);
    const [after] = await listed(plan.id);
    expect(after!.shaped).toEqual([
      { kind: 'decision', id: decision.id, label: '', stageKey: null, broken: true },
      expect.objectContaining({ kind: 'measure', broken: false }),
    ]);
    const edited = await write(admin, 'patch', inputUrl(plan.id, input.id)).send({
      summary: 'Still what we heard',
      shaped: after!.shaped.map(({ kind, id }) => ({ kind, id })),
      version: 1,
    });
    expect(edited.status).toBe(200);
    expect(stakeholderInputSchema.parse(edited.body).shaped[0]).toMatchObject({ broken: true });
  });

  it('when the stakeholder is removed, then their input goes with them', async () => {
    const { plan, stakeholder } = await planWithItems();
    await record(plan.id, stakeholder.id);
    expect(
      (await write(admin, 'delete', `/api/plans/${plan.id}/stakeholders/${stakeholder.id}?version=1&inputs=1`)).status,
    ).toBe(204);
    expect(await listed(plan.id)).toEqual([]);
  });

  it('another district sees nothing of it: every route answers 404', async () => {
    const { plan, stakeholder } = await planWithItems();
    const input = await record(plan.id, stakeholder.id);
    expect((await otherAdmin.agent.get(`/api/plans/${plan.id}/stakeholder-inputs`)).status).toBe(404);
    const post = await write(otherAdmin, 'post', inputsUrl(plan.id, stakeholder.id)).send({
      kind: 'note',
      heardOn: '2026-10-02',
      summary: 'From another district',
    });
    expect(post.status).toBe(404);
    const patch = await write(otherAdmin, 'patch', inputUrl(plan.id, input.id)).send({ summary: 'x', version: 1 });
    expect(patch.status).toBe(404);
    expect((await write(otherAdmin, 'delete', `${inputUrl(plan.id, input.id)}?version=1`)).status).toBe(404);
    expect(await listed(plan.id)).toEqual([input]);
  });
});

describe("when an input was heard, in the district's time zone", () => {
  it("when an input is dated tomorrow in the district's time zone, though today somewhere on Earth, then it answers 400 saying the district's today, and keeps the input as it was", async () => {
    const honolulu = await buildDistrict(t.db);
    await t.db('districts').where({ id: honolulu.id }).update({ time_zone: 'Pacific/Honolulu' });
    const honoluluAdmin = await signIn(t.app, honolulu.admin.email, testPassword);
    const { plan } = await buildPlan(t.db, honolulu);
    const stakeholder = await buildRow(t.db, honolulu, plan.id, 'stakeholders', { name: `Union ${unique()}` });
    // Honolulu is 24 hours behind UTC+14: its tomorrow is always today somewhere.
    const today = todayIso('Pacific/Honolulu');
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const refusal = [
      {
        in: 'body',
        field: 'heardOn',
        message: `must be today (${formatDate(today)} in the district's time zone) or earlier: an input records what was heard`,
      },
    ];
    const body = { kind: 'meeting', source: 'Joint design committee', summary: 'Coverage eats release time.' };

    const ahead = await write(honoluluAdmin, 'post', inputsUrl(plan.id, stakeholder.id)).send({
      ...body,
      heardOn: tomorrow,
    });
    expect([ahead.status, ahead.body.errors]).toEqual([400, refusal]);
    const taken = await write(honoluluAdmin, 'post', inputsUrl(plan.id, stakeholder.id)).send({
      ...body,
      heardOn: today,
    });
    expect(taken.status).toBe(201);
    const moved = await write(honoluluAdmin, 'patch', inputUrl(plan.id, taken.body.id)).send({
      heardOn: tomorrow,
      version: 1,
    });
    expect([moved.status, moved.body.errors]).toEqual([400, refusal]);
    expect((await listed(plan.id, honoluluAdmin)).map((i) => [i.heardOn, i.version])).toEqual([[today, 1]]);
  });
});

describe('history, comments, copies and the board', () => {
  it('records each input in the history in words, and takes comments on it', async () => {
    const { plan, stakeholder } = await planWithItems();
    const input = await record(plan.id, stakeholder.id, { summary: 'Teachers asked for common planning time.' });
    await write(admin, 'patch', inputUrl(plan.id, input.id)).send({ source: 'Spring survey', version: 1 });
    const history = (await admin.agent.get(`/api/plans/${plan.id}/history?kind=input`)).body as HistoryPage;
    expect(history.entries.map((e) => [e.operation, e.itemLabel])).toEqual([
      ['changed', 'Input: Teachers asked for common planning time.'],
      ['created', 'Input: Teachers asked for common planning time.'],
    ]);
    expect(history.entries[0]!.changes).toEqual([
      { field: 'source', label: 'Source', before: 'Joint design committee', after: 'Spring survey' },
    ]);

    const comment = await write(principal, 'post', `/api/plans/${plan.id}/comments`).send({
      subject: { kind: 'input', id: input.id },
      body: 'Which schools said this?',
    });
    expect(comment.status).toBe(201);
    const threads = await admin.agent.get(`/api/plans/${plan.id}/comments?subjectKind=input&subjectId=${input.id}`);
    expect(threads.status).toBe(200);
    expect(threads.body.threads).toEqual([
      expect.objectContaining({
        subject: expect.objectContaining({ kind: 'input', label: 'Input: Teachers asked for common planning time.' }),
      }),
    ]);
  });

  it('a removed input comes back from its line of the history, with its links', async () => {
    const { plan, stakeholder, measure } = await planWithItems();
    const input = await record(plan.id, stakeholder.id, { shaped: [{ kind: 'measure', id: measure.id }] });
    expect((await write(admin, 'delete', `${inputUrl(plan.id, input.id)}?version=1`)).status).toBe(204);
    const history = (await admin.agent.get(`/api/plans/${plan.id}/history?kind=input`)).body as HistoryPage;
    const removal = history.entries.find((e) => e.operation === 'removed')!;
    expect(removal.restorable).toBe(true);
    const restored = await write(admin, 'post', `/api/plans/${plan.id}/history/${removal.id}/restore`).send({});
    expect(restored.status).toBeLessThan(300);
    expect(await listed(plan.id)).toEqual([expect.objectContaining({ id: input.id, shaped: input.shaped })]);
  });

  it('an earlier version that named an item removed since comes back with that link shown as broken', async () => {
    const { plan, stakeholder, decision } = await planWithItems();
    const input = await record(plan.id, stakeholder.id, { shaped: [{ kind: 'decision', id: decision.id }] });
    const unlinked = await write(admin, 'patch', inputUrl(plan.id, input.id)).send({ shaped: [], version: 1 });
    expect(unlinked.status).toBe(200);
    expect((await write(admin, 'delete', `/api/plans/${plan.id}/decisions/${decision.id}?version=1`)).status).toBe(204);
    const history = (await admin.agent.get(`/api/plans/${plan.id}/history?kind=input`)).body as HistoryPage;
    // The value as it was created: linked to the decision.
    const created = history.entries.find((e) => e.operation === 'created')!;
    const restored = await write(admin, 'post', `/api/plans/${plan.id}/history/${created.id}/restore`).send({
      version: 2,
    });
    expect(restored.status).toBeLessThan(300);
    const [back] = await listed(plan.id);
    expect(back!.shaped).toEqual([{ kind: 'decision', id: decision.id, label: '', stageKey: null, broken: true }]);
  });

  it('an input that shaped nothing yet comes back from the history too, still linked to nothing', async () => {
    const { plan, stakeholder } = await planWithItems();
    const input = await record(plan.id, stakeholder.id, { shaped: [] });
    expect((await write(admin, 'delete', `${inputUrl(plan.id, input.id)}?version=1`)).status).toBe(204);
    const history = (await admin.agent.get(`/api/plans/${plan.id}/history?kind=input`)).body as HistoryPage;
    const removal = history.entries.find((e) => e.operation === 'removed')!;
    const restored = await write(admin, 'post', `/api/plans/${plan.id}/history/${removal.id}/restore`).send({});
    expect(restored.status).toBeLessThan(300);
    expect(await listed(plan.id)).toEqual([expect.objectContaining({ id: input.id, shaped: [] })]);
  });

  it('a copy of the plan keeps each input under the copied stakeholder, linked to the copied items', async () => {
    const { plan, stakeholder, decision, measure, question, action, role } = await planWithItems();
    await record(plan.id, stakeholder.id, {
      shaped: [
        { kind: 'answer', id: question.key },
        { kind: 'action', id: action.id },
        { kind: 'decision', id: decision.id },
        { kind: 'measure', id: measure.id },
        { kind: 'role', id: role.id },
      ],
    });
    const res = await write(admin, 'post', `/api/plans/${plan.id}/copy`).send({
      title: `Next year ${unique()}`,
      schoolYear: '2027-28',
      copyRoles: true,
    });
    expect(res.status).toBe(201);
    const copy = res.body as Plan;
    const [copied] = await listed(copy.id);
    expect(copied).toMatchObject({ stakeholderId: copy.tables.stakeholders[0]!.id, stakeholderName: stakeholder.name });
    expect(copied!.shaped.map((s) => [s.kind, s.label, s.broken])).toEqual([
      ['answer', question.text, false],
      ['action', action.text, false],
      ['decision', 'Coaching cycle length', false],
      ['measure', 'Teacher retention', false],
      ['role', 'Literacy coach', false],
    ]);
    expect(copied!.shaped.find((s) => s.kind === 'decision')!.id).toBe(copy.tables.decisions[0]!.id);
    expect(await listed(plan.id)).toHaveLength(1);
  });

  it('a share link shows the trace only when it is ticked, naming only what the link itself shows', async () => {
    const { plan, stakeholder, decision, role } = await planWithItems();
    // The role is a draft: a board never sees its title, through the trace or otherwise.
    await record(plan.id, stakeholder.id, {
      shaped: [
        { kind: 'decision', id: decision.id },
        { kind: 'role', id: role.id },
      ],
    });
    const make = async (parts?: string[]) => {
      const res = await write(admin, 'post', `/api/plans/${plan.id}/share-links`).send(parts ? { parts } : {});
      expect(res.status).toBe(201);
      return res.body as ShareLinkWithUrl;
    };
    const sharedBy = async (link: ShareLinkWithUrl) =>
      sharedPlanSchema.parse((await request(t.app).get(`/api/shared/${tokenOf(link.url)}`)).body);
    const shared = await sharedBy(await make(['dashboard', 'stages', 'roles', 'trace']));
    expect(shared.trace).toEqual([
      {
        stakeholder: { name: stakeholder.name, kind: 'Union' },
        inputs: [
          {
            kind: 'meeting',
            heardOn: '2026-10-02',
            source: 'Joint design committee',
            summary: 'Release time must not be eaten by substitute coverage.',
            shaped: [{ kind: 'decision', label: 'Coaching cycle length' }],
            // The draft role it also shaped is left out, and the page says there is more than it shows.
            shapedNotShown: true,
          },
        ],
      },
    ]);
    // Without the stages, the decision is not named either; what was heard still is, and that it shaped
    // parts of the plan the link does not show (not that it is linked to nothing).
    const traceOnly = await sharedBy(await make(['dashboard', 'trace']));
    const heard = traceOnly.trace![0]!.inputs[0]!;
    expect(heard).toMatchObject({ source: 'Joint design committee', shaped: [], shapedNotShown: true });
    expect(notShapedWords(heard)).toBe('It shaped parts of the plan this link does not show.');
    const plain = await make();
    expect(plain.parts).not.toContain('trace');
    const without = sharedPlanSchema.parse((await request(t.app).get(`/api/shared/${tokenOf(plain.url)}`)).body);
    expect(without.trace).toBeNull();
  });
});
