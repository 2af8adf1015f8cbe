import {
  logicModelCanvasSchema,
  logicModelEntrySchema,
  logicModelSchema,
  type LogicModel,
  type LogicModelEntry,
} from '@planner/shared/logic-model';
import { historyPageSchema } from '@planner/shared/history';
import { planSchema } from '@planner/shared/plan';
import { threadListSchema } from '@planner/shared/comment';
import { startTestApp, twoDistrictsSignedIn, write, type SignedInAgent, type TestApp } from './support/test-app';
import { buildPlan, buildRole, buildRow, unique, type TestDistrict } from './support/factories';

let t: TestApp;
let lakeview: TestDistrict;
let hillcrest: TestDistrict;
let admin: SignedInAgent;
let principal: SignedInAgent;
let viewer: SignedInAgent;
let otherAdmin: SignedInAgent;

beforeAll(async () => {
  t = await startTestApp();
  ({ lakeview, hillcrest, admin, principal, viewer, otherAdmin } = await twoDistrictsSignedIn(t));
});
afterAll(() => t.close());

const url = (planId: string) => `/api/plans/${planId}/logic-model`;
const entryUrl = (planId: string, entryId: string) => `${url(planId)}/entries/${entryId}`;

async function readModel(planId: string, who = admin): Promise<LogicModel> {
  const res = await who.agent.get(url(planId));
  expect(res.status).toBe(200);
  return logicModelSchema.parse(res.body);
}

async function addEntry(planId: string, body: Record<string, unknown>): Promise<LogicModelEntry> {
  const res = await write(admin, 'post', `${url(planId)}/entries`).send(body);
  expect(res.status).toBe(201);
  return logicModelEntrySchema.parse(res.body);
}

/** A plan with one item of each kind an entry may link to. */
async function planWithItems() {
  const { plan, customActionId } = await buildPlan(t.db, lakeview);
  const funding = await buildRow(t.db, lakeview, plan.id, 'fundingSources', { name: `Title II ${unique()}` });
  const partner = await buildRow(t.db, lakeview, plan.id, 'partners', { name: `State university ${unique()}` });
  const measure = await buildRow(t.db, lakeview, plan.id, 'measures', { name: `Teacher retention ${unique()}` });
  const role = await buildRole(t.db, lakeview, plan.id, { title: `Instructional coach ${unique()}` });
  return { plan, actionId: customActionId, funding, partner, measure, role };
}

describe('the problem statement and goal', () => {
  it('an admin writes them, everyone of the district reads them, a stale save gets 409 and keeps the newer text', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    expect((await readModel(plan.id)).canvas).toEqual({
      id: null,
      problemStatement: '',
      goal: '',
      version: 1,
      updatedAt: null,
    });

    const saved = await write(admin, 'patch', url(plan.id)).send({
      problemStatement: 'Too few new teachers stay past year three.',
      version: 1,
    });
    expect(saved.status).toBe(200);
    expect(logicModelCanvasSchema.parse(saved.body)).toMatchObject({
      problemStatement: 'Too few new teachers stay past year three.',
      goal: '',
      version: 2,
    });
    const goal = await write(admin, 'patch', url(plan.id)).send({ goal: 'Keep 90% of new teachers', version: 2 });
    expect(goal.status).toBe(200);

    const stale = await write(admin, 'patch', url(plan.id)).send({ goal: 'From an old page', version: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    expect(stale.body.current).toMatchObject({ goal: 'Keep 90% of new teachers', version: 3 });

    for (const who of [principal, viewer]) {
      expect((await readModel(plan.id, who)).canvas).toMatchObject({
        problemStatement: 'Too few new teachers stay past year three.',
        goal: 'Keep 90% of new teachers',
        version: 3,
      });
    }
  });

  it('principals and viewers may not change them (403), and the text stays', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    for (const who of [principal, viewer]) {
      const res = await write(who, 'patch', url(plan.id)).send({ goal: 'Not mine to write', version: 1 });
      expect(res.status).toBe(403);
    }
    expect((await readModel(plan.id)).canvas.goal).toBe('');
  });
});

