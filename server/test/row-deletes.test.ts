import type { Plan } from '@planner/shared/plan';
import * as logicModel from '../src/features/logic-model/service';
import * as missteps from '../src/features/missteps/service';
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
  buildPrincipal,
  buildReading,
  buildRole,
  buildRoleInReview,
  buildRow,
  buildStakeholderInput,
  signedInUserOf,
  type TestDistrict,
} from './support/factories';
import { untilOneWaitsOnALock } from './support/test-database';

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

type Row = Record<string, unknown> & { version: number };

/** One kind of row that a person deletes on its own: how to make one, change it, find it and name its delete. */
interface RowKind {
  kind: string;
  /** A fresh plan with one such row; `url` is the row's own address. */
  build: () => Promise<{ planId: string; url: string; row: Row }>;
  /** What a colleague saves to the row, with the request that saves it. */
  change: (url: string, row: Row) => { method: 'patch' | 'put'; url: string; body: Record<string, unknown> };
  /** What the change shows in the row as the API answers it. */
  changed: Record<string, unknown>;
  /** The row as the API lists it now, or undefined once it is gone. */
  find: (planId: string, url: string) => Promise<Row | undefined>;
  /** The query that names the version the person saw. */
  seen: (row: Row) => string;
}

const idOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

async function planOf(planId: string): Promise<Plan> {
  const res = await admin.agent.get(`/api/plans/${planId}`);
  expect(res.status).toBe(200);
  return res.body as Plan;
}

async function listed(url: string, key: string, id: string): Promise<Row | undefined> {
  const res = await admin.agent.get(url);
  expect(res.status).toBe(200);
  return (res.body as Record<string, Row[]>)[key]!.find((r) => r.id === id);
}

const versionOnly = (row: Row) => `version=${row.version}`;

