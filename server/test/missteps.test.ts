import { needsAttentionSchema } from '@planner/shared/attention';
import { threadSchema } from '@planner/shared/comment';
import { historyPageSchema } from '@planner/shared/history';
import {
  maxMisstepsPerStage,
  misstepListSchema,
  misstepSchema,
  misstepStarters,
  type Misstep,
} from '@planner/shared/misstep';
import { planSchema } from '@planner/shared/plan';
import { startTestApp, twoDistrictsSignedIn, write, type SignedInAgent, type TestApp } from './support/test-app';
import { buildPlan, unique, type TestDistrict } from './support/factories';

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

const url = (planId: string, rest = '') => `/api/plans/${planId}/missteps${rest}`;

async function list(planId: string, who = admin): Promise<Misstep[]> {
  const res = await who.agent.get(url(planId));
  expect(res.status).toBe(200);
  return misstepListSchema.parse(res.body).missteps;
}

async function add(planId: string, body: Record<string, unknown> = {}): Promise<Misstep> {
  const res = await write(admin, 'post', url(planId)).send({ stageKey: 'build', text: `Misstep ${unique()}`, ...body });
  expect(res.status).toBe(201);
  return misstepSchema.parse(res.body);
}

describe('a stage’s missteps to avoid', () => {
  it('when an admin takes the starters into a stage with none, then the stage lists them as watched, in the district’s hands', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    expect(await list(plan.id)).toEqual([]);
    const res = await write(admin, 'post', url(plan.id, '/starters')).send({ stageKey: 'context' });
    expect(res.status).toBe(201);
    const taken = misstepListSchema.parse(res.body).missteps;
    expect(taken.map((m) => m.text)).toEqual(misstepStarters.context.map((s) => s.text));
    expect(taken.every((m) => m.status === 'watched' && m.stageKey === 'context' && m.starterKey !== null)).toBe(true);
    // The other stages keep none: starters are a choice per stage.
    expect((await list(plan.id)).map((m) => m.id).sort()).toEqual(taken.map((m) => m.id).sort());
  });

  it('when the stage has missteps already, then the starters are refused with 409 and nothing is added twice', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    await add(plan.id, { stageKey: 'design' });
    const res = await write(admin, 'post', url(plan.id, '/starters')).send({ stageKey: 'design' });
    expect(res.status).toBe(409);
    expect(await list(plan.id)).toHaveLength(1);
  });

  it('when an admin rewords a starter and marks it happening with a note, then it is saved with a new version', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const [first] = misstepListSchema.parse(
      (await write(admin, 'post', url(plan.id, '/starters')).send({ stageKey: 'build' })).body,
    ).missteps;
    const res = await write(admin, 'patch', url(plan.id, `/${first!.id}`)).send({
      text: 'Coaches asked to lead with no release time',
      status: 'happening',
      note: 'Two schools cut the release block',
      version: first!.version,
    });
    expect(res.status).toBe(200);
    expect(misstepSchema.parse(res.body)).toMatchObject({
      text: 'Coaches asked to lead with no release time',
      status: 'happening',
      note: 'Two schools cut the release block',
      version: first!.version + 1,
      starterKey: first!.starterKey,
    });
  });

  it('when a save carries a stale version, then it answers 409 with the misstep as it is and keeps the newer words', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const m = await add(plan.id);
    expect((await write(admin, 'patch', url(plan.id, `/${m.id}`)).send({ status: 'avoided', version: 1 })).status).toBe(
      200,
    );
    const stale = await write(admin, 'patch', url(plan.id, `/${m.id}`)).send({ status: 'happening', version: 1 });
    expect(stale.status).toBe(409);
    expect(misstepSchema.parse((stale.body as { current: unknown }).current)).toMatchObject({
      status: 'avoided',
      version: 2,
    });
    expect((await list(plan.id))[0]).toMatchObject({ status: 'avoided' });
  });

  it('when the input is bad, then it answers 400 naming each field, and nothing is saved', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const res = await write(admin, 'post', url(plan.id)).send({ stageKey: 'launch', text: '  ', status: 'maybe' });
    expect(res.status).toBe(400);
    const fields = (res.body as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
    expect(fields).toEqual(['stageKey', 'status', 'text']);
    const m = await add(plan.id);
    const patch = await write(admin, 'patch', url(plan.id, `/${m.id}`)).send({ note: 'x'.repeat(2001) });
    expect(patch.status).toBe(400);
    expect((patch.body as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual([
      'note',
      'version',
    ]);
    expect(await list(plan.id)).toHaveLength(1);
  });

  it('when an admin removes a misstep, then it is gone; removing it again is 404', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const m = await add(plan.id);
    expect((await write(admin, 'delete', url(plan.id, `/${m.id}?version=${m.version}`))).status).toBe(204);
    expect(await list(plan.id)).toEqual([]);
    expect((await write(admin, 'delete', url(plan.id, `/${m.id}?version=${m.version}`))).status).toBe(404);
  });
});

