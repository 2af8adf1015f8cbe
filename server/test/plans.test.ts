import request from 'supertest';
import type { NeedsAttention } from '@planner/shared/attention';
import type { HighImpactAction, KeyQuestion, Plan } from '@planner/shared/plan';
import { todayIso } from '@planner/shared/format';
import type { Role } from '@planner/shared/role';
import { startTestApp, twoDistrictsSignedIn, write, type SignedInAgent, type TestApp } from './support/test-app';
import { plainTableNames } from '@planner/shared/stage-tables';
import { measuresOf } from '../src/features/measures/service';
import * as plans from '../src/features/plans/service';
import { listTableRows, plainRows } from '../src/features/stage-tables/service';
import {
  buildPlan,
  buildReading,
  buildRole,
  buildRow,
  buildUser,
  signedInUserOf,
  unique,
  type TestDistrict,
} from './support/factories';

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

async function getPlan(id: string, who = admin): Promise<Plan> {
  const res = await who.agent.get(`/api/plans/${id}`);
  expect(res.status).toBe(200);
  return res.body as Plan;
}
const question = (plan: Plan, key: string) => plan.stages.flatMap((s) => s.questions).find((q) => q.key === key)!;
const action = (plan: Plan, id: string) => plan.stages.flatMap((s) => s.actions).find((a) => a.id === id)!;
const templateAction = (plan: Plan, key: string) =>
  plan.stages.flatMap((s) => s.actions).find((a) => a.templateKey === key)!;

