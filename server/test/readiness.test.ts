import { threadListSchema } from '@planner/shared/comment';
import { historyPageSchema } from '@planner/shared/history';
import { planSchema } from '@planner/shared/plan';
import { readinessRatingSchema, readinessSchema, type ReadinessRating } from '@planner/shared/readiness';
import { z } from 'zod';
import { highImpactActionSchema } from '@planner/shared/plan';
import { startTestApp, twoDistrictsSignedIn, write, type SignedInAgent, type TestApp } from './support/test-app';
import { buildPlan, unique, type TestDistrict, type TestPlan } from './support/factories';
import { untilOneWaitsOnALock } from './support/test-database';

let t: TestApp;
let lakeview: TestDistrict;
let hillcrest: TestDistrict;
let admin: SignedInAgent;
let principal: SignedInAgent;
let viewer: SignedInAgent;
let otherAdmin: SignedInAgent;
let fixture: TestPlan;

beforeAll(async () => {
  t = await startTestApp();
  ({ lakeview, hillcrest, admin, principal, viewer, otherAdmin } = await twoDistrictsSignedIn(t));
  fixture = await buildPlan(t.db, lakeview, { title: 'Readiness plan' });
});
afterAll(() => t.close());

const readinessUrl = (planId = fixture.plan.id) => `/api/plans/${planId}/readiness`;
const ratingsUrl = (planId = fixture.plan.id) => `${readinessUrl(planId)}/ratings`;
const madeActionSchema = z.object({ action: highImpactActionSchema, rating: readinessRatingSchema });

async function rate(body: Record<string, unknown>, who = admin, planId = fixture.plan.id): Promise<ReadinessRating> {
  const res = await write(who, 'post', ratingsUrl(planId)).send(body);
  expect(res.status).toBe(201);
  return readinessRatingSchema.parse(res.body);
}

async function readiness(who = admin, planId = fixture.plan.id) {
  const res = await who.agent.get(readinessUrl(planId));
  expect(res.status).toBe(200);
  return readinessSchema.parse(res.body);
}