describe('who may read and write missteps', () => {
  it('principals and viewers read them, and may not add, change, take starters or remove', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const m = await add(plan.id);
    for (const who of [principal, viewer]) {
      expect((await list(plan.id, who)).map((x) => x.id)).toEqual([m.id]);
      expect((await write(who, 'post', url(plan.id)).send({ stageKey: 'build', text: 'Mine' })).status).toBe(403);
      expect((await write(who, 'post', url(plan.id, '/starters')).send({ stageKey: 'design' })).status).toBe(403);
      expect(
        (await write(who, 'patch', url(plan.id, `/${m.id}`)).send({ status: 'happening', version: 1 })).status,
      ).toBe(403);
      expect((await write(who, 'delete', url(plan.id, `/${m.id}?version=${m.version}`))).status).toBe(403);
    }
    expect(await list(plan.id)).toEqual([m]);
  });

  it('another district’s admin gets 404 for the plan and the misstep, and changes nothing', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const m = await add(plan.id);
    expect((await otherAdmin.agent.get(url(plan.id))).status).toBe(404);
    expect((await write(otherAdmin, 'post', url(plan.id)).send({ stageKey: 'build', text: 'Theirs' })).status).toBe(
      404,
    );
    expect((await write(otherAdmin, 'post', url(plan.id, '/starters')).send({ stageKey: 'design' })).status).toBe(404);
    expect(
      (await write(otherAdmin, 'patch', url(plan.id, `/${m.id}`)).send({ text: 'Theirs', version: 1 })).status,
    ).toBe(404);
    expect((await write(otherAdmin, 'delete', url(plan.id, `/${m.id}?version=${m.version}`))).status).toBe(404);
    expect(await list(plan.id)).toEqual([m]);
  });
});