describe('creating and listing plans', () => {
  it('when an admin creates a plan, then it holds every roadmap stage, question and action, in order, with no progress', async () => {
    const res = await write(admin, 'post', '/api/plans').send({ title: '  Plan for 2027-28  ', schoolYear: '2027-28' });
    expect(res.status).toBe(201);
    const plan = res.body as Plan;
    expect(plan).toMatchObject({ title: 'Plan for 2027-28', schoolYear: '2027-28', status: 'draft', version: 1 });
    expect(plan.stages.map((s) => s.key)).toEqual(['design', 'context', 'measures', 'build']);
    expect(plan.stages[0]!.title).toBe('Design for impact');
    expect(plan.stages[1]!.questions.map((q) => q.key)).toEqual(['context.q1', 'context.q2']);
    expect(plan.stages[3]!.questions).toHaveLength(3);
    expect(plan.stages[1]!.actions.map((a) => a.templateKey)).toEqual(['context.a1', 'context.a2', 'context.a3']);
    expect(plan.stages[1]!.questions[0]).toMatchObject({
      text: 'Does the district have sufficiently rigorous systems to accurately identify top teachers?',
      isCustom: false,
      notApplicable: false,
      answer: { text: '', version: 1, updatedAt: null, updatedBy: null },
    });
    expect(plan.progress).toMatchObject({
      answeredQuestions: 0,
      applicableQuestions: 9,
      doneActions: 0,
      applicableActions: 9,
      percent: 0,
    });

    const list = await viewer.agent.get('/api/plans');
    expect(list.status).toBe(200);
    expect(list.body.plans.map((p: Plan) => p.id)).toContain(plan.id);
  });

  it('when answers, done actions and items not applicable change, then the list shows the same progress as the plan itself', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    await write(admin, 'put', `/api/plans/${plan.id}/answers/design.q1`).send({
      text: 'Reach more students.',
      version: 1,
    });
    // White space alone is not an answer.
    await write(admin, 'put', `/api/plans/${plan.id}/answers/design.q2`).send({ text: '   ', version: 1 });
    const done = templateAction(plan, 'build.a1');
    await write(admin, 'patch', `/api/plans/${plan.id}/actions/${done.id}`).send({
      status: 'done',
      version: done.version,
    });
    const skipped = templateAction(plan, 'context.a1');
    await write(admin, 'patch', `/api/plans/${plan.id}/actions/${skipped.id}`).send({
      notApplicable: true,
      version: skipped.version,
    });

    const own = (await getPlan(plan.id)).progress;
    const list = await admin.agent.get('/api/plans');
    const listed = (list.body.plans as Plan[]).find((p) => p.id === plan.id)!;
    expect(listed.progress).toEqual(own);
    expect(own).toMatchObject({ answeredQuestions: 1, doneActions: 1 });
    expect(own.stages.find((s) => s.stageKey === 'context')!.applicableActions).toBe(
      plan.stages[1]!.actions.length - 1,
    );
  });

  it('when the title is empty and the school year malformed, then it answers 400 naming both and creates nothing', async () => {
    const before = (await admin.agent.get('/api/plans')).body.plans.length;
    const res = await write(admin, 'post', '/api/plans').send({ title: ' ', schoolYear: '2027-29' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['schoolYear', 'title']);
    expect((await admin.agent.get('/api/plans')).body.plans.length).toBe(before);
  });

  it('when a required text holds only zero-width or format characters, then it is refused as a blank one is; an emoji joined by them is kept', async () => {
    const before = (await admin.agent.get('/api/plans')).body.plans.length;
    for (const title of ['\u200b', '\u200c\u200d', '\ufeff', ' \u2060\u00ad\u200e ']) {
      const res = await write(admin, 'post', '/api/plans').send({ title, schoolYear: '2027-28' });
      expect([JSON.stringify(title), res.status, res.body.errors]).toEqual([
        JSON.stringify(title),
        400,
        [{ in: 'body', field: 'title', message: 'must not be empty' }],
      ]);
    }
    expect((await admin.agent.get('/api/plans')).body.plans.length).toBe(before);

    const { plan } = await buildPlan(t.db, lakeview);
    const priorities = `/api/plans/${plan.id}/priorities`;
    const blank = await write(admin, 'post', priorities).send({ title: '\u200b\u200b' });
    expect([blank.status, blank.body.errors]).toEqual([
      400,
      [{ in: 'body', field: 'title', message: 'must not be empty' }],
    ]);
    // A family emoji is three people joined by U+200D: what a person sees, saved as sent.
    const family = '\u{1F469}\u200d\u{1F469}\u200d\u{1F467} Family nights';
    const kept = await write(admin, 'post', priorities).send({ title: ` ${family} `, description: '\u200b' });
    expect(kept.status).toBe(201);
    expect(kept.body).toMatchObject({ title: family, description: '' });
  });

  it('when a principal or a viewer tries to create a plan, then it answers 403', async () => {
    for (const who of [principal, viewer]) {
      const res = await write(who, 'post', '/api/plans').send({ title: 'Nope', schoolYear: '2027-28' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('forbidden');
    }
  });

  it("lists only the district's own plans", async () => {
    const { plan } = await buildPlan(t.db, hillcrest);
    const ids = (await admin.agent.get('/api/plans')).body.plans.map((p: Plan) => p.id);
    expect(ids).not.toContain(plan.id);
  });
});

describe('answers', () => {
  it('when an admin saves an answer with the current version, then it is kept, versioned and counted in progress', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const res = await write(admin, 'put', `/api/plans/${plan.id}/answers/context.q2`).send({
      text: 'PLCs meet weekly at Northside.',
      version: 1,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      key: 'context.q2',
      answer: { text: 'PLCs meet weekly at Northside.', version: 2, updatedBy: { id: lakeview.admin.id } },
    });
    const reloaded = await getPlan(plan.id, viewer);
    expect(question(reloaded, 'context.q2').answer.text).toBe('PLCs meet weekly at Northside.');
    expect(reloaded.progress.answeredQuestions).toBe(1);
    expect(reloaded.progress.stages[1]).toMatchObject({ stageKey: 'context', answeredQuestions: 1 });
  });

  it('an answer is saved by one statement that returns the row it wrote: nothing is read back', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const statements: string[] = [];
    const onQuery = (query: { sql: string }) => statements.push(query.sql);
    t.db.on('query', onQuery);
    try {
      const res = await write(admin, 'put', `/api/plans/${plan.id}/answers/context.q1`).send({
        text: 'Teachers lead PLCs at every school.',
        version: 1,
      });
      expect(res.status).toBe(200);
    } finally {
      t.db.removeListener('query', onQuery);
    }
    // Besides the session and the district's transaction (begin, the district and role, commit), one
    // update that returns the row: no read of the question before or after it.
    const work = statements.filter((sql) => !/^(BEGIN|COMMIT)|set_config\(|"sessions"/i.test(sql));
    expect(work).toHaveLength(1);
    expect(work[0]).toMatch(/^update "plan_questions" .* returning /is);
  });

  it('when a save carries a stale version, then it answers 409 with the current answer and keeps the newer text', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const url = `/api/plans/${plan.id}/answers/design.q1`;
    expect((await write(admin, 'put', url).send({ text: 'First person', version: 1 })).status).toBe(200);
    const stale = await write(admin, 'put', url).send({ text: 'Second person, from an old page', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    expect((stale.body.current as KeyQuestion).answer).toMatchObject({ text: 'First person', version: 2 });
    expect(question(await getPlan(plan.id), 'design.q1').answer).toMatchObject({ text: 'First person', version: 2 });
  });

  it('when a stale save repeats the text already saved, then it succeeds without a conflict', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const url = `/api/plans/${plan.id}/answers/design.q1`;
    await write(admin, 'put', url).send({ text: 'Same words', version: 1 });
    const again = await write(admin, 'put', url).send({ text: 'Same words', version: 1 });
    expect(again.status).toBe(200);
    expect(again.body.answer.version).toBe(2);
  });

  it('when an answer is over 20,000 characters, then it answers 400 naming text and the limit, and changes nothing', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const res = await write(admin, 'put', `/api/plans/${plan.id}/answers/design.q1`).send({
      text: 'a'.repeat(20_001),
      version: 1,
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ in: 'body', field: 'text', message: 'must be at most 20000 characters' }]);
    expect(question(await getPlan(plan.id), 'design.q1').answer).toMatchObject({ text: '', version: 1 });
    // Exactly the limit is fine.
    expect(
      (
        await write(admin, 'put', `/api/plans/${plan.id}/answers/design.q1`).send({
          text: 'a'.repeat(20_000),
          version: 1,
        })
      ).status,
    ).toBe(200);
  });

  it('when the question or plan does not exist, then it answers 404', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    expect(
      (await write(admin, 'put', `/api/plans/${plan.id}/answers/design.q9`).send({ text: 'x', version: 1 })).status,
    ).toBe(404);
    expect(
      (
        await write(admin, 'put', `/api/plans/00000000-0000-4000-8000-000000000000/answers/design.q1`).send({
          text: 'x',
          version: 1,
        })
      ).status,
    ).toBe(404);
  });

  it('when a principal or viewer saves an answer, then it answers 403 and nothing changes', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    for (const who of [principal, viewer]) {
      expect(
        (await write(who, 'put', `/api/plans/${plan.id}/answers/design.q1`).send({ text: 'mine', version: 1 })).status,
      ).toBe(403);
    }
    expect(question(await getPlan(plan.id), 'design.q1').answer.text).toBe('');
  });
});

