import request from 'supertest';
import type { Role } from '@planner/shared/role';
import {
  decide,
  signIn,
  startTestApp,
  twoDistrictsSignedIn,
  write,
  type SignedInAgent,
  type TestApp,
  type TwoDistricts,
} from './support/test-app';
import { buildPlan, buildRole, buildUser, testPassword } from './support/factories';
import { untilOneWaitsOnALock } from './support/test-database';

/** Inputs and timings that once broke the server, each now answered as it should be. */
let t: TestApp;
let d: TwoDistricts;

beforeAll(async () => {
  t = await startTestApp();
  d = await twoDistrictsSignedIn(t);
});
afterAll(() => t.close());

describe('input the database cannot take answers 400, never 500', () => {
  it('when a text holds half of a surrogate pair, then it answers 400 naming the field and saves nothing; whole pairs save as sent', async () => {
    const { plan } = await buildPlan(t.db, d.lakeview);
    const url = `/api/plans/${plan.id}/answers/design.q1`;
    const half = await write(d.admin, 'put', url).send({ text: 'Readers \ud83d grow', version: 1 });
    expect(half.status).toBe(400);
    expect(half.type).toBe('application/problem+json');
    expect(half.body.errors).toEqual([expect.objectContaining({ field: 'text' })]);
    const priority = await write(d.admin, 'post', `/api/plans/${plan.id}/priorities`).send({ title: 'a\udc00b' });
    expect(priority.status).toBe(400);
    expect(priority.body.errors).toEqual([expect.objectContaining({ field: 'title' })]);
    expect((await d.admin.agent.get(`/api/plans/${plan.id}/priorities`)).body.rows).toEqual([]);
    const role = await write(d.admin, 'post', `/api/plans/${plan.id}/roles`).send({
      title: 'Coach',
      responsibilities: [{ text: 'Leads' }, { text: 'Coaches \ud800' }],
    });
    expect(role.status).toBe(400);
    expect(role.body.errors).toEqual([expect.objectContaining({ field: 'responsibilities.1.text' })]);
    expect((await d.admin.agent.get(`/api/plans/${plan.id}/roles`)).body.roles).toEqual([]);
    const whole = await write(d.admin, 'put', url).send({ text: 'Readers \ud83d\udcda grow', version: 1 });
    expect(whole.status).toBe(200);
    expect(whole.body.answer.text).toBe('Readers 📚 grow');
  });

  it('when a text holds a NUL character, then it answers 400 naming the field and saves nothing', async () => {
    const { plan } = await buildPlan(t.db, d.lakeview);
    const answer = await write(d.admin, 'put', `/api/plans/${plan.id}/answers/design.q1`).send({
      text: 'a\u0000b',
      version: 1,
    });
    expect(answer.status).toBe(400);
    expect(answer.type).toBe('application/problem+json');
    expect(answer.body.code).toBe('invalid_input');
    expect(answer.body.errors).toEqual([
      { in: 'body', field: 'text', message: 'holds a NUL character (\\u0000), which cannot be stored' },
    ]);
    const role = await write(d.admin, 'post', `/api/plans/${plan.id}/roles`).send({
      title: 'Coach',
      responsibilities: [{ text: 'Leads' }, { text: 'x\u0000' }],
    });
    expect(role.status).toBe(400);
    expect(role.body.errors).toEqual([expect.objectContaining({ field: 'responsibilities.1.text' })]);
    expect((await d.admin.agent.get(`/api/plans/${plan.id}/roles`)).body.roles).toEqual([]);
    const history = await d.admin.agent.get(`/api/plans/${plan.id}/history?item=a%00b`);
    expect(history.status).toBe(400);
    expect(history.body.errors).toEqual([expect.objectContaining({ in: 'query', field: 'item' })]);
  });

  it('when a version is beyond what a version can be, then it answers 400 naming version', async () => {
    const { plan } = await buildPlan(t.db, d.lakeview);
    const res = await write(d.admin, 'patch', `/api/plans/${plan.id}`).send({ title: 'x', version: 3_000_000_000 });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'version' })]);
  });

  it('when a path does not decode, then it answers 400, signed in or not, on public routes too', async () => {
    const paths = [
      '/api/plans/%E0%A4%A',
      '/api/shared/%E0%A4%A',
      '/api/shared/%E0%A4%A/export.pdf',
      '/api/invitations/accept/%E0%A4%A',
      '/api/auth/password-reset/%E0%A4%A',
    ];
    for (const agent of [request(t.app), d.viewer.agent]) {
      for (const path of paths) {
        const res = await agent.get(path);
        expect({ path, status: res.status, type: res.type }).toEqual({
          path,
          status: 400,
          type: 'application/problem+json',
        });
      }
    }
    const accept = await request(t.app).post('/api/invitations/accept/%E0%A4%A').send({});
    expect(accept.status).toBe(400);
  });
});