describe('missteps in the rest of the plan', () => {
  it('a misstep marked happening needs the admin’s attention, with its stage and note, and leaves once avoided', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const m = await add(plan.id, {
      stageKey: 'measures',
      text: 'Nobody reviews the readings',
      status: 'happening',
      note: 'Since October',
    });
    const attention = async () => {
      const res = await admin.agent.get(`/api/needs-attention?planId=${plan.id}`);
      expect(res.status).toBe(200);
      return needsAttentionSchema.parse(res.body).items.filter((i) => i.kind === 'misstep_happening');
    };
    expect(await attention()).toEqual([
      expect.objectContaining({
        title: 'Nobody reviews the readings',
        detail: 'Stage 3: Define measures; Since October',
        link: `/plans/${plan.id}/stages/measures`,
      }),
    ]);
    await write(admin, 'patch', url(plan.id, `/${m.id}`)).send({ status: 'avoided', version: m.version });
    expect(await attention()).toEqual([]);
  });

  it('each change of a misstep is in the plan’s history in words, under its stage, and an earlier value can be restored', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const m = await add(plan.id, { stageKey: 'design', text: 'Roles before priorities' });
    await write(admin, 'patch', url(plan.id, `/${m.id}`)).send({ status: 'happening', version: 1 });
    const res = await admin.agent.get(`/api/plans/${plan.id}/history?kind=misstep`);
    const entries = historyPageSchema.parse(res.body).entries;
    expect(entries.map((e) => [e.operation, e.itemLabel, e.stageKey])).toEqual([
      ['changed', 'Roles before priorities', 'design'],
      ['created', 'Roles before priorities', 'design'],
    ]);
    expect(entries[0]!.changes).toEqual([
      { field: 'status', label: 'Status', before: 'Watching for it', after: 'Happening' },
    ]);
    expect(entries[0]!.actor).toEqual({ id: lakeview.admin.id, name: lakeview.admin.name });
    const restore = await write(admin, 'post', `/api/plans/${plan.id}/history/${entries[1]!.id}/restore`).send({
      version: 2,
    });
    expect(restore.status).toBe(204);
    expect((await list(plan.id))[0]).toMatchObject({ status: 'watched', version: 3 });
  });

  it(`when a stage has filled to its ${maxMisstepsPerStage} missteps since one was removed, then bringing it back answers 400 as adding one would, and nothing comes back`, async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const removed = await add(plan.id, { stageKey: 'measures', text: 'Removed misstep' });
    expect((await write(admin, 'delete', url(plan.id, `/${removed.id}?version=${removed.version}`))).status).toBe(204);
    for (let i = 0; i < maxMisstepsPerStage; i += 1) await add(plan.id, { stageKey: 'measures' });
    const past = await write(admin, 'post', url(plan.id)).send({ stageKey: 'measures', text: 'One more' });
    expect(past.status).toBe(400);

    const history = historyPageSchema.parse(
      (await admin.agent.get(`/api/plans/${plan.id}/history?item=${removed.id}`)).body,
    );
    const removal = history.entries.find((e) => e.operation === 'removed')!;
    const res = await write(admin, 'post', `/api/plans/${plan.id}/history/${removal.id}/restore`).send({});
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(past.body.errors);
    const missteps = await list(plan.id);
    expect(missteps).toHaveLength(maxMisstepsPerStage);
    expect(missteps.map((m) => m.id)).not.toContain(removed.id);
    // Another stage has room: a misstep of its own comes back.
    const other = await add(plan.id, { stageKey: 'design' });
    await write(admin, 'delete', url(plan.id, `/${other.id}?version=${other.version}`));
    const otherRemoval = historyPageSchema
      .parse((await admin.agent.get(`/api/plans/${plan.id}/history?item=${other.id}`)).body)
      .entries.find((e) => e.operation === 'removed')!;
    expect(
      (await write(admin, 'post', `/api/plans/${plan.id}/history/${otherRemoval.id}/restore`).send({})).status,
    ).toBe(200);
    expect((await list(plan.id)).map((m) => m.id)).toContain(other.id);
  });

  it('a principal comments on a misstep: the thread names it and its stage', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const m = await add(plan.id, { stageKey: 'context', text: 'Grant-only stipends' });
    const res = await write(principal, 'post', `/api/plans/${plan.id}/comments`).send({
      subject: { kind: 'misstep', id: m.id },
      body: 'Our school’s stipend ends with the grant.',
    });
    expect(res.status).toBe(201);
    expect(threadSchema.parse(res.body).subject).toMatchObject({
      kind: 'misstep',
      id: m.id,
      label: 'Grant-only stipends',
      stageKey: 'context',
    });
    const bad = await write(principal, 'post', `/api/plans/${plan.id}/comments`).send({
      subject: { kind: 'misstep', id: plan.id },
      body: 'Not a misstep',
    });
    expect(bad.status).toBe(400);
  });

  it('when a plan is copied to the next year, then its missteps come with it as they stand', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const m = await add(plan.id, {
      stageKey: 'build',
      text: 'Principals not prepared',
      status: 'happening',
      note: 'Spring',
    });
    const res = await write(admin, 'post', `/api/plans/${plan.id}/copy`).send({
      title: `Next year ${unique()}`,
      schoolYear: '2027-28',
    });
    expect(res.status).toBe(201);
    const copy = planSchema.parse(res.body);
    const copied = await list(copy.id);
    expect(copied).toEqual([
      expect.objectContaining({ stageKey: 'build', text: m.text, status: 'happening', note: 'Spring', version: 1 }),
    ]);
    expect(copied[0]!.id).not.toBe(m.id);
    expect(await list(plan.id)).toEqual([m]);
  });
});