const kinds: RowKind[] = [
  {
    kind: 'action of the plan',
    async build() {
      const { plan, customActionId } = await buildPlan(t.db, lakeview);
      const row = plan.stages.flatMap((s) => s.actions).find((a) => a.id === customActionId)!;
      return { planId: plan.id, url: `/api/plans/${plan.id}/actions/${row.id}`, row };
    },
    change: (url, row) => ({ method: 'patch', url, body: { notes: 'Rewritten by a colleague', version: row.version } }),
    changed: { notes: 'Rewritten by a colleague' },
    find: async (planId, url) =>
      (await planOf(planId)).stages.flatMap((s) => s.actions).find((a) => a.id === idOf(url)),
    seen: versionOnly,
  },
  {
    kind: 'question of the plan (its answer written since)',
    async build() {
      const { plan, customQuestionKey } = await buildPlan(t.db, lakeview);
      const row = plan.stages.flatMap((s) => s.questions).find((q) => q.key === customQuestionKey)!;
      return { planId: plan.id, url: `/api/plans/${plan.id}/questions/${row.key}`, row };
    },
    change: (url, row) => ({
      method: 'put',
      url: url.replace('/questions/', '/answers/'),
      body: { text: 'Answered by a colleague', version: (row.answer as { version: number }).version },
    }),
    changed: { answer: expect.objectContaining({ text: 'Answered by a colleague' }) },
    find: async (planId, url) =>
      (await planOf(planId)).stages.flatMap((s) => s.questions).find((q) => q.key === idOf(url)),
    seen: (row) => `version=${row.version}&answerVersion=${(row.answer as { version: number }).version}`,
  },
  {
    kind: 'reading of a measure',
    async build() {
      const { plan } = await buildPlan(t.db, lakeview);
      const measure = await buildRow(t.db, lakeview, plan.id, 'measures');
      const row = await buildReading(t.db, lakeview, plan.id, measure.id, { value: 40 });
      return { planId: plan.id, url: `/api/plans/${plan.id}/measures/${measure.id}/readings/${row.id}`, row };
    },
    change: (url, row) => ({ method: 'patch', url, body: { value: 44, version: row.version } }),
    changed: { value: 44 },
    find: async (planId, url) =>
      (await planOf(planId)).tables.measures.flatMap((m) => m.readings).find((r) => r.id === idOf(url)),
    seen: versionOnly,
  },
  {
    kind: 'row of a stage table',
    async build() {
      const { plan } = await buildPlan(t.db, lakeview);
      const row = await buildRow(t.db, lakeview, plan.id, 'priorities');
      return { planId: plan.id, url: `/api/plans/${plan.id}/priorities/${row.id}`, row };
    },
    change: (url, row) => ({ method: 'patch', url, body: { title: 'Retitled by a colleague', version: row.version } }),
    changed: { title: 'Retitled by a colleague' },
    find: (planId, url) => listed(`/api/plans/${planId}/priorities`, 'rows', idOf(url)),
    seen: versionOnly,
  },
  {
    kind: 'measure (a stage-table row with readings)',
    async build() {
      const { plan } = await buildPlan(t.db, lakeview);
      const row = await buildRow(t.db, lakeview, plan.id, 'measures');
      return { planId: plan.id, url: `/api/plans/${plan.id}/measures/${row.id}`, row };
    },
    change: (url, row) => ({ method: 'patch', url, body: { owner: 'A colleague', version: row.version } }),
    changed: { owner: 'A colleague' },
    find: (planId, url) => listed(`/api/plans/${planId}/measures`, 'rows', idOf(url)),
    seen: (row) => `version=${row.version}&readings=${((row.readings as unknown[] | undefined) ?? []).length}`,
  },
  {
    kind: 'stakeholder (a stage-table row with inputs)',
    async build() {
      const { plan } = await buildPlan(t.db, lakeview);
      const row = await buildRow(t.db, lakeview, plan.id, 'stakeholders');
      return { planId: plan.id, url: `/api/plans/${plan.id}/stakeholders/${row.id}`, row };
    },
    change: (url, row) => ({
      method: 'patch',
      url,
      body: { engagement: 'Co-designs the roles', version: row.version },
    }),
    changed: { engagement: 'Co-designs the roles' },
    find: (planId, url) => listed(`/api/plans/${planId}/stakeholders`, 'rows', idOf(url)),
    seen: (row) => `version=${row.version}&inputs=0`,
  },
  {
    kind: 'logic-model entry',
    async build() {
      const { plan } = await buildPlan(t.db, lakeview);
      const row = await logicModel.addEntry(t.db, signedInUserOf(lakeview), plan.id, {
        section: 'activity',
        horizon: null,
        text: 'Coaching cycles',
        links: [],
      });
      return { planId: plan.id, url: `/api/plans/${plan.id}/logic-model/entries/${row.id}`, row };
    },
    change: (url, row) => ({ method: 'patch', url, body: { text: 'Coaching cycles, weekly', version: row.version } }),
    changed: { text: 'Coaching cycles, weekly' },
    find: (planId, url) => listed(`/api/plans/${planId}/logic-model`, 'entries', idOf(url)),
    seen: versionOnly,
  },
  {
    kind: 'stakeholder input',
    async build() {
      const { plan } = await buildPlan(t.db, lakeview);
      const row = await buildStakeholderInput(t.db, lakeview, plan.id);
      return { planId: plan.id, url: `/api/plans/${plan.id}/stakeholder-inputs/${row.id}`, row };
    },
    change: (url, row) => ({ method: 'patch', url, body: { summary: 'Heard again, louder', version: row.version } }),
    changed: { summary: 'Heard again, louder' },
    find: (planId, url) => listed(`/api/plans/${planId}/stakeholder-inputs`, 'inputs', idOf(url)),
    seen: versionOnly,
  },
  {
    kind: 'role',
    async build() {
      const { plan } = await buildPlan(t.db, lakeview);
      const row = await buildRole(t.db, lakeview, plan.id);
      return { planId: plan.id, url: `/api/plans/${plan.id}/roles/${row.id}`, row };
    },
    change: (url, row) => ({ method: 'patch', url, body: { purpose: 'Coach K-3 teams', version: row.version } }),
    changed: { purpose: 'Coach K-3 teams' },
    find: (planId, url) => listed(`/api/plans/${planId}/roles`, 'roles', idOf(url)),
    seen: (row) => `version=${row.version}&status=${String(row.status)}&reviews=${(row.reviews as unknown[]).length}`,
  },
  {
    kind: 'misstep',
    async build() {
      const { plan } = await buildPlan(t.db, lakeview);
      const row = await missteps.addMisstep(t.db, signedInUserOf(lakeview), plan.id, {
        stageKey: 'build',
        text: 'Naming roles before the work they do',
        status: 'watched',
        note: '',
      });
      return { planId: plan.id, url: `/api/plans/${plan.id}/missteps/${row.id}`, row };
    },
    change: (url, row) => ({ method: 'patch', url, body: { note: 'We nearly did this', version: row.version } }),
    changed: { note: 'We nearly did this' },
    find: (planId, url) => listed(`/api/plans/${planId}/missteps`, 'missteps', idOf(url)),
    seen: versionOnly,
  },
];