describe('a value sent but not fit says what is wrong with it', () => {
  const problems = (res: request.Response) => ({ status: res.status, errors: res.body.errors as unknown });

  it('when a text is too long, then it says so, not that it is missing or no text', async () => {
    const { plan } = await buildPlan(t.db, d.lakeview);
    expect(problems(await write(d.admin, 'patch', '/api/auth/me').send({ name: 'n'.repeat(201) }))).toEqual({
      status: 400,
      errors: [{ in: 'body', field: 'name', message: 'must be at most 200 characters' }],
    });
    const password = await write(d.admin, 'post', '/api/auth/password').send({
      currentPassword: 'x'.repeat(201),
      newPassword: 'a new and longer pass phrase',
    });
    expect(problems(password)).toEqual({
      status: 400,
      errors: [{ in: 'body', field: 'currentPassword', message: 'must be at most 200 characters' }],
    });
    const comment = await write(d.admin, 'post', `/api/plans/${plan.id}/comments`).send({
      subject: { kind: 'answer', id: 'q'.repeat(101) },
      body: 'Could we name the schools?',
    });
    expect(problems(comment)).toEqual({
      status: 400,
      errors: [{ in: 'body', field: 'subject.id', message: 'must be at most 100 characters' }],
    });
    // Left out, they are still missing.
    expect(problems(await write(d.admin, 'patch', '/api/auth/me').send({}))).toEqual({
      status: 400,
      errors: [{ in: 'body', field: 'name', message: 'is required' }],
    });
  });

  it('when a delete names a status or a count that cannot be, then it says what they must be; left out, they are required', async () => {
    const { plan } = await buildPlan(t.db, d.lakeview);
    const role = await buildRole(t.db, d.lakeview, plan.id, { title: 'Coach' });
    const roleUrl = `/api/plans/${plan.id}/roles/${role.id}`;
    expect(problems(await write(d.admin, 'delete', `${roleUrl}?version=1&status=zzz&reviews=0`))).toEqual({
      status: 400,
      errors: [
        { in: 'query', field: 'status', message: 'must be one of draft, in_review, changes_requested, approved' },
      ],
    });
    expect(problems(await write(d.admin, 'delete', `${roleUrl}?version=abc&status=draft&reviews=-1`))).toEqual({
      status: 400,
      errors: [
        { in: 'query', field: 'version', message: 'must be a whole number of 1 or more' },
        { in: 'query', field: 'reviews', message: 'must be a whole number of 0 or more' },
      ],
    });
    expect(problems(await write(d.admin, 'delete', `${roleUrl}?version=1`))).toEqual({
      status: 400,
      errors: [
        { in: 'query', field: 'status', message: 'is required: send the status of the role as you saw it' },
        { in: 'query', field: 'reviews', message: 'is required: send how many review decisions of the role you saw' },
      ],
    });
    expect(problems(await write(d.admin, 'delete', `/api/plans/${plan.id}?revision=abc`))).toEqual({
      status: 400,
      errors: [{ in: 'query', field: 'revision', message: 'must be a whole number of 0 or more' }],
    });
    // An empty count is not read as 0.
    expect(problems(await write(d.admin, 'delete', `/api/plans/${plan.id}?revision=`))).toEqual({
      status: 400,
      errors: [{ in: 'query', field: 'revision', message: 'must be a whole number of 0 or more' }],
    });
    expect((await d.admin.agent.get(`/api/plans/${plan.id}/roles`)).body.roles).toHaveLength(1);
    expect((await d.admin.agent.get(`/api/plans/${plan.id}`)).status).toBe(200);
  });

  it('when a date is written as one but no calendar has that day, then it says so, and nothing is added', async () => {
    const { plan } = await buildPlan(t.db, d.lakeview);
    const action = await write(d.admin, 'post', `/api/plans/${plan.id}/actions`).send({
      stageKey: 'design',
      text: 'Open the application window',
      dueDate: '2027-02-29',
    });
    expect(problems(action)).toEqual({
      status: 400,
      errors: [{ in: 'body', field: 'dueDate', message: 'is not a day of the calendar (2027-02-29)' }],
    });
    // Not written as a date at all: the format is what is wrong.
    const unformatted = await write(d.admin, 'post', `/api/plans/${plan.id}/actions`).send({
      stageKey: 'design',
      text: 'Open the application window',
      dueDate: '29/02/2027',
    });
    expect(problems(unformatted)).toEqual({
      status: 400,
      errors: [{ in: 'body', field: 'dueDate', message: 'must be a date as YYYY-MM-DD' }],
    });
    const saved = await d.admin.agent.get(`/api/plans/${plan.id}`);
    const texts = (saved.body.stages as { actions: { text: string }[] }[]).flatMap((s) => s.actions.map((a) => a.text));
    expect(texts).not.toContain('Open the application window');
  });

  it('when an address of the API does not exist, then the answer names it whole, /api and all', async () => {
    const res = await d.admin.agent.get('/api/plans-of-nobody?x=1');
    expect(res.status).toBe(404);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.detail).toMatch(/^The address GET \/api\/plans-of-nobody was not found/);
  });

  it('when two checks of one value fail alike, then the message is said once', async () => {
    const { plan } = await buildPlan(t.db, d.lakeview);
    const res = await d.admin.agent.get(`/api/plans/${plan.id}/history?limit=99999999999999999999`);
    expect(problems(res)).toEqual({
      status: 400,
      errors: [{ in: 'query', field: 'limit', message: 'must be a number from 1 to 200' }],
    });
  });

  it('when a schema gives no words of its own, then the answer says them plainly', async () => {
    const { plan } = await buildPlan(t.db, d.lakeview);
    const role = await buildRole(t.db, d.lakeview, plan.id, { title: 'Coach' });
    const res = await write(d.admin, 'patch', `/api/plans/${plan.id}/roles/${role.id}`).send({
      evaluatesStaff: 'yes',
      version: role.version,
    });
    expect(problems(res)).toEqual({
      status: 400,
      errors: [{ in: 'body', field: 'evaluatesStaff', message: 'must be true or false' }],
    });
  });
});