describe('actions', () => {
  it('when an admin sets status, owner, due date and notes, then they are saved with a new version', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const target = templateAction(plan, 'context.a2');
    const res = await write(admin, 'patch', `/api/plans/${plan.id}/actions/${target.id}`).send({
      status: 'in_progress',
      ownerUserId: lakeview.principal.id,
      dueDate: '2027-03-01',
      notes: 'Ask the state about Title II.',
      version: target.version,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'in_progress',
      ownerUserId: lakeview.principal.id,
      ownerName: null,
      dueDate: '2027-03-01',
      version: 2,
    });
    // A typed owner replaces the user.
    const typed = await write(admin, 'patch', `/api/plans/${plan.id}/actions/${target.id}`).send({
      ownerName: 'Finance office',
      status: 'done',
      version: 2,
    });
    expect(typed.body).toMatchObject({
      ownerUserId: null,
      ownerName: 'Finance office',
      status: 'done',
      dueDate: '2027-03-01',
      version: 3,
    });
    expect((await getPlan(plan.id)).progress.doneActions).toBe(1);
  });

  it('when the status is unknown, the due date not a date, or the owner from another district or deactivated, then it answers 400 naming each, and changes nothing', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const target = templateAction(plan, 'design.a1');
    const url = `/api/plans/${plan.id}/actions/${target.id}`;
    const bad = await write(admin, 'patch', url).send({ status: 'finished', dueDate: '2027-02-30', version: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        { in: 'body', field: 'status', message: 'must be one of Not started, In progress, Done or Blocked' },
        { in: 'body', field: 'dueDate', message: 'is not a day of the calendar (2027-02-30)' },
      ]),
    );
    const foreignOwner = await write(admin, 'patch', url).send({ ownerUserId: hillcrest.admin.id, version: 1 });
    expect(foreignOwner.status).toBe(400);
    expect(foreignOwner.body.errors).toEqual([
      { in: 'body', field: 'ownerUserId', message: 'is not a person of your district' },
    ]);
    const gone = await buildUser(t.db, lakeview.id, 'principal');
    await t.db('users').where({ id: gone.id }).update({ deactivated_at: new Date() });
    const deactivatedOwner = await write(admin, 'patch', url).send({ ownerUserId: gone.id, version: 1 });
    expect(deactivatedOwner.status).toBe(400);
    expect(deactivatedOwner.body.errors).toEqual([
      { in: 'body', field: 'ownerUserId', message: 'is a deactivated person: choose someone active, or type a name' },
    ]);
    expect(action(await getPlan(plan.id), target.id)).toMatchObject({
      status: 'not_started',
      dueDate: null,
      ownerUserId: null,
      version: 1,
    });
  });

  it('an action keeps its owner once deactivated: a save that sends that owner again is taken', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const target = templateAction(plan, 'design.a1');
    const url = `/api/plans/${plan.id}/actions/${target.id}`;
    const owner = await buildUser(t.db, lakeview.id, 'principal');
    await write(admin, 'patch', url).send({ ownerUserId: owner.id, version: 1 });
    await t.db('users').where({ id: owner.id }).update({ deactivated_at: new Date() });
    const saved = await write(admin, 'patch', url).send({ ownerUserId: owner.id, notes: 'Still theirs', version: 2 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ ownerUserId: owner.id, notes: 'Still theirs', version: 3 });
  });

  it('when two people save the same action, then the second gets 409 with the first one’s values', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const target = templateAction(plan, 'build.a1');
    const url = `/api/plans/${plan.id}/actions/${target.id}`;
    expect((await write(admin, 'patch', url).send({ status: 'blocked', version: 1 })).status).toBe(200);
    const second = await write(admin, 'patch', url).send({ status: 'done', version: 1 });
    expect(second.status).toBe(409);
    expect(second.body.current as HighImpactAction).toMatchObject({ status: 'blocked', version: 2 });
    expect(action(await getPlan(plan.id), target.id).status).toBe('blocked');
  });

  it('custom actions are added, edited and removed; template actions are marked not applicable but never removed', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const created = await write(admin, 'post', `/api/plans/${plan.id}/actions`).send({
      stageKey: 'build',
      text: 'Train principals',
      dueDate: '2027-01-10',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      stageKey: 'build',
      text: 'Train principals',
      isCustom: true,
      status: 'not_started',
      dueDate: '2027-01-10',
    });
    const edited = await write(admin, 'patch', `/api/plans/${plan.id}/actions/${created.body.id}`).send({
      text: 'Train principals and managers',
      version: 1,
    });
    expect(edited.body.text).toBe('Train principals and managers');
    expect((await write(admin, 'delete', `/api/plans/${plan.id}/actions/${created.body.id}?version=2`)).status).toBe(
      204,
    );
    expect(action(await getPlan(plan.id), created.body.id)).toBeUndefined();

    const template = templateAction(plan, 'build.a2');
    const removeTemplate = await write(admin, 'delete', `/api/plans/${plan.id}/actions/${template.id}?version=1`);
    expect(removeTemplate.status).toBe(409);
    const retext = await write(admin, 'patch', `/api/plans/${plan.id}/actions/${template.id}`).send({
      text: 'Other words',
      version: 1,
    });
    expect(retext.status).toBe(400);
    const na = await write(admin, 'patch', `/api/plans/${plan.id}/actions/${template.id}`).send({
      notApplicable: true,
      version: 1,
    });
    expect(na.body.notApplicable).toBe(true);
    const reloaded = await getPlan(plan.id);
    expect(templateAction(reloaded, 'build.a2')).toMatchObject({ notApplicable: true, text: template.text });
    // One applicable action fewer: the template's nine plus the custom one from buildPlan, minus this one.
    expect(reloaded.progress.applicableActions).toBe(9);
  });

  it('when the action does not exist, then it answers 404', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const res = await write(admin, 'patch', `/api/plans/${plan.id}/actions/00000000-0000-4000-8000-000000000000`).send({
      status: 'done',
      version: 1,
    });
    expect(res.status).toBe(404);
  });
});