describe.each(kinds)('deleting a $kind', ({ build, change, changed, find, seen }) => {
  it('when the delete carries the version from before a colleague changed it, then it answers 409 with the row as it is now and keeps it', async () => {
    const { planId, url, row } = await build();
    const edit = change(url, row);
    expect((await write(admin, edit.method, edit.url).send(edit.body)).status).toBe(200);

    const stale = await write(admin, 'delete', `${url}?${seen(row)}`);
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    expect(stale.body.detail).toMatch(/changed .* after you opened it, so it was not removed/);
    const now = await find(planId, url);
    expect(now).toMatchObject(changed);
    expect(stale.body.current).toEqual(now);
  });

  it('when the delete carries the version as it is, then it answers 204 and the row is gone', async () => {
    const { planId, url, row } = await build();
    const edit = change(url, row);
    await write(admin, edit.method, edit.url).send(edit.body);
    const now = (await find(planId, url))!;

    expect((await write(admin, 'delete', `${url}?${seen(now)}`)).status).toBe(204);
    expect(await find(planId, url)).toBeUndefined();
    expect((await write(admin, 'delete', `${url}?${seen(now)}`)).status).toBe(404);
  });

  it.each(['', '?version=', '?version=two', '?version=0', '?version=1.5', '?version=-3'])(
    'when the version is missing or not a whole number from 1 (%p), then it answers 400 naming version and keeps the row',
    async (query) => {
      const { planId, url, row } = await build();
      // The other versions a delete names (a question's answer) are sent right.
      const others = seen(row)
        .split('&')
        .filter((part) => !part.startsWith('version='));
      const sent = query === '' ? '' : `?${[query.slice(1), ...others].join('&')}`;
      const res = await write(admin, 'delete', `${url}${sent}`);
      expect(res.status).toBe(400);
      expect(res.body.errors).toContainEqual(expect.objectContaining({ in: 'query', field: 'version' }));
      expect(await find(planId, url)).toMatchObject({ version: row.version });
    },
  );

  it("another district's admin gets 404 with the right version, and the row stays", async () => {
    const { planId, url, row } = await build();
    expect((await write(otherAdmin, 'delete', `${url}?${seen(row)}`)).status).toBe(404);
    expect(await find(planId, url)).toMatchObject({ version: row.version });
  });
});