describe('rating readiness', () => {
  it('when an admin rates the district and a school, then everyone in the district reads both, with who rated', async () => {
    const district = await rate({
      schoolId: null,
      indicatorKey: 'culture.vision',
      rating: 3,
      evidence: 'Board adopted it.',
    });
    const school = await rate({ schoolId: lakeview.schools[2]!.id, indicatorKey: 'culture.vision', rating: 2 });
    expect(district).toMatchObject({ schoolId: null, rating: 3, evidence: 'Board adopted it.', actionId: null });
    expect(district.ratedBy).toEqual({ id: lakeview.admin.id, name: lakeview.admin.name });
    for (const who of [admin, principal, viewer]) {
      const seen = await readiness(who);
      expect(seen.ratings.map((r) => r.id)).toEqual(expect.arrayContaining([district.id, school.id]));
      expect(seen.schools.map((s) => s.id)).toEqual(expect.arrayContaining(lakeview.schools.map((s) => s.id)));
    }
    expect((await readiness(admin)).canRate).toEqual({
      district: true,
      schoolIds: expect.arrayContaining(lakeview.schools.map((s) => s.id)),
    });
    expect((await readiness(principal)).canRate).toEqual({
      district: false,
      schoolIds: expect.arrayContaining(lakeview.schools.slice(0, 2).map((s) => s.id)),
    });
    expect((await readiness(principal)).canRate.schoolIds).toHaveLength(2);
    expect((await readiness(viewer)).canRate).toEqual({ district: false, schoolIds: [] });
  });

  it('when a principal rates their own school, then it is saved; another school or the district is refused with 403', async () => {
    const own = await rate({ schoolId: lakeview.schools[0]!.id, indicatorKey: 'roles.clarity', rating: 4 }, principal);
    expect(own.ratedBy?.id).toBe(lakeview.principal.id);
    const other = await write(principal, 'post', ratingsUrl()).send({
      schoolId: lakeview.schools[3]!.id,
      indicatorKey: 'roles.clarity',
      rating: 1,
    });
    expect(other.status).toBe(403);
    const district = await write(principal, 'post', ratingsUrl()).send({
      schoolId: null,
      indicatorKey: 'roles.clarity',
      rating: 1,
    });
    expect(district.status).toBe(403);
    // A rating of the district by the admin is not the principal's to change either.
    const adminRating = await rate({ schoolId: null, indicatorKey: 'roles.clarity', rating: 2 });
    const change = await write(principal, 'patch', `${ratingsUrl()}/${adminRating.id}`).send({
      rating: 4,
      version: adminRating.version,
    });
    expect(change.status).toBe(403);
    const viewerTry = await write(viewer, 'post', ratingsUrl()).send({
      schoolId: lakeview.schools[0]!.id,
      indicatorKey: 'systems.data',
      rating: 1,
    });
    expect(viewerTry.status).toBe(403);
    const ratings = (await readiness()).ratings;
    expect(
      ratings
        .filter((r) => r.indicatorKey === 'roles.clarity')
        .map((r) => r.rating)
        .sort(),
    ).toEqual([2, 4]);
    expect(ratings.some((r) => r.indicatorKey === 'systems.data')).toBe(false);
  });

  it('when the input is wrong, then 400 names each field and nothing is saved', async () => {
    const res = await write(admin, 'post', ratingsUrl()).send({
      schoolId: 'somewhere',
      indicatorKey: 'culture.weather',
      rating: 5,
      evidence: 'x'.repeat(2001),
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((res.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'evidence',
      'indicatorKey',
      'rating',
      'schoolId',
    ]);
    const foreignSchool = await write(admin, 'post', ratingsUrl()).send({
      schoolId: hillcrest.schools[0]!.id,
      indicatorKey: 'systems.time',
      rating: 2,
    });
    expect(foreignSchool.status).toBe(400);
    expect(foreignSchool.body.errors[0].field).toBe('schoolId');
    expect((await readiness()).ratings.some((r) => r.indicatorKey === 'systems.time')).toBe(false);
  });

  it('when an indicator is rated twice for the same scope, then the second answers 409 with the first as current, and the first stays', async () => {
    // Two people rating it for the first time, each on a page that showed no rating yet.
    const first = await rate({ schoolId: lakeview.schools[1]!.id, indicatorKey: 'systems.funding', rating: 3 });
    const again = await write(admin, 'post', ratingsUrl()).send({
      schoolId: lakeview.schools[1]!.id,
      indicatorKey: 'systems.funding',
      rating: 1,
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('version_conflict');
    expect(readinessRatingSchema.parse(again.body.current)).toMatchObject({ id: first.id, rating: 3, version: 1 });
    const kept = (await readiness()).ratings.filter(
      (r) => r.indicatorKey === 'systems.funding' && r.schoolId === lakeview.schools[1]!.id,
    );
    expect(kept).toEqual([expect.objectContaining({ id: first.id, rating: 3 })]);
    // The district as a whole is a scope too.
    const { plan } = await buildPlan(t.db, lakeview);
    const district = await rate({ schoolId: null, indicatorKey: 'systems.funding', rating: 2 }, admin, plan.id);
    const twice = await write(admin, 'post', ratingsUrl(plan.id)).send({
      schoolId: null,
      indicatorKey: 'systems.funding',
      rating: 4,
    });
    expect([twice.status, twice.body.current?.id]).toEqual([409, district.id]);
  });

  it('when a save carries a stale version, then it answers 409 with the current rating and keeps the newer one', async () => {
    const rating = await rate({ schoolId: null, indicatorKey: 'culture.trust', rating: 2, evidence: 'Survey' });
    const first = await write(admin, 'patch', `${ratingsUrl()}/${rating.id}`).send({
      rating: 3,
      evidence: 'Survey, spring',
      version: rating.version,
    });
    expect(first.status).toBe(200);
    expect(readinessRatingSchema.parse(first.body)).toMatchObject({ rating: 3, version: rating.version + 1 });
    const stale = await write(admin, 'patch', `${ratingsUrl()}/${rating.id}`).send({
      rating: 1,
      version: rating.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ id: rating.id, rating: 3, evidence: 'Survey, spring' });
    const now = (await readiness()).ratings.find((r) => r.id === rating.id);
    expect(now).toMatchObject({ rating: 3, evidence: 'Survey, spring' });
  });

  it('when another save commits while a stale one waits for the row, then the 409 holds the rating as that save left it', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const rating = await rate({ schoolId: null, indicatorKey: 'culture.trust', rating: 2 }, admin, plan.id);
    const other = await t.db.transaction();
    let res;
    try {
      // Another person's save, not yet committed, holds the row.
      await other('readiness_ratings')
        .where({ id: rating.id })
        .update({ rating: 4, evidence: 'Theirs', version: rating.version + 1 });
      const answer = write(admin, 'patch', `${ratingsUrl(plan.id)}/${rating.id}`)
        .send({ rating: 1, evidence: 'Mine', version: rating.version })
        .then((r) => r);
      await untilOneWaitsOnALock(t.db);
      await other.commit();
      res = await answer;
    } finally {
      if (!other.isCompleted()) await other.rollback();
    }
    expect(res.status).toBe(409);
    expect(res.body.current).toMatchObject({ rating: 4, evidence: 'Theirs', version: rating.version + 1 });
  });

  it('when a principal clears a rating of their school, then its rating and evidence go, and the history can bring them back', async () => {
    const school = lakeview.schools[1]!.id;
    const rating = await rate(
      { schoolId: school, indicatorKey: 'systems.time', rating: 2, evidence: 'Bell schedule' },
      principal,
    );
    const withEvidence = await write(principal, 'patch', `${ratingsUrl()}/${rating.id}`).send({
      rating: null,
      evidence: 'Still here',
      version: rating.version,
    });
    expect(withEvidence.status).toBe(400);
    expect(withEvidence.body.errors).toEqual([expect.objectContaining({ field: 'evidence' })]);
    expect(
      await write(viewer, 'patch', `${ratingsUrl()}/${rating.id}`).send({ rating: null, version: rating.version }),
    ).toMatchObject({ status: 403 });

    const cleared = await write(principal, 'patch', `${ratingsUrl()}/${rating.id}`).send({
      rating: null,
      version: rating.version,
    });
    expect(cleared.status).toBe(200);
    expect(readinessRatingSchema.parse(cleared.body)).toMatchObject({
      rating: null,
      evidence: '',
      version: rating.version + 1,
    });
    const seen = (await readiness(viewer)).ratings.find((r) => r.id === rating.id);
    expect(seen).toMatchObject({ rating: null, evidence: '', ratedBy: null });
    const stale = await write(principal, 'patch', `${ratingsUrl()}/${rating.id}`).send({
      rating: 3,
      version: rating.version,
    });
    expect(stale.status).toBe(409);

    const history = await admin.agent.get(`/api/plans/${fixture.plan.id}/history?kind=readiness&item=${rating.id}`);
    const entries = historyPageSchema.parse(history.body).entries;
    expect(entries.map((e) => e.operation)).toEqual(['changed', 'created']);
    const restore = await write(admin, 'post', `/api/plans/${fixture.plan.id}/history/${entries[1]!.id}/restore`).send({
      version: rating.version + 1,
    });
    expect(restore.status).toBe(204);
    expect((await readiness()).ratings.find((r) => r.id === rating.id)).toMatchObject({
      rating: 2,
      evidence: 'Bell schedule',
    });
  });

  it('nothing of another district is visible or writable: its plan and ratings answer 404', async () => {
    const rating = await rate({ schoolId: null, indicatorKey: 'systems.development', rating: 1 });
    expect((await otherAdmin.agent.get(readinessUrl())).status).toBe(404);
    const patch = await write(otherAdmin, 'patch', `${ratingsUrl()}/${rating.id}`).send({ rating: 4, version: 1 });
    expect(patch.status).toBe(404);
    const post = await write(otherAdmin, 'post', ratingsUrl()).send({
      schoolId: null,
      indicatorKey: 'culture.alignment',
      rating: 4,
    });
    expect(post.status).toBe(404);
    const action = await write(otherAdmin, 'post', `${ratingsUrl()}/${rating.id}/action`);
    expect(action.status).toBe(404);
    // Its own plan's address with Lakeview's rating: still not found.
    const own = await buildPlan(t.db, hillcrest);
    const across = await write(otherAdmin, 'patch', `${ratingsUrl(own.plan.id)}/${rating.id}`).send({
      rating: 4,
      version: 1,
    });
    expect(across.status).toBe(404);
    expect((await readiness()).ratings.find((r) => r.id === rating.id)).toMatchObject({ rating: 1, actionId: null });
  });
});

describe('a low rating becomes a high-impact action', () => {
  it('when an admin turns a low rating into an action, then the stage-2 action names the indicator and the two link', async () => {
    const rating = await rate({
      schoolId: lakeview.schools[0]!.id,
      indicatorKey: 'systems.time',
      rating: 1,
      evidence: 'No common planning period.',
    });
    const res = await write(admin, 'post', `${ratingsUrl()}/${rating.id}/action`);
    expect(res.status).toBe(201);
    const { action, rating: linked } = madeActionSchema.parse(res.body);
    expect(action.stageKey).toBe('context');
    expect(action.text).toContain('Protected time to lead');
    expect(action.text).toContain(lakeview.schools[0]!.name);
    expect(action.notes).toContain('No common planning period.');
    expect(linked.actionId).toBe(action.id);

    const plan = planSchema.parse((await viewer.agent.get(`/api/plans/${fixture.plan.id}`)).body);
    const context = plan.stages.find((s) => s.key === 'context')!;
    expect(context.actions.map((a) => a.id)).toContain(action.id);
    expect((await readiness(viewer)).ratings.find((r) => r.id === rating.id)?.actionId).toBe(action.id);

    const twice = await write(admin, 'post', `${ratingsUrl()}/${rating.id}/action`);
    expect(twice.status).toBe(409);
    const after = planSchema.parse((await admin.agent.get(`/api/plans/${fixture.plan.id}`)).body);
    expect(after.stages.find((s) => s.key === 'context')!.actions.filter((a) => a.text === action.text)).toHaveLength(
      1,
    );

    // Removing the action keeps the rating, without the link.
    expect(
      (await write(admin, 'delete', `/api/plans/${fixture.plan.id}/actions/${action.id}?version=${action.version}`))
        .status,
    ).toBe(204);
    expect((await readiness()).ratings.find((r) => r.id === rating.id)).toMatchObject({ rating: 1, actionId: null });
  });

  it('when the removed action is brought back from the history, then it is the rating’s action again, and the rating makes no second one', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const rating = await rate(
      { schoolId: lakeview.schools[0]!.id, indicatorKey: 'culture.vision', rating: 1 },
      admin,
      plan.id,
    );
    const made = await write(admin, 'post', `${ratingsUrl(plan.id)}/${rating.id}/action`);
    expect(made.status).toBe(201);
    const { action } = madeActionSchema.parse(made.body);
    const removed = await write(
      admin,
      'delete',
      `/api/plans/${plan.id}/actions/${action.id}?version=${action.version}`,
    );
    expect(removed.status).toBe(204);
    expect((await readiness(admin, plan.id)).ratings.find((r) => r.id === rating.id)?.actionId).toBeNull();

    const history = await admin.agent.get(`/api/plans/${plan.id}/history?item=${action.id}`);
    const removal = historyPageSchema.parse(history.body).entries.find((e) => e.operation === 'removed')!;
    expect((await write(admin, 'post', `/api/plans/${plan.id}/history/${removal.id}/restore`).send({})).status).toBe(
      200,
    );
    const relinked = (await readiness(viewer, plan.id)).ratings.find((r) => r.id === rating.id)!;
    expect(relinked).toMatchObject({ rating: 1, actionId: action.id });
    expect((await write(admin, 'post', `${ratingsUrl(plan.id)}/${rating.id}/action`)).status).toBe(409);
    const context = planSchema
      .parse((await admin.agent.get(`/api/plans/${plan.id}`)).body)
      .stages.find((s) => s.key === 'context')!;
    expect(context.actions.filter((a) => a.text === action.text)).toHaveLength(1);
  });

  it('when a rating whose action was removed has made another since, then bringing the first back leaves the rating with its new one', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const rating = await rate({ schoolId: null, indicatorKey: 'culture.vision', rating: 2 }, admin, plan.id);
    const first = madeActionSchema.parse(
      (await write(admin, 'post', `${ratingsUrl(plan.id)}/${rating.id}/action`)).body,
    ).action;
    await write(admin, 'delete', `/api/plans/${plan.id}/actions/${first.id}?version=${first.version}`);
    const second = await write(admin, 'post', `${ratingsUrl(plan.id)}/${rating.id}/action`);
    expect(second.status).toBe(201);
    const secondId = madeActionSchema.parse(second.body).action.id;

    const history = await admin.agent.get(`/api/plans/${plan.id}/history?item=${first.id}`);
    const removal = historyPageSchema.parse(history.body).entries.find((e) => e.operation === 'removed')!;
    expect((await write(admin, 'post', `/api/plans/${plan.id}/history/${removal.id}/restore`).send({})).status).toBe(
      200,
    );
    expect((await readiness(admin, plan.id)).ratings.find((r) => r.id === rating.id)?.actionId).toBe(secondId);
  });

  it('when the rating is not low, or a principal asks, then no action is made', async () => {
    const good = await rate({ schoolId: null, indicatorKey: 'culture.alignment', rating: 3 });
    const notLow = await write(admin, 'post', `${ratingsUrl()}/${good.id}/action`);
    expect(notLow.status).toBe(409);
    expect(notLow.body.detail).toMatch(/1 or 2/);
    const low = await rate(
      { schoolId: lakeview.schools[1]!.id, indicatorKey: 'roles.principals', rating: 2 },
      principal,
    );
    const byPrincipal = await write(principal, 'post', `${ratingsUrl()}/${low.id}/action`);
    expect(byPrincipal.status).toBe(403);
    const ratings = (await readiness()).ratings;
    expect(ratings.find((r) => r.id === good.id)?.actionId).toBeNull();
    expect(ratings.find((r) => r.id === low.id)?.actionId).toBeNull();
  });
  it('when the plan already holds 200 items of its own, then the action answers 409 naming no field, and the rating keeps no link', async () => {
    const full = await buildPlan(t.db, lakeview); // one custom question and one custom action already
    await t.db('plan_questions').insert(
      Array.from({ length: 198 }, (_, i) => ({
        district_id: lakeview.id,
        plan_id: full.plan.id,
        key: `c-full${i}`,
        stage_key: 'design',
        text: `Q${i}`,
        position: 100 + i,
      })),
    );
    const low = await rate({ schoolId: null, indicatorKey: 'systems.time', rating: 1 }, admin, full.plan.id);
    const res = await write(admin, 'post', `${ratingsUrl(full.plan.id)}/${low.id}/action`);
    expect(res.status).toBe(409);
    expect(res.body.errors ?? []).toEqual([]);
    expect(res.body.detail).toMatch(/at most 200/);
    expect((await readiness(admin, full.plan.id)).ratings.find((r) => r.id === low.id)?.actionId).toBeNull();
    const plan = planSchema.parse((await admin.agent.get(`/api/plans/${full.plan.id}`)).body);
    expect(plan.stages.find((s) => s.key === 'context')!.actions.filter((a) => a.isCustom)).toHaveLength(1);
  });
});

describe('history, archived schools and next year', () => {
  it('when a rating changes, then the plan history says so in words', async () => {
    const rating = await rate({ schoolId: null, indicatorKey: 'roles.selection', rating: 1, evidence: 'Ad hoc' });
    await write(admin, 'patch', `${ratingsUrl()}/${rating.id}`).send({ rating: 2, version: rating.version });
    const res = await viewer.agent.get(`/api/plans/${fixture.plan.id}/history?kind=readiness&item=${rating.id}`);
    expect(res.status).toBe(200);
    const page = historyPageSchema.parse(res.body);
    expect(page.entries.map((e) => e.operation)).toEqual(['changed', 'created']);
    expect(page.entries[0]).toMatchObject({
      kind: 'readiness',
      stageKey: 'context',
      itemLabel: 'Readiness: Fair selection (The district)',
      actor: { id: lakeview.admin.id },
      changes: [{ field: 'rating', label: 'Rating', before: '1: Not in place', after: '2: Getting started' }],
    });
  });

  it('when a principal comments on a rating, then the thread names the rating; a rating of another plan is refused', async () => {
    const rating = await rate({ schoolId: lakeview.schools[0]!.id, indicatorKey: 'roles.partnership', rating: 2 });
    const res = await write(principal, 'post', `/api/plans/${fixture.plan.id}/comments`).send({
      subject: { kind: 'readiness', id: rating.id },
      body: 'The union asked to join the design team.',
    });
    expect(res.status).toBe(201);
    const listed = threadListSchema.parse(
      (await viewer.agent.get(`/api/plans/${fixture.plan.id}/comments?subjectKind=readiness&subjectId=${rating.id}`))
        .body,
    );
    expect(listed.threads).toHaveLength(1);
    expect(listed.threads[0]!.subject).toMatchObject({
      kind: 'readiness',
      id: rating.id,
      stageKey: 'context',
      label: `Readiness: Staff and union as partners (${lakeview.schools[0]!.name})`,
    });
    const other = await buildPlan(t.db, lakeview);
    const misplaced = await write(principal, 'post', `/api/plans/${other.plan.id}/comments`).send({
      subject: { kind: 'readiness', id: rating.id },
      body: 'Wrong plan.',
    });
    expect(misplaced.status).toBe(400);
  });

  it('when a school is archived, then its ratings stay in the results, and it takes no new ones', async () => {
    const plan = await buildPlan(t.db, lakeview);
    const school = (await write(admin, 'post', '/api/schools').send({ name: `Closing School ${unique()}` })).body as {
      id: string;
      version: number;
    };
    const rating = await rate({ schoolId: school.id, indicatorKey: 'culture.trust', rating: 2 }, admin, plan.plan.id);
    expect(
      (await write(admin, 'patch', `/api/schools/${school.id}`).send({ archived: true, version: school.version }))
        .status,
    ).toBe(200);
    const seen = await readiness(viewer, plan.plan.id);
    expect(seen.schools.find((s) => s.id === school.id)).toMatchObject({ archived: true });
    expect(seen.ratings.find((r) => r.id === rating.id)).toMatchObject({ rating: 2 });
    expect((await readiness(admin, plan.plan.id)).canRate.schoolIds).not.toContain(school.id);
    const fresh = await write(admin, 'post', ratingsUrl(plan.plan.id)).send({
      schoolId: school.id,
      indicatorKey: 'culture.vision',
      rating: 3,
    });
    expect(fresh.status).toBe(400);
    expect(fresh.body.errors[0]).toMatchObject({ field: 'schoolId', message: expect.stringContaining('archived') });
  });

  it('when a plan is copied to the next year, then last year’s ratings come along to compare against', async () => {
    const source = await buildPlan(t.db, lakeview, { schoolYear: '2026-27' });
    const last = await rate(
      { schoolId: lakeview.schools[0]!.id, indicatorKey: 'systems.data', rating: 2, evidence: 'Two systems' },
      admin,
      source.plan.id,
    );
    await write(admin, 'post', `${ratingsUrl(source.plan.id)}/${last.id}/action`);
    const copy = await write(admin, 'post', `/api/plans/${source.plan.id}/copy`).send({
      title: `Next year ${unique()}`,
      schoolYear: '2027-28',
    });
    expect(copy.status).toBe(201);
    const copied = planSchema.parse(copy.body);
    const carried = (await readiness(admin, copied.id)).ratings;
    expect(carried).toEqual([
      expect.objectContaining({
        schoolId: lakeview.schools[0]!.id,
        indicatorKey: 'systems.data',
        rating: null,
        previousRating: 2,
        previousEvidence: 'Two systems',
        actionId: null,
        ratedBy: null,
      }),
    ]);
    // This year's rating goes beside last year's; the source plan keeps its own.
    const res = await write(principal, 'patch', `${ratingsUrl(copied.id)}/${carried[0]!.id}`).send({
      rating: 3,
      evidence: 'One system now',
      version: carried[0]!.version,
    });
    expect(res.status).toBe(200);
    expect(readinessRatingSchema.parse(res.body)).toMatchObject({ rating: 3, previousRating: 2 });
    expect((await readiness(admin, source.plan.id)).ratings[0]).toMatchObject({ rating: 2, previousRating: null });
  });
});