describe('custom questions', () => {
  it('are added to a stage, answered, reworded and removed; template questions can only be marked not applicable', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const created = await write(admin, 'post', `/api/plans/${plan.id}/questions`).send({
      stageKey: 'measures',
      text: 'Which survey do we use?',
    });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    expect(created.body).toMatchObject({ stageKey: 'measures', text: 'Which survey do we use?', isCustom: true });
    expect(
      (
        await write(admin, 'put', `/api/plans/${plan.id}/answers/${key}`).send({
          text: 'The state climate survey',
          version: 1,
        })
      ).status,
    ).toBe(200);
    const reworded = await write(admin, 'patch', `/api/plans/${plan.id}/questions/${key}`).send({
      text: 'Which surveys do we use?',
      version: 1,
    });
    expect(reworded.body).toMatchObject({
      text: 'Which surveys do we use?',
      version: 2,
      answer: { text: 'The state climate survey' },
    });
    expect(
      (await write(admin, 'delete', `/api/plans/${plan.id}/questions/${key}?version=2&answerVersion=2`)).status,
    ).toBe(204);
    expect(question(await getPlan(plan.id), key)).toBeUndefined();

    expect(
      (await write(admin, 'delete', `/api/plans/${plan.id}/questions/design.q1?version=1&answerVersion=1`)).status,
    ).toBe(409);
    const na = await write(admin, 'patch', `/api/plans/${plan.id}/questions/design.q1`).send({
      notApplicable: true,
      version: 1,
    });
    expect(na.body).toMatchObject({ notApplicable: true, version: 2 });
    expect((await getPlan(plan.id)).progress.stages[0]!.applicableQuestions).toBe(1);
  });

  it('when the stage is unknown, then it answers 400 naming stageKey', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const res = await write(admin, 'post', `/api/plans/${plan.id}/questions`).send({ stageKey: 'stage9', text: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'stageKey' });
  });

  it('when a plan already holds 200 items of its own, then one more answers 400', async () => {
    const { plan } = await buildPlan(t.db, lakeview); // one custom question and one custom action already
    await t.db('plan_questions').insert(
      Array.from({ length: 198 }, (_, i) => ({
        district_id: lakeview.id,
        plan_id: plan.id,
        key: `c-bulk${i}`,
        stage_key: 'design',
        text: `Q${i}`,
        position: 100 + i,
      })),
    );
    const res = await write(admin, 'post', `/api/plans/${plan.id}/questions`).send({
      stageKey: 'design',
      text: 'One too many',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/at most 200/);
  });
});