describe('deleting an own question', () => {
  it('when its wording changed since (its answer did not), then it answers 409 and keeps it', async () => {
    const { plan, customQuestionKey } = await buildPlan(t.db, lakeview);
    const question = plan.stages.flatMap((s) => s.questions).find((q) => q.key === customQuestionKey)!;
    const url = `/api/plans/${plan.id}/questions/${customQuestionKey}`;
    await write(admin, 'patch', url).send({ text: 'Reworded by a colleague', version: question.version });
    const stale = await write(admin, 'delete', `${url}?version=${question.version}&answerVersion=1`);
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ text: 'Reworded by a colleague', version: question.version + 1 });
  });

  it('without the answer version, then it answers 400 naming answerVersion', async () => {
    const { plan, customQuestionKey } = await buildPlan(t.db, lakeview);
    const res = await write(admin, 'delete', `/api/plans/${plan.id}/questions/${customQuestionKey}?version=1`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ in: 'query', field: 'answerVersion' })]);
  });
});

describe('deleting a role', () => {
  it('when its principal approved it since (its version is the same), then it answers 409 with it approved, and keeps it with its review', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const role = await buildRoleInReview(t.db, lakeview, plan.id);
    const url = `/api/plans/${plan.id}/roles/${role.id}`;
    expect((await decide(t.db, principal, url, { decision: 'approve' })).status).toBe(200);

    const stale = await write(admin, 'delete', `${url}?version=${role.version}&status=${role.status}&reviews=0`);
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ id: role.id, version: role.version, status: 'approved' });
    const kept = await admin.agent.get(url);
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ status: 'approved' });

    expect((await write(admin, 'delete', `${url}?version=${role.version}&status=approved&reviews=1`)).status).toBe(204);
    expect((await admin.agent.get(url)).status).toBe(404);
  });

  it('when one of its two principals approved it since (its version and status are the same), then it answers 409 with the decision, and keeps it', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    // One school led by the principal signed in here, one by another.
    const [ours, , theirs] = lakeview.schools;
    await buildPrincipal(t.db, lakeview.id, [theirs!.id]);
    const role = await buildRoleInReview(t.db, lakeview, plan.id, { schoolIds: [ours!.id, theirs!.id] });
    const url = `/api/plans/${plan.id}/roles/${role.id}`;
    expect((await decide(t.db, principal, url, { decision: 'approve' })).status).toBe(200);
    const now = (await admin.agent.get(url)).body as { status: string; reviews: unknown[] };
    expect(now).toMatchObject({ status: 'in_review' });
    expect(now.reviews).toHaveLength(1);

    const stale = await write(admin, 'delete', `${url}?version=${role.version}&status=in_review&reviews=0`);
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ id: role.id, status: 'in_review', reviews: [{ decision: 'approve' }] });
    expect((await admin.agent.get(url)).status).toBe(200);
  });

  it('without the status seen, then it answers 400 naming status', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const role = await buildRole(t.db, lakeview, plan.id);
    const res = await write(
      admin,
      'delete',
      `/api/plans/${plan.id}/roles/${role.id}?version=${role.version}&reviews=0`,
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ in: 'query', field: 'status' })]);
  });
});