describe('text that would show other than it was written', () => {
  it('when a one-line field holds a text-direction override or a control character, then they are left out of what is saved', async () => {
    const { plan } = await buildPlan(t.db, d.lakeview);
    const res = await write(d.admin, 'patch', `/api/plans/${plan.id}`).send({
      title: 'a\r\nb\u202Eexe',
      version: plan.version,
    });
    expect(res.status).toBe(200);
    expect(res.body.title).toBe('a bexe');

    const school = await write(d.admin, 'post', '/api/schools').send({ name: 'Lakeview \u2066Elementary\u2069' });
    expect([school.status, school.body.name]).toEqual([201, 'Lakeview Elementary']);
    const me = await write(d.admin, 'patch', '/api/auth/me').send({ name: 'Dana\u0007' });
    expect([me.status, me.body.user.name]).toEqual([200, 'Dana']);
    const role = await write(d.admin, 'post', `/api/plans/${plan.id}/roles`).send({ title: 'Coach\u202Dfdp.exe' });
    expect([role.status, role.body.title]).toEqual([201, 'Coachfdp.exe']);
    const measure = await write(d.admin, 'post', `/api/plans/${plan.id}/measures`).send({
      name: 'Reading\u001b[31m',
      term: 'short',
    });
    expect([measure.status, measure.body.name]).toEqual([201, 'Reading[31m']);
  });

  it('when a one-line field is sent with line breaks or tabs, then it is saved as one line', async () => {
    const { plan } = await buildPlan(t.db, d.lakeview);
    const res = await write(d.admin, 'patch', `/api/plans/${plan.id}`).send({
      title: ' Literacy\r\nleaders\tplan\n',
      version: plan.version,
    });
    expect(res.status).toBe(200);
    expect(res.body.title).toBe('Literacy leaders plan');
  });

  it('when a text of several lines is pasted with Word’s line breaks and direction marks, then its lines are kept and the marks left out', async () => {
    const { plan } = await buildPlan(t.db, d.lakeview);
    const url = `/api/plans/${plan.id}/answers/design.q1`;
    // A vertical tab is Word's and PowerPoint's line break (Shift+Enter); U+2067 isolates right-to-left text.
    const saved = await write(d.admin, 'put', url).send({ text: 'First line\vsecond\u2067 line\u2069', version: 1 });
    expect(saved.status).toBe(200);
    expect(saved.body.answer.text).toBe('First line\nsecond line');
  });
});