describe('renaming, archiving, copying and deleting plans', () => {
  it('renames and archives with the version, and a stale version answers 409 with the current plan', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const renamed = await write(admin, 'patch', `/api/plans/${plan.id}`).send({
      title: 'Renamed',
      status: 'archived',
      version: 1,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ title: 'Renamed', status: 'archived', version: 2 });
    const stale = await write(admin, 'patch', `/api/plans/${plan.id}`).send({ title: 'Older rename', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ title: 'Renamed', version: 2 });
    expect((await getPlan(plan.id)).title).toBe('Renamed');
  });

  it('when the cost settings are out of range or missing, then it answers 400 naming each field with its own reason, and changes nothing', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const patch = (changes: object) =>
      write(admin, 'patch', `/api/plans/${plan.id}`).send({ ...changes, version: plan.version });
    const reasons = async (changes: object) => {
      const res = await patch(changes);
      expect(res.status).toBe(400);
      return res.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]);
    };

    expect(await reasons({ contractDays: 0 })).toEqual([['contractDays', 'must be at least 1']]);
    expect(await reasons({ contractDays: 400 })).toEqual([['contractDays', 'must be at most 366']]);
    expect(await reasons({ contractDays: 180.5 })).toEqual([['contractDays', 'must be a whole number']]);
    expect(await reasons({ contractDays: null, averageTeacherCostCents: null })).toEqual([
      ['averageTeacherCostCents', 'is required'],
      ['contractDays', 'is required'],
    ]);
    expect(await reasons({ averageTeacherCostCents: -1 })).toEqual([
      ['averageTeacherCostCents', 'must not be negative'],
    ]);
    expect(await getPlan(plan.id)).toMatchObject({
      contractDays: plan.contractDays,
      averageTeacherCostCents: plan.averageTeacherCostCents,
      version: plan.version,
    });
  });

  it('copies answers, actions and own items into a new plan, with action statuses reset', async () => {
    const { plan, customQuestionKey, customActionId } = await buildPlan(t.db, lakeview);
    await write(admin, 'put', `/api/plans/${plan.id}/answers/design.q1`).send({ text: 'Literacy first', version: 1 });
    const done = templateAction(plan, 'design.a1');
    await write(admin, 'patch', `/api/plans/${plan.id}/actions/${done.id}`).send({
      status: 'done',
      ownerName: 'Cabinet',
      dueDate: '2026-10-01',
      notes: 'Late: waiting on HR.',
      version: 1,
    });
    await write(admin, 'patch', `/api/plans/${plan.id}/questions/context.q1`).send({ notApplicable: true, version: 1 });

    const res = await write(admin, 'post', `/api/plans/${plan.id}/copy`).send({
      title: 'Next year',
      schoolYear: '2027-28',
    });
    expect(res.status).toBe(201);
    const copy = res.body as Plan;
    expect(copy).toMatchObject({
      title: 'Next year',
      schoolYear: '2027-28',
      status: 'draft',
      copiedFromPlanId: plan.id,
    });
    expect(copy.id).not.toBe(plan.id);
    expect(question(copy, 'design.q1').answer.text).toBe('Literacy first');
    expect(question(copy, 'context.q1').notApplicable).toBe(true);
    expect(question(copy, customQuestionKey)).toBeDefined();
    const copiedAction = templateAction(copy, 'design.a1');
    expect(copiedAction).toMatchObject({ status: 'not_started', ownerName: 'Cabinet', dueDate: null, notes: '' });
    expect(copy.stages[1]!.actions.filter((a) => a.isCustom)).toHaveLength(1);
    expect(copy.stages[1]!.actions.find((a) => a.id === customActionId)).toBeUndefined(); // a new row, not the old one
    // The original is untouched.
    expect(templateAction(await getPlan(plan.id), 'design.a1').status).toBe('done');
  });

  it("when a plan is copied into a later school year, then its short-term measures' and roles' dates move with it, Feb 29 to Feb 28, long-term measures keep theirs, and stakeholders' engagement dates are cleared", async () => {
    const { plan } = await buildPlan(t.db, lakeview, { schoolYear: '2027-28' });
    await buildRow(t.db, lakeview, plan.id, 'measures', {
      name: 'Mentor meetings held',
      term: 'short',
      baselineDate: '2027-09-01',
      targetDate: '2028-02-29',
    });
    await buildRow(t.db, lakeview, plan.id, 'measures', {
      name: 'Third graders reading on grade level',
      term: 'long',
      baselineDate: '2027-09-01',
      targetDate: '2030-06-01',
    });
    await buildRow(t.db, lakeview, plan.id, 'stakeholders', { engagedOn: '2027-09-15' });
    await buildRole(t.db, lakeview, plan.id, { applicationOpens: '2028-02-29', applicationCloses: '2028-03-15' });

    const res = await write(admin, 'post', `/api/plans/${plan.id}/copy`).send({
      title: `Next year ${unique()}`,
      schoolYear: '2028-29',
      copyRoles: true,
    });
    expect(res.status).toBe(201);
    const copy = res.body as Plan;
    // The year's own measure moves into the new year; a multi-year goal keeps when its baseline was measured.
    expect(copy.tables.measures).toEqual([
      expect.objectContaining({ name: 'Mentor meetings held', baselineDate: '2028-09-01', targetDate: '2029-02-28' }),
      expect.objectContaining({
        name: 'Third graders reading on grade level',
        baselineDate: '2027-09-01',
        targetDate: '2030-06-01',
      }),
    ]);
    expect(copy.tables.stakeholders[0]).toMatchObject({ engagedOn: null });
    const roles = (await admin.agent.get(`/api/plans/${copy.id}/roles`)).body.roles as Role[];
    expect(roles[0]).toMatchObject({ applicationOpens: '2029-02-28', applicationCloses: '2029-03-15' });
    // The original keeps its own.
    const original = await getPlan(plan.id);
    expect(original.tables.measures[0]).toMatchObject({ baselineDate: '2027-09-01', targetDate: '2028-02-29' });
    expect(original.tables.stakeholders[0]).toMatchObject({ engagedOn: '2027-09-15' });
  });

  it("when a short-term measure's baseline is Feb 28 and its target Feb 29, then the copy's target is Mar 1, still after its baseline (Feb 28), not on it", async () => {
    const { plan } = await buildPlan(t.db, lakeview, { schoolYear: '2027-28' });
    const name = `Mentor meetings held ${unique()}`;
    await buildRow(t.db, lakeview, plan.id, 'measures', {
      name,
      term: 'short',
      baseline: 0,
      baselineDate: '2028-02-28',
      target: 12,
      targetDate: '2028-02-29',
    });

    const res = await write(admin, 'post', `/api/plans/${plan.id}/copy`).send({
      title: `Next year ${unique()}`,
      schoolYear: '2028-29',
    });
    expect(res.status).toBe(201);
    const copy = res.body as Plan;
    expect(copy.tables.measures).toEqual([
      expect.objectContaining({ name, baselineDate: '2029-02-28', targetDate: '2029-03-01' }),
    ]);
    // The original keeps its own.
    expect((await getPlan(plan.id)).tables.measures[0]).toMatchObject({
      baselineDate: '2028-02-28',
      targetDate: '2028-02-29',
    });
  });

  it('when a plan is copied into a school year still to come, then no reading of its measures is due yet', async () => {
    const year = new Date().getUTCFullYear();
    const schoolYear = (start: number) => `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
    const { plan } = await buildPlan(t.db, lakeview, { schoolYear: schoolYear(year - 1) });
    await buildRow(t.db, lakeview, plan.id, 'measures', {
      name: 'Mentor meetings held',
      term: 'short',
      baselineDate: `${year - 1}-09-01`,
      targetDate: `${year}-06-01`,
      frequency: 'monthly',
    });
    await buildRow(t.db, lakeview, plan.id, 'measures', {
      name: 'Third graders reading on grade level',
      term: 'long',
      baselineDate: `${year - 1}-09-01`,
      targetDate: `${year + 2}-06-01`,
      frequency: 'monthly',
    });

    const res = await write(admin, 'post', `/api/plans/${plan.id}/copy`).send({
      title: `Year after next ${unique()}`,
      schoolYear: schoolYear(year + 1),
    });
    expect(res.status).toBe(201);
    const copy = res.body as Plan;
    expect(copy.tables.measures).toEqual([
      expect.objectContaining({ baselineDate: `${year + 1}-09-01`, targetDate: `${year + 2}-06-01` }),
      // Kept, but its first reading counts from the new school year's start, not from last year's baseline.
      expect.objectContaining({ baselineDate: `${year - 1}-09-01`, targetDate: `${year + 2}-06-01` }),
    ]);
    const attention = await admin.agent.get(`/api/needs-attention?planId=${copy.id}`);
    expect(attention.status).toBe(200);
    expect((attention.body as NeedsAttention).items.filter((i) => i.kind === 'reading_due')).toEqual([]);
  });

  it('when the plan a copy came from is deleted, then a long-term measure kept in the copy still owes no reading before its school year starts', async () => {
    const year = new Date().getUTCFullYear();
    const schoolYear = (start: number) => `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
    const { plan } = await buildPlan(t.db, lakeview, { schoolYear: schoolYear(year - 1) });
    await buildRow(t.db, lakeview, plan.id, 'measures', {
      name: 'Third graders reading on grade level',
      term: 'long',
      baselineDate: `${year - 1}-09-01`,
      targetDate: `${year + 2}-06-01`,
      frequency: 'monthly',
    });
    const res = await write(admin, 'post', `/api/plans/${plan.id}/copy`).send({
      title: `Year after next ${unique()}`,
      schoolYear: schoolYear(year + 1),
    });
    expect(res.status).toBe(201);
    const copy = res.body as Plan;
    const { revision } = (await admin.agent.get(`/api/plans/${plan.id}/contents`)).body as { revision: number };
    expect((await write(admin, 'delete', `/api/plans/${plan.id}?revision=${revision}`)).status).toBe(204);

    const attention = await admin.agent.get(`/api/needs-attention?planId=${copy.id}`);
    expect(attention.status).toBe(200);
    expect((attention.body as NeedsAttention).items.filter((i) => i.kind === 'reading_due')).toEqual([]);
  });

  it('when a plan is made for next school year with a baseline measured last spring, then no reading is due before that year starts; in a year already begun, one is', async () => {
    // The school year under way started on July 1 of `current`.
    const today = todayIso(lakeview.timeZone);
    const current = Number(today.slice(0, 4)) - (today.slice(5) < '07-01' ? 1 : 0);
    const schoolYear = (start: number) => `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
    const readingsDue = async (planId: string) => {
      const attention = await admin.agent.get(`/api/needs-attention?planId=${planId}`);
      expect(attention.status).toBe(200);
      return (attention.body as NeedsAttention).items.filter((i) => i.kind === 'reading_due').map((i) => i.title);
    };

    const next = (await buildPlan(t.db, lakeview, { schoolYear: schoolYear(current + 1) })).plan;
    await buildRow(t.db, lakeview, next.id, 'measures', {
      name: `Teachers retained ${unique()}`,
      baselineDate: `${current}-04-15`,
      frequency: 'monthly',
    });
    expect(await readingsDue(next.id)).toEqual([]);

    // A year already begun still asks for its first reading: a month after its baseline, but not before July 1.
    const begun = (await buildPlan(t.db, lakeview, { schoolYear: schoolYear(current - 1) })).plan;
    const name = `Teachers retained ${unique()}`;
    await buildRow(t.db, lakeview, begun.id, 'measures', {
      name,
      baselineDate: `${current - 1}-04-15`,
      frequency: 'monthly',
    });
    expect(await readingsDue(begun.id)).toEqual([name]);
  });

  it('deletes a plan with everything in it', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const { revision } = (await admin.agent.get(`/api/plans/${plan.id}/contents`)).body as { revision: number };
    expect((await write(admin, 'delete', `/api/plans/${plan.id}?revision=${revision}`)).status).toBe(204);
    expect((await admin.agent.get(`/api/plans/${plan.id}`)).status).toBe(404);
    expect(
      Number(((await t.db('plan_questions').where({ plan_id: plan.id }).count('* as n').first()) as { n: string }).n),
    ).toBe(0);
  });
});

describe('another district', () => {
  it('gets 404 on every Lakeview plan route, and nothing changes', async () => {
    const { plan, customQuestionKey, customActionId } = await buildPlan(t.db, lakeview);
    const base = `/api/plans/${plan.id}`;
    const calls: [string, 'get' | 'post' | 'put' | 'patch' | 'delete', string, object?][] = [
      ['read', 'get', base],
      ['rename', 'patch', base, { title: 'Hijacked', version: 1 }],
      ['copy', 'post', `${base}/copy`, { title: 'Stolen', schoolYear: '2027-28' }],
      ['answer', 'put', `${base}/answers/design.q1`, { text: 'Hijacked', version: 1 }],
      ['add question', 'post', `${base}/questions`, { stageKey: 'design', text: 'Hijacked' }],
      ['edit question', 'patch', `${base}/questions/${customQuestionKey}`, { text: 'Hijacked', version: 1 }],
      ['remove question', 'delete', `${base}/questions/${customQuestionKey}?version=1&answerVersion=1`],
      ['add action', 'post', `${base}/actions`, { stageKey: 'design', text: 'Hijacked' }],
      ['edit action', 'patch', `${base}/actions/${customActionId}`, { status: 'done', version: 1 }],
      ['remove action', 'delete', `${base}/actions/${customActionId}?version=1`],
      ['delete', 'delete', `${base}?revision=0`],
    ];
    for (const [label, method, url, body] of calls) {
      const req = method === 'get' ? otherAdmin.agent.get(url) : write(otherAdmin, method, url);
      const res = body ? await req.send(body) : await req;
      expect([label, res.status]).toEqual([label, 404]);
    }
    const after = await getPlan(plan.id);
    expect(after).toEqual({ ...plan, progress: after.progress, updatedAt: after.updatedAt });
    expect(after.progress).toEqual(plan.progress);
  });

  it('signed out, every plan route answers 401', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    expect((await request(t.app).get(`/api/plans/${plan.id}`)).status).toBe(401);
    expect(
      (await request(t.app).put(`/api/plans/${plan.id}/answers/design.q1`).send({ text: 'x', version: 1 })).status,
    ).toBe(401);
  });
});

describe('loading a plan', () => {
  it('answers the document Postgres builds: field for field what the presenters make of the same rows', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const me = signedInUserOf(lakeview);
    const colleague = await buildUser(t.db, lakeview.id, 'district_admin', { name: 'Zoë "Q" Nguyễn <b>' });
    const [first, second, third] = plan.stages.flatMap((s) => s.questions);
    await plans.saveAnswer(t.db, me, plan.id, first!.key, {
      text: 'Line one\nLine "two" – ünïcödé 🙂 \\ back',
      version: first!.answer.version,
    });
    await plans.saveAnswer(t.db, signedInUserOf(lakeview, colleague), plan.id, second!.key, {
      text: '   ',
      version: second!.answer.version,
    });
    await plans.updateQuestion(t.db, me, plan.id, third!.key, { notApplicable: true, version: third!.version });
    const [done, blocked] = plan.stages.flatMap((s) => s.actions);
    await plans.updateAction(t.db, me, plan.id, done!.id, {
      version: done!.version,
      status: 'done',
      ownerUserId: colleague.id,
      dueDate: '2027-02-28',
      notes: 'Notes\twith a tab',
    });
    await plans.updateAction(t.db, me, plan.id, blocked!.id, {
      version: blocked!.version,
      status: 'blocked',
      ownerName: 'Partner team',
      notApplicable: true,
    });
    for (const name of plainTableNames) {
      await buildRow(t.db, lakeview, plan.id, name);
      await buildRow(t.db, lakeview, plan.id, name);
    }
    const measure = await buildRow(t.db, lakeview, plan.id, 'measures');
    await buildReading(t.db, lakeview, plan.id, measure.id);

    const res = await admin.agent.get(`/api/plans/${plan.id}`);
    expect(res.status).toBe(200);
    // The plan as the presenters in Node make it: what the table routes answer, what feeds the dashboard.
    const presented = {
      ...(await plans.loadPlanCore(t.db, lakeview.id, plan.id)),
      tables: {
        ...Object.fromEntries(
          await Promise.all(
            plainTableNames.map(async (name) => [name, await listTableRows(t.db, me, name, plan.id, plainRows(name))]),
          ),
        ),
        measures: await measuresOf(t.db, lakeview.id, plan.id),
      },
    };
    expect(res.body).toEqual(JSON.parse(JSON.stringify(presented)));
    expect(res.body.stages[0].questions[0].answer.updatedBy).toEqual({
      id: lakeview.admin.id,
      name: lakeview.admin.name,
    });
    expect(Object.keys(res.body.tables).sort()).toEqual([...plainTableNames, 'measures'].sort());
  });

  it('takes the same few statements whatever its size: its session, and one or two for the whole plan in its district’s transaction', async () => {
    const small = await buildPlan(t.db, lakeview);
    const large = await buildPlan(t.db, lakeview);
    for (let i = 0; i < 30; i += 1) {
      await write(admin, 'post', `/api/plans/${large.plan.id}/questions`).send({
        stageKey: 'build',
        text: `Extra question ${i}`,
      });
      await write(admin, 'post', `/api/plans/${large.plan.id}/actions`).send({
        stageKey: 'measures',
        text: `Extra action ${i}`,
      });
      await buildRow(t.db, lakeview, large.plan.id, i % 2 === 0 ? 'priorities' : 'partners');
      if (i < 5) {
        const measure = await buildRow(t.db, lakeview, large.plan.id, 'measures');
        await buildReading(t.db, lakeview, large.plan.id, measure.id);
        await buildReading(t.db, lakeview, large.plan.id, measure.id);
      }
    }
    const countQueries = async (planId: string) => {
      let count = 0;
      const onQuery = () => (count += 1);
      t.db.on('query', onQuery);
      try {
        const res = await admin.agent.get(`/api/plans/${planId}`);
        expect(res.status).toBe(200);
        // A load that built the document stores it, in a transaction of its own: counted too.
        await t.planDocuments.settled();
      } finally {
        t.db.removeListener('query', onQuery);
      }
      return count;
    };
    const [smallBuilt, smallKept] = [await countQueries(small.plan.id), await countQueries(small.plan.id)];
    const [largeBuilt, largeKept] = [await countQueries(large.plan.id), await countQueries(large.plan.id)];
    expect([largeBuilt, largeKept]).toEqual([smallBuilt, smallKept]);
    // The request's transaction bound to the district (begin with the district and role in the same round
    // trip on Postgres, apart on the embedded one; commit, on Postgres sent with the read too) around the read
    // of the kept document; one more only when the session's expiry is due a touch. The session with its person: on Postgres it comes from
    // the server's memory, checked in the round trip that begins the transaction; on the embedded database
    // it is read, in a statement of its own.
    const begin = process.env.TEST_DATABASE_URL ? 1 : 2;
    const session = process.env.TEST_DATABASE_URL ? 0 : 1;
    expect([session + begin + 2, session + begin + 3]).toContain(smallKept);
    // When it was not kept: the statement that builds it (on Postgres a transaction of its own, its begin sent
    // with it: the load's statements are apart), and the store's transaction (begin, insert, commit).
    const buildBegin = process.env.TEST_DATABASE_URL ? 1 : 0;
    expect(smallBuilt).toBe(smallKept + buildBegin + 1 + begin + 2);
  });
});
