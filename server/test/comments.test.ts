import { commentCountsSchema, type CommentThread, type ThreadList } from '@planner/shared/comment';
import type { NotificationList } from '@planner/shared/notification';
import {
  signIn,
  startTestApp,
  twoDistrictsSignedIn,
  write,
  type SignedInAgent,
  type TestApp,
} from './support/test-app';
import { buildPlan, buildRole, buildRow, buildUser, testPassword, type TestDistrict } from './support/factories';

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

const comment = (who: SignedInAgent, planId: string, body: Record<string, unknown>) =>
  write(who, 'post', `/api/plans/${planId}/comments`).send(body);
async function threads(planId: string, query = '', who = admin): Promise<ThreadList> {
  const res = await who.agent.get(`/api/plans/${planId}/comments${query}`);
  expect(res.status).toBe(200);
  return res.body as ThreadList;
}
const notificationsOf = async (who: SignedInAgent) =>
  (await who.agent.get('/api/notifications')).body as NotificationList;
const commentCount = async (planId: string) =>
  Number((await t.db('comments').count('* as n').where({ plan_id: planId }).first())!.n);

describe('comment threads', () => {
  it('a principal comments on an answer mentioning the admin: the admin is told, and the thread names both', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    await write(admin, 'put', `/api/plans/${plan.id}/answers/design.q1`).send({ text: 'Literacy', version: 1 });
    const before = (await notificationsOf(admin)).unread;

    const res = await comment(principal, plan.id, {
      subject: { kind: 'answer', id: 'design.q1' },
      body: 'Could we name the three schools?\nSee https://example.org/plan',
      mentions: [lakeview.admin.id],
    });
    expect(res.status).toBe(201);
    const thread = res.body as CommentThread;
    expect(thread.subject).toMatchObject({ kind: 'answer', id: 'design.q1', stageKey: 'design', table: null });
    expect(thread.subject.label).toMatch(/^What priorities can be advanced/);
    expect(thread.resolved).toBe(false);
    expect(thread.comments).toHaveLength(1);
    expect(thread.comments[0]).toMatchObject({
      author: { id: lakeview.principal.id, name: lakeview.principal.name },
      body: 'Could we name the three schools?\nSee https://example.org/plan',
      mentions: [{ id: lakeview.admin.id, name: lakeview.admin.name }],
      editedAt: null,
      deleted: false,
    });

    const told = await notificationsOf(admin);
    expect(told.unread).toBe(before + 1);
    // Mentioned and also the answer's writer: told once, as a mention.
    expect(told.notifications.filter((n) => n.link.includes(thread.id))).toEqual([
      expect.objectContaining({
        kind: 'mention',
        title: `${lakeview.principal.name} mentioned you on “${thread.subject.label}” in “${plan.title}” (${plan.schoolYear})`,
        body: 'Could we name the three schools?\nSee https://example.org/plan',
        link: `/plans/${plan.id}/comments?thread=${thread.id}`,
        planId: plan.id,
        read: false,
      }),
    ]);
    // The commenter is not told of their own comment.
    expect((await notificationsOf(principal)).notifications.some((n) => n.link.includes(thread.id))).toBe(false);

    // The admin replies: the principal, who took part, is told; a viewer reads the thread.
    const reply = await comment(admin, plan.id, { threadId: thread.id, body: 'Yes: North, South and East.' });
    expect(reply.status).toBe(201);
    expect((reply.body as CommentThread).comments.map((c) => c.body)).toEqual([
      'Could we name the three schools?\nSee https://example.org/plan',
      'Yes: North, South and East.',
    ]);
    expect((await notificationsOf(principal)).notifications.find((n) => n.link.includes(thread.id))).toMatchObject({
      kind: 'comment',
      title: `${lakeview.admin.name} commented on “${thread.subject.label}” in “${plan.title}” (${plan.schoolYear})`,
    });
    expect((await threads(plan.id, '', viewer)).threads.map((th) => th.id)).toEqual([thread.id]);
  });

  it('threads on an action, a row, a measure and a role carry their words and stage; open ones are counted', async () => {
    const { plan, customActionId } = await buildPlan(t.db, lakeview);
    const priority = await buildRow(t.db, lakeview, plan.id, 'priorities', { title: 'Early literacy' });
    const measure = await buildRow(t.db, lakeview, plan.id, 'measures', { name: 'Reading growth' });
    const role = await buildRole(t.db, lakeview, plan.id, { title: 'Literacy coach' });
    const on = async (kind: string, id: string) => {
      const res = await comment(admin, plan.id, { subject: { kind, id }, body: `About the ${kind}` });
      expect([kind, res.status]).toEqual([kind, 201]);
      return (res.body as CommentThread).subject;
    };
    expect(await on('action', customActionId)).toMatchObject({
      stageKey: 'context',
      label: expect.stringMatching(/^Own action/),
    });
    expect(await on('row', priority.id)).toEqual({
      kind: 'row',
      id: priority.id,
      table: 'priorities',
      label: 'Early literacy',
      stageKey: 'design',
    });
    expect(await on('measure', measure.id)).toMatchObject({
      table: 'measures',
      label: 'Reading growth',
      stageKey: 'measures',
    });
    expect(await on('role', role.id)).toMatchObject({ label: 'Literacy coach', stageKey: 'build', table: null });
    await on('role', role.id);

    const list = await threads(plan.id);
    expect(list.counts.open).toBe(5);
    expect(list.counts.byStage).toEqual({ design: 1, context: 1, measures: 1, build: 2 });
    expect(list.counts.byItem).toContainEqual({ kind: 'role', id: role.id, open: 2 });
    expect((await threads(plan.id, '?stage=build')).threads).toHaveLength(2);
    expect((await threads(plan.id, `?subjectKind=row&subjectId=${priority.id}`)).threads).toHaveLength(1);
    // Newest activity first.
    expect((await threads(plan.id)).threads[0]!.comments[0]!.body).toBe('About the role');
  });

  it('a thread on one factor of a role’s framework alignment names the role and the factor, and is found by them', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const role = await buildRole(t.db, lakeview, plan.id, { title: 'Literacy coach' });
    const id = `${role.id}:authority_accountability`;
    const res = await comment(principal, plan.id, {
      subject: { kind: 'alignment', id },
      body: 'Should coaches answer for the reading scores?',
      mentions: [lakeview.admin.id],
    });
    expect(res.status).toBe(201);
    expect((res.body as CommentThread).subject).toEqual({
      kind: 'alignment',
      id,
      label: 'Literacy coach: Authority matched to accountability',
      stageKey: 'build',
      table: null,
    });
    const found = await threads(plan.id, `?subjectKind=alignment&subjectId=${id}`);
    expect(found.threads.map((th) => th.comments[0]!.body)).toEqual(['Should coaches answer for the reading scores?']);
    expect(found.threads[0]!.subject.label).toBe('Literacy coach: Authority matched to accountability');
    expect(found.counts.byItem).toContainEqual({ kind: 'alignment', id, open: 1 });
    const told = (await notificationsOf(admin)).notifications.find((n) => n.planId === plan.id);
    expect(told?.title).toContain('mentioned you on “Literacy coach: Authority matched to accountability”');
  });

  it.each([
    ['a factor that does not exist', (roleId: string) => `${roleId}:charisma`],
    ['a role of no plan', () => '7a1c2a4e-0000-4000-8000-000000000000:reach'],
    ['no factor at all', (roleId: string) => roleId],
    ['the role id in capitals (stored ids are lowercase)', (roleId: string) => `${roleId.toUpperCase()}:reach`],
  ])('an alignment thread on %s answers 400 on the subject and saves nothing', async (_, idOf) => {
    const { plan } = await buildPlan(t.db, lakeview);
    const role = await buildRole(t.db, lakeview, plan.id);
    const res = await comment(admin, plan.id, { subject: { kind: 'alignment', id: idOf(role.id) }, body: 'Hi' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ in: 'body', field: 'subject', message: 'is not an item of this plan' }]);
    expect(await commentCount(plan.id)).toBe(0);
  });

  it('an alignment thread on a role of another plan or district answers 400, and saves nothing', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const other = await buildPlan(t.db, lakeview);
    const otherRole = await buildRole(t.db, lakeview, other.plan.id);
    const theirs = await buildPlan(t.db, hillcrest);
    const theirRole = await buildRole(t.db, hillcrest, theirs.plan.id);
    for (const roleId of [otherRole.id, theirRole.id]) {
      const res = await comment(admin, plan.id, { subject: { kind: 'alignment', id: `${roleId}:reach` }, body: 'Hi' });
      expect(res.status).toBe(400);
    }
    expect(await commentCount(plan.id)).toBe(0);
    expect(
      (
        await comment(otherAdmin, theirs.plan.id, {
          subject: { kind: 'alignment', id: `${otherRole.id}:reach` },
          body: 'Hi',
        })
      ).status,
    ).toBe(400);
  });

  it('resolving a thread takes it from the open list and counts; a reply opens it again', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const thread = (await comment(admin, plan.id, { subject: { kind: 'answer', id: 'design.q2' }, body: 'Done?' }))
      .body as CommentThread;
    const resolved = await write(principal, 'post', `/api/plans/${plan.id}/comments/${thread.comments[0]!.id}/resolve`);
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ resolved: true, resolvedBy: { id: lakeview.principal.id } });
    expect((await threads(plan.id)).threads).toEqual([]);
    expect((await threads(plan.id)).counts.open).toBe(0);
    expect((await threads(plan.id, '?status=resolved')).threads.map((th) => th.id)).toEqual([thread.id]);

    const reopened = await write(admin, 'post', `/api/plans/${plan.id}/comments/${thread.comments[0]!.id}/reopen`);
    expect(reopened.body).toMatchObject({ resolved: false, resolvedBy: null, resolvedAt: null });
    await write(admin, 'post', `/api/plans/${plan.id}/comments/${thread.comments[0]!.id}/resolve`);
    await comment(principal, plan.id, { threadId: thread.id, body: 'Not quite: one more school.' });
    expect((await threads(plan.id)).counts.open).toBe(1);
  });

  it('a reply once the item was removed still tells the one who wrote it, as its comments did before', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const writer = await buildUser(t.db, lakeview.id, 'district_admin');
    const writerAgent = await signIn(t.app, writer.email, testPassword);
    const measure = await write(writerAgent, 'post', `/api/plans/${plan.id}/measures`).send({
      name: `Attendance ${crypto.randomUUID().slice(0, 8)}`,
      term: 'long',
    });
    expect(measure.status).toBe(201);
    const subject = { kind: 'measure', id: measure.body.id as string };
    const plain = (await comment(principal, plan.id, { subject, body: 'Which schools count?' })).body as CommentThread;
    // In this thread the writer was mentioned as well, so told of it as a mention.
    const naming = (
      await comment(principal, plan.id, { subject, body: `@${writer.name} which year?`, mentions: [writer.id] })
    ).body as CommentThread;
    const told = async (threadId: string) =>
      (await notificationsOf(writerAgent)).notifications.filter((n) => n.link.includes(threadId)).map((n) => n.kind);
    expect([await told(plain.id), await told(naming.id)]).toEqual([['comment'], ['mention']]);

    const removed = await write(
      writerAgent,
      'delete',
      `/api/plans/${plan.id}/measures/${subject.id}?version=${measure.body.version}&readings=0`,
    );
    expect(removed.status).toBe(204);
    for (const thread of [plain, naming]) {
      expect((await comment(principal, plan.id, { threadId: thread.id, body: 'Any news?' })).status).toBe(201);
    }
    expect([await told(plain.id), await told(naming.id)]).toEqual([
      ['comment', 'comment'],
      ['comment', 'mention'],
    ]);
    const [latest] = (await notificationsOf(writerAgent)).notifications;
    expect(latest).toMatchObject({
      title: `${lakeview.principal.name} commented on “A removed item” in “${plan.title}” (${plan.schoolYear})`,
      body: 'Any news?',
    });
  });

  it('"mentions me" lists the open threads that name me', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    await comment(admin, plan.id, { subject: { kind: 'answer', id: 'design.q1' }, body: 'For everyone' });
    const mine = (
      await comment(admin, plan.id, {
        subject: { kind: 'answer', id: 'design.q3' },
        body: 'Principal, please check',
        mentions: [lakeview.principal.id],
      })
    ).body as CommentThread;
    expect((await threads(plan.id, '?mentions=me', principal)).threads.map((th) => th.id)).toEqual([mine.id]);
    expect((await threads(plan.id, '?mentions=me', admin)).threads).toEqual([]);
  });

  it('each person edits and deletes only their own comment, with the version they loaded', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const thread = (
      await comment(principal, plan.id, { subject: { kind: 'answer', id: 'design.q1' }, body: 'First thought' })
    ).body as CommentThread;
    await comment(admin, plan.id, { threadId: thread.id, body: 'A reply' });
    const first = thread.comments[0]!;
    const url = `/api/plans/${plan.id}/comments/${first.id}`;

    const notMine = await write(admin, 'patch', url).send({ body: 'Changed by someone else', version: 1 });
    expect(notMine.status).toBe(403);
    expect(notMine.body.detail).toBe('You can edit only your own comments.');
    expect((await write(admin, 'delete', url)).status).toBe(403);

    const edited = await write(principal, 'patch', url).send({
      body: 'Second thought',
      mentions: [lakeview.admin.id],
      version: 1,
    });
    expect(edited.status).toBe(200);
    const saved = (edited.body as CommentThread).comments[0]!;
    expect(saved).toMatchObject({ body: 'Second thought', version: 2, mentions: [{ id: lakeview.admin.id }] });
    expect(saved.editedAt).not.toBeNull();
    // A mention added by an edit tells the person.
    expect((await notificationsOf(admin)).notifications[0]).toMatchObject({ kind: 'mention', body: 'Second thought' });

    const stale = await write(principal, 'patch', url).send({ body: 'Third thought', version: 1 });
    expect(stale.status).toBe(409);
    expect((await threads(plan.id)).threads[0]!.comments[0]!.body).toBe('Second thought');

    expect((await write(principal, 'delete', url)).status).toBe(204);
    const after = (await threads(plan.id)).threads[0]!;
    expect(after.comments.map((c) => [c.deleted, c.body])).toEqual([
      [true, ''],
      [false, 'A reply'],
    ]);
    expect((await write(principal, 'patch', url).send({ body: 'Back', version: 3 })).status).toBe(404);
    // A thread whose every comment is deleted is gone.
    await write(admin, 'delete', `/api/plans/${plan.id}/comments/${after.comments[1]!.id}`);
    expect((await threads(plan.id, '?status=all')).threads).toEqual([]);
  });

  it('a comment naming someone deactivated since is still edited, keeping the mention; newly naming them is refused, saying why', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const [gone, left] = [await buildUser(t.db, lakeview.id, 'viewer'), await buildUser(t.db, lakeview.id, 'viewer')];
    const thread = (
      await comment(admin, plan.id, {
        subject: { kind: 'answer', id: 'design.q1' },
        body: `Ask @${gone.name}`,
        mentions: [gone.id],
      })
    ).body as CommentThread;
    for (const person of [gone, left]) {
      expect((await write(admin, 'patch', `/api/users/${person.id}`).send({ active: false, version: 1 })).status).toBe(
        200,
      );
    }
    const url = `/api/plans/${plan.id}/comments/${thread.comments[0]!.id}`;

    const edited = await write(admin, 'patch', url).send({
      body: `Ask @${gone.name} about it`,
      mentions: [gone.id],
      version: 1,
    });
    expect(edited.status).toBe(200);
    expect((edited.body as CommentThread).comments[0]).toMatchObject({
      body: `Ask @${gone.name} about it`,
      mentions: [{ id: gone.id, name: gone.name }],
      version: 2,
    });

    const added = await write(admin, 'patch', url).send({ body: 'Ask both', mentions: [gone.id, left.id], version: 2 });
    expect(added.status).toBe(400);
    expect(added.body.errors).toEqual([
      expect.objectContaining({ field: 'mentions', message: `${left.name} is no longer active in your district` }),
    ]);
    const stranger = await write(admin, 'patch', url).send({
      body: 'Ask them',
      mentions: [gone.id, hillcrest.admin.id],
      version: 2,
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.errors).toEqual([
      expect.objectContaining({ field: 'mentions', message: 'one is not a person of your district' }),
    ]);
    expect((await threads(plan.id)).threads[0]!.comments[0]).toMatchObject({
      body: `Ask @${gone.name} about it`,
      mentions: [{ id: gone.id }],
      version: 2,
    });
  });

  it('viewers read but do not comment, resolve or edit', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const thread = (await comment(admin, plan.id, { subject: { kind: 'answer', id: 'design.q1' }, body: 'Hello' }))
      .body as CommentThread;
    expect((await comment(viewer, plan.id, { threadId: thread.id, body: 'Me too' })).status).toBe(403);
    expect((await write(viewer, 'post', `/api/plans/${plan.id}/comments/${thread.id}/resolve`)).status).toBe(403);
    expect((await threads(plan.id, '', viewer)).threads).toHaveLength(1);
    expect(await commentCount(plan.id)).toBe(1);
  });
});

