import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApp, type RunningApp } from './support/server';
import { expectNoAxeViolations, goOffline, launchBrowser, openPage, signInAs } from './support/browser';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

type Role = { id: string; title: string; purpose: string; fieldModes: Record<string, string>; version: number };
type Action = { id: string; text: string; notes: string; dueDate: string | null; version: number };

/** The administrator's session in a browser of its own, reading and changing the plan through the API. */
async function administrator() {
  const context = await browser.newContext();
  const { page } = await openPage(context);
  await signInAs(page, app.baseUrl, 'admin@lakeview.test');
  const href = await page.getByRole('link', { name: 'Teacher Leadership Plan', exact: true }).getAttribute('href');
  const planId = /\/plans\/([0-9a-f-]{36})/.exec(href ?? '')![1]!;
  const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as { csrfToken: string };
  const send = async <T>(method: 'get' | 'post', path: string, data?: object): Promise<T> => {
    const response = await page.request[method](`${app.baseUrl}${path}`, {
      headers: { 'X-CSRF-Token': csrfToken },
      data,
    });
    if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return { context, planId, send };
}

const offlineStatus = (page: Page) =>
  page
    .getByRole('status')
    .filter({ hasText: /^Offline/ })
    .first();

/**
 * The console errors of pages, but for the browser's note of each request made while offline (the plan's comment
 * counts are fetched every minute, online or not): what was typed meanwhile is what these tests are about.
 */
const errorsOf = (...pages: { errors: string[] }[]) =>
  pages.flatMap(({ errors }) => errors).filter((error) => !error.includes('net::ERR_INTERNET_DISCONNECTED'));

const storedEdits = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('planner.pending-edit:')).length);

/**
 * Two tabs of one browser, signed in as the administrator, both showing `url` (its heading named `heading`), then
 * offline as both pages see it before anything is typed.
 */
async function twoTabsOffline(url: string, heading: string | RegExp) {
  const context = await browser.newContext();
  const a = await openPage(context);
  await signInAs(a.page, app.baseUrl, 'admin@lakeview.test');
  const b = await openPage(context);
  for (const { page } of [a, b]) {
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }
  await goOffline(context, a.page, b.page);
  return { context, a, b };
}

/** Tab B is closed while still offline; then the connection returns and tab A sends what the device kept. */
async function closeBThenOnline(context: BrowserContext, a: Page, b: Page): Promise<void> {
  await b.close();
  await context.setOffline(false);
  await a.waitForFunction(() => !Object.keys(localStorage).some((key) => key.startsWith('planner.pending-edit:')));
  await a
    .getByRole('status')
    .filter({ hasText: /^Saved at/ })
    .first()
    .waitFor();
}

