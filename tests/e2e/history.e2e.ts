import type { Browser, Page } from 'playwright-core';
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

const q1 = /^What priorities can be advanced through teacher leadership\?/;

const saveStatus = (page: Page) =>
  page
    .getByRole('status')
    .filter({ hasText: /Saving|Saved|Offline|Conflict/ })
    .first();

const fieldHolds = (page: Page, text: string) =>
  page.waitForFunction(
    (wanted) => Array.from(document.querySelectorAll('textarea')).some((field) => field.value === wanted),
    text,
  );

/** At a phone's width the page itself never scrolls sideways (wide tables scroll inside their own region). */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) throw new Error(`${where} scrolls sideways by ${overflow}px at 390px wide`);
  await page.setViewportSize({ width: 1280, height: 720 });
}

async function openHistoryPage(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Plan pages' }).getByRole('link', { name: 'History' }).click();
  await page.getByRole('heading', { level: 1, name: 'History' }).waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: /^Showing \d+ changes?/ })
    .waitFor();
}

/** The API as the page's signed-in person, with their CSRF token on every write; the answer's body as `T`. */
async function apiAs(page: Page) {
  const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as { csrfToken: string };
  return async <T = undefined>(method: 'get' | 'post' | 'put' | 'delete', path: string, data?: unknown) => {
    const res = await page.request.fetch(`${app.baseUrl}/api${path}`, {
      method: method.toUpperCase(),
      headers: { 'X-CSRF-Token': csrfToken },
      ...(data === undefined ? {} : { data }),
    });
    return { status: res.status(), body: (res.status() === 204 ? undefined : await res.json()) as T };
  };
}

async function filter(page: Page, choices: { person?: string; kind?: string }): Promise<void> {
  const form = page.getByRole('form', { name: 'Filter the changes' });
  if (choices.person) await form.getByLabel('Person').selectOption({ label: choices.person });
  if (choices.kind) await form.getByLabel('Kind of item').selectOption({ label: choices.kind });
  await form.getByRole('button', { name: 'Show changes' }).click();
}