describe('deleting a measure', () => {
  it('when a reading was recorded since the page showed it (its version is the same), then it answers 409 with the reading, and keeps both', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const measure = await buildRow(t.db, lakeview, plan.id, 'measures');
    await buildReading(t.db, lakeview, plan.id, measure.id, { value: 40 });
    const url = `/api/plans/${plan.id}/measures/${measure.id}`;
    const seen = (await listed(`/api/plans/${plan.id}/measures`, 'rows', measure.id))!;
    expect(seen.readings).toHaveLength(1);
    // A colleague records this term's reading while the dialog is open.
    await buildReading(t.db, lakeview, plan.id, measure.id, { value: 45 });

    const stale = await write(admin, 'delete', `${url}?version=${seen.version}&readings=1`);
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ id: measure.id, version: seen.version });
    expect((stale.body.current as { readings: { value: number }[] }).readings.map((r) => r.value)).toEqual([40, 45]);
    expect(await listed(`/api/plans/${plan.id}/measures`, 'rows', measure.id)).toMatchObject({ version: seen.version });

    expect((await write(admin, 'delete', `${url}?version=${seen.version}&readings=2`)).status).toBe(204);
    expect(await listed(`/api/plans/${plan.id}/measures`, 'rows', measure.id)).toBeUndefined();
  });

  it('when a reading was corrected since the page showed it (as many readings), then it answers 409 with the correction, and keeps it', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const measure = await buildRow(t.db, lakeview, plan.id, 'measures');
    await buildReading(t.db, lakeview, plan.id, measure.id, { value: 40 });
    const url = `/api/plans/${plan.id}/measures/${measure.id}`;
    const seen = (await listed(`/api/plans/${plan.id}/measures`, 'rows', measure.id))!;
    const [reading] = seen.readings as { id: string; version: number; updatedAt: string }[];
    const asSeen = `version=${seen.version}&readings=1&readingsChangedAt=${encodeURIComponent(reading!.updatedAt)}`;
    // A colleague corrects the reading while the dialog is open.
    const corrected = await write(admin, 'patch', `${url}/readings/${reading!.id}`).send({
      value: 42,
      version: reading!.version,
    });
    expect(corrected.status).toBe(200);

    const stale = await write(admin, 'delete', `${url}?${asSeen}`);
    expect(stale.status).toBe(409);
    expect((stale.body.current as { readings: { value: number }[] }).readings.map((r) => r.value)).toEqual([42]);
    const now = (stale.body.current as { readings: { updatedAt: string }[] }).readings[0]!.updatedAt;
    const again = `version=${seen.version}&readings=1&readingsChangedAt=${encodeURIComponent(now)}`;
    expect((await write(admin, 'delete', `${url}?${again}`)).status).toBe(204);
    expect(await listed(`/api/plans/${plan.id}/measures`, 'rows', measure.id)).toBeUndefined();
  });

  it('when a reading is being corrected as the removal runs, then the removal waits for it and answers 409, and keeps the correction', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const measure = await buildRow(t.db, lakeview, plan.id, 'measures');
    await buildReading(t.db, lakeview, plan.id, measure.id, { value: 40 });
    const url = `/api/plans/${plan.id}/measures/${measure.id}`;
    const seen = (await listed(`/api/plans/${plan.id}/measures`, 'rows', measure.id))!;
    const [reading] = seen.readings as { id: string; version: number; updatedAt: string }[];
    const asSeen = `version=${seen.version}&readings=1&readingsChangedAt=${encodeURIComponent(reading!.updatedAt)}`;
    // A lock held on the reading holds the correction back just before it writes, as a slow save would be.
    const trx = await t.db.transaction();
    try {
      await trx('plan_measure_readings').where({ id: reading!.id }).forUpdate().first('id');
      const correction = write(admin, 'patch', `${url}/readings/${reading!.id}`)
        .send({ value: 42, version: reading!.version })
        .then((res) => res);
      await untilOneWaitsOnALock(t.db);
      const removal = write(admin, 'delete', `${url}?${asSeen}`).then((res) => res);
      await untilOneWaitsOnALock(t.db, 2);
      await trx.commit();
      expect((await correction).status).toBe(200);
      expect((await removal).status).toBe(409);
    } finally {
      if (!trx.isCompleted()) await trx.rollback();
    }
    const now = (await listed(`/api/plans/${plan.id}/measures`, 'rows', measure.id))!;
    expect((now.readings as { value: number }[]).map((r) => r.value)).toEqual([42]);
  });

  it('with a moment that is not one, then it answers 400 naming readingsChangedAt', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const measure = await buildRow(t.db, lakeview, plan.id, 'measures');
    const url = `/api/plans/${plan.id}/measures/${measure.id}?version=${measure.version}&readings=0`;
    const res = await write(admin, 'delete', `${url}&readingsChangedAt=yesterday`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ in: 'query', field: 'readingsChangedAt' })]);
    expect(await listed(`/api/plans/${plan.id}/measures`, 'rows', measure.id)).toMatchObject({ id: measure.id });
  });

  it('without the number of readings seen, then it answers 400 naming readings', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const measure = await buildRow(t.db, lakeview, plan.id, 'measures');
    const res = await write(admin, 'delete', `/api/plans/${plan.id}/measures/${measure.id}?version=${measure.version}`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ in: 'query', field: 'readings' })]);
  });
});

