import {
  highImpactActionSchema,
  keyQuestionSchema,
  type HighImpactAction,
  type KeyQuestion,
  type Plan,
} from '@planner/shared/plan';
import { payFields, roleSchema, type Role } from '@planner/shared/role';
import { stageTableRowSchemas, type StageTableRow } from '@planner/shared/stage-tables';
import { Autosaver, retryDelaysMs, type AutosaverConfig } from '../src/lib/autosave/autosaver';
import { AutosaveRegistry, type RefusedEdit } from '../src/lib/autosave/registry';
import type { ApiClient, ApiError } from '../src/lib/api';
import { PendingEdits } from '../src/lib/autosave/pending-edits';
import { keepRefusedEdit, settleRefusedEdit, unsavedChangesOf } from '../src/lib/plan-editing';
import {
  buildDistrict,
  buildPlan,
  signedIn,
  startApiServer,
  type ApiServer,
  type TestDistrict,
} from './support/api-server';
import { memoryStore, testEnvironment, type TestEnvironment } from './support/memory-environment';

type Answer = { text: string };

let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer();
});
afterAll(async () => {
  await server.close();
});

/** A district, its plan, and a question of stage 2 whose answer the tests type. */
async function aPlanToAnswer(): Promise<{ district: TestDistrict; plan: Plan; question: KeyQuestion }> {
  const district = await buildDistrict(server.testApp.db);
  const { plan } = await buildPlan(server.testApp.db, district);
  const question = plan.stages.find((stage) => stage.key === 'context')!.questions[0]!;
  return { district, plan, question };
}

const answerPath = (planId: string, key: string) => `/api/plans/${planId}/answers/${key}`;

function answerConfig(userId: string, plan: Plan, question: KeyQuestion): AutosaverConfig<Answer, KeyQuestion> {
  const read = (row: KeyQuestion) => ({ value: { text: row.answer.text }, version: row.answer.version });
  return {
    storageKey: `${userId}:${plan.id}:answer:${question.key}`,
    method: 'PUT',
    path: answerPath(plan.id, question.key),
    server: read(question),
    read,
    parseCurrent: (current) => keyQuestionSchema.safeParse(current).data ?? null,
  };
}

function registryOf(
  userId: string,
  client: ApiClient,
  environment: TestEnvironment,
  onError: (error: ApiError) => void = () => {},
) {
  return new AutosaveRegistry({ userId, api: client, environment, onError });
}

type ActionFields = { dueDate: string | null; notes: string };

/** An action of the plan, its due date and notes saved as the action card saves them. */
function actionConfig(userId: string, plan: Plan, action: HighImpactAction) {
  const read = (row: HighImpactAction) => ({ value: { dueDate: row.dueDate, notes: row.notes }, version: row.version });
  const config: AutosaverConfig<ActionFields, HighImpactAction> = {
    storageKey: `${userId}:${plan.id}:action:${action.id}`,
    method: 'PATCH',
    path: `/api/plans/${plan.id}/actions/${action.id}`,
    server: read(action),
    read,
    parseCurrent: (current) => highImpactActionSchema.safeParse(current).data ?? null,
    labels: { dueDate: 'Due date', notes: 'Notes' },
    item: `the action “${action.text}”`,
  };
  return config;
}

async function actionOnServer(client: ApiClient, planId: string, id: string): Promise<ActionFields> {
  const plan = await client.get<Plan>(`/api/plans/${planId}`);
  const action = plan.stages.flatMap((stage) => stage.actions).find((a) => a.id === id)!;
  return { dueDate: action.dueDate, notes: action.notes };
}