describe('the history of a plan', () => {
  it('the admin edits an answer twice, opens its history and restores the first version into the field', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const answer = page.getByRole('textbox', { name: q1 });
    const first = 'Early literacy in grades K-3, with coaches released half time.';
    const second = 'A worse answer, written in a hurry.';
    await answer.fill(first);
    await saveStatus(page).filter({ hasText: 'Saved' }).waitFor();
    await answer.fill(second);
    await saveStatus(page).filter({ hasText: 'Saved' }).waitFor();

    await page.getByRole('button', { name: /^History of What priorities can be advanced/ }).click();
    const panel = page.getByRole('region', { name: /^History of What priorities/ });
    await panel.getByText('(current version)').first().waitFor();
    // The newest change shows the field by its label, the words as they were and as they became.
    const newest = panel.getByRole('listitem').first();
    expect(await newest.innerText()).toContain('Dana Whitfield changed');
    expect(await newest.getByRole('definition').innerText()).toMatch(
      /Early literacy in grades K-3, with coaches released half time\..*A worse answer, written in a hurry\./s,
    );
    await expectNoAxeViolations(page, 'stage 1 with an answer’s history open');
    await expectNoSidewaysScroll(page, 'stage 1 with an answer’s history open');
    // Escape closes the history, back on its button; the button opens it again.
    const historyButton = page.getByRole('button', { name: /^History of What priorities can be advanced/ });
    await panel
      .getByRole('button', { name: /^Restore this version/ })
      .first()
      .focus();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await expectFocused(historyButton, 'the History button of the answer');
    await historyButton.press('Enter');
    await panel.getByText('(current version)').first().waitFor();

    // Newest first: the current version, then the first edit (of the demo's answer), then the demo's own.
    const firstEdit = panel.getByRole('listitem').nth(1);
    expect(await firstEdit.innerText()).toContain('half');
    await firstEdit.getByRole('button', { name: /^Restore this version/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore this version?' });
    await dialog.waitFor();
    await expectNoAxeViolations(page, 'the restore question');
    await dialog.getByRole('button', { name: 'Restore this version' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await fieldHolds(page, first);
    await panel.getByRole('listitem').first().getByText('(current version)').waitFor();
    expect(await panel.getByRole('listitem').first().innerText()).toContain('A worse answer');

    await page.reload();
    await page.getByRole('textbox', { name: q1 }).waitFor();
    expect(await page.getByRole('textbox', { name: q1 }).inputValue()).toBe(first);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('versions and removals of one minute have restore buttons named apart, by the time to the second', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const namesOf = (buttons: ReturnType<Page['getByRole']>) =>
      buttons.evaluateAll((found) => found.map((button) => button.textContent ?? ''));
    const text = 'Name the coaches of each school in one list.';
    const add = page.getByRole('form', { name: 'Add an action' });
    for (let copy = 0; copy < 2; copy += 1) {
      await add.getByRole('textbox', { name: 'Action' }).fill(text);
      await add.getByRole('button', { name: 'Add action' }).click();
      await page.getByRole('group', { name: text }).nth(copy).waitFor();
    }

    // Its status changed twice: the versions before the current one can be restored.
    const card = page.getByRole('group', { name: text }).first();
    for (const status of ['In progress', 'Done']) {
      await card.getByRole('combobox', { name: 'Status' }).selectOption({ label: status });
      await card.locator('.field-save-state').filter({ hasText: 'Saved' }).waitFor();
    }
    await card.getByRole('button', { name: `History of ${text}` }).click();
    const panel = page.getByRole('region', { name: `History of ${text}` });
    await panel.getByText('(current version)').first().waitFor();
    const restores = panel.getByRole('button', { name: /^Restore this version/ });
    await restores.nth(1).waitFor();
    const restoreNames = await namesOf(restores);
    expect(new Set(restoreNames).size).toBe(restoreNames.length);
    expect(restoreNames[0]).toMatch(/ of .*\d{1,2}:\d{2}:\d{2}/);

    // Both copies removed: each removal's button says which it brings back.
    for (let left = 2; left > 0; left -= 1) {
      const copy = page.getByRole('group', { name: text }).first();
      await copy.getByRole('button', { name: `Remove action: ${text}` }).click();
      await page
        .getByRole('dialog', { name: 'Remove this action?' })
        .getByRole('button', { name: 'Remove action' })
        .click();
      await page.waitForFunction(
        ([words, count]) =>
          Array.from(document.querySelectorAll('legend')).filter((legend) => legend.textContent === words).length ===
          count,
        [text, left - 1] as const,
      );
    }
    await openHistoryPage(page);
    await filter(page, { kind: 'High-impact actions' });
    const bringBacks = page.getByRole('button', { name: `Bring back “${text}”` });
    await bringBacks.nth(1).waitFor();
    const bringBackNames = await namesOf(bringBacks);
    expect(bringBackNames).toHaveLength(2);
    expect(new Set(bringBackNames).size).toBe(2);
    await expectNoAxeViolations(page, 'the history page with two removals of one minute');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a removed action is brought back from the plan’s history page, and the page filters by person', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const text = 'Visit two schools with strong PLCs before spring break.';
    const add = page.getByRole('form', { name: 'Add an action' });
    await add.getByRole('textbox', { name: 'Action' }).fill(text);
    await add.getByRole('button', { name: 'Add action' }).click();
    const card = page.getByRole('group', { name: text });
    await card.getByRole('button', { name: `Remove action: ${text}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove this action?' });
    // It says what is true: the history keeps what goes, and it comes back below.
    await dialog.getByText("the plan's history keeps it, from where it can be brought back").waitFor();
    expect(await dialog.getByText('cannot be undone').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Remove action' }).click();
    await card.waitFor({ state: 'detached' });

    await openHistoryPage(page);
    await expectNoAxeViolations(page, 'the plan’s history page');
    await filter(page, { kind: 'High-impact actions' });
    const removal = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: text }) })
      .filter({ hasText: 'Dana Whitfield removed' });
    await removal.waitFor();
    await removal.getByRole('button', { name: `Bring back “${text}”` }).press('Enter');
    await removal.getByText('is back, with what went with it').waitFor();
    // The button gave way to what happened: focus is there, not dropped to the page.
    await expectFocused(removal.getByRole('status').filter({ hasText: 'is back' }), 'the brought-back message');
    await expectNoAxeViolations(page, 'the history page after bringing an action back');
    // The bringing back is itself a line of the history, at the top.
    await page
      .getByRole('list', { name: 'Changes, newest first' })
      .getByRole('listitem')
      .first()
      .filter({ hasText: 'Dana Whitfield added' })
      .getByRole('link', { name: text })
      .waitFor();

    await removal.getByRole('link', { name: `Open it (“${text}”)` }).click();
    await page.getByRole('heading', { level: 1, name: /Stage 1: Design for impact/ }).waitFor();
    await page.getByRole('group', { name: text }).waitFor();

    await openHistoryPage(page);
    await filter(page, { person: 'Marcus Ortega' });
    await page.getByRole('status').filter({ hasText: 'No changes match these filters.' }).waitFor();
    await filter(page, { person: 'Dana Whitfield' });
    await page
      .getByRole('status')
      .filter({ hasText: /^Showing \d+ changes?/ })
      .waitFor();
    const who = await page
      .getByRole('list', { name: 'Changes, newest first' })
      .locator('li > p:nth-of-type(2)')
      .allInnerTexts();
    expect(who.length).toBeGreaterThan(0);
    expect(who.every((line) => line.startsWith('Dana Whitfield '))).toBe(true);
    await expectNoAxeViolations(page, 'the history page filtered by person');
    await expectNoSidewaysScroll(page, 'the history page');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a removed measure comes back without its link to a role approved since, and the page names that role', async () => {
    const [adminContext, principalContext] = await Promise.all([browser.newContext(), browser.newContext()]);
    const { page, errors } = await openPage(adminContext);
    const principal = await openPage(principalContext);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await signInAs(principal.page, app.baseUrl, 'principal@lakeview.test');
    await openPlan(page);
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const admin = await apiAs(page);
    const asPrincipal = await apiAs(principal.page);
    const name = 'Coaching cycles completed';
    const measure = await admin<{ id: string }>('post', `/plans/${planId}/measures`, { name, term: 'short' });
    expect(measure.status).toBe(201);
    const { schools } = (await admin<{ schools: { id: string; name: string }[] }>('get', '/schools')).body;
    const school = schools.find((s) => s.name === 'Northside Elementary')!;
    const title = 'Grade-level team lead';
    const role = await admin<{ id: string }>('post', `/plans/${planId}/roles`, {
      title,
      schoolIds: [school.id],
      measureIds: [measure.body.id],
    });
    expect(role.status).toBe(201);
    expect((await admin('delete', `/plans/${planId}/measures/${measure.body.id}?version=1&readings=0`)).status).toBe(
      204,
    );
    // Sent and approved without the measure: its principal approved the role as it is now.
    const sent = await admin<{ version: number; round: number }>(
      'post',
      `/plans/${planId}/roles/${role.body.id}/submit`,
    );
    expect(sent.status).toBe(200);
    const decided = await asPrincipal<{ status: string }>('post', `/plans/${planId}/roles/${role.body.id}/reviews`, {
      decision: 'approve',
      version: sent.body.version,
      round: sent.body.round,
    });
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('approved');

    await openHistoryPage(page);
    await filter(page, { kind: 'Measures' });
    const removal = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name }) })
      .filter({ hasText: 'Dana Whitfield removed' });
    await removal.getByRole('button', { name: `Bring back “${name}”` }).press('Enter');
    const done = removal.getByRole('status').filter({ hasText: 'is back' });
    await done
      .getByText(`“${name}” is back, with what went with it, but for its links to 1 role reviewed since.`)
      .waitFor();
    await done
      .getByRole('listitem')
      .filter({ hasText: 'was approved without the link after it was removed.' })
      .waitFor();
    await expectFocused(done, 'the brought-back message');
    await expectNoAxeViolations(page, 'the history page after bringing back a measure without a role’s link');

    // The role is as its principal approved it: approved, without the measure.
    await done.getByRole('link', { name: title }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const now = await admin<{ status: string; measureIds: string[] }>('get', `/plans/${planId}/roles/${role.body.id}`);
    expect(now.body).toMatchObject({ status: 'approved', measureIds: [] });
    expect([...errors, ...principal.errors]).toEqual([]);
    await Promise.all([adminContext.close(), principalContext.close()]);
  });

  it('Show older changes keeps focus while it loads, then moves it to the first older change', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const admin = await apiAs(page);
    // The page shows 50 changes at a time: 51 saves of an answer no other test here edits make two pages.
    const { body: plan } = await admin<{ stages: { questions: { key: string; answer: { version: number } }[] }[] }>(
      'get',
      `/plans/${planId}`,
    );
    const question = plan.stages[2]!.questions[0]!;
    let version = question.answer.version;
    for (let n = 1; n <= 51; n += 1) {
      const saved = await admin<{ answer: { version: number } }>('put', `/plans/${planId}/answers/${question.key}`, {
        text: `Version ${n} of this answer.`,
        version,
      });
      expect(saved.status).toBe(200);
      version = saved.body.answer.version;
    }

    await openHistoryPage(page);
    const changes = page.getByRole('list', { name: 'Changes, newest first' }).getByRole('listitem');
    expect(await changes.count()).toBe(50);
    // The older page is held on its way until the button has been seen loading.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const olderPage = /\/api\/plans\/[0-9a-f-]{36}\/history\?.*before=/;
    await page.route(olderPage, async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole('button', { name: 'Show older changes' }).press('Enter');
    // Busy, not disabled: the pressed button keeps focus while it loads, never the page.
    const loading = page.getByRole('button', { name: 'Loading…' });
    await expectFocused(loading, 'the Show older changes button while it loads');
    expect(await loading.getAttribute('aria-disabled')).toBe('true');
    release();
    const firstOlder = changes.nth(50);
    await expectFocused(firstOlder, 'the first of the older changes');
    expect(await firstOlder.innerText()).toContain('Version 1 of this answer.');
    await expectNoAxeViolations(page, 'the history page with older changes shown');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a restore onto an answer changed meanwhile saves nothing, shows the change and refreshes the field', async () => {
    const [contextA, contextB] = await Promise.all([browser.newContext(), browser.newContext()]);
    const a = await openPage(contextA);
    const b = await openPage(contextB);
    await signInAs(a.page, app.baseUrl, 'admin@lakeview.test');
    await signInAs(b.page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(a.page);
    await openPlan(b.page);
    const q2 = /^Does the proposed teacher leadership initiative/;
    await a.page.getByRole('textbox', { name: q2 }).fill('Our first short answer.');
    await saveStatus(a.page).filter({ hasText: 'Saved' }).waitFor();
    await a.page.getByRole('button', { name: /^History of Does the proposed teacher leadership/ }).click();
    const panel = a.page.getByRole('region', { name: /^History of Does the proposed/ });
    await panel.getByText('(current version)').first().waitFor();

    // B, with the page loaded after A's save, changes the answer while A reads its history.
    await b.page.reload();
    await b.page.getByRole('textbox', { name: q2 }).fill('Changed by someone else meanwhile.');
    await saveStatus(b.page).filter({ hasText: 'Saved' }).waitFor();

    // The demo's answer, one before A's: restored onto the version A still holds.
    await panel
      .getByRole('listitem')
      .nth(1)
      .getByRole('button', { name: /^Restore this version/ })
      .click();
    await a.page
      .getByRole('dialog', { name: 'Restore this version?' })
      .getByRole('button', { name: 'Restore this version' })
      .click();
    const alert = panel.getByRole('alert').filter({ hasText: 'Nothing was restored' });
    await alert.waitFor();
    await alert.getByText('Changed by someone else meanwhile.').waitFor();
    await fieldHolds(a.page, 'Changed by someone else meanwhile.');
    await expectNoAxeViolations(a.page, 'an answer’s history after a stale restore');
    expect([...a.errors, ...b.errors]).toEqual([]);
    await Promise.all([contextA.close(), contextB.close()]);
  });

  it('Show earlier changes keeps focus while it loads, then moves it to the first earlier change', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const plan = (await (await page.request.get(`${app.baseUrl}/api/plans/${planId}`)).json()) as {
      stages: { questions: { key: string; text: string; answer: { version: number } }[] }[];
    };
    // A question no other test here edits; the item's panel shows 20 changes a page, so 21 make two pages.
    const question = plan.stages[1]!.questions[0]!;
    let version = question.answer.version;
    for (let n = 1; n <= 21; n += 1) {
      const saved = await page.request.put(`${app.baseUrl}/api/plans/${planId}/answers/${question.key}`, {
        headers: { 'X-CSRF-Token': csrfToken },
        data: { text: `Draft ${n} of this answer.`, version },
      });
      expect(saved.status()).toBe(200);
      version = ((await saved.json()) as { answer: { version: number } }).answer.version;
    }

    await page.reload();
    await page
      .getByRole('navigation', { name: 'Roadmap stages' })
      .getByRole('link', { name: /Know context/ })
      .click();
    await page.getByRole('heading', { level: 1, name: /Know context/ }).waitFor();
    const label = question.text.slice(0, 40);
    await page.getByRole('button', { name: `History of ${label}` }).click();
    const panel = page.getByRole('region', { name: `History of ${label}` });
    await panel.getByText('(current version)').first().waitFor();
    expect(await panel.getByRole('listitem').count()).toBe(20);

    await panel.getByRole('button', { name: 'Show earlier changes' }).press('Enter');
    // Busy, not disabled: the pressed button (or what it showed) has focus, never the page.
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
    const firstEarlier = panel.getByRole('listitem').nth(20);
    await expectFocused(firstEarlier, 'the first of the earlier changes');
    expect(await firstEarlier.innerText()).toContain('Draft 1 of this answer.');
    await expectNoAxeViolations(page, 'an answer’s history with earlier changes shown');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a measure’s responsible person is chosen from the district’s people and named in its history', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    await page
      .getByRole('navigation', { name: 'Roadmap stages' })
      .getByRole('link', { name: /Define measures/ })
      .click();
    await page.getByRole('heading', { level: 1, name: /Define measures/ }).waitFor();
    const name = 'Third graders reading on grade level';
    const add = page.getByRole('form', { name: 'Add a measure' });
    await add.getByRole('textbox', { name: /^Measure/ }).fill(name);
    await add.getByLabel('Term').selectOption({ label: 'Long-term' });
    await add.getByRole('button', { name: 'Add measure' }).click();

    const card = page.getByRole('group', { name });
    await card.getByRole('combobox', { name: 'Responsible person' }).selectOption({ label: 'Marcus Ortega' });
    await card.locator('.field-save-state').filter({ hasText: 'Saved' }).waitFor();
    // Offered by role, as an action's owner is.
    expect(
      await card
        .getByRole('combobox', { name: 'Responsible person' })
        .evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.parentElement?.getAttribute('label')),
    ).toBe('Principals');
    await card.getByRole('button', { name: `History of ${name}` }).click();
    const panel = page.getByRole('region', { name: `History of ${name}` });
    await panel.getByText('Marcus Ortega').waitFor();
    expect(await panel.getByRole('listitem').first().innerText()).toContain('Responsible person');
    await expectNoAxeViolations(page, 'stage 3 with a measure’s history open');
    await context.close();

    // A reader sees the person's name, not an id.
    const viewerContext = await browser.newContext();
    const viewer = await openPage(viewerContext);
    await signInAs(viewer.page, app.baseUrl, 'viewer@lakeview.test');
    await openPlan(viewer.page);
    await viewer.page
      .getByRole('navigation', { name: 'Roadmap stages' })
      .getByRole('link', { name: /Define measures/ })
      .click();
    const facts = viewer.page
      .locator('.row-card--readonly')
      .filter({ has: viewer.page.getByRole('heading', { name }) });
    await facts.getByText('Marcus Ortega').waitFor();
    await expectNoAxeViolations(viewer.page, 'stage 3 as a viewer');
    expect([...errors, ...viewer.errors]).toEqual([]);
    await viewerContext.close();
  });
});