describe('deleting a stakeholder', () => {
  const inputsOf = async (planId: string, stakeholderId: string) =>
    (
      (await admin.agent.get(`/api/plans/${planId}/stakeholder-inputs`)).body as {
        inputs: { stakeholderId: string; summary: string; updatedAt: string; version: number; id: string }[];
      }
    ).inputs.filter((i) => i.stakeholderId === stakeholderId);

  it('when an input was recorded from them since the page showed them (their version is the same), then it answers 409 and keeps them with both inputs', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const stakeholder = await buildRow(t.db, lakeview, plan.id, 'stakeholders');
    await buildStakeholderInput(t.db, lakeview, plan.id, stakeholder.id);
    const url = `/api/plans/${plan.id}/stakeholders/${stakeholder.id}`;
    expect(await inputsOf(plan.id, stakeholder.id)).toHaveLength(1);
    // A colleague records what was heard at this week's meeting while the dialog is open.
    await buildStakeholderInput(t.db, lakeview, plan.id, stakeholder.id);

    const stale = await write(admin, 'delete', `${url}?version=${stakeholder.version}&inputs=1`);
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toMatch(/changed .* after you opened it, so it was not removed/);
    expect(stale.body.current).toMatchObject({ id: stakeholder.id, version: stakeholder.version });
    expect(await listed(`/api/plans/${plan.id}/stakeholders`, 'rows', stakeholder.id)).toBeDefined();
    expect(await inputsOf(plan.id, stakeholder.id)).toHaveLength(2);

    expect((await write(admin, 'delete', `${url}?version=${stakeholder.version}&inputs=2`)).status).toBe(204);
    expect(await listed(`/api/plans/${plan.id}/stakeholders`, 'rows', stakeholder.id)).toBeUndefined();
    expect(await inputsOf(plan.id, stakeholder.id)).toEqual([]);
  });

  it('when an input was corrected since the page showed it (as many inputs), then it answers 409 and keeps the correction', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const stakeholder = await buildRow(t.db, lakeview, plan.id, 'stakeholders');
    await buildStakeholderInput(t.db, lakeview, plan.id, stakeholder.id);
    const url = `/api/plans/${plan.id}/stakeholders/${stakeholder.id}`;
    const [input] = await inputsOf(plan.id, stakeholder.id);
    const asSeen = (at: string) => `version=${stakeholder.version}&inputs=1&inputsChangedAt=${encodeURIComponent(at)}`;
    const corrected = await write(admin, 'patch', `/api/plans/${plan.id}/stakeholder-inputs/${input!.id}`).send({
      summary: 'Protect release time, and say so in writing.',
      version: input!.version,
    });
    expect(corrected.status).toBe(200);

    const stale = await write(admin, 'delete', `${url}?${asSeen(input!.updatedAt)}`);
    expect(stale.status).toBe(409);
    const [now] = await inputsOf(plan.id, stakeholder.id);
    expect(now).toMatchObject({ summary: 'Protect release time, and say so in writing.' });

    expect((await write(admin, 'delete', `${url}?${asSeen(now!.updatedAt)}`)).status).toBe(204);
    expect(await inputsOf(plan.id, stakeholder.id)).toEqual([]);
  });

  it('when an input is being recorded as the removal runs, then the removal waits for it and answers 409, and keeps both', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const stakeholder = await buildRow(t.db, lakeview, plan.id, 'stakeholders');
    const url = `/api/plans/${plan.id}/stakeholders/${stakeholder.id}`;
    // The input's insert holds the stakeholder's key until it commits, as the app's own insert does.
    const trx = await t.db.transaction();
    try {
      await trx('plan_stakeholder_inputs').insert({
        district_id: lakeview.id,
        plan_id: plan.id,
        stakeholder_id: stakeholder.id,
        kind: 'note',
        heard_on: '2026-10-02',
        summary: 'Heard as the dialog was open.',
      });
      const removal = write(admin, 'delete', `${url}?version=${stakeholder.version}&inputs=0`).then((res) => res);
      await untilOneWaitsOnALock(t.db);
      await trx.commit();
      expect((await removal).status).toBe(409);
    } finally {
      if (!trx.isCompleted()) await trx.rollback();
    }
    expect(await listed(`/api/plans/${plan.id}/stakeholders`, 'rows', stakeholder.id)).toBeDefined();
    expect(await inputsOf(plan.id, stakeholder.id)).toHaveLength(1);
  });

  it('when an input is being corrected as the removal runs, then the removal waits for it and answers 409, and keeps the correction', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const stakeholder = await buildRow(t.db, lakeview, plan.id, 'stakeholders');
    await buildStakeholderInput(t.db, lakeview, plan.id, stakeholder.id);
    const [input] = await inputsOf(plan.id, stakeholder.id);
    const url = `/api/plans/${plan.id}/stakeholders/${stakeholder.id}`;
    const asSeen = `version=${stakeholder.version}&inputs=1&inputsChangedAt=${encodeURIComponent(input!.updatedAt)}`;
    // A lock held on the input holds the correction back just before it writes, as a slow save would be.
    const trx = await t.db.transaction();
    try {
      await trx('plan_stakeholder_inputs').where({ id: input!.id }).forUpdate().first('id');
      const correction = write(admin, 'patch', `/api/plans/${plan.id}/stakeholder-inputs/${input!.id}`)
        .send({ summary: 'Corrected as the dialog was open.', version: input!.version })
        .then((res) => res);
      await untilOneWaitsOnALock(t.db);
      const removal = write(admin, 'delete', `${url}?${asSeen}`).then((res) => res);
      await untilOneWaitsOnALock(t.db, 2);
      await trx.commit();
      expect((await correction).status).toBe(200);
      expect((await removal).status).toBe(409);
    } finally {
      if (!trx.isCompleted()) await trx.rollback();
    }
    expect(await listed(`/api/plans/${plan.id}/stakeholders`, 'rows', stakeholder.id)).toBeDefined();
    expect(await inputsOf(plan.id, stakeholder.id)).toEqual([
      expect.objectContaining({ summary: 'Corrected as the dialog was open.' }),
    ]);
  });

  it('without the number of inputs seen, then it answers 400 naming inputs, and keeps them', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const stakeholder = await buildRow(t.db, lakeview, plan.id, 'stakeholders');
    await buildStakeholderInput(t.db, lakeview, plan.id, stakeholder.id);
    const url = `/api/plans/${plan.id}/stakeholders/${stakeholder.id}`;
    const res = await write(admin, 'delete', `${url}?version=${stakeholder.version}`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ in: 'query', field: 'inputs' })]);
    expect(await inputsOf(plan.id, stakeholder.id)).toHaveLength(1);
  });

  it('with a moment that is not one, then it answers 400 naming inputsChangedAt', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const stakeholder = await buildRow(t.db, lakeview, plan.id, 'stakeholders');
    const url = `/api/plans/${plan.id}/stakeholders/${stakeholder.id}?version=${stakeholder.version}&inputs=0`;
    const res = await write(admin, 'delete', `${url}&inputsChangedAt=yesterday`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ in: 'query', field: 'inputsChangedAt' })]);
    expect(await listed(`/api/plans/${plan.id}/stakeholders`, 'rows', stakeholder.id)).toBeDefined();
  });
});