describe('writes that wait on each other', () => {
  it('when Postgres ends a request to break a deadlock, then it answers 503 with Retry-After and saves nothing', async () => {
    const { plan } = await buildPlan(t.db, d.lakeview);
    const [first, second] = plan.stages.flatMap((s) => s.actions).sort((a, b) => (a.id < b.id ? -1 : 1));
    const other = await t.db.transaction();
    try {
      // The other writer looks for a deadlock only long after the request does, so the request is the one
      // Postgres ends whatever the machine's load (each side checks once its own deadlock_timeout has passed).
      await other.raw(`set local deadlock_timeout = '20s'`);
      // Another writer holds the second action; the request takes the first, then waits for the second.
      await other('plan_actions').where({ id: second!.id }).update({ notes: 'Held by another writer' });
      const answer = write(d.admin, 'patch', `/api/plans/${plan.id}/actions`)
        .send({ actions: [first, second].map((a) => ({ id: a!.id, version: a!.version })), status: 'done' })
        .then((res) => res);
      await untilOneWaitsOnALock(t.db);
      // The other writer now waits for the first: each waits on the other, and Postgres ends the request.
      const otherWrite = other('plan_actions')
        .where({ id: first!.id })
        .update({ notes: 'Also held' })
        .then(() => undefined);
      const res = await answer;
      await otherWrite;
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBeDefined();
      expect(res.body.code).toBe('service_unavailable');
    } finally {
      await other.rollback();
    }
    const actions = ((await d.admin.agent.get(`/api/plans/${plan.id}`)).body as typeof plan).stages.flatMap(
      (s) => s.actions,
    );
    expect(actions.filter((a) => a.id === first!.id || a.id === second!.id)).toEqual([
      expect.objectContaining({ status: 'not_started', version: 1 }),
      expect.objectContaining({ status: 'not_started', version: 1 }),
    ]);
  });
});

describe('review decisions at the same moment', () => {
  async function submittedRole(schoolIndexes: number[]) {
    const { plan } = await buildPlan(t.db, d.lakeview);
    const created = await write(d.admin, 'post', `/api/plans/${plan.id}/roles`).send({
      title: 'Coach',
      schoolIds: schoolIndexes.map((i) => d.lakeview.schools[i]!.id),
    });
    const url = `/api/plans/${plan.id}/roles/${created.body.id}`;
    expect((await write(d.admin, 'post', `${url}/submit`)).status).toBe(200);
    return url;
  }

  it('when the principals of both schools approve at once, then the role ends approved', async () => {
    const second = await buildUser(t.db, d.lakeview.id, 'principal');
    await t
      .db('principal_schools')
      .insert({ district_id: d.lakeview.id, user_id: second.id, school_id: d.lakeview.schools[3]!.id });
    const principal2: SignedInAgent = await signIn(t.app, second.email, testPassword);
    for (let round = 0; round < 5; round++) {
      const url = await submittedRole([0, 3]);
      const answers = await Promise.all([
        decide(t.db, d.principal, `${url}`, { decision: 'approve' }),
        decide(t.db, principal2, `${url}`, { decision: 'approve' }),
      ]);
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      expect(((await d.admin.agent.get(url)).body as Role).status).toBe('approved');
    }
  });

  it('when one principal sends the same approval three times at once, then one counts and the others answer 409', async () => {
    const url = await submittedRole([0, 3]);
    const answers = await Promise.all(
      [1, 2, 3].map(() => decide(t.db, d.principal, `${url}`, { decision: 'approve' })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    expect(((await d.admin.agent.get(url)).body as Role).reviews).toHaveLength(1);
  });

  it('when an edit races an approval, then the role never ends approved with unreviewed changes', async () => {
    const url = await submittedRole([0]);
    const before = (await d.admin.agent.get(url)).body as Role;
    await Promise.all([
      write(d.admin, 'patch', url).send({ stipendCents: 9_999_00, version: before.version }),
      decide(t.db, d.principal, `${url}`, { decision: 'approve' }),
    ]);
    const after = (await d.admin.agent.get(url)).body as Role;
    expect(after.stipendCents).toBe(9_999_00);
    expect(after.status).toBe('draft');
  });
});

describe('links from roles', () => {
  it('when a linked priority or measure is removed, then the roles no longer link to it and can be saved', async () => {
    const { plan } = await buildPlan(t.db, d.lakeview);
    const priority = await write(d.admin, 'post', `/api/plans/${plan.id}/priorities`).send({ title: 'Literacy' });
    const measure = await write(d.admin, 'post', `/api/plans/${plan.id}/measures`).send({
      name: 'Growth',
      term: 'long',
    });
    const role = await write(d.admin, 'post', `/api/plans/${plan.id}/roles`).send({
      title: 'Coach',
      priorityIds: [priority.body.id],
      measureIds: [measure.body.id],
    });
    await write(d.admin, 'delete', `/api/plans/${plan.id}/priorities/${priority.body.id}?version=1`);
    await write(d.admin, 'delete', `/api/plans/${plan.id}/measures/${measure.body.id}?version=1&readings=0`);
    const url = `/api/plans/${plan.id}/roles/${role.body.id}`;
    const now = (await d.admin.agent.get(url)).body as Role;
    expect([now.priorityIds, now.measureIds]).toEqual([[], []]);
    const saved = await write(d.admin, 'patch', url).send({
      priorityIds: now.priorityIds,
      purpose: 'Still fine',
      version: now.version,
    });
    expect(saved.status).toBe(200);
  });
});