describe('open threads counted', () => {
  it('the counts route answers what the list counts, per stage and item, without resolved or deleted threads', async () => {
    const { plan, customActionId } = await buildPlan(t.db, lakeview);
    const measure = await buildRow(t.db, lakeview, plan.id, 'measures', { name: 'Retention' });
    const start = async (kind: string, id: string, body = `About the ${kind}`) =>
      (await comment(admin, plan.id, { subject: { kind, id }, body })).body as CommentThread;
    await start('answer', 'design.q1');
    await start('answer', 'design.q1', 'A second thread on the same answer');
    await start('action', customActionId);
    const resolved = await start('measure', measure.id);
    await write(admin, 'post', `/api/plans/${plan.id}/comments/${resolved.comments[0]!.id}/resolve`);
    const deleted = await start('answer', 'build.q1');
    await write(admin, 'delete', `/api/plans/${plan.id}/comments/${deleted.comments[0]!.id}`);

    const res = await viewer.agent.get(`/api/plans/${plan.id}/comments/counts`);
    expect(res.status).toBe(200);
    const counts = commentCountsSchema.parse(res.body);
    expect(counts.open).toBe(3);
    expect(counts.byStage).toEqual({ design: 2, context: 1, measures: 0, build: 0 });
    expect(counts.byItem).toHaveLength(2);
    expect(counts.byItem).toEqual(
      expect.arrayContaining([
        { kind: 'answer', id: 'design.q1', open: 2 },
        { kind: 'action', id: customActionId, open: 1 },
      ]),
    );
    const listed = (await threads(plan.id)).counts;
    expect({ ...listed, byItem: [...listed.byItem].sort((a, b) => a.id.localeCompare(b.id)) }).toEqual({
      ...counts,
      byItem: [...counts.byItem].sort((a, b) => a.id.localeCompare(b.id)),
    });

    expect((await otherAdmin.agent.get(`/api/plans/${plan.id}/comments/counts`)).status).toBe(404);
  });
});

