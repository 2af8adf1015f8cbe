import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApp, type RunningApp } from './support/server';
import { expectFocused, expectNoAxeViolations, launchBrowser, openPage, openPlan, signInAs } from './support/browser';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

interface Admin {
  page: Page;
  errors: string[];
  /** Every save the server refused. */
  refused: string[];
  planId: string;
  api: (method: 'get' | 'post' | 'patch' | 'delete', path: string, data?: object) => Promise<unknown>;
}

async function signedIn(context: BrowserContext, email: string): Promise<Admin> {
  const { page, errors } = await openPage(context);
  const refused: string[] = [];
  page.on('response', (response) => {
    if (response.request().method() !== 'GET' && response.status() === 400) refused.push(response.url());
  });
  await signInAs(page, app.baseUrl, email);
  await openPlan(page);
  const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
    csrfToken: string;
  };
  const api = async (method: 'get' | 'post' | 'patch' | 'delete', path: string, data?: object) => {
    const response = await page.request[method](`${app.baseUrl}/api/plans/${planId}${path}`, {
      headers: { 'X-CSRF-Token': csrfToken },
      data,
    });
    if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
    return response.status() === 204 ? null : ((await response.json()) as unknown);
  };
  return { page, errors, refused, planId, api };
}

type HistoryEntry = { changes: { field: string; after: string }[] };

/** The changes of one field of one item that the plan's history holds. */
async function changesOf(admin: Admin, itemId: string, field: string): Promise<HistoryEntry['changes']> {
  const { entries } = (await admin.api('get', `/history?item=${itemId}`)) as { entries: HistoryEntry[] };
  return entries.flatMap((entry) => entry.changes).filter((change) => change.field === field);
}

/**
 * Types the digits into the date input from its first part (the month), as Chromium takes them: a date input
 * typed in before takes focus back in the part it had, so that one is put in the month by a click there.
 */
async function typeDate(page: Page, input: ReturnType<Page['getByLabel']>, digits: string, again = false) {
  if (again) await input.click({ position: { x: 12, y: 12 } });
  else await input.focus();
  await page.keyboard.type(digits);
}

/** Leaves the date input from the keyboard: Tab goes through its parts first. */
async function tabOut(page: Page, input: ReturnType<Page['getByLabel']>): Promise<void> {
  const element = await input.elementHandle();
  for (let presses = 0; presses < 4 && (await element!.evaluate((el) => el === document.activeElement)); presses++) {
    await page.keyboard.press('Tab');
  }
}