/** Resolves once the saver's state passes `done`; fails the test with the last state after 15 s. */
function until<V extends Record<string, unknown>, R>(
  saver: Autosaver<V, R>,
  done: (s: ReturnType<typeof saver.getState>) => boolean,
) {
  return new Promise<void>((resolve, reject) => {
    if (done(saver.getState())) return resolve();
    const timer = setTimeout(() => reject(new Error(`Still ${JSON.stringify(saver.getState())}`)), 15_000);
    const stop = saver.subscribe(() => {
      if (!done(saver.getState())) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}

async function answerOnServer(client: ApiClient, planId: string, key: string): Promise<string> {
  const plan = await client.get<Plan>(`/api/plans/${planId}`);
  return plan.stages.flatMap((stage) => stage.questions).find((q) => q.key === key)!.answer.text;
}

async function idle(registry: AutosaveRegistry): Promise<void> {
  await registry.settle(10_000);
}

describe('the autosaver', () => {
  it('when an answer is typed, then it is saving at once and saved once the server has it', async () => {
    const { district, plan, question } = await aPlanToAnswer();
    const { client } = await signedIn(server.baseUrl, district.admin.email);
    const registry = registryOf(district.admin.id, client, testEnvironment());
    const saver = new Autosaver(registry, answerConfig(district.admin.id, plan, question));

    saver.edit({ text: 'Observation ratings and student growth.' }, 'now');
    expect(saver.getState().status).toBe('saving');
    expect(registry.getOverall().status).toBe('saving');

    await until(saver, (s) => s.status === 'saved');
    expect(registry.getOverall().status).toBe('saved');
    expect(registry.unsentCount()).toBe(0);
    expect(await answerOnServer(client, plan.id, question.key)).toBe('Observation ratings and student growth.');
  });

  it('when an edit is made offline, then it is kept on the device, shown after a reload and sent once online', async () => {
    const { district, plan, question } = await aPlanToAnswer();
    const { client } = await signedIn(server.baseUrl, district.admin.email);
    const store = memoryStore();
    const offline = testEnvironment(store, false);
    const before = new Autosaver(
      registryOf(district.admin.id, client, offline),
      answerConfig(district.admin.id, plan, question),
    );

    before.edit({ text: 'Written on the train.' }, 'now');
    expect(before.getState().status).toBe('offline');

    // The page is reloaded, still offline: a new registry and saver on the same device storage.
    const reloaded = testEnvironment(store, false);
    const registry = registryOf(district.admin.id, client, reloaded);
    const stop = registry.start();
    const after = new Autosaver(registry, answerConfig(district.admin.id, plan, question));
    registry.register(after);
    expect(after.getState()).toMatchObject({ value: { text: 'Written on the train.' }, status: 'offline' });
    expect(registry.getOverall().status).toBe('offline');
    expect(await answerOnServer(client, plan.id, question.key)).toBe('');

    reloaded.setOnline(true);
    await until(after, (s) => s.status === 'saved');
    expect(await answerOnServer(client, plan.id, question.key)).toBe('Written on the train.');
    expect(registry.unsentCount()).toBe(0);
    stop();
  });

  it('when another person signs in on the device, then the first person’s unsent edit is neither sent nor seen, and is sent at their next sign-in', async () => {
    const { district, plan, question } = await aPlanToAnswer();
    const other = await buildDistrict(server.testApp.db);
    const store = memoryStore();
    const admin = await signedIn(server.baseUrl, district.admin.email);
    const typed = new Autosaver(
      registryOf(district.admin.id, admin.client, testEnvironment(store, false)),
      answerConfig(district.admin.id, plan, question),
    );
    typed.edit({ text: 'Typed by the administrator.' }, 'now');

    // Someone else's session on the same device: the stored edit is not theirs to send.
    const visitor = await signedIn(server.baseUrl, other.admin.email);
    const visitorRegistry = registryOf(other.admin.id, visitor.client, testEnvironment(store));
    const stopVisitor = visitorRegistry.start();
    await idle(visitorRegistry);
    expect(visitorRegistry.unsentCount()).toBe(0);
    const visitorSaver = new Autosaver(visitorRegistry, answerConfig(district.admin.id, plan, question));
    expect(visitorSaver.getState().value.text).toBe('');
    stopVisitor();
    expect(await answerOnServer(admin.client, plan.id, question.key)).toBe('');

    // The administrator signs in again: their edit goes at once, without the page being open.
    const adminRegistry = registryOf(district.admin.id, admin.client, testEnvironment(store));
    expect(adminRegistry.unsentCount()).toBe(1);
    const stopAdmin = adminRegistry.start();
    await idle(adminRegistry);
    expect(adminRegistry.unsentCount()).toBe(0);
    expect(await answerOnServer(admin.client, plan.id, question.key)).toBe('Typed by the administrator.');
    stopAdmin();
  });

  it('when someone saved first, then the 409 shows both versions and keeping mine saves it on their version', async () => {
    const { district, plan, question } = await aPlanToAnswer();
    const [first, second] = await Promise.all([
      signedIn(server.baseUrl, district.admin.email),
      signedIn(server.baseUrl, district.admin.email),
    ]);
    const a = new Autosaver(
      registryOf(district.admin.id, first.client, testEnvironment()),
      answerConfig(district.admin.id, plan, question),
    );
    const b = new Autosaver(
      registryOf(district.admin.id, second.client, testEnvironment()),
      answerConfig(district.admin.id, plan, question),
    );

    a.edit({ text: 'Grade-level PLCs meet weekly.' }, 'now');
    await until(a, (s) => s.status === 'saved');
    b.edit({ text: 'The union co-chairs the committee.' }, 'now');
    await until(b, (s) => s.status === 'conflict');
    expect(b.getState().conflict).toMatchObject({
      mine: { text: 'The union co-chairs the committee.' },
      theirs: { text: 'Grade-level PLCs meet weekly.' },
      version: 2,
    });
    expect(b.getState().value.text).toBe('The union co-chairs the committee.');
    expect(await answerOnServer(first.client, plan.id, question.key)).toBe('Grade-level PLCs meet weekly.');

    b.keepMine();
    await until(b, (s) => s.status === 'saved');
    expect(await answerOnServer(first.client, plan.id, question.key)).toBe('The union co-chairs the committee.');
  });

  it('when someone saved another field first, then no conflict is shown: mine is saved on their version and both are kept', async () => {
    const { district, plan } = await aPlanToAnswer();
    const action = plan.stages[1]!.actions[0]!;
    const [first, second] = await Promise.all([
      signedIn(server.baseUrl, district.admin.email),
      signedIn(server.baseUrl, district.admin.email),
    ]);
    const a = new Autosaver(
      registryOf(district.admin.id, first.client, testEnvironment()),
      actionConfig(district.admin.id, plan, action),
    );
    const secondRegistry = registryOf(district.admin.id, second.client, testEnvironment());
    const b = new Autosaver(secondRegistry, actionConfig(district.admin.id, plan, action));
    secondRegistry.register(b);

    a.edit({ dueDate: '2026-11-01' }, 'now');
    await until(a, (s) => s.status === 'saved');
    const statuses: string[] = [];
    b.subscribe(() => statuses.push(b.getState().status));
    b.edit({ notes: 'Ask the data office first.' }, 'now');
    await until(b, (s) => s.status === 'saved');

    expect(statuses).not.toContain('conflict');
    expect(b.getState()).toMatchObject({
      value: { dueDate: '2026-11-01', notes: 'Ask the data office first.' },
      conflict: null,
    });
    expect(await actionOnServer(first.client, plan.id, action.id)).toEqual({
      dueDate: '2026-11-01',
      notes: 'Ask the data office first.',
    });
    // The page's save state says why the fields show more than was typed.
    expect(secondRegistry.getOverall()).toMatchObject({ status: 'saved', withChangesMadeElsewhere: true });
    expect(secondRegistry.unsentCount()).toBe(0);

    // A field both changed is still theirs to compare with mine: the first saver's edit was based on empty notes.
    a.edit({ notes: 'Ask the principals.' }, 'now');
    await until(a, (s) => s.status === 'conflict');
    expect(a.getState().conflict).toMatchObject({
      mine: { notes: 'Ask the principals.' },
      theirs: { dueDate: '2026-11-01', notes: 'Ask the data office first.' },
    });
    expect(await actionOnServer(first.client, plan.id, action.id)).toEqual({
      dueDate: '2026-11-01',
      notes: 'Ask the data office first.',
    });
  });

  it('when a field held back was changed by someone else meanwhile, then a save of another field shows the conflict: theirs is not hidden under what is being typed', async () => {
    const { district, plan } = await aPlanToAnswer();
    const action = plan.stages[1]!.actions[0]!;
    const [first, second] = await Promise.all([
      signedIn(server.baseUrl, district.admin.email),
      signedIn(server.baseUrl, district.admin.email),
    ]);
    const a = new Autosaver(
      registryOf(district.admin.id, first.client, testEnvironment()),
      actionConfig(district.admin.id, plan, action),
    );
    const secondRegistry = registryOf(district.admin.id, second.client, testEnvironment());
    const b = new Autosaver(secondRegistry, actionConfig(district.admin.id, plan, action));
    secondRegistry.register(b);

    // The person is part way through typing a due date, held back as not yet a date.
    b.edit({ dueDate: '2026-1' });
    b.setInvalid('dueDate', 'Due date must be a date, such as 2026-11-01');
    // A colleague saves a due date meanwhile.
    a.edit({ dueDate: '2026-12-15' }, 'now');
    await until(a, (s) => s.status === 'saved');
    b.edit({ notes: 'Ask the data office first.' }, 'now');
    await until(b, (s) => s.status === 'conflict' || s.savedAt !== null);

    expect(b.getState().conflict).toMatchObject({ theirs: { dueDate: '2026-12-15' } });
    expect(await actionOnServer(first.client, plan.id, action.id)).toEqual({
      dueDate: '2026-12-15',
      notes: action.notes,
    });
  });

  it('when a save taken onto their version then meets a real clash and "Use theirs" is chosen, then the next save does not say "with changes made elsewhere"', async () => {
    const { district, plan } = await aPlanToAnswer();
    const action = plan.stages[1]!.actions[0]!;
    const [first, second] = await Promise.all([
      signedIn(server.baseUrl, district.admin.email),
      signedIn(server.baseUrl, district.admin.email),
    ]);
    const a = new Autosaver(
      registryOf(district.admin.id, first.client, testEnvironment()),
      actionConfig(district.admin.id, plan, action),
    );
    // A colleague saves other notes just as the first answer to this tab comes back, before it sends again.
    let answers = 0;
    const api: ApiClient = {
      ...second.client,
      request: async <T>(path: string, options?: Parameters<ApiClient['request']>[1]) => {
        try {
          return await second.client.request<T>(path, options);
        } finally {
          answers += 1;
          if (answers === 1) {
            a.edit({ notes: 'Ask the principals.' }, 'now');
            await until(a, (s) => s.status === 'conflict' || s.status === 'saved');
          }
        }
      },
    };
    const secondRegistry = registryOf(district.admin.id, api, testEnvironment());
    const b = new Autosaver(secondRegistry, actionConfig(district.admin.id, plan, action));
    secondRegistry.register(b);

    await first.client.patch(`/api/plans/${plan.id}/actions/${action.id}`, {
      dueDate: '2026-11-01',
      version: action.version,
    });
    b.edit({ notes: 'Ask the data office first.' }, 'now');
    await until(b, (s) => s.status === 'conflict');
    b.takeTheirs();
    expect(b.getState().value).toEqual({ dueDate: '2026-11-01', notes: 'Ask the principals.' });

    // Only what the person typed, on the version the page shows: nothing new from elsewhere.
    b.edit({ dueDate: '2026-12-01' }, 'now');
    await until(b, (s) => s.status === 'saved');
    expect(secondRegistry.getOverall()).toMatchObject({ status: 'saved', withChangesMadeElsewhere: false });
  });

  it("when someone changed a role's kind of pay and the person its amount under the old kind, then the conflict is shown: the amount is not saved quietly into a hidden field", async () => {
    const district = await buildDistrict(server.testApp.db);
    const { plan } = await buildPlan(server.testApp.db, district);
    const [first, second] = await Promise.all([
      signedIn(server.baseUrl, district.admin.email),
      signedIn(server.baseUrl, district.admin.email),
    ]);
    const role = await first.client.post<Role>(`/api/plans/${plan.id}/roles`, {
      title: 'Coach',
      schoolIds: [district.schools[0]!.id],
    });
    type Pay = Pick<Role, 'payKind' | 'stipendCents' | 'extraDays'>;
    const read = (row: Role) => ({
      value: { payKind: row.payKind, stipendCents: row.stipendCents, extraDays: row.extraDays },
      version: row.version,
    });
    // As the role page's saver: the kind of pay and its amounts are linked.
    const config = (userId: string): AutosaverConfig<Pay, Role> => ({
      storageKey: `${userId}:${plan.id}:role:${role.id}`,
      method: 'PATCH',
      path: `/api/plans/${plan.id}/roles/${role.id}`,
      server: read(role),
      read,
      parseCurrent: (current) => roleSchema.safeParse(current).data ?? null,
      linked: [payFields],
    });
    const a = new Autosaver(registryOf(district.admin.id, first.client, testEnvironment()), config(district.admin.id));
    const b = new Autosaver(registryOf(district.admin.id, second.client, testEnvironment()), config(district.admin.id));

    a.edit({ payKind: 'extra_days', extraDays: 5 }, 'now');
    await until(a, (s) => s.status === 'saved');
    b.edit({ stipendCents: 250_000 }, 'now');
    await until(b, (s) => s.status === 'conflict' || s.status === 'saved');

    expect(b.getState().conflict).toMatchObject({
      mine: { stipendCents: 250_000 },
      theirs: { payKind: 'extra_days', extraDays: 5 },
    });
    expect(await first.client.get<Role>(`/api/plans/${plan.id}/roles/${role.id}`)).toMatchObject({
      payKind: 'extra_days',
      // A new role's stipend is not yet decided (migration 041): the amount typed was never saved.
      stipendCents: null,
    });
  });

  it('when the server refuses a save for a reason that passes, then it says so and tries again by itself', async () => {
    const { district, plan, question } = await aPlanToAnswer();
    const { client, csrfToken } = await signedIn(server.baseUrl, district.admin.email);
    // The session's token has gone stale (as after a new sign-in in another tab): the server answers 403.
    client.setCsrfToken('a stale token');
    const seen: string[] = [];
    const registry = registryOf(district.admin.id, client, testEnvironment(), (error) => {
      seen.push(error.code);
      // What the app does on csrf_failed: it loads the session again, with its current token.
      client.setCsrfToken(csrfToken);
    });
    const saver = new Autosaver(registry, answerConfig(district.admin.id, plan, question));
    registry.register(saver);

    saver.edit({ text: 'Sent twice, saved once.' }, 'now');
    await until(saver, (s) => s.status === 'error');
    expect(seen).toEqual(['csrf_failed']);
    expect(registry.getOverall().status).toBe('error');
    expect(registry.unsentCount()).toBe(1);

    await until(saver, (s) => s.status === 'saved');
    expect(await answerOnServer(client, plan.id, question.key)).toBe('Sent twice, saved once.');
    expect(retryDelaysMs[0]).toBeLessThanOrEqual(5_000);
  }, 30_000);

  it('when a field holds what cannot be saved, then the item and the page say "not saved" until it is corrected', async () => {
    const { district, plan, question } = await aPlanToAnswer();
    const { client } = await signedIn(server.baseUrl, district.admin.email);
    const registry = registryOf(district.admin.id, client, testEnvironment());
    const saver = new Autosaver(registry, answerConfig(district.admin.id, plan, question));
    registry.register(saver);

    saver.edit({ text: 'Saved part.' }, 'now');
    await until(saver, (s) => s.status === 'saved');
    saver.setInvalid('amountCents', 'Amount must be an amount in dollars, such as 125,000.50');
    expect(saver.getState()).toMatchObject({
      status: 'error',
      error: 'Amount must be an amount in dollars, such as 125,000.50',
    });
    expect(registry.getOverall().status).toBe('error');

    saver.setInvalid('amountCents', null);
    expect(saver.getState().status).toBe('saved');
    expect(registry.getOverall().status).toBe('saved');
  });

  it('when the server refuses one field of an edit, then that field keeps what was typed with its reason, and the other fields still save', async () => {
    const { district, plan } = await aPlanToAnswer();
    const action = plan.stages[1]!.actions[0]!;
    const { client } = await signedIn(server.baseUrl, district.admin.email);
    const registry = registryOf(district.admin.id, client, testEnvironment());
    const saver = new Autosaver(registry, actionConfig(district.admin.id, plan, action));
    registry.register(saver);

    // A year the server refuses, sent with notes it takes: the notes go again by themselves.
    saver.edit({ dueDate: '0002-11-01', notes: 'Ask the data office first.' }, 'now');
    await until(saver, (s) => s.refused['dueDate'] !== undefined && s.savedAt !== null);
    expect(saver.getState()).toMatchObject({
      value: { dueDate: '0002-11-01', notes: 'Ask the data office first.' },
      refused: { dueDate: 'Due date must be between 1950 and 2100' },
      status: 'error',
      error: 'Due date must be between 1950 and 2100',
    });
    expect(await actionOnServer(client, plan.id, action.id)).toEqual({
      dueDate: null,
      notes: 'Ask the data office first.',
    });

    // Later edits of other fields are not held up by it, and it stays as typed.
    const firstSave = saver.getState().savedAt!;
    saver.edit({ notes: 'Ask the data office, then the principals.' }, 'now');
    await until(saver, (s) => s.savedAt !== firstSave && s.status === 'error');
    expect(saver.getState().value.dueDate).toBe('0002-11-01');
    expect(await actionOnServer(client, plan.id, action.id)).toEqual({
      dueDate: null,
      notes: 'Ask the data office, then the principals.',
    });
    expect(registry.unsentCount()).toBe(0);

    // Typed anew, the field is sent again.
    saver.edit({ dueDate: '2026-11-01' }, 'now');
    await until(saver, (s) => s.status === 'saved');
    expect(saver.getState().refused).toEqual({});
    expect((await actionOnServer(client, plan.id, action.id)).dueDate).toBe('2026-11-01');
  });

  it('when a field refused on screen is typed anew and saved, then the plan’s notice lets go of its words; what a closed tab kept stays', async () => {
    const { district, plan } = await aPlanToAnswer();
    const [first, second] = plan.stages[1]!.actions as [HighImpactAction, HighImpactAction];
    const { client } = await signedIn(server.baseUrl, district.admin.email);
    const userId = district.admin.id;
    const tooLong = (words: string) => words.padEnd(5_001, '.');
    // Notes too long typed offline into the first action, and the tab closed: the next visit keeps them, refused.
    const store = memoryStore();
    new Autosaver(registryOf(userId, client, testEnvironment(store, false)), actionConfig(userId, plan, first)).edit(
      { notes: tooLong('Typed on the train') },
      'now',
    );
    const registry = new AutosaveRegistry({
      userId,
      api: client,
      environment: testEnvironment(store),
      onRefused: keepRefusedEdit,
      onRefusalSaved: settleRefusedEdit,
    });
    const stop = registry.start();
    await idle(registry);
    const fromClosedTab = unsavedChangesOf(userId, plan.id);
    expect(fromClosedTab).toMatchObject([{ item: `the action “${first.text}”` }]);

    // On screen, the second action's notes are refused, then shortened and saved: the notice lets go of them.
    const onScreen = new Autosaver(registry, actionConfig(userId, plan, second));
    registry.register(onScreen);
    onScreen.edit({ notes: tooLong('Ask the data office first') }, 'now');
    await until(onScreen, (s) => s.refused['notes'] !== undefined);
    expect(unsavedChangesOf(userId, plan.id).map((c) => c.item)).toEqual([
      `the action “${first.text}”`,
      `the action “${second.text}”`,
    ]);
    onScreen.edit({ notes: 'Ask the data office first.' }, 'now');
    await until(onScreen, (s) => s.status === 'saved');
    expect(unsavedChangesOf(userId, plan.id)).toEqual(fromClosedTab);

    // The first action on screen: a day refused there, then corrected and saved, leaves the closed tab's words be.
    const opened = new Autosaver(registry, actionConfig(userId, plan, first));
    registry.register(opened);
    opened.edit({ dueDate: '0002-11-01' }, 'now');
    await until(opened, (s) => s.refused['dueDate'] !== undefined);
    opened.edit({ dueDate: '2026-11-01' }, 'now');
    await until(opened, (s) => s.status === 'saved');
    expect(unsavedChangesOf(userId, plan.id)).toEqual(fromClosedTab);
    stop();
  });

  it('when a refused field was typed again while its save was on the wire, then the new value is sent, not held', async () => {
    const { district, plan } = await aPlanToAnswer();
    const action = plan.stages[1]!.actions[0]!;
    const { client } = await signedIn(server.baseUrl, district.admin.email);
    const registry = registryOf(district.admin.id, client, testEnvironment());
    const saver = new Autosaver(registry, actionConfig(district.admin.id, plan, action));
    registry.register(saver);

    saver.edit({ dueDate: '0002-11-01' }, 'now');
    // Corrected before the server has answered the first.
    saver.edit({ dueDate: '2026-11-02' }, 'now');
    await until(saver, (s) => s.status === 'saved' || (s.status === 'error' && s.error === null));
    expect(saver.getState()).toMatchObject({ status: 'saved', refused: {}, value: { dueDate: '2026-11-02' } });
    expect((await actionOnServer(client, plan.id, action.id)).dueDate).toBe('2026-11-02');
  });

  it('when a role\'s refused responsibility is kept with "Keep mine" and corrected as it goes, then once saved no row of it is still marked refused', async () => {
    const district = await buildDistrict(server.testApp.db);
    const { plan } = await buildPlan(server.testApp.db, district);
    const [first, second] = await Promise.all([
      signedIn(server.baseUrl, district.admin.email),
      signedIn(server.baseUrl, district.admin.email),
    ]);
    const role = await first.client.post<Role>(`/api/plans/${plan.id}/roles`, {
      title: 'Coach',
      schoolIds: [district.schools[0]!.id],
    });
    type Fields = Pick<Role, 'title' | 'responsibilities'>;
    const read = (row: Role) => ({
      value: { title: row.title, responsibilities: row.responsibilities },
      version: row.version,
    });
    const config = (userId: string): AutosaverConfig<Fields, Role> => ({
      storageKey: `${userId}:${plan.id}:role:${role.id}`,
      method: 'PATCH',
      path: `/api/plans/${plan.id}/roles/${role.id}`,
      server: read(role),
      read,
      parseCurrent: (current) => roleSchema.safeParse(current).data ?? null,
      labels: { title: 'Title', responsibilities: 'Responsibilities' },
    });
    const a = new Autosaver(registryOf(district.admin.id, first.client, testEnvironment()), config(district.admin.id));
    const b = new Autosaver(registryOf(district.admin.id, second.client, testEnvironment()), config(district.admin.id));

    // The second responsibility, left empty, is refused at its row.
    const leads = { text: 'Leads the grade-level PLC', domains: [] };
    b.edit({ responsibilities: [leads, { text: '', domains: [] }] }, 'now');
    await until(b, (s) => s.refused['responsibilities'] !== undefined);
    expect(Object.keys(b.getState().refusedAt)).toEqual(['responsibilities.1.text']);

    a.edit({ title: 'Instructional coach' }, 'now');
    await until(a, (s) => s.status === 'saved');
    b.edit({ title: 'Literacy coach' }, 'now');
    await until(b, (s) => s.status === 'conflict');
    b.keepMine();
    // Corrected while the kept version is on its way.
    const observes = { text: 'Observes new teachers', domains: [] };
    b.edit({ responsibilities: [leads, observes] }, 'now');
    await until(b, (s) => s.status === 'saved' || (s.status === 'error' && s.error === null));

    const { status, refused, refusedAt } = b.getState();
    expect({ status, refused, refusedAt }).toEqual({ status: 'saved', refused: {}, refusedAt: {} });
    expect(await first.client.get<Role>(`/api/plans/${plan.id}/roles/${role.id}`)).toMatchObject({
      title: 'Literacy coach',
      responsibilities: [leads, observes],
    });
  });

  it("when a field is held back, then the page's cache is told what the server saved, not the held value", async () => {
    const { district, plan } = await aPlanToAnswer();
    const action = plan.stages[1]!.actions[0]!;
    const { client } = await signedIn(server.baseUrl, district.admin.email);
    const registry = registryOf(district.admin.id, client, testEnvironment());
    const cached: ActionFields[] = [];
    const saver = new Autosaver(registry, {
      ...actionConfig(district.admin.id, plan, action),
      onSaved: (_row, value) => cached.push(value as ActionFields),
    });
    registry.register(saver);

    saver.edit({ dueDate: '0002-11-01', notes: 'Ask the data office first.' }, 'now');
    await until(saver, (s) => s.refused['dueDate'] !== undefined && s.savedAt !== null);
    // The field keeps what was typed; the cache, which pages and lists read, keeps the server's day.
    expect(saver.getState().value.dueDate).toBe('0002-11-01');
    expect(cached.at(-1)).toEqual({ dueDate: null, notes: 'Ask the data office first.' });
  });

  it('when a field turns invalid while a value typed on the way waits for the pause, then that value is not sent', async () => {
    const { district, plan } = await aPlanToAnswer();
    const { client } = await signedIn(server.baseUrl, district.admin.email);
    const row = await client.post<StageTableRow<'priorities'>>(`/api/plans/${plan.id}/priorities`, {
      title: 'Early literacy',
      rank: 2,
    });
    const read = (saved: StageTableRow<'priorities'>) => ({ value: { rank: saved.rank }, version: saved.version });
    const registry = registryOf(district.admin.id, client, testEnvironment());
    const saver = new Autosaver<{ rank: number | null }, StageTableRow<'priorities'>>(registry, {
      storageKey: `${district.admin.id}:${plan.id}:priorities:${row.id}`,
      method: 'PATCH',
      path: `/api/plans/${plan.id}/priorities/${row.id}`,
      server: read(row),
      read,
      parseCurrent: (current) => stageTableRowSchemas.priorities.safeParse(current).data ?? null,
    });
    registry.register(saver);

    // "9999" typed: 9, 99 and 999 would be saved after the pause, 9999 cannot be.
    for (const rank of [9, 99, 999]) saver.edit({ rank });
    saver.setInvalid('rank', 'Rank must be at most 999');
    expect(saver.getState()).toMatchObject({ status: 'error', error: 'Rank must be at most 999' });
    expect(registry.unsentCount()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const { rows } = await client.get<{ rows: StageTableRow<'priorities'>[] }>(`/api/plans/${plan.id}/priorities`);
    expect(rows.find((r) => r.id === row.id)!.rank).toBe(2);
  });

  it('when a space typed last is saved and the server trims it, then the field keeps it to type on, and the next word is saved after it', async () => {
    const { district, plan } = await aPlanToAnswer();
    const { client } = await signedIn(server.baseUrl, district.admin.email);
    const row = await client.post<StageTableRow<'priorities'>>(`/api/plans/${plan.id}/priorities`, {
      title: 'Early',
    });
    const read = (saved: StageTableRow<'priorities'>) => ({ value: { title: saved.title }, version: saved.version });
    const registry = registryOf(district.admin.id, client, testEnvironment());
    const saver = new Autosaver<{ title: string }, StageTableRow<'priorities'>>(registry, {
      storageKey: `${district.admin.id}:${plan.id}:priorities:${row.id}`,
      method: 'PATCH',
      path: `/api/plans/${plan.id}/priorities/${row.id}`,
      server: read(row),
      read,
      parseCurrent: (current) => stageTableRowSchemas.priorities.safeParse(current).data ?? null,
    });
    registry.register(saver);

    // A pause after the space: the save goes, and the server keeps "Early literacy" trimmed.
    saver.edit({ title: 'Early literacy ' }, 'now');
    await until(saver, (s) => s.status === 'saved');
    expect(saver.getState().value.title).toBe('Early literacy ');
    saver.edit({ title: 'Early literacy for all' }, 'now');
    await until(saver, (s) => s.status === 'saved');
    const { rows } = await client.get<{ rows: StageTableRow<'priorities'>[] }>(`/api/plans/${plan.id}/priorities`);
    expect(rows.find((r) => r.id === row.id)!.title).toBe('Early literacy for all');
  });
});

describe('two tabs of one person editing one item', () => {
  /** Two tabs of the same browser, offline, each with the action on screen: one device storage, one session. */
  async function twoTabsOffline() {
    const district = await buildDistrict(server.testApp.db);
    const { plan } = await buildPlan(server.testApp.db, district);
    const action = plan.stages[1]!.actions[0]!;
    const { client } = await signedIn(server.baseUrl, district.admin.email);
    const store = memoryStore();
    const tab = () => {
      const environment = testEnvironment(store, false);
      const registry = registryOf(district.admin.id, client, environment);
      const stop = registry.start();
      const saver = new Autosaver(registry, actionConfig(district.admin.id, plan, action));
      const unregister = registry.register(saver);
      saver.start();
      const close = () => {
        saver.flush(true);
        unregister();
        stop();
      };
      return { environment, registry, saver, close };
    };
    return { plan, action, client, a: tab(), b: tab() };
  }

  it('when each changed another field offline and one tab was closed, then the other sends both once online', async () => {
    const { plan, action, client, a, b } = await twoTabsOffline();

    a.saver.edit({ notes: 'Typed in the first tab.' });
    b.saver.edit({ dueDate: '2026-10-15' });
    // The first tab typed again after the second wrote: the second's field stays on the device.
    a.saver.edit({ notes: 'Typed in the first tab, and more.' });
    b.close();
    expect(a.registry.unsentCount()).toBe(1);

    a.environment.setOnline(true);
    await until(a.saver, (s) => s.status === 'saved');
    await idle(a.registry);
    expect(await actionOnServer(client, plan.id, action.id)).toEqual({
      dueDate: '2026-10-15',
      notes: 'Typed in the first tab, and more.',
    });
    expect(a.saver.getState().value).toEqual({ dueDate: '2026-10-15', notes: 'Typed in the first tab, and more.' });
    expect(a.registry.unsentCount()).toBe(0);
    a.close();
  });

  it('when both changed the same field offline, then the later change is sent, with no conflict', async () => {
    const { plan, action, client, a, b } = await twoTabsOffline();

    a.saver.edit({ notes: 'Typed first.' });
    b.saver.edit({ notes: 'Typed last.' });
    b.close();
    const statuses: string[] = [];
    a.saver.subscribe(() => statuses.push(a.saver.getState().status));
    a.environment.setOnline(true);
    await until(a.saver, (s) => s.status === 'saved');

    expect(statuses).not.toContain('conflict');
    expect(await actionOnServer(client, plan.id, action.id)).toEqual({ dueDate: null, notes: 'Typed last.' });
    expect(a.saver.getState().value.notes).toBe('Typed last.');
    expect(a.registry.unsentCount()).toBe(0);
    a.close();
  });

  it('when one tab saves its field, then the field another tab kept on the device stays there', () => {
    const store = memoryStore();
    const edits = new PendingEdits(store, 'someone');
    const edit = { method: 'PATCH' as const, path: '/api/plans/p/actions/a', baseVersion: 1 };
    edits.merge('k', { ...edit, changes: { notes: 'mine' }, base: { notes: '' } });
    edits.merge('k', { ...edit, changes: { dueDate: '2026-10-15' }, base: { dueDate: null } });
    expect(edits.read('k')).toMatchObject({
      changes: { notes: 'mine', dueDate: '2026-10-15' },
      base: { notes: '', dueDate: null },
    });

    // Sent from the first tab: only what it sent, and still holds, goes.
    edits.removeFields('k', { notes: 'mine' });
    expect(edits.read('k')?.changes).toEqual({ dueDate: '2026-10-15' });
    // A field stored anew since it was sent stays, to be sent in turn.
    edits.removeFields('k', { dueDate: '2026-10-01' });
    expect(edits.read('k')?.changes).toEqual({ dueDate: '2026-10-15' });
    edits.removeFields('k', { dueDate: '2026-10-15' });
    expect(edits.read('k')).toBeNull();
  });
});

describe('edits kept on the device, sent later with their item not on screen', () => {
  /** An own action of the plan (the roadmap's cannot be removed), its notes typed offline and the page closed. */
  async function anOfflineEdit(changes: Partial<ActionFields>) {
    const district = await buildDistrict(server.testApp.db);
    const { plan, customActionId } = await buildPlan(server.testApp.db, district);
    const action = plan.stages.flatMap((stage) => stage.actions).find((a) => a.id === customActionId)!;
    const { client } = await signedIn(server.baseUrl, district.admin.email);
    const store = memoryStore();
    const closedTab = new Autosaver(
      registryOf(district.admin.id, client, testEnvironment(store, false)),
      actionConfig(district.admin.id, plan, action),
    );
    closedTab.edit(changes, 'now');
    expect(closedTab.getState().status).toBe('offline');
    return { district, plan, action, client, store };
  }

  /** The next visit, online, with no page of the item open: what it refuses for good is handed to the app. */
  async function nextVisit(userId: string, client: ApiClient, store: ReturnType<typeof memoryStore>) {
    const refusals: RefusedEdit[] = [];
    const registry = new AutosaveRegistry({
      userId,
      api: client,
      environment: testEnvironment(store),
      onRefused: (refused) => {
        refusals.push(refused);
        keepRefusedEdit(refused);
      },
    });
    const stop = registry.start();
    await idle(registry);
    stop();
    return { registry, refusals };
  }

  it('when the server refuses one field of it, then the other fields are sent again and saved, and the refusal is kept with its reason and item', async () => {
    const { district, plan, action, client, store } = await anOfflineEdit({
      dueDate: '0002-11-01',
      notes: 'Ask the data office first.',
    });

    const { registry, refusals } = await nextVisit(district.admin.id, client, store);
    expect(await actionOnServer(client, plan.id, action.id)).toEqual({
      dueDate: null,
      notes: 'Ask the data office first.',
    });
    expect(registry.unsentCount()).toBe(0);
    expect(refusals).toMatchObject([
      { changes: { dueDate: '0002-11-01' }, reason: 'Due date must be between 1950 and 2100', offScreen: true },
    ]);
    // Nothing on screen says it: the plan's notice will, though no words were typed (a day was chosen).
    expect(unsavedChangesOf(district.admin.id, plan.id)).toMatchObject([
      { item: `the action “${action.text}”`, reason: 'Due date must be between 1950 and 2100', texts: [] },
    ]);
  });

  it('when someone changed only another field of its item meanwhile, then it is saved on their version, both kept, and nothing waits for a choice', async () => {
    const { district, plan, action, client, store } = await anOfflineEdit({ notes: 'Ask the data office first.' });
    await client.patch(`/api/plans/${plan.id}/actions/${action.id}`, {
      dueDate: '2026-11-01',
      version: action.version,
    });

    const { registry } = await nextVisit(district.admin.id, client, store);
    expect(await actionOnServer(client, plan.id, action.id)).toEqual({
      dueDate: '2026-11-01',
      notes: 'Ask the data office first.',
    });
    expect(registry.unsentCount()).toBe(0);
    expect(registry.getWaiting()).toEqual([]);
  });

  it("when someone changed a role's kind of pay meanwhile and it holds an amount under the old kind, then it waits for a choice and nothing is saved", async () => {
    const district = await buildDistrict(server.testApp.db);
    const { plan } = await buildPlan(server.testApp.db, district);
    const { client } = await signedIn(server.baseUrl, district.admin.email);
    const role = await client.post<Role>(`/api/plans/${plan.id}/roles`, {
      title: 'Coach',
      schoolIds: [district.schools[0]!.id],
    });
    const rolePath = `/api/plans/${plan.id}/roles/${role.id}`;
    type Pay = Pick<Role, 'payKind' | 'stipendCents' | 'supplementPercent' | 'extraDays'>;
    const read = (row: Role) => ({
      value: {
        payKind: row.payKind,
        stipendCents: row.stipendCents,
        supplementPercent: row.supplementPercent,
        extraDays: row.extraDays,
      },
      version: row.version,
    });
    const store = memoryStore();
    // As the role page's saver, offline: the kind of pay and its amounts are linked.
    new Autosaver<Pay, Role>(registryOf(district.admin.id, client, testEnvironment(store, false)), {
      storageKey: `${district.admin.id}:${plan.id}:role:${role.id}`,
      method: 'PATCH',
      path: rolePath,
      server: read(role),
      read,
      parseCurrent: (current) => roleSchema.safeParse(current).data ?? null,
      linked: [payFields],
    }).edit({ stipendCents: 250_000 }, 'now');
    await client.patch(rolePath, { payKind: 'extra_days', extraDays: 5, version: role.version });

    const { registry } = await nextVisit(district.admin.id, client, store);
    expect(registry.getWaiting()).toHaveLength(1);
    expect(await client.get<Role>(rolePath)).toMatchObject({ payKind: 'extra_days', stipendCents: null });
  });

  it('when its item was removed meanwhile, then the 404 drops the edit but keeps the words typed, naming the item', async () => {
    const { district, plan, action, client, store } = await anOfflineEdit({ notes: 'Call the union rep on Monday.' });
    // Someone else removes the action before the person comes back online.
    const other = await signedIn(server.baseUrl, district.admin.email);
    await other.client.delete(`/api/plans/${plan.id}/actions/${action.id}?version=${String(action.version)}`);

    const { registry, refusals } = await nextVisit(district.admin.id, client, store);
    expect(registry.unsentCount()).toBe(0);
    expect(refusals).toMatchObject([{ error: { status: 404, code: 'not_found' }, offScreen: true }]);
    expect(unsavedChangesOf(district.admin.id, plan.id)).toMatchObject([
      { item: `the action “${action.text}”`, code: 'not_found', texts: ['Call the union rep on Monday.'] },
    ]);
  });

  it('when a role in review was approved after its edit was typed offline, then the edit sent later carries the status seen then, and is refused', async () => {
    const district = await buildDistrict(server.testApp.db);
    const { plan } = await buildPlan(server.testApp.db, district);
    const { client } = await signedIn(server.baseUrl, district.admin.email);
    const created = await client.post<Role>(`/api/plans/${plan.id}/roles`, {
      title: 'Coach',
      schoolIds: [district.schools[0]!.id],
    });
    const rolePath = `/api/plans/${plan.id}/roles/${created.id}`;
    const inReview = await client.post<Role>(`${rolePath}/submit`, {});
    let statusShown = inReview.status;
    const read = (row: Role) => ({ value: { purpose: row.purpose }, version: row.version });
    const store = memoryStore();
    const closedTab = new Autosaver(registryOf(district.admin.id, client, testEnvironment(store, false)), {
      storageKey: `${district.admin.id}:${plan.id}:role:${created.id}`,
      method: 'PATCH',
      path: rolePath,
      server: read(inReview),
      read,
      parseCurrent: (current) => roleSchema.safeParse(current).data ?? null,
      seen: () => ({ status: statusShown }),
    });
    closedTab.edit({ purpose: 'Typed on the train' }, 'now');

    const principal = await signedIn(server.baseUrl, district.principal.email);
    await principal.client.post(`${rolePath}/reviews`, {
      decision: 'approve',
      version: inReview.version,
      round: inReview.round,
    });
    // The page learnt of the approval (a refetch) before the edit went: what the person saw is what counts.
    statusShown = 'approved';

    const registry = registryOf(district.admin.id, client, testEnvironment(store));
    const stop = registry.start();
    await idle(registry);
    stop();
    expect(await client.get<Role>(rolePath)).toMatchObject({ status: 'approved', purpose: inReview.purpose });
  });

  it('when two fields are refused one after the other, then both refusals are kept together and the rest is saved', async () => {
    const district = await buildDistrict(server.testApp.db);
    const { plan } = await buildPlan(server.testApp.db, district);
    const { client } = await signedIn(server.baseUrl, district.admin.email);
    const role = await client.post<Role>(`/api/plans/${plan.id}/roles`, {
      title: 'Coach',
      applicationOpens: '2026-03-01',
    });
    const read = (row: Role) => ({ value: { purpose: row.purpose }, version: row.version });
    const store = memoryStore();
    const closedTab = new Autosaver(registryOf(district.admin.id, client, testEnvironment(store, false)), {
      storageKey: `${district.admin.id}:${plan.id}:role:${role.id}`,
      method: 'PATCH',
      path: `/api/plans/${plan.id}/roles/${role.id}`,
      server: read(role),
      read,
      parseCurrent: (current) => roleSchema.safeParse(current).data ?? null,
      labels: { purpose: 'Purpose', applicationCloses: 'Applications close', measureIds: 'Measures' },
      item: 'the role “Coach”',
    } as AutosaverConfig<Record<string, unknown>, Role>);
    // The window is checked before the links: the server refuses one, then, sent again without it, the other.
    closedTab.edit(
      { purpose: 'Coaches K-3 teams', applicationCloses: '2026-01-15', measureIds: [crypto.randomUUID()] },
      'now',
    );

    const { refusals } = await nextVisit(district.admin.id, client, store);
    expect((await client.get<Role>(`/api/plans/${plan.id}/roles/${role.id}`)).purpose).toBe('Coaches K-3 teams');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]!.reason).toMatch(/^Applications close .+; Measures: .+/);
    expect(Object.keys(refusals[0]!.changes).sort()).toEqual(['applicationCloses', 'measureIds']);
  });
});

describe('the page a stored edit names', () => {
  it('when a stored edit names a page starting with "//" (another site\'s address), then it is not taken as a page of the app', () => {
    const store = memoryStore();
    const edits = new PendingEdits(store, 'someone');
    const stored = (page: string) =>
      JSON.stringify({
        userId: 'someone',
        method: 'PATCH',
        path: '/api/plans/p/actions/a',
        changes: { notes: 'Mine.' },
        baseVersion: 1,
        page,
        storedAt: new Date().toISOString(),
      });
    store.setItem('planner.pending-edit:elsewhere', stored('//evil.example/plans'));
    store.setItem('planner.pending-edit:here', stored('/plans/p/stages/design'));
    expect(edits.read('elsewhere')?.page).toBeUndefined();
    expect(edits.read('elsewhere')?.changes).toEqual({ notes: 'Mine.' });
    expect(edits.read('here')?.page).toBe('/plans/p/stages/design');
  });
});
