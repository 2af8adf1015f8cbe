import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApp, type RunningApp } from './support/server';
import { expectNoAxeViolations, launchBrowser, openPage, openPlan, signInAs } from './support/browser';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function openActions(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await openPage(context);
  await signInAs(page, app.baseUrl, 'admin@lakeview.test');
  await openPlan(page);
  await page.getByRole('navigation', { name: 'Plan pages' }).getByRole('link', { name: 'Actions' }).click();
  await page.getByRole('heading', { level: 1, name: 'High-impact actions' }).waitFor();
  return { page, errors };
}

const counter = (page: Page) => page.getByRole('status').filter({ hasText: /actions? shown/ });
const checkboxes = (page: Page) => page.getByRole('checkbox', { name: /^Select: / });
/** The texts of the actions the table shows, in its order. */
const shownActions = async (page: Page) =>
  (await checkboxes(page).evaluateAll((boxes) => boxes.map((box) => box.getAttribute('aria-label') ?? ''))).map(
    (label) => label.replace(/^Select: /, ''),
  );
const rowOf = (page: Page, action: string) =>
  page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: action, exact: true }) });
/** The choice a row's select shows (owner or status), as the person reads it. */
const chosen = (page: Page, action: string, field: 'Owner' | 'Status') =>
  rowOf(page, action)
    .getByRole('combobox', { name: `${field} of ${action}` })
    .evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? '');
const statusOf = (page: Page, action: string) => chosen(page, action, 'Status');
const ownerOf = (page: Page, action: string) => chosen(page, action, 'Owner');

async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) throw new Error(`${where} scrolls sideways by ${overflow}px at 390px wide`);
  await page.setViewportSize({ width: 1280, height: 720 });
}

async function showStage(page: Page, stage: string): Promise<void> {
  await page.getByLabel('Stage', { exact: true }).selectOption({ label: stage });
}

async function apply(page: Page, choices: { status?: string; owner?: string }, count: number): Promise<void> {
  const form = page.getByRole('form', { name: 'Change the selected actions' });
  if (choices.status) await form.getByLabel('New status').selectOption({ label: choices.status });
  if (choices.owner) await form.getByLabel('New owner').selectOption({ label: choices.owner });
  await form.getByRole('button', { name: `Apply to ${count} selected action${count === 1 ? '' : 's'}` }).click();
}