const errorOf = async (page: Page, input: ReturnType<Page['getByLabel']>) => {
  expect(await input.getAttribute('aria-invalid')).toBe('true');
  const ids = (await input.getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(ids.split(' ').map((id) => page.locator(`[id="${id}"]`).innerText()));
  return texts.join(' ');
};

describe('a date typed from the keyboard, digit by digit', () => {
  it('a measure’s baseline date typed as 09012026 is saved once as Sep 1, 2026; a date left half typed stays, with its error', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const admin = await signedIn(context, 'admin@lakeview.test');
    const { page } = admin;
    const name = 'Teachers observed by a coach each month';
    const measure = (await admin.api('post', '/measures', { name, term: 'short', unit: '%' })) as { id: string };
    const stored = async () => {
      const { rows } = (await admin.api('get', '/measures')) as {
        rows: { id: string; baselineDate: string | null; targetDate: string | null }[];
      };
      const row = rows.find((r) => r.id === measure.id)!;
      return [row.baselineDate, row.targetDate];
    };
    await page.goto(`${app.baseUrl}/plans/${admin.planId}/measures/${measure.id}`);
    await page.getByRole('heading', { level: 1, name }).waitFor();

    const baseline = page.getByLabel('Baseline date');
    await typeDate(page, baseline, '09012026');
    await page.locator('.field-save-state').filter({ hasText: 'Saved' }).waitFor();
    expect(await baseline.inputValue()).toBe('2026-09-01');
    expect(await baseline.getAttribute('aria-invalid')).toBeNull();
    expect(await stored()).toEqual(['2026-09-01', null]);
    expect((await changesOf(admin, measure.id, 'baselineDate')).length).toBe(1);

    // Left with three digits of its year: what was typed stays in the field, which says what is missing.
    const target = page.getByLabel('Target date');
    await typeDate(page, target, '0601202');
    expect(await target.getAttribute('aria-invalid')).toBeNull();
    await tabOut(page, target);
    expect(await errorOf(page, target)).toContain('Target date must be a whole date');
    expect(await target.inputValue()).toBe('0202-06-01');
    await expectNoAxeViolations(page, 'a measure whose target date is half typed');

    // Typed whole, it is saved.
    await typeDate(page, target, '06012027', true);
    await page.locator('.field-save-state').filter({ hasText: 'Saved' }).waitFor();
    expect(await target.getAttribute('aria-invalid')).toBeNull();
    expect(await stored()).toEqual(['2026-09-01', '2027-06-01']);
    expect((await changesOf(admin, measure.id, 'targetDate')).length).toBe(1);
    expect(admin.refused).toEqual([]);
    expect(admin.errors).toEqual([]);
    await context.close();
  });

  it('a filled date retyped from its month is saved once, as finished: no date it passes through on the way', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const admin = await signedIn(context, 'admin@lakeview.test');
    const { page } = admin;
    const name = 'Coaching cycles completed on time';
    const measure = (await admin.api('post', '/measures', {
      name,
      term: 'short',
      unit: '%',
      baselineDate: '2026-09-01',
    })) as { id: string };
    const sent: unknown[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH' && request.url().includes(measure.id)) {
        sent.push((request.postDataJSON() as { baselineDate?: string }).baselineDate);
      }
    });
    await page.goto(`${app.baseUrl}/plans/${admin.planId}/measures/${measure.id}`);
    await page.getByRole('heading', { level: 1, name }).waitFor();

    // 03/01/2026 and 03/15/2026 come on the way, with the old year: neither is saved.
    const baseline = page.getByLabel('Baseline date');
    await typeDate(page, baseline, '03152027');
    await page.locator('.field-save-state').filter({ hasText: 'Saved' }).waitFor();
    expect(await baseline.inputValue()).toBe('2027-03-15');
    expect(sent).toEqual(['2027-03-15']);

    // Only the month retyped: saved on leaving it.
    const saving = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes(measure.id));
    await typeDate(page, baseline, '04', true);
    await tabOut(page, baseline);
    await saving;
    expect(sent).toEqual(['2027-03-15', '2027-04-15']);

    // Only the day retyped, staying in the field: saved after the usual pause.
    const pausing = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes(measure.id));
    await baseline.click({ position: { x: 12, y: 12 } });
    await page.keyboard.press('Tab');
    await page.keyboard.type('20');
    await pausing;
    await expectFocused(baseline, 'the baseline date being typed');
    expect(sent).toEqual(['2027-03-15', '2027-04-15', '2027-04-20']);
    // History has each date as finished, newest first, after the one the measure was made with.
    expect((await changesOf(admin, measure.id, 'baselineDate')).map((change) => change.after)).toEqual([
      'Apr 20, 2027',
      'Apr 15, 2027',
      'Mar 15, 2027',
      'Sep 1, 2026',
    ]);
    expect(admin.refused).toEqual([]);
    expect(admin.errors).toEqual([]);
    await context.close();
  });

  it('an action’s due date typed on its stage and on the actions page is saved once, never sent half typed', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const admin = await signedIn(context, 'admin@lakeview.test');
    const { page } = admin;
    const plan = (await admin.api('get', '')) as {
      stages: { actions: { id: string; text: string; dueDate: string | null }[] }[];
    };
    const [onStage, onActionsPage] = [plan.stages[1]!.actions[0]!, plan.stages[1]!.actions[1]!];
    expect([onStage.dueDate, onActionsPage.dueDate]).toEqual([null, null]);
    const dueOf = async (id: string) => {
      const now = (await admin.api('get', '')) as typeof plan;
      return now.stages.flatMap((stage) => stage.actions).find((action) => action.id === id)!.dueDate;
    };

    await page
      .getByRole('navigation', { name: 'Roadmap stages' })
      .getByRole('link', { name: /Know context/ })
      .click();
    await page.getByRole('heading', { level: 1, name: /Know context/ }).waitFor();
    const card = page.getByRole('group', { name: onStage.text });
    const due = card.getByLabel('Due date');
    await typeDate(page, due, '09012026');
    await card.locator('.field-save-state').filter({ hasText: 'Saved' }).waitFor();
    expect(await dueOf(onStage.id)).toBe('2026-09-01');
    expect((await changesOf(admin, onStage.id, 'dueDate')).map((change) => change.after)).toEqual(['Sep 1, 2026']);

    // A year out of the plan's range is said at the field, by its name, and kept there; nothing is sent.
    await typeDate(page, due, '09012206', true);
    expect(await errorOf(page, due)).toContain('Due date must be between 1950 and 2100');
    expect(await due.inputValue()).toBe('2206-09-01');
    await card.getByText('Not saved: Due date must be between 1950 and 2100').waitFor();
    await expectNoAxeViolations(page, 'an action with a due date out of range');
    expect(await dueOf(onStage.id)).toBe('2026-09-01');

    await page.getByRole('navigation', { name: 'Plan pages' }).getByRole('link', { name: 'Actions' }).click();
    await page.getByRole('heading', { level: 1, name: 'High-impact actions' }).waitFor();
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: onActionsPage.text, exact: true }) });
    await typeDate(page, row.getByLabel(`Due date of ${onActionsPage.text}`), '10152026');
    await row.getByText('Saved', { exact: true }).waitFor();
    expect(await dueOf(onActionsPage.id)).toBe('2026-10-15');
    expect((await changesOf(admin, onActionsPage.id, 'dueDate')).length).toBe(1);
    expect(admin.refused).toEqual([]);
    expect(admin.errors).toEqual([]);
    await context.close();
  });

  it('an approved role asks before its date is typed, not in the middle of it, and saves the date once', async () => {
    const [adminContext, principalContext] = await Promise.all([
      browser.newContext({ locale: 'en-US' }),
      browser.newContext({ locale: 'en-US' }),
    ]);
    const admin = await signedIn(adminContext, 'admin@lakeview.test');
    const principal = await signedIn(principalContext, 'principal@lakeview.test');
    const { page } = admin;
    const { schools } = (await (await page.request.get(`${app.baseUrl}/api/schools`)).json()) as {
      schools: { id: string; name: string }[];
    };
    const northside = schools.find((school) => school.name === 'Northside Elementary')!;
    const title = 'Reading interventionist, approved';
    const role = (await admin.api('post', '/roles', { archetype: 'coach', title, schoolIds: [northside.id] })) as {
      id: string;
      version: number;
    };
    const inReview = (await admin.api('post', `/roles/${role.id}/submit`, { version: role.version })) as {
      version: number;
      round: number;
    };
    await principal.api('post', `/roles/${role.id}/reviews`, {
      decision: 'approve',
      version: inReview.version,
      round: inReview.round,
    });
    const stored = async () =>
      (await admin.api('get', `/roles/${role.id}`)) as { status: string; applicationOpens: string | null };
    expect((await stored()).status).toBe('approved');

    await page.goto(`${app.baseUrl}/plans/${admin.planId}/roles/${role.id}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const opens = page.getByLabel('Applications open', { exact: true });
    await typeDate(page, opens, '1');
    const dialog = page.getByRole('dialog', { name: 'Send this role back to draft?' });
    await dialog.getByRole('button', { name: 'Edit the role' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expectFocused(opens, 'the date that was being typed');
    await page.keyboard.type('11012026');
    await page.getByRole('status').filter({ hasText: 'Saved' }).first().waitFor();
    expect(await stored()).toMatchObject({ status: 'draft', applicationOpens: '2026-11-01' });
    expect((await changesOf(admin, role.id, 'applicationOpens')).length).toBe(1);
    expect(admin.refused).toEqual([]);
    expect([...admin.errors, ...principal.errors]).toEqual([]);
    await Promise.all([adminContext.close(), principalContext.close()]);
  });

  it('a role field the server refuses shows its error and keeps what was chosen, and the role’s other fields still save', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const admin = await signedIn(context, 'admin@lakeview.test');
    const { page } = admin;
    const title = 'Math coach, linked to a measure removed meanwhile';
    const role = (await admin.api('post', '/roles', { archetype: 'coach', title })) as { id: string };
    const measureName = 'Math coaching cycles completed';
    const measure = (await admin.api('post', '/measures', { name: measureName, term: 'short', unit: 'cycles' })) as {
      id: string;
      version: number;
    };
    await page.goto(`${app.baseUrl}/plans/${admin.planId}/roles/${role.id}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();

    // Someone removes the measure while this page still offers it.
    await admin.api('delete', `/measures/${measure.id}?version=${measure.version}&readings=0`);
    const linked = page.getByRole('checkbox', { name: measureName });
    await linked.check();
    const group = page.getByRole('group', { name: 'Measures of its success' });
    await group.getByText('Measures of its success: one is not a measure of this plan').waitFor();
    expect(await linked.isChecked()).toBe(true);

    const purpose = page.getByRole('textbox', { name: 'Purpose', exact: true });
    await purpose.fill('Coaches math teachers through six-week cycles.');
    await purpose.blur();
    await page.waitForFunction(
      async (url) => {
        const role = (await (await fetch(url)).json()) as { purpose: string };
        return role.purpose === 'Coaches math teachers through six-week cycles.';
      },
      `${app.baseUrl}/api/plans/${admin.planId}/roles/${role.id}`,
      { timeout: 10_000 },
    );
    expect(await group.getByText('Measures of its success: one is not a measure of this plan').count()).toBe(1);
    await expectNoAxeViolations(page, 'a role with a field the server refused');
    expect(((await admin.api('get', `/roles/${role.id}`)) as { measureIds: string[] }).measureIds).toEqual([]);
    expect(admin.errors).toEqual([]);
    await context.close();
  });
});