describe('entries and their links', () => {
  it('each part links to what it may, and the model reads in the chain order with the items named', async () => {
    const { plan, actionId, funding, partner, measure, role } = await planWithItems();
    const outcome = await addEntry(plan.id, {
      section: 'outcome',
      text: 'More new teachers stay',
      links: [{ kind: 'measure', id: measure.id }],
    });
    const output12 = await addEntry(plan.id, { section: 'output', horizon: 12, text: 'Every new teacher mentored' });
    const output1 = await addEntry(plan.id, {
      section: 'output',
      horizon: 1,
      text: 'Mentors matched',
      links: [{ kind: 'measure', id: measure.id }],
    });
    const activity = await addEntry(plan.id, {
      section: 'activity',
      text: 'Coaching cycles',
      links: [
        { kind: 'action', id: actionId },
        { kind: 'role', id: role.id },
      ],
    });
    const input = await addEntry(plan.id, {
      section: 'input',
      text: 'Stipends and training',
      links: [
        { kind: 'fundingSource', id: funding.id },
        { kind: 'partner', id: partner.id },
      ],
    });

    const model = await readModel(plan.id, viewer);
    expect(model.entries.map((e) => e.id)).toEqual([input.id, activity.id, output1.id, output12.id, outcome.id]);
    expect(model.entries[0]!.links).toEqual([
      { kind: 'fundingSource', id: funding.id, label: funding.name, broken: false },
      { kind: 'partner', id: partner.id, label: partner.name, broken: false },
    ]);
    expect(model.entries[1]!.links.map((l) => l.label)).toEqual([expect.stringContaining('Own action'), role.title]);
    expect(model.linkOptions).toEqual(
      expect.arrayContaining([
        { kind: 'measure', id: measure.id, label: measure.name },
        { kind: 'role', id: role.id, label: role.title },
      ]),
    );
  });

  it('bad input is answered 400 naming each field', async () => {
    const { plan, measure, actionId } = await planWithItems();
    const noHorizon = await write(admin, 'post', `${url(plan.id)}/entries`).send({ section: 'output', text: 'x' });
    expect(noHorizon.status).toBe(400);
    expect(noHorizon.body.errors).toEqual([expect.objectContaining({ field: 'horizon' })]);

    const wrongKind = await write(admin, 'post', `${url(plan.id)}/entries`).send({
      section: 'activity',
      text: 'Coaching',
      links: [{ kind: 'measure', id: measure.id }],
    });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.errors).toEqual([
      expect.objectContaining({ field: 'links.0.kind', message: expect.stringContaining('actions and') }),
    ]);

    const empty = await write(admin, 'post', `${url(plan.id)}/entries`).send({
      section: 'input',
      text: '  ',
      horizon: 3,
    });
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['horizon', 'text']);

    const entry = await addEntry(plan.id, { section: 'activity', text: 'Coaching' });
    const change = await write(admin, 'patch', entryUrl(plan.id, entry.id)).send({
      horizon: 3,
      links: [
        { kind: 'action', id: actionId },
        { kind: 'partner', id: measure.id },
      ],
      version: 1,
    });
    expect(change.status).toBe(400);
    expect(change.body.errors.map((e: { field: string }) => e.field)).toEqual(['horizon', 'links.1.kind']);
    expect((await readModel(plan.id)).entries[0]).toMatchObject({ text: 'Coaching', horizon: null, links: [] });
  });

  it('an entry is changed on its version (409 when stale) and removed; principals and viewers may do neither', async () => {
    const { plan, measure } = await planWithItems();
    const entry = await addEntry(plan.id, { section: 'outcome', text: 'Retention up' });
    const saved = await write(admin, 'patch', entryUrl(plan.id, entry.id)).send({
      text: 'Retention up by 10 points',
      links: [{ kind: 'measure', id: measure.id }],
      version: 1,
    });
    expect(saved.status).toBe(200);
    expect(logicModelEntrySchema.parse(saved.body)).toMatchObject({ version: 2, links: [{ id: measure.id }] });
    const stale = await write(admin, 'patch', entryUrl(plan.id, entry.id)).send({ text: 'Old page', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ text: 'Retention up by 10 points', version: 2 });

    for (const who of [principal, viewer]) {
      expect((await write(who, 'post', `${url(plan.id)}/entries`).send({ section: 'input', text: 'x' })).status).toBe(
        403,
      );
      expect((await write(who, 'patch', entryUrl(plan.id, entry.id)).send({ text: 'x', version: 2 })).status).toBe(403);
      expect((await write(who, 'delete', `${entryUrl(plan.id, entry.id)}?version=${entry.version}`)).status).toBe(403);
    }
    expect((await write(admin, 'delete', `${entryUrl(plan.id, entry.id)}?version=2`)).status).toBe(204);
    expect((await write(admin, 'delete', `${entryUrl(plan.id, entry.id)}?version=2`)).status).toBe(404);
    expect((await readModel(plan.id)).entries).toEqual([]);
  });

  it('a link to a removed measure shows as broken under its last name, and heals when the measure is brought back', async () => {
    const { plan, measure } = await planWithItems();
    const entry = await addEntry(plan.id, {
      section: 'outcome',
      text: 'Retention up',
      links: [{ kind: 'measure', id: measure.id }],
    });
    expect(
      (
        await write(
          admin,
          'delete',
          `/api/plans/${plan.id}/measures/${measure.id}?version=${measure.version}&readings=0`,
        )
      ).status,
    ).toBe(204);

    const broken = (await readModel(plan.id)).entries[0]!;
    expect(broken.links).toEqual([{ kind: 'measure', id: measure.id, label: measure.name, broken: true }]);
    expect((await readModel(plan.id)).linkOptions.some((o) => o.id === measure.id)).toBe(false);

    // Saving the entry again keeps the broken link (it is not silently dropped).
    const kept = await write(admin, 'patch', entryUrl(plan.id, entry.id)).send({
      text: 'Retention up a lot',
      links: broken.links.map((l) => ({ kind: l.kind, id: l.id })),
      version: entry.version,
    });
    expect(kept.status).toBe(200);
    expect(kept.body.links).toEqual([expect.objectContaining({ id: measure.id, broken: true })]);

    const history = historyPageSchema.parse(
      (await admin.agent.get(`/api/plans/${plan.id}/history?item=${measure.id}`)).body,
    );
    const removal = history.entries.find((e) => e.operation === 'removed')!;
    expect((await write(admin, 'post', `/api/plans/${plan.id}/history/${removal.id}/restore`).send({})).status).toBe(
      200,
    );
    expect((await readModel(plan.id)).entries[0]!.links).toEqual([
      { kind: 'measure', id: measure.id, label: measure.name, broken: false },
    ]);
  });

  it('a link to an item renamed and then removed shows as broken under the name it had last, for every kind of item', async () => {
    const { plan, actionId, funding, partner, measure, role } = await planWithItems();
    const input = await addEntry(plan.id, {
      section: 'input',
      text: 'Stipends',
      links: [
        { kind: 'fundingSource', id: funding.id },
        { kind: 'partner', id: partner.id },
      ],
    });
    const activity = await addEntry(plan.id, {
      section: 'activity',
      text: 'Coaching cycles',
      links: [
        { kind: 'action', id: actionId },
        { kind: 'role', id: role.id },
      ],
    });
    await addEntry(plan.id, { section: 'outcome', text: 'Retention up', links: [{ kind: 'measure', id: measure.id }] });

    const planUrl = `/api/plans/${plan.id}`;
    const renamed = async (path: string, body: Record<string, unknown>) => {
      const res = await write(admin, 'patch', `${planUrl}/${path}`).send(body);
      expect(res.status).toBe(200);
      return res.body as { version: number; status: string; reviews: unknown[] };
    };
    const action = planSchema
      .parse((await admin.agent.get(planUrl)).body)
      .stages.flatMap((s) => s.actions)
      .find((a) => a.id === actionId)!;
    const names = {
      fundingSource: `${funding.name} renamed`,
      partner: `${partner.name} renamed`,
      measure: `${measure.name} renamed`,
      action: `Own action renamed ${unique()}`,
      role: `${role.title} renamed`,
    };
    const f = await renamed(`funding-sources/${funding.id}`, { name: names.fundingSource, version: funding.version });
    const p = await renamed(`partners/${partner.id}`, { name: names.partner, version: partner.version });
    const m = await renamed(`measures/${measure.id}`, { name: names.measure, version: measure.version });
    const a = await renamed(`actions/${actionId}`, { text: names.action, version: action.version });
    const r = await renamed(`roles/${role.id}`, { title: names.role, version: role.version });
    for (const path of [
      `funding-sources/${funding.id}?version=${f.version}`,
      `partners/${partner.id}?version=${p.version}`,
      `measures/${measure.id}?version=${m.version}&readings=0`,
      `actions/${actionId}?version=${a.version}`,
      `roles/${role.id}?version=${r.version}&status=${r.status}&reviews=${r.reviews.length}`,
    ]) {
      expect((await write(admin, 'delete', `${planUrl}/${path}`)).status).toBe(204);
    }

    const model = await readModel(plan.id, viewer);
    expect(model.entries.flatMap((e) => e.links)).toEqual([
      { kind: 'fundingSource', id: funding.id, label: names.fundingSource, broken: true },
      { kind: 'partner', id: partner.id, label: names.partner, broken: true },
      { kind: 'action', id: actionId, label: names.action, broken: true },
      { kind: 'role', id: role.id, label: names.role, broken: true },
      { kind: 'measure', id: measure.id, label: names.measure, broken: true },
    ]);
    // A save of the entry answers it as the model shows it.
    const saved = await write(admin, 'patch', entryUrl(plan.id, activity.id)).send({
      text: 'Coaching cycles, twice',
      links: [
        { kind: 'action', id: actionId },
        { kind: 'role', id: role.id },
      ],
      version: activity.version,
    });
    expect(saved.status).toBe(200);
    expect(logicModelEntrySchema.parse(saved.body).links.map((l) => l.label)).toEqual([names.action, names.role]);
    expect((await readModel(plan.id)).entries.find((e) => e.id === input.id)!.links.map((l) => l.label)).toEqual([
      names.fundingSource,
      names.partner,
    ]);
  });

  it('a link to an item of another plan or district is refused (400)', async () => {
    const { plan } = await planWithItems();
    const elsewhere = await buildPlan(t.db, hillcrest);
    const theirMeasure = await buildRow(t.db, hillcrest, elsewhere.plan.id, 'measures');
    const res = await write(admin, 'post', `${url(plan.id)}/entries`).send({
      section: 'outcome',
      text: 'x',
      links: [{ kind: 'measure', id: theirMeasure.id }],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'links.0.id' })]);
  });
});