describe('bad comments change nothing', () => {
  it.each([
    ['an empty comment', { subject: { kind: 'answer', id: 'design.q1' }, body: '   ' }, 'body', 'must not be empty'],
    [
      'a comment of zero-width spaces',
      { subject: { kind: 'answer', id: 'design.q1' }, body: ' \u200b\u200b ' },
      'body',
      'must not be empty',
    ],
    [
      'a comment over 5,000 characters',
      { subject: { kind: 'answer', id: 'design.q1' }, body: 'x'.repeat(5001) },
      'body',
      'must be at most 5,000 characters',
    ],
    [
      'a question that is not in the plan',
      { subject: { kind: 'answer', id: 'design.q99' }, body: 'Hi' },
      'subject',
      'is not an item of this plan',
    ],
    [
      'a row that is not in the plan',
      { subject: { kind: 'row', id: '7a1c2a4e-0000-4000-8000-000000000000' }, body: 'Hi' },
      'subject',
      'is not an item of this plan',
    ],
    [
      'an unknown kind',
      { subject: { kind: 'budget', id: 'x' }, body: 'Hi' },
      'subject.kind',
      'must be one of Answer, High-impact action, Row of a stage table, Measure, Teacher-leader role, Misstep to avoid, Readiness rating, Stakeholder input, Entry of the logic model or Framework alignment of a role',
    ],
    ['neither a subject nor a thread', { body: 'Hi' }, 'subject', 'give either the subject'],
    [
      'a thread of another plan',
      { threadId: '7a1c2a4e-0000-4000-8000-000000000000', body: 'Hi' },
      'threadId',
      'is not a thread of this plan',
    ],
  ])('%s answers 400 on the field', async (_, body, field, message) => {
    const { plan } = await buildPlan(t.db, lakeview);
    const res = await comment(admin, plan.id, body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const error = (res.body.errors as { field: string; message: string }[]).find((e) => e.field === field);
    expect(error?.message).toContain(message);
    expect(await commentCount(plan.id)).toBe(0);
  });

  it('a mention of a person outside the district answers 400 and tells nobody', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const before = await t.db('notifications').where({ user_id: hillcrest.admin.id }).count('* as n').first();
    const res = await comment(admin, plan.id, {
      subject: { kind: 'answer', id: 'design.q1' },
      body: 'Hi',
      mentions: [hillcrest.admin.id],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'mentions', message: 'one is not a person of your district' }),
    ]);
    expect(await commentCount(plan.id)).toBe(0);
    expect(await t.db('notifications').where({ user_id: hillcrest.admin.id }).count('* as n').first()).toEqual(before);
  });
});

describe('another district', () => {
  it('never sees, adds to, edits or resolves the comments of a plan', async () => {
    const { plan } = await buildPlan(t.db, lakeview);
    const thread = (
      await comment(admin, plan.id, {
        subject: { kind: 'answer', id: 'design.q1' },
        body: 'Private to Lakeview',
        mentions: [lakeview.principal.id],
      })
    ).body as CommentThread;
    const id = thread.comments[0]!.id;
    const base = `/api/plans/${plan.id}/comments`;
    expect((await otherAdmin.agent.get(base)).status).toBe(404);
    expect((await comment(otherAdmin, plan.id, { threadId: thread.id, body: 'Hi' })).status).toBe(404);
    expect((await write(otherAdmin, 'patch', `${base}/${id}`).send({ body: 'Mine', version: 1 })).status).toBe(404);
    expect((await write(otherAdmin, 'delete', `${base}/${id}`)).status).toBe(404);
    expect((await write(otherAdmin, 'post', `${base}/${id}/resolve`)).status).toBe(404);
    expect((await notificationsOf(otherAdmin)).notifications.some((n) => n.planId === plan.id)).toBe(false);
    expect((await threads(plan.id)).threads[0]!.comments[0]!.body).toBe('Private to Lakeview');
  });
});