describe('edits made offline in two tabs of one item are all sent once back online', () => {
  it('a role’s title typed in one tab and its purpose and a field’s “Set by” in another are all saved, though the second tab was closed offline', async () => {
    const admin = await administrator();
    const role = await admin.send<Role>('post', `/api/plans/${admin.planId}/roles`, { title: 'Science coach' });
    const { context, a, b } = await twoTabsOffline(`${app.baseUrl}/plans/${admin.planId}/roles/${role.id}`, role.title);

    const title = 'Science and engineering coach';
    const purpose = 'Coach science teachers through the new lab standards.';
    await a.page.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
    await offlineStatus(a.page).waitFor();
    await b.page.getByRole('textbox', { name: 'Purpose', exact: true }).fill(purpose);
    await b.page.getByRole('combobox', { name: 'Set by (Title)' }).selectOption('tight');
    await offlineStatus(b.page).waitFor();
    expect(await storedEdits(a.page)).toBe(1);
    await closeBThenOnline(context, a.page, b.page);

    const saved = await admin.send<Role>('get', `/api/plans/${admin.planId}/roles/${role.id}`);
    expect({ title: saved.title, purpose: saved.purpose, fieldModes: saved.fieldModes }).toEqual({
      title,
      purpose,
      fieldModes: { title: 'tight' },
    });
    // The tab left open shows all of it, as a fresh page does.
    expect(await a.page.getByRole('textbox', { name: 'Purpose', exact: true }).inputValue()).toBe(purpose);
    await a.page.reload();
    await a.page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await a.page.getByRole('textbox', { name: 'Purpose', exact: true }).inputValue()).toBe(purpose);
    expect(await a.page.getByRole('combobox', { name: 'Set by (Title)' }).inputValue()).toBe('tight');
    await expectNoAxeViolations(a.page, 'a role page after edits of two tabs were sent');

    expect(errorsOf(a, b)).toEqual([]);
    await context.close();
    await admin.context.close();
  });

  it('an action’s notes typed in one tab and its due date in another are both saved, though the second tab was closed offline', async () => {
    const admin = await administrator();
    const action = await admin.send<Action>('post', `/api/plans/${admin.planId}/actions`, {
      stageKey: 'design',
      text: 'Schedule the coaching cycles',
    });
    const { context, a, b } = await twoTabsOffline(
      `${app.baseUrl}/plans/${admin.planId}`,
      /Stage 1: Design for impact/,
    );

    const notes = 'Start after the fall benchmark window.';
    await a.page
      .getByRole('group', { name: action.text })
      .getByRole('textbox', { name: 'Notes', exact: true })
      .fill(notes);
    await offlineStatus(a.page).waitFor();
    await b.page.getByRole('group', { name: action.text }).getByLabel('Due date').fill('2027-05-14');
    await offlineStatus(b.page).waitFor();
    await closeBThenOnline(context, a.page, b.page);

    const plan = await admin.send<{ stages: { actions: Action[] }[] }>('get', `/api/plans/${admin.planId}`);
    const saved = plan.stages.flatMap((stage) => stage.actions).find((candidate) => candidate.id === action.id)!;
    expect({ notes: saved.notes, dueDate: saved.dueDate }).toEqual({ notes, dueDate: '2027-05-14' });
    const fresh = await openPage(context);
    await fresh.page.goto(`${app.baseUrl}/plans/${admin.planId}`);
    const card = fresh.page.getByRole('group', { name: action.text });
    expect(await card.getByRole('textbox', { name: 'Notes', exact: true }).inputValue()).toBe(notes);
    expect(await card.getByLabel('Due date').inputValue()).toBe('2027-05-14');
    await expectNoAxeViolations(fresh.page, 'a plan page after edits of two tabs were sent');

    expect(errorsOf(a, b, fresh)).toEqual([]);
    await context.close();
    await admin.context.close();
  });

  it('the same field typed in both tabs keeps what was typed last, and nothing else is asked', async () => {
    const admin = await administrator();
    const role = await admin.send<Role>('post', `/api/plans/${admin.planId}/roles`, { title: 'Reading coach' });
    const { context, a, b } = await twoTabsOffline(`${app.baseUrl}/plans/${admin.planId}/roles/${role.id}`, role.title);

    await a.page.getByRole('textbox', { name: 'Purpose', exact: true }).fill('Typed first, in tab A.');
    await offlineStatus(a.page).waitFor();
    const later = 'Typed last, in tab B.';
    await b.page.getByRole('textbox', { name: 'Purpose', exact: true }).fill(later);
    await offlineStatus(b.page).waitFor();
    await closeBThenOnline(context, a.page, b.page);

    const saved = await admin.send<Role>('get', `/api/plans/${admin.planId}/roles/${role.id}`);
    expect(saved.purpose).toBe(later);
    expect(await a.page.getByRole('textbox', { name: 'Purpose', exact: true }).inputValue()).toBe(later);
    expect(
      await a.page
        .getByRole('status')
        .filter({ hasText: /Conflict/ })
        .count(),
    ).toBe(0);

    expect(errorsOf(a, b)).toEqual([]);
    await context.close();
    await admin.context.close();
  });
});