describe('across districts', () => {
  it("another district's admin gets 404 for the model and its entries, and changes nothing", async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const entry = await addEntry(plan.id, { section: 'input', text: 'Ours' });
    expect((await otherAdmin.agent.get(url(plan.id))).status).toBe(404);
    expect((await write(otherAdmin, 'patch', url(plan.id)).send({ goal: 'x', version: 1 })).status).toBe(404);
    expect(
      (await write(otherAdmin, 'post', `${url(plan.id)}/entries`).send({ section: 'input', text: 'x' })).status,
    ).toBe(404);
    expect((await write(otherAdmin, 'patch', entryUrl(plan.id, entry.id)).send({ text: 'x', version: 1 })).status).toBe(
      404,
    );
    expect((await write(otherAdmin, 'delete', `${entryUrl(plan.id, entry.id)}?version=${entry.version}`)).status).toBe(
      404,
    );
    const model = await readModel(plan.id);
    expect(model.canvas.goal).toBe('');
    expect(model.entries).toEqual([expect.objectContaining({ text: 'Ours', version: 1 })]);
  });
});

describe('history, comments and copies', () => {
  it('changes are in the history in words, and restoring an earlier text goes through the version check', async () => {
    const { plan, measure } = await planWithItems();
    await write(admin, 'patch', url(plan.id)).send({ problemStatement: 'First problem', version: 1 });
    const entry = await addEntry(plan.id, {
      section: 'output',
      horizon: 3,
      text: 'Cycles done',
      links: [{ kind: 'measure', id: measure.id }],
    });
    await write(admin, 'patch', entryUrl(plan.id, entry.id)).send({ text: 'Two cycles done', version: 1 });

    const page = historyPageSchema.parse((await viewer.agent.get(`/api/plans/${plan.id}/history`)).body);
    const [changed, created, canvas] = page.entries;
    expect(changed).toMatchObject({
      kind: 'logic_model_entry',
      operation: 'changed',
      itemLabel: 'Logic model, outputs, at 3 months: Two cycles done',
      changes: [{ label: 'Entry', before: 'Cycles done', after: 'Two cycles done' }],
    });
    expect(created).toMatchObject({ kind: 'logic_model_entry', operation: 'created' });
    expect(created!.changes).toEqual(
      expect.arrayContaining([{ field: 'links', label: 'Linked to', before: '', after: `Measure: ${measure.name}` }]),
    );
    expect(canvas).toMatchObject({
      kind: 'logic_model',
      itemLabel: 'Logic model',
      changes: [{ label: 'Problem statement', before: '', after: 'First problem' }],
    });

    const restored = await write(admin, 'post', `/api/plans/${plan.id}/history/${created!.id}/restore`).send({
      version: 2,
    });
    expect(restored.status).toBe(204);
    expect((await readModel(plan.id)).entries[0]).toMatchObject({ text: 'Cycles done', version: 3 });
  });

  it('a removed entry comes back from the history with its links', async () => {
    const { plan, measure } = await planWithItems();
    const entry = await addEntry(plan.id, {
      section: 'outcome',
      text: 'Kept',
      links: [{ kind: 'measure', id: measure.id }],
    });
    const bare = await addEntry(plan.id, { section: 'input', text: 'No links' });
    await write(admin, 'delete', `${entryUrl(plan.id, entry.id)}?version=${entry.version}`);
    await write(admin, 'delete', `${entryUrl(plan.id, bare.id)}?version=${bare.version}`);
    const page = historyPageSchema.parse(
      (await admin.agent.get(`/api/plans/${plan.id}/history?kind=logic_model_entry`)).body,
    );
    for (const removal of page.entries.filter((e) => e.operation === 'removed')) {
      expect((await write(admin, 'post', `/api/plans/${plan.id}/history/${removal.id}/restore`).send({})).status).toBe(
        200,
      );
    }
    const model = await readModel(plan.id);
    expect(model.entries).toEqual([
      expect.objectContaining({ id: bare.id, links: [] }),
      expect.objectContaining({ id: entry.id, links: [expect.objectContaining({ id: measure.id, broken: false })] }),
    ]);
  });

  it('a principal comments on an entry, and the thread names it', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const entry = await addEntry(plan.id, { section: 'activity', text: 'Coaching cycles' });
    const res = await write(principal, 'post', `/api/plans/${plan.id}/comments`).send({
      subject: { kind: 'logic_model_entry', id: entry.id },
      body: 'Which schools first?',
    });
    expect(res.status).toBe(201);
    const list = threadListSchema.parse(
      (await viewer.agent.get(`/api/plans/${plan.id}/comments?subjectKind=logic_model_entry&subjectId=${entry.id}`))
        .body,
    );
    expect(list.threads).toEqual([
      expect.objectContaining({
        subject: expect.objectContaining({ kind: 'logic_model_entry', label: 'Activities: Coaching cycles' }),
      }),
    ]);
  });

  it('a copy for the next year keeps the canvas and entries, linked to the copied items', async () => {
    const { plan, actionId, measure, role, funding } = await planWithItems();
    await write(admin, 'patch', url(plan.id)).send({ problemStatement: 'P', goal: 'G', version: 1 });
    await addEntry(plan.id, { section: 'input', text: 'Money', links: [{ kind: 'fundingSource', id: funding.id }] });
    await addEntry(plan.id, {
      section: 'activity',
      text: 'Coaching',
      links: [
        { kind: 'action', id: actionId },
        { kind: 'role', id: role.id },
      ],
    });
    await addEntry(plan.id, { section: 'outcome', text: 'Retention', links: [{ kind: 'measure', id: measure.id }] });
    const res = await write(admin, 'post', `/api/plans/${plan.id}/copy`).send({
      title: `Next year ${unique()}`,
      schoolYear: '2027-28',
      copyRoles: true,
    });
    expect(res.status).toBe(201);
    const copy = planSchema.parse(res.body);
    const model = await readModel(copy.id);
    expect(model.canvas).toMatchObject({ problemStatement: 'P', goal: 'G' });
    expect(model.entries.map((e) => e.text)).toEqual(['Money', 'Coaching', 'Retention']);
    for (const e of model.entries) {
      for (const link of e.links) {
        expect(link.broken).toBe(false);
        expect(model.linkOptions).toContainEqual({ kind: link.kind, id: link.id, label: link.label });
      }
    }
    expect(model.entries[1]!.links.map((l) => l.label)).toEqual([expect.stringContaining('Own action'), role.title]);
    // Last year's plan is untouched.
    expect((await readModel(plan.id)).entries[2]!.links[0]!.id).toBe(measure.id);
  });

  it('a copy without the roles leaves out the links to roles rather than show them as broken', async () => {
    const { plan, actionId, role } = await planWithItems();
    await addEntry(plan.id, {
      section: 'activity',
      text: 'Coaching',
      links: [
        { kind: 'action', id: actionId },
        { kind: 'role', id: role.id },
      ],
    });
    const res = await write(admin, 'post', `/api/plans/${plan.id}/copy`).send({
      title: `Next year ${unique()}`,
      schoolYear: '2027-28',
      copyRoles: false,
    });
    expect(res.status).toBe(201);
    const model = await readModel(planSchema.parse(res.body).id);
    expect(model.entries[0]!.links.map((l) => [l.kind, l.broken])).toEqual([['action', false]]);
  });
});