describe('the actions page', () => {
  it('the admin selects three actions and sets their status at once; the table and a reload show it', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openActions(context);
    await counter(page).filter({ hasText: ', 0 selected' }).waitFor();
    await expectNoAxeViolations(page, 'the actions page');

    // Every stage's actions, in stage order: three past stage 1's (which the demo started), one left alone.
    const all = await shownActions(page);
    expect(all.length).toBeGreaterThanOrEqual(7);
    const [first, second, third, untouched] = [all[2], all[3], all[4], all[6]];
    for (const action of [first, second, third]) {
      await page.getByRole('checkbox', { name: `Select: ${action}` }).check();
    }
    await counter(page).filter({ hasText: ', 3 selected' }).waitFor();
    await apply(page, { status: 'Blocked' }, 3);
    await page.getByText('Status set to Blocked for 3 actions.').waitFor();
    await counter(page).filter({ hasText: ', 0 selected' }).waitFor();
    // The button keeps focus through the save (busy, not disabled): a keyboard user goes on from there.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Apply to/);
    for (const action of [first!, second!, third!]) expect(await statusOf(page, action)).toBe('Blocked');
    expect(await statusOf(page, untouched!)).toBe('Not started');
    await expectNoAxeViolations(page, 'the actions page after a change to three actions');
    await expectNoSidewaysScroll(page, 'the actions page');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'High-impact actions' }).waitFor();
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Blocked' });
    await counter(page)
      .filter({ hasText: /^3 actions shown/ })
      .waitFor();
    expect((await shownActions(page)).sort()).toEqual([first, second, third].sort());
    await page.getByRole('checkbox', { name: 'Select all actions shown' }).check();
    await counter(page).filter({ hasText: ', 3 selected' }).waitFor();

    // One action's due date, changed in its row, saves by itself.
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Any status' });
    await rowOf(page, untouched!).getByLabel(`Due date of ${untouched}`).fill('2027-03-15');
    await rowOf(page, untouched!).getByText('Saved', { exact: true }).waitFor();
    await page.reload();
    await rowOf(page, untouched!).waitFor();
    expect(await rowOf(page, untouched!).getByLabel(`Due date of ${untouched}`).inputValue()).toBe('2027-03-15');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('when someone changed one of the selected actions meanwhile, nothing is saved and the page says what changed', async () => {
    const [contextA, contextB] = await Promise.all([browser.newContext(), browser.newContext()]);
    const a = await openActions(contextA);
    const b = await openActions(contextB);
    await showStage(a.page, 'Stage 3: Define measures');
    await showStage(b.page, 'Stage 3: Define measures');
    const [first, second] = await shownActions(a.page);
    await a.page.getByRole('checkbox', { name: `Select: ${first}` }).check();
    await a.page.getByRole('checkbox', { name: `Select: ${second}` }).check();

    // B gives the first an owner after A loaded it.
    await b.page.getByRole('checkbox', { name: `Select: ${first}` }).check();
    await apply(b.page, { owner: 'Marcus Ortega' }, 1);
    await b.page.getByText('Owner set to Marcus Ortega for 1 action.').waitFor();

    await apply(a.page, { status: 'Done' }, 2);
    const alert = a.page.locator('.alert').filter({ hasText: 'Changed by someone else meanwhile' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain(`${first}: now Not started, owner Marcus Ortega`);
    expect(await alert.innerText()).not.toContain(`${second}:`);
    await expectNoAxeViolations(a.page, 'the actions page after a conflict');
    // Nothing was saved, and A's table now shows B's change.
    await a.page.waitForFunction(
      (action) =>
        Array.from(document.querySelectorAll<HTMLSelectElement>('select')).some(
          (select) =>
            select.getAttribute('aria-label') === `Owner of ${action}` &&
            select.selectedOptions[0]?.textContent === 'Marcus Ortega',
        ),
      first!,
    );
    expect(await statusOf(a.page, first!)).toBe('Not started');
    expect(await statusOf(a.page, second!)).toBe('Not started');

    // The selection stays; applied again on the versions now shown, it saves both.
    await apply(a.page, { status: 'Done' }, 2);
    await a.page.getByText('Status set to Done for 2 actions.').waitFor();
    expect(await statusOf(a.page, first!)).toBe('Done');
    expect(await ownerOf(a.page, first!)).toBe('Marcus Ortega');
    expect(await statusOf(a.page, second!)).toBe('Done');
    expect([...a.errors, ...b.errors]).toEqual([]);
    await Promise.all([contextA.close(), contextB.close()]);
  });

  it('an action due on Mar 10 is said to be overdue since Mar 11, when its due day was over, in what needs attention', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const text = 'Send the readiness survey to every school';
    const made = await page.request.post(`${app.baseUrl}/api/plans/${planId}/actions`, {
      headers: { 'X-CSRF-Token': csrfToken },
      data: { stageKey: 'context', text, dueDate: '2025-03-10', ownerName: 'Superintendent’s cabinet' },
    });
    expect(made.status()).toBe(201);

    await page.getByRole('navigation', { name: 'Plan pages' }).getByRole('link', { name: 'Dashboard' }).click();
    const entry = page
      .getByRole('region', { name: 'Needs your attention' })
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: text }) });
    await entry.getByText('Overdue action').waitFor();
    await entry.getByText('Due Mar 10, 2025; owner: Superintendent’s cabinet').waitFor();
    await entry.getByText('Overdue since Mar 11, 2025', { exact: true }).waitFor();
    await expectNoAxeViolations(page, 'the dashboard with an overdue action');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("an action's owner", () => {
  it('is chosen from the active people, by role; a deactivated owner stays shown, marked; one deactivated meanwhile is refused in words', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const headers = { 'X-CSRF-Token': csrfToken };
    /** A person who joined by an invitation, as a person of the district's API lists them. */
    const joined = async (name: string, email: string) => {
      const invited = await page.request.post(`${app.baseUrl}/api/invitations`, {
        headers,
        data: { email, name, role: 'viewer' },
      });
      const token = new URL(((await invited.json()) as { acceptUrl: string }).acceptUrl).pathname.split('/').at(-1);
      const accepted = await fetch(`${app.baseUrl}/api/invitations/accept/${token}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name, password: 'a long pass phrase of mine' }),
      });
      expect(accepted.status).toBe(201);
      const { users } = (await (await page.request.get(`${app.baseUrl}/api/users`)).json()) as {
        users: { id: string; name: string; version: number }[];
      };
      return users.find((user) => user.name === name)!;
    };
    const deactivate = async (person: { id: string }) => {
      const { users } = (await (await page.request.get(`${app.baseUrl}/api/users`)).json()) as {
        users: { id: string; version: number }[];
      };
      const { version } = users.find((user) => user.id === person.id)!;
      const res = await page.request.patch(`${app.baseUrl}/api/users/${person.id}`, {
        headers,
        data: { active: false, version },
      });
      expect(res.status()).toBe(200);
    };
    const rosa = await joined('Rosa Vance', 'rosa.vance@lakeview.test');
    const theo = await joined('Theo Grant', 'theo.grant@lakeview.test');

    // Rosa owns the first action of stage 1, and has left since.
    const plan = (await (await page.request.get(`${app.baseUrl}/api/plans/${planId}`)).json()) as {
      stages: { key: string; actions: { id: string; text: string; version: number }[] }[];
    };
    const [owned, other] = plan.stages[0]!.actions;
    const given = await page.request.patch(`${app.baseUrl}/api/plans/${planId}/actions/${owned!.id}`, {
      headers,
      data: { ownerUserId: rosa.id, version: owned!.version },
    });
    expect(given.status()).toBe(200);
    await deactivate(rosa);

    await page.reload();
    const card = (text: string) => page.locator('fieldset').filter({ has: page.locator('legend', { hasText: text }) });
    const ownerPicker = (text: string) => card(text).getByRole('combobox', { name: 'Owner', exact: true });
    const choices = (text: string) =>
      ownerPicker(text).evaluate((select: HTMLSelectElement) =>
        Array.from(select.options).map((option) => [
          option.parentElement instanceof HTMLOptGroupElement ? option.parentElement.label : '',
          option.textContent,
        ]),
      );
    const shown = (text: string) =>
      ownerPicker(text).evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent ?? '');
    await ownerPicker(owned!.text).waitFor();
    expect(await shown(owned!.text)).toBe('Rosa Vance (deactivated)');
    // Another action offers the active people by role, and not Rosa.
    const offered = await choices(other!.text);
    expect(offered).toContainEqual(['District administrators', 'Dana Whitfield']);
    expect(offered).toContainEqual(['Viewers', 'Theo Grant']);
    expect(offered.some(([, name]) => name?.startsWith('Rosa Vance'))).toBe(false);
    expect(offered.filter(([group]) => group === 'Principals').length).toBeGreaterThan(0);

    // Theo leaves while the page still offers him: choosing him is refused at the field, in words.
    await deactivate(theo);
    await ownerPicker(other!.text).selectOption({ label: 'Theo Grant' });
    await card(other!.text)
      .getByText('Error: Owner is a deactivated person: choose someone active, or type a name', { exact: true })
      .waitFor();
    expect(await ownerPicker(other!.text).getAttribute('aria-invalid')).toBe('true');
    // The people are read again: he shows as deactivated now.
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('option')).some((o) => o.textContent === 'Theo Grant (deactivated)'),
    );
    await expectNoAxeViolations(page, 'a stage page with an owner refused');
    expect(errors).toEqual([]);
    await context.close();
  });
});
