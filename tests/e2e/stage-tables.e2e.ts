import type { Browser, Locator, Page } from 'playwright-core';
import { endSessionsOf, startApp, type RunningApp } from './support/server';
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

async function openStage(page: Page, stage: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Roadmap stages' })
    .getByRole('link', { name: new RegExp(stage) })
    .click();
  await page.getByRole('heading', { level: 1, name: new RegExp(stage) }).waitFor();
}

/** Waits for a list's live region (under its add form) to say exactly these words, and nothing said before. */
async function expectSaid(form: Locator, words: string): Promise<void> {
  const region = form.locator('.add-item__done[aria-live="polite"]');
  await region.filter({ hasText: words }).waitFor();
  expect(await region.textContent()).toBe(words);
}

const savedIn = (page: Page, card: string) =>
  page.getByRole('group', { name: card }).locator('.field-save-state').filter({ hasText: 'Saved' }).waitFor();

/**
 * The Lakeview administrator, signed in, with a new measure (in percent) of one reading made through the API in
 * their session: `open` shows its page, `stored` reads the reading back, `headers` go with a write of the API
 * (`measures` and `readings` are the addresses of the plan's measures and the measure's readings).
 */
async function measureWithReading(
  name: string,
  first: { date: string; value: number; note?: string },
  term: 'short' | 'long' = 'short',
) {
  const context = await browser.newContext();
  const { page, errors } = await openPage(context);
  await signInAs(page, app.baseUrl, 'admin@lakeview.test');
  await openPlan(page);
  const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
    csrfToken: string;
  };
  const headers = { 'X-CSRF-Token': csrfToken };
  const measures = `${app.baseUrl}/api/plans/${planId}/measures`;
  const measure = (await (await page.request.post(measures, { headers, data: { name, term, unit: '%' } })).json()) as {
    id: string;
  };
  const readings = `${measures}/${measure.id}/readings`;
  const reading = (await (await page.request.post(readings, { headers, data: first })).json()) as {
    id: string;
    version: number;
  };
  const stored = async () => {
    const { rows } = (await (await page.request.get(measures)).json()) as {
      rows: { id: string; readings: { id: string; value: number; note: string; version: number }[] }[];
    };
    return rows.find((r) => r.id === measure.id)!.readings.find((r) => r.id === reading.id)!;
  };
  const open = async () => {
    await page.goto(`${app.baseUrl}/plans/${planId}/measures/${measure.id}`);
    await page.getByRole('heading', { level: 1, name }).waitFor();
  };
  return { context, page, errors, headers, measures, measure, readings, reading, stored, open };
}

/**
 * The administrator's session ends on the server; `send` (a click that sends what was typed) meets it, and they
 * sign in again on the sign-in page it leads to, which takes them back where they were.
 */
async function sessionEndsThenSignInAgain(page: Page, send: Locator): Promise<void> {
  await endSessionsOf(app, 'admin@lakeview.test');
  await send.click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByLabel('Email address').fill('admin@lakeview.test');
  await page.getByLabel('Password').fill('lakeview-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('the stages’ own tables', () => {
  it('a priority changed by someone after the page loaded is not removed unseen: the dialog shows it as it is now, and a second confirm removes it', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const addPriority = page.getByRole('form', { name: 'Add a priority' });
    await addPriority.getByRole('textbox', { name: /^Priority/ }).fill('Mentor new teachers');
    await addPriority.getByRole('button', { name: 'Add priority' }).click();
    await page.getByRole('group', { name: 'Mentor new teachers' }).waitFor();

    // A colleague rewrites it while this page still shows the first words.
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const priorities = `${app.baseUrl}/api/plans/${planId}/priorities`;
    const { rows } = (await (await page.request.get(priorities)).json()) as { rows: { id: string; title: string }[] };
    const row = rows.find((r) => r.title === 'Mentor new teachers')!;
    const rewritten = await page.request.patch(`${priorities}/${row.id}`, {
      headers: { 'X-CSRF-Token': csrfToken },
      data: { title: 'Mentor every new teacher', version: 1 },
    });
    expect(rewritten.status()).toBe(200);

    await page.getByRole('button', { name: 'Remove priority: Mentor new teachers' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove this priority?' });
    const confirm = dialog.getByRole('button', { name: 'Remove priority' });
    await confirm.click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: 'Someone changed this priority after you opened it, so it was not removed.' })
      .waitFor();
    await dialog.getByText('“Mentor every new teacher” will be removed').waitFor();
    await dialog.getByText('As it is now:').waitFor();
    await expectFocused(confirm, 'the Remove priority button of the dialog');
    await expectNoAxeViolations(page, 'the remove dialog after the priority changed');
    expect((await (await page.request.get(priorities)).json()).rows).toContainEqual(
      expect.objectContaining({ id: row.id, title: 'Mentor every new teacher' }),
    );

    await confirm.click();
    await page.getByRole('group', { name: 'Mentor every new teacher' }).waitFor({ state: 'detached' });
    expect(((await (await page.request.get(priorities)).json()) as { rows: { id: string }[] }).rows).not.toContainEqual(
      expect.objectContaining({ id: row.id }),
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a measure whose reading someone corrected after the page loaded is not removed unseen; a second confirm removes it', async () => {
    const name = 'Mentees who stay a second year';
    const { context, page, errors, headers, measures, measure, readings, reading } = await measureWithReading(
      name,
      { date: '2026-06-01', value: 70 },
      'long',
    );
    await openStage(page, 'Define measures');
    await page.reload();
    await page.getByText('Latest reading: 70% on Jun 1, 2026').waitFor();

    // A colleague corrects the reading while this page still shows 70%: the measure's own version stays.
    const corrected = await page.request.patch(`${readings}/${reading.id}`, {
      headers,
      data: { value: 74, version: reading.version },
    });
    expect(corrected.status()).toBe(200);

    await page.getByRole('button', { name: `Remove measure: ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove this measure?' });
    const confirm = dialog.getByRole('button', { name: 'Remove measure' });
    await confirm.click();
    await dialog.getByRole('alert').filter({ hasText: 'so it was not removed' }).waitFor();
    expect(
      ((await (await page.request.get(measures)).json()) as { rows: { id: string }[] }).rows.map((r) => r.id),
    ).toContain(measure.id);

    await confirm.click();
    await page.getByRole('group', { name }).waitFor({ state: 'detached' });
    expect(
      ((await (await page.request.get(measures)).json()) as { rows: { id: string }[] }).rows.map((r) => r.id),
    ).not.toContain(measure.id);
    expect(errors).toEqual([]);
    await context.close();
  });
  it('a measure removed on its own page by clicks alone (as voice control clicks, with no pointer pressed), on the first page of a visit, leaves focus on the stage heading', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const name = 'Coaching hours logged per month';
    const measure = (await (
      await page.request.post(`${app.baseUrl}/api/plans/${planId}/measures`, {
        headers: { 'X-CSRF-Token': csrfToken },
        data: { name, term: 'short', unit: 'hours' },
      })
    ).json()) as { id: string };
    // The measure's page is the first of a new visit (an address opened from elsewhere).
    await page.goto(`${app.baseUrl}/plans/${planId}/measures/${measure.id}`);
    const click = (button: HTMLElement) => button.click();
    await page.getByRole('button', { name: `Remove measure: ${name}` }).evaluate(click);
    await page
      .getByRole('dialog', { name: 'Remove this measure?' })
      .getByRole('button', { name: 'Remove measure' })
      .evaluate(click);
    await expectFocused(page.getByRole('heading', { level: 1, name: /Define measures/ }), 'the stage heading');
    expect(errors).toEqual([]);
    await context.close();
  });
  it('a reading someone else annotated while it was being corrected keeps their note: saved by itself when only they changed it, with "Keep mine" when both changed the value', async () => {
    const name = 'Mentors trained in coaching';
    const { context, page, errors, headers, readings, reading, stored, open } = await measureWithReading(name, {
      date: '2026-03-02',
      value: 40,
      note: 'Spring count',
    });
    await open();

    const row = page.getByRole('table', { name: /Readings of/ }).getByRole('row', { name: /Mar 2, 2026/ });

    await page.getByRole('button', { name: 'Edit the reading of Mar 2, 2026' }).click();
    const form = page.getByRole('form', { name: 'Correct the reading of Mar 2, 2026' });
    await form.getByLabel('Value').waitFor();
    // A colleague adds to the note while this person corrects only the value: nothing clashes, nothing to choose.
    const annotated = await page.request.patch(`${readings}/${reading.id}`, {
      headers,
      data: { note: 'Spring count, all schools', version: reading.version },
    });
    expect(annotated.status()).toBe(200);
    await form.getByLabel('Value').fill('42');
    await form.getByRole('button', { name: 'Save reading' }).click();
    await form.waitFor({ state: 'detached' });
    await page
      .getByRole('status')
      .filter({ hasText: 'Reading saved, with changes made elsewhere meanwhile.' })
      .waitFor();
    expect(await page.getByRole('group', { name: /^Conflict: / }).count()).toBe(0);
    await expectFocused(
      page.getByRole('button', { name: 'Edit the reading of Mar 2, 2026' }),
      'the reading’s Edit button',
    );
    await row.getByText('Spring count, all schools').waitFor();
    await row.getByText('42%').waitFor();
    expect(await stored()).toMatchObject({ value: 42, note: 'Spring count, all schools' });

    // Now the colleague changes the value too, and the note again: the value is the choice, their note is kept.
    await page.getByRole('button', { name: 'Edit the reading of Mar 2, 2026' }).click();
    await form.getByLabel('Value').waitFor();
    const recounted = await page.request.patch(`${readings}/${reading.id}`, {
      headers,
      data: { value: 41, note: 'Spring recount', version: (await stored()).version },
    });
    expect(recounted.status()).toBe(200);
    await form.getByLabel('Value').fill('43');
    await form.getByRole('button', { name: 'Save reading' }).click();

    const panel = form.getByRole('group', { name: /^Conflict: / });
    await expectFocused(panel.getByRole('heading', { name: /^Conflict: / }), 'the conflict’s heading');
    const fields = panel.locator('.conflict__field');
    expect(await fields.count()).toBe(2);
    await fields.nth(0).getByText('Value', { exact: true }).waitFor();
    await fields.nth(0).getByText('43%').waitFor();
    await fields.nth(0).getByText('41%').waitFor();
    expect(await fields.nth(0).locator('.conflict__note').count()).toBe(0);
    await fields.nth(1).getByText('Note', { exact: true }).waitFor();
    await fields.nth(1).getByText('Only they changed this: theirs is kept whichever you choose.').waitFor();
    await expectNoAxeViolations(page, 'a reading in conflict');

    await panel.getByRole('button', { name: 'Keep mine' }).click();
    await form.waitFor({ state: 'detached' });
    // Said, and back where the correction began.
    await page
      .getByRole('status')
      .filter({ hasText: /^Reading saved\.$/ })
      .waitFor();
    await expectFocused(
      page.getByRole('button', { name: 'Edit the reading of Mar 2, 2026' }),
      'the reading’s Edit button',
    );
    await row.getByText('Spring recount').waitFor();
    await row.getByText('43%').waitFor();
    expect(await stored()).toMatchObject({ value: 43, note: 'Spring recount' });

    // Cancelled: nothing is said to have been saved, and focus goes back to the Edit button too.
    await page.getByRole('button', { name: 'Edit the reading of Mar 2, 2026' }).click();
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });
    await expectFocused(
      page.getByRole('button', { name: 'Edit the reading of Mar 2, 2026' }),
      'the reading’s Edit button',
    );
    expect(await page.getByRole('status').filter({ hasText: 'Reading saved.' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
  it('a reading whose value was kept over theirs with "Keep mine" is not in conflict again when they change only its note meanwhile', async () => {
    const { context, page, errors, headers, readings, reading, stored, open } = await measureWithReading(
      `Walkthroughs debriefed ${crypto.randomUUID().slice(0, 8)}`,
      { date: '2026-04-06', value: 50, note: 'April count' },
    );
    // Another tab of theirs saves over the reading: first its value, then, while this one decides, its note.
    const theirs = async (data: Record<string, unknown>) => {
      const answer = await page.request.patch(`${readings}/${reading.id}`, {
        headers,
        data: { ...data, version: (await stored()).version },
      });
      expect(answer.status()).toBe(200);
    };
    await open();

    await page.getByRole('button', { name: 'Edit the reading of Apr 6, 2026' }).click();
    const form = page.getByRole('form', { name: 'Correct the reading of Apr 6, 2026' });
    await form.getByLabel('Value').waitFor();
    await theirs({ value: 51 });
    await form.getByLabel('Value').fill('52');
    await form.getByRole('button', { name: 'Save reading' }).click();
    const panel = form.getByRole('group', { name: /^Conflict: / });
    await panel.getByText('51%').waitFor();
    await theirs({ note: 'April count, all schools' });

    // The value they had is the one this person chose to overwrite: their note since is no clash.
    await panel.getByRole('button', { name: 'Keep mine' }).click();
    await form.waitFor({ state: 'detached' });
    await page
      .getByRole('status')
      .filter({ hasText: 'Reading saved, with changes made elsewhere meanwhile.' })
      .waitFor();
    expect(await stored()).toMatchObject({ value: 52, note: 'April count, all schools' });
    expect(errors).toEqual([]);
    await context.close();
  });
  it('removing a reading says which went, in the one voice that said it was added or corrected, and focus goes on to the next reading, else the previous, else the heading', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const headers = { 'X-CSRF-Token': csrfToken };
    const measures = `${app.baseUrl}/api/plans/${planId}/measures`;
    const name = 'Coaching logs filed on time';
    const measure = (await (
      await page.request.post(measures, { headers, data: { name, term: 'short', unit: '%' } })
    ).json()) as { id: string };
    for (const date of ['2026-01-10', '2026-02-10']) {
      const added = await page.request.post(`${measures}/${measure.id}/readings`, {
        headers,
        data: { date, value: 50 },
      });
      expect(added.status()).toBe(201);
    }
    await page.goto(`${app.baseUrl}/plans/${planId}/measures/${measure.id}`);
    await page.getByRole('heading', { level: 1, name }).waitFor();

    // All the readings' live regions together say exactly these words: one voice, nothing said before.
    const readings = page.getByRole('region', { name: 'Readings over time' });
    const expectSaid = async (words: string) => {
      await readings.locator('[role="status"], [aria-live]').filter({ hasText: words }).waitFor();
      const said = await readings.locator('[role="status"], [aria-live]').allTextContents();
      expect(said.filter((text) => text.trim() !== '')).toEqual([words]);
    };
    const removeReading = async (day: string) => {
      await page.getByRole('button', { name: `Remove the reading of ${day}`, exact: true }).click();
      await page
        .getByRole('dialog', { name: 'Remove this reading?' })
        .getByRole('button', { name: 'Remove reading' })
        .click();
      await page
        .getByRole('button', { name: `Remove the reading of ${day}`, exact: true })
        .waitFor({ state: 'detached' });
    };

    const addReading = page.getByRole('form', { name: 'Add a reading' });
    await addReading.getByLabel('Date').fill('2026-03-10');
    await addReading.getByLabel('Value').fill('60');
    await addReading.getByRole('button', { name: 'Add reading' }).click();
    await expectSaid('Reading added.');

    await page.getByRole('button', { name: 'Edit the reading of Jan 10, 2026' }).click();
    const correct = page.getByRole('form', { name: 'Correct the reading of Jan 10, 2026' });
    await correct.getByLabel('Value').fill('45');
    await correct.getByRole('button', { name: 'Save reading' }).click();
    await correct.waitFor({ state: 'detached' });
    await expectSaid('Reading saved.');

    // The middle one, oldest first: reading goes on at the reading after it.
    await removeReading('Feb 10, 2026');
    await expectSaid('Reading of Feb 10, 2026 removed.');
    await expectFocused(page.getByRole('button', { name: 'Edit the reading of Mar 10, 2026' }), 'the next reading');
    // The newest: on at the one before it.
    await removeReading('Mar 10, 2026');
    await expectSaid('Reading of Mar 10, 2026 removed.');
    await expectFocused(page.getByRole('button', { name: 'Edit the reading of Jan 10, 2026' }), 'the previous reading');
    // None left: on at the readings' heading.
    await removeReading('Jan 10, 2026');
    await expectSaid('Reading of Jan 10, 2026 removed.');
    await readings.getByText('No readings yet.').waitFor();
    await expectFocused(page.getByRole('heading', { level: 2, name: 'Readings over time' }), 'the readings’ heading');
    await expectNoAxeViolations(page, 'a measure page after removals');
    expect(errors).toEqual([]);
    await context.close();
  });
  it('the admin adds a funding source in dollars on stage 2 and finds it after a reload', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    await expectNoAxeViolations(page, 'stage 1 with its tables');

    await openStage(page, 'Know context');
    const add = page.getByRole('form', { name: 'Add a funding source' });
    await add.getByRole('textbox', { name: /^Funding source/ }).fill('Title II, Part A');
    await add.getByLabel('Kind').selectOption({ label: 'Re-distributed funds' });
    await add.getByRole('button', { name: 'Add funding source' }).click();

    const card = page.getByRole('group', { name: 'Title II, Part A' });
    // The amount counts in full in each school year the source lists: its label and hint say so.
    const amount = card.getByRole('textbox', { name: 'Amount a year', exact: true });
    const hintId = (await amount.getAttribute('aria-describedby'))?.split(' ')[0];
    expect(await card.locator(`[id="${hintId ?? ''}"]`).textContent()).toBe(
      'In dollars, such as 125,000.00. It counts in full in each school year listed: for a grant over several years, enter what it gives a year.',
    );
    await amount.fill('125,000.50');
    await card.getByRole('textbox', { name: 'School years' }).fill('2026-27, 2027-28');
    await card.getByRole('textbox', { name: 'School years' }).blur();
    await savedIn(page, 'Title II, Part A');
    expect(await amount.inputValue()).toBe('$125,000.50');
    await expectNoAxeViolations(page, 'stage 2 with a funding source');

    await page.reload();
    const reloaded = page.getByRole('group', { name: 'Title II, Part A' });
    await reloaded.waitFor();
    expect(await reloaded.getByRole('textbox', { name: 'Amount a year', exact: true }).inputValue()).toBe(
      '$125,000.50',
    );
    expect(await reloaded.getByRole('textbox', { name: 'School years' }).inputValue()).toBe('2026-27, 2027-28');
    expect(await reloaded.getByRole('combobox', { name: 'Kind' }).inputValue()).toBe('redistributed');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a funding source edited in two tabs, each in another field, keeps both without asking; the same field both changed is a choice, after which focus is back on the card', async () => {
    const [contextA, contextB] = await Promise.all([browser.newContext(), browser.newContext()]);
    const a = await openPage(contextA);
    const b = await openPage(contextB);
    for (const tab of [a, b]) {
      await signInAs(tab.page, app.baseUrl, 'admin@lakeview.test');
      await openPlan(tab.page);
    }
    const source = `Title IV grant ${crypto.randomUUID().slice(0, 8)}`;
    await openStage(a.page, 'Know context');
    const add = a.page.getByRole('form', { name: 'Add a funding source' });
    await add.getByRole('textbox', { name: /^Funding source/ }).fill(source);
    await add.getByLabel('Kind').selectOption({ label: 'New grant' });
    await add.getByRole('button', { name: 'Add funding source' }).click();
    const cardA = a.page.getByRole('group', { name: source });
    await cardA.waitFor();
    // Tab B loads the plan as it is now, with the new source.
    await openStage(b.page, 'Know context');
    await b.page.reload();
    const cardB = b.page.getByRole('group', { name: source });
    await cardB.waitFor();

    await cardA.getByRole('textbox', { name: 'Amount' }).fill('40,000');
    await cardA.getByRole('textbox', { name: 'Amount' }).blur();
    await savedIn(a.page, source);
    // Tab B still shows the source as it was, and changes its status only: nothing clashes.
    await cardB.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Pending' });
    await b.page
      .getByRole('status')
      .filter({ hasText: /^Saved at .+, with changes made elsewhere meanwhile$/ })
      .waitFor();
    expect(await b.page.getByRole('group', { name: /^Conflict: / }).count()).toBe(0);
    expect(await cardB.getByRole('textbox', { name: 'Amount' }).inputValue()).toBe('$40,000.00');
    expect(await cardB.getByRole('combobox', { name: 'Status' }).inputValue()).toBe('pending');
    await b.page.reload();
    await cardB.waitFor();
    expect(await cardB.getByRole('textbox', { name: 'Amount' }).inputValue()).toBe('$40,000.00');
    expect(await cardB.getByRole('combobox', { name: 'Status' }).inputValue()).toBe('pending');

    // Tab A, on the version before B's, changes the status too: that is a choice.
    await cardA.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Secured' });
    const panel = cardA.getByRole('group', { name: /^Conflict: / });
    await expectFocused(panel.getByRole('heading', { name: /^Conflict: / }), 'the conflict’s heading');
    await panel.getByText('Secured').waitFor();
    await panel.getByText('Pending').waitFor();
    await panel.getByRole('button', { name: 'Keep mine' }).click();
    await panel.waitFor({ state: 'detached' });
    await expectFocused(cardA.getByRole('textbox', { name: /^Funding source/ }), 'the funding source’s first field');
    await savedIn(a.page, source);
    await b.page.reload();
    await cardB.waitFor();
    expect(await cardB.getByRole('combobox', { name: 'Status' }).inputValue()).toBe('secured');
    expect(await cardB.getByRole('textbox', { name: 'Amount' }).inputValue()).toBe('$40,000.00');

    expect([...a.errors, ...b.errors]).toEqual([]);
    await Promise.all([contextA.close(), contextB.close()]);
  });

  it('the admin adds a measure with three readings and sees its chart, its readings and its status', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    await openStage(page, 'Define measures');

    const name = 'Teachers observed each quarter';
    const add = page.getByRole('form', { name: 'Add a measure' });
    await add.getByRole('textbox', { name: /^Measure/ }).fill(name);
    await add.getByLabel('Term').selectOption({ label: 'Short-term' });
    await add.getByRole('button', { name: 'Add measure' }).click();

    const card = page.getByRole('group', { name });
    await card.getByRole('textbox', { name: 'Unit' }).fill('%');
    await card.getByRole('textbox', { name: 'Baseline', exact: true }).fill('20');
    await card.getByLabel('Baseline date').fill('2025-09-01');
    await card.getByRole('textbox', { name: 'Target', exact: true }).fill('80');
    await card.getByLabel('Target date').fill('2026-06-01');
    await card.getByRole('textbox', { name: 'Target', exact: true }).blur();
    await savedIn(page, name);
    await card.getByText('No readings yet').waitFor();
    await expectNoAxeViolations(page, 'stage 3 with a measure');

    await card.getByRole('link', { name: `Chart and readings of ${name}` }).click();
    await page.waitForURL(/\/measures\/[0-9a-f-]+$/);
    const measureUrl = page.url();
    await page.getByRole('heading', { level: 1, name }).waitFor();

    const readings = [
      { date: '2025-10-01', value: '22', note: 'First walkthroughs' },
      { date: '2025-12-01', value: '25', note: '' },
      { date: '2026-02-01', value: '30', note: 'Winter' },
    ];
    const form = page.getByRole('form', { name: 'Add a reading' });
    const rows = page.getByRole('table', { name: /Readings of/ }).locator('tbody tr');
    for (const [index, reading] of readings.entries()) {
      await form.getByLabel('Date').fill(reading.date);
      await form.getByLabel('Value').fill(reading.value);
      await form.getByLabel('Note').fill(reading.note);
      await form.getByRole('button', { name: 'Add reading' }).click();
      await rows.nth(index).waitFor();
    }

    expect(await rows.count()).toBe(3);
    const chart = page.getByRole('img', { name: /Line chart of Teachers observed each quarter/ });
    await chart.waitFor();
    // One point for each of the three readings.
    expect(await chart.locator('svg circle').count()).toBe(3);
    expect(await chart.getAttribute('aria-label')).toContain('Status: Off track');
    const status = page.getByRole('region', { name: 'Status' });
    await status.getByText('Off track').waitFor();
    await status.getByText('Latest reading 30% on Feb 1, 2026; the path expects 53.63% by then.').waitFor();
    await expectNoAxeViolations(page, 'the measure page');

    await page.getByRole('link', { name: 'All measures of success' }).click();
    await page.getByRole('heading', { level: 1, name: /Define measures/ }).waitFor();
    await page.getByRole('group', { name }).getByText('Off track').waitFor();
    await page
      .getByRole('navigation', { name: 'Plan pages' })
      .getByRole('link', { name: /Dashboard/ })
      .click();
    await page.waitForURL(/\/dashboard$/);
    const measures = page.getByRole('table', { name: 'Measures with their status and latest reading' });
    await measures
      .getByRole('row', { name: new RegExp(name) })
      .getByText('Off track')
      .waitFor();
    await measures.getByText('30% on Feb 1, 2026').waitFor();
    await page.getByRole('table', { name: 'Progress by stage' }).waitFor();
    await page.getByRole('table', { name: 'Actions by status' }).waitFor();
    await expectNoAxeViolations(page, 'the plan dashboard');

    // A viewer reads the same page as text: the chart and readings, no inputs.
    const viewerContext = await browser.newContext();
    const viewer = await openPage(viewerContext);
    await signInAs(viewer.page, app.baseUrl, 'viewer@lakeview.test');
    await viewer.page.goto(measureUrl);
    await viewer.page.getByRole('heading', { level: 1, name }).waitFor();
    await viewer.page.getByRole('img', { name: /Line chart of Teachers observed each quarter/ }).waitFor();
    expect(
      await viewer.page
        .getByRole('table', { name: /Readings of/ })
        .locator('tbody tr')
        .count(),
    ).toBe(3);
    expect(await viewer.page.getByRole('textbox').count()).toBe(0);
    expect(await viewer.page.getByRole('button', { name: /Edit|Remove|Add/ }).count()).toBe(0);
    await expectNoAxeViolations(viewer.page, 'the measure page, read-only');
    await viewer.page.getByRole('link', { name: 'All measures of success' }).click();
    await viewer.page.getByRole('heading', { level: 3, name }).waitFor();
    await expectNoAxeViolations(viewer.page, 'stage 3, read-only');

    expect([...errors, ...viewer.errors]).toEqual([]);
    await Promise.all([context.close(), viewerContext.close()]);
  });

  it('a measure page says why a measure is not judged, judges it once its baseline is dated, and calls a reading equal to the path on track', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const headers = { 'X-CSRF-Token': csrfToken };
    const measures = `${app.baseUrl}/api/plans/${planId}/measures`;
    const addMeasure = async (data: object, value: number) => {
      const measure = (await (
        await page.request.post(measures, { headers, data: { term: 'short', unit: '%', ...data } })
      ).json()) as { id: string };
      const reading = await page.request.post(`${measures}/${measure.id}/readings`, {
        headers,
        data: { date: '2026-11-16', value },
      });
      expect(reading.status()).toBe(201);
      return `${app.baseUrl}/plans/${planId}/measures/${measure.id}`;
    };
    const turnover = await addMeasure(
      {
        name: 'Teacher turnover (keep at 12% or lower)',
        baseline: 12,
        baselineDate: '2026-08-01',
        target: 12,
        targetDate: '2027-06-01',
      },
      20,
    );
    const math = await addMeasure({ name: 'Math proficiency', baseline: 40, target: 50, targetDate: '2027-06-01' }, 45);
    const reading = await addMeasure(
      { name: 'Third graders reading', baseline: 48, baselineDate: '2026-09-01', target: 60, targetDate: '2027-06-01' },
      51.34,
    );
    // Dated, but with no baseline or target figure yet.
    await addMeasure({ name: 'Family survey', baselineDate: '2026-09-01', targetDate: '2027-06-01' }, 70);
    const status = page.getByRole('region', { name: 'Status' });

    await page.goto(turnover);
    await status.getByText('Not judged').waitFor();
    await status
      .getByText(
        'Latest reading 20% on Nov 16, 2026; its baseline and target are the same: choose whether higher or lower is better to judge readings by.',
      )
      .waitFor();

    await page.goto(math);
    await status.getByText('Not judged').waitFor();
    await status
      .getByText("Latest reading 45% on Nov 16, 2026; add the baseline's date to judge it against the path.")
      .waitFor();
    await expectNoAxeViolations(page, 'a measure page of a measure not judged');
    // Dated, the baseline starts the path the chart draws, and the status follows at once.
    await page.getByRole('region', { name: 'Details of the measure' }).getByLabel('Baseline date').fill('2026-09-01');
    await status.getByText('On track').waitFor();
    await status.getByText('Latest reading 45% on Nov 16, 2026; the path expects 42.78% by then.').waitFor();
    await page.getByText('Straight path from baseline to target').waitFor();

    await page.goto(reading);
    await status.getByText('On track').waitFor();
    await status.getByText('Latest reading 51.34% on Nov 16, 2026; the path expects 51.34% by then.').waitFor();

    // The board, through a share link, reads why too.
    const link = await page.request.post(`${app.baseUrl}/api/plans/${planId}/share-links`, {
      headers,
      data: { label: 'Board', parts: ['measures'] },
    });
    expect(link.status()).toBe(201);
    const shared = (await link.json()) as { url: string };
    await page.goto(shared.url.replace(/^https?:\/\/[^/]+/, app.baseUrl));
    const sharedTurnover = page.getByRole('article', { name: 'Teacher turnover (keep at 12% or lower)' });
    await sharedTurnover.getByText(/baseline 12% on Aug 1, 2026; target 12% by Jun 1, 2027/).waitFor();
    await sharedTurnover
      .getByText(
        'Not judged: its baseline and target are the same: choose whether higher or lower is better to judge readings by.',
      )
      .waitFor();
    // A date is said with the figure it belongs to, not after the measure's term.
    await page
      .getByRole('article', { name: 'Family survey' })
      .getByText(/Short-term; a target to reach by Jun 1, 2027; latest 70% on Nov 16, 2026/)
      .waitFor();
    await expectNoAxeViolations(page, 'the shared plan with a measure not judged');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a measure's direction follows its baseline and target as they are typed until it is chosen, by keyboard, and then judges a level kept", async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await openStage(page, 'Define measures');
    const name = 'Teachers leaving each year';
    const add = page.getByRole('form', { name: 'Add a measure' });
    await add.getByRole('textbox', { name: /^Measure/ }).fill(name);
    await add.getByLabel('Term').selectOption({ label: 'Long-term' });
    await add.getByRole('button', { name: 'Add measure' }).click();
    const card = page.getByRole('group', { name, exact: true });
    const measures = `${app.baseUrl}/api/plans/${planId}/measures`;
    /** Waits until the measure is stored with these values. */
    const storedAs = async (expected: { target: number | null; direction: string | null }) => {
      for (let tries = 0; ; tries += 1) {
        const { rows } = (await (await page.request.get(measures)).json()) as {
          rows: { id: string; name: string; target: number | null; direction: string | null }[];
        };
        const row = rows.find((r) => r.name === name)!;
        if ((row.target === expected.target && row.direction === expected.direction) || tries > 50) {
          expect({ target: row.target, direction: row.direction }).toEqual(expected);
          return row.id;
        }
        await page.waitForTimeout(100);
      }
    };
    const direction = card.getByRole('group', { name: 'Direction' });
    const higher = direction.getByRole('radio', { name: 'Higher is better' });
    const lower = direction.getByRole('radio', { name: 'Lower is better' });
    const target = card.getByLabel('Target', { exact: true });
    expect([await higher.isChecked(), await lower.isChecked()]).toEqual([false, false]);

    // Typed, the baseline and target set the direction; a target equal to the baseline, or none, sets none: a
    // level to keep is for the person to choose. Typed key by key, "12" passes through "1", below the baseline,
    // and leaves no direction behind.
    await card.getByLabel('Baseline', { exact: true }).fill('12');
    await target.fill('15');
    await storedAs({ target: 15, direction: 'higher' });
    expect(await higher.isChecked()).toBe(true);
    await target.fill('10');
    await storedAs({ target: 10, direction: 'lower' });
    expect(await lower.isChecked()).toBe(true);
    await target.selectText();
    await target.pressSequentially('12');
    await storedAs({ target: 12, direction: null });
    expect([await higher.isChecked(), await lower.isChecked()]).toEqual([false, false]);
    await target.fill('15');
    await storedAs({ target: 15, direction: 'higher' });
    await target.fill('');
    await storedAs({ target: null, direction: null });
    await target.fill('12');
    await storedAs({ target: 12, direction: null });
    expect([await higher.isChecked(), await lower.isChecked()]).toEqual([false, false]);
    await expectNoAxeViolations(page, 'a measure card with its direction');

    // Chosen with the arrow keys, it holds: a target on its wrong side is refused at the target.
    await lower.focus();
    await page.keyboard.press('ArrowUp');
    await storedAs({ target: 12, direction: 'higher' });
    await expectFocused(higher, 'the Higher is better radio button');
    await page.keyboard.press('ArrowDown');
    await storedAs({ target: 12, direction: 'lower' });
    await target.fill('14');
    await card
      .getByText(
        'Target must be at or below the baseline: lower is better. The last saved value is kept until you correct it.',
      )
      .waitFor();
    expect(await lower.isChecked()).toBe(true);
    await target.fill('12');
    const id = await storedAs({ target: 12, direction: 'lower' });

    // Kept at or below 12%, a reading of 11% is on track.
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    await card.getByLabel('Baseline date').fill('2026-08-01');
    await card.getByLabel('Target date').fill('2027-06-01');
    await savedIn(page, name);
    const reading = await page.request.post(`${measures}/${id}/readings`, {
      headers: { 'X-CSRF-Token': csrfToken },
      data: { date: '2026-11-16', value: 11 },
    });
    expect(reading.status()).toBe(201);
    await page.goto(`${app.baseUrl}/plans/${planId}/measures/${id}`);
    await page.getByRole('region', { name: 'Status' }).getByText('On track').waitFor();
    await page.getByText('Latest reading 11 on Nov 16, 2026; the aim is to keep it at or below 12.').waitFor();
    await page.getByRole('definition').filter({ hasText: 'at or below 12 by Jun 1, 2027' }).waitFor();
    await page.getByRole('definition').filter({ hasText: 'Lower is better' }).waitFor();
    await expectNoAxeViolations(page, 'the page of a measure kept at or below a level');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a direction refused against the measure's numbers says why until the checked one is chosen again, and holds nothing back", async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await openStage(page, 'Define measures');
    const name = 'Students reading on grade level';
    const add = page.getByRole('form', { name: 'Add a measure' });
    await add.getByRole('textbox', { name: /^Measure/ }).fill(name);
    await add.getByLabel('Term').selectOption({ label: 'Long-term' });
    await add.getByRole('button', { name: 'Add measure' }).click();
    const card = page.getByRole('group', { name, exact: true });
    const target = card.getByLabel('Target', { exact: true });
    const direction = card.getByRole('group', { name: 'Direction' });
    const higher = direction.getByRole('radio', { name: 'Higher is better' });
    const lower = direction.getByRole('radio', { name: 'Lower is better' });
    const measures = `${app.baseUrl}/api/plans/${planId}/measures`;
    const stored = async () => {
      const { rows } = (await (await page.request.get(measures)).json()) as {
        rows: { name: string; target: number | null; direction: string | null }[];
      };
      const { target: t, direction: d } = rows.find((r) => r.name === name)!;
      return { target: t, direction: d };
    };
    const refusal = 'Direction must be "Higher is better": the target is above the baseline.';
    await card.getByLabel('Baseline', { exact: true }).fill('50');
    await target.fill('30');
    await target.blur();
    await savedIn(page, name);
    expect(await stored()).toEqual({ target: 30, direction: 'lower' });

    // Raised above the baseline, the target brings "Higher is better" along; "Lower is better", clicked before it is
    // sent, is refused without holding it back: both are saved.
    await target.fill('70');
    await lower.click();
    await direction.getByText(refusal).waitFor();
    expect(await higher.isChecked()).toBe(true);
    await target.blur();
    await savedIn(page, name);
    expect(await stored()).toEqual({ target: 70, direction: 'higher' });
    expect(await card.locator('.field-save-state').textContent()).not.toMatch(/not saved/i);

    // Choosing the checked one again lets go of the refusal.
    await higher.click();
    await direction.getByText(refusal).waitFor({ state: 'detached' });
    expect(await card.locator('[aria-invalid="true"]').count()).toBe(0);
    expect(await direction.getAttribute('class')).not.toMatch(/field--invalid/);
    expect(await stored()).toEqual({ target: 70, direction: 'higher' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a measure\'s target changed by someone else while the person lowers it is a choice with its direction: "Use theirs" keeps their target and its direction, and nothing is refused', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await openStage(page, 'Define measures');
    const name = 'Teachers rating their coaching useful';
    const add = page.getByRole('form', { name: 'Add a measure' });
    await add.getByRole('textbox', { name: /^Measure/ }).fill(name);
    await add.getByLabel('Term').selectOption({ label: 'Short-term' });
    await add.getByRole('button', { name: 'Add measure' }).click();
    const card = page.getByRole('group', { name, exact: true });
    const target = card.getByLabel('Target', { exact: true });
    await card.getByLabel('Baseline', { exact: true }).fill('50');
    await target.fill('70');
    await target.blur();
    await savedIn(page, name);
    const measures = `${app.baseUrl}/api/plans/${planId}/measures`;
    type Stored = { id: string; name: string; version: number; target: number | null; direction: string | null };
    const stored = async () =>
      ((await (await page.request.get(measures)).json()) as { rows: Stored[] }).rows.find((r) => r.name === name)!;
    const before = await stored();
    expect(before.direction).toBe('higher');

    // Someone else raises the target to 80.
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const theirs = await page.request.patch(`${measures}/${before.id}`, {
      headers: { 'X-CSRF-Token': csrfToken },
      data: { target: 80, version: before.version },
    });
    expect(theirs.status()).toBe(200);

    // The person, on the version before, lowers it to 30: lower is better comes with it, and is part of the choice.
    await target.fill('30');
    await target.blur();
    const panel = card.getByRole('group', { name: /^Conflict: / });
    await panel.getByRole('button', { name: 'Use theirs' }).click();
    await panel.waitFor({ state: 'detached' });
    expect(await target.inputValue()).toBe('80');
    expect(await card.getByRole('radio', { name: 'Higher is better' }).isChecked()).toBe(true);
    expect(await card.locator('[aria-invalid="true"]').count()).toBe(0);
    expect(await card.locator('.field-save-state').textContent()).not.toMatch(/not saved/i);
    expect(await stored()).toMatchObject({ target: 80, direction: 'higher' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a target date before the baseline date is refused at the field, the saved date kept, and a later one is saved', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await openStage(page, 'Define measures');
    const name = 'Coaching logs submitted on time';
    const add = page.getByRole('form', { name: 'Add a measure' });
    await add.getByRole('textbox', { name: /^Measure/ }).fill(name);
    await add.getByLabel('Term').selectOption({ label: 'Short-term' });
    await add.getByRole('button', { name: 'Add measure' }).click();
    const card = page.getByRole('group', { name });
    const stored = async () => {
      const { rows } = (await (await page.request.get(`${app.baseUrl}/api/plans/${planId}/measures`)).json()) as {
        rows: { name: string; baselineDate: string | null; targetDate: string | null }[];
      };
      const row = rows.find((r) => r.name === name)!;
      return [row.baselineDate, row.targetDate];
    };

    await card.getByLabel('Baseline date').fill('2026-09-01');
    await savedIn(page, name);
    const target = card.getByLabel('Target date');
    await target.fill('2026-06-01');
    await card
      .getByText('Target date must be after the baseline date. The last saved value is kept until you correct it.')
      .waitFor();
    expect(await target.getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, 'a measure whose target date is refused');
    expect(await stored()).toEqual(['2026-09-01', null]);

    await target.fill('2027-06-01');
    await savedIn(page, name);
    expect(await target.getAttribute('aria-invalid')).toBeNull();
    expect(await stored()).toEqual(['2026-09-01', '2027-06-01']);

    await card.getByLabel('Baseline date').fill('2027-08-01');
    await card.getByText('Baseline date must be before the target date.', { exact: false }).waitFor();
    expect(await stored()).toEqual(['2026-09-01', '2027-06-01']);
    expect(errors).toEqual([]);
    await context.close();
  });
  it('a rank typed past its limit saves none of the numbers typed on the way', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const title = 'Grow teacher leaders from within';
    const addPriority = page.getByRole('form', { name: 'Add a priority' });
    await addPriority.getByRole('textbox', { name: /^Priority/ }).fill(title);
    await addPriority.getByRole('button', { name: 'Add priority' }).click();
    const card = page.getByRole('group', { name: title });

    await card.getByRole('textbox', { name: /^Rank/ }).focus();
    await page.keyboard.type('99999999999');
    await card.getByText('Not saved: Rank must be at most 999').waitFor();
    await page.keyboard.press('Tab');
    // Longer than the pause after which a value typed is saved.
    await page.waitForTimeout(1_500);
    const { rows } = (await (await page.request.get(`${app.baseUrl}/api/plans/${planId}/priorities`)).json()) as {
      rows: { id: string; title: string; rank: number | null }[];
    };
    const row = rows.find((r) => r.title === title)!;
    expect(row.rank).toBeNull();
    const { entries } = (await (
      await page.request.get(`${app.baseUrl}/api/plans/${planId}/history?item=${row.id}`)
    ).json()) as { entries: { operation: string }[] };
    expect(entries.map((entry) => entry.operation)).toEqual(['created']);
    // Removed again: the tests after this one count on the plan having no priority.
    await card.getByRole('button', { name: /^Remove priority/ }).click();
    await page
      .getByRole('dialog', { name: 'Remove this priority?' })
      .getByRole('button', { name: 'Remove priority' })
      .click();
    await card.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await context.close();
  });
  it('focus stays where the person works: after adding, removing and saving, never back at the top of the page', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);

    // Added with a click on the button: ready for the next one, in the form's first field.
    const addPriority = page.getByRole('form', { name: 'Add a priority' });
    await addPriority.getByRole('textbox', { name: /^Priority/ }).fill('Focus on the early grades');
    await addPriority.getByRole('button', { name: 'Add priority' }).click();
    const card = page.getByRole('group', { name: 'Focus on the early grades' });
    await card.waitFor();
    await expectFocused(addPriority.getByRole('textbox', { name: /^Priority/ }), 'the new priority’s first field');

    // A rank is a whole number, and says so whatever is typed.
    const rank = card.getByRole('textbox', { name: 'Rank' });
    await rank.fill('abc');
    await card.getByText('Not saved: Rank must be a whole number, such as 3').waitFor();
    await rank.fill('3.5');
    await card.getByText('Not saved: Rank must be a whole number, such as 3').waitFor();
    await rank.fill('2');
    await rank.blur();
    await savedIn(page, 'Focus on the early grades');

    // Removed: once the dialog has closed, reading goes on at the section's heading.
    await card.getByRole('button', { name: /^Remove priority/ }).click();
    await page
      .getByRole('dialog', { name: 'Remove this priority?' })
      .getByRole('button', { name: 'Remove priority' })
      .click();
    await card.waitFor({ state: 'detached' });
    await expectFocused(
      page.getByRole('heading', { level: 2, name: 'District priorities' }),
      'the priorities’ heading',
    );

    const addAction = page.getByRole('form', { name: 'Add an action' });
    await addAction.getByRole('textbox', { name: /^Action/ }).fill('Release time for coaches');
    await addAction.getByRole('button', { name: 'Add action' }).click();
    const action = page.getByRole('group', { name: 'Release time for coaches' });
    await action.waitFor();
    await expectFocused(addAction.getByRole('textbox', { name: /^Action/ }), 'the new action’s field');
    // Removed, the last of the list: reading goes on at the action before it.
    const previousAction = await action.locator('xpath=ancestor::li[1]/preceding-sibling::li[1]//legend').textContent();
    await action.getByRole('button', { name: /^Remove action/ }).click();
    await page
      .getByRole('dialog', { name: 'Remove this action?' })
      .getByRole('button', { name: 'Remove action' })
      .click();
    await action.waitFor({ state: 'detached' });
    await expectFocused(
      page.getByRole('group', { name: previousAction!, exact: true }).getByRole('combobox', { name: 'Status' }),
      'the action before it',
    );

    // Saved settings start their form again: focus goes to what is said of the save.
    await page.getByText('Plan settings', { exact: true }).click();
    await page.getByRole('textbox', { name: 'Title' }).fill('Teacher Leadership Plan, revised');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectFocused(page.getByText('Settings saved.', { exact: true }), 'the saved message');
    await page.getByRole('textbox', { name: 'Title' }).fill('Teacher Leadership Plan');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('heading', { level: 1, name: /Stage 1: Design for impact/ }).waitFor();

    await page
      .getByRole('navigation', { name: 'Roadmap stages' })
      .getByRole('link', { name: /Define measures/ })
      .click();
    const addMeasure = page.getByRole('form', { name: 'Add a measure' });
    await addMeasure.getByRole('textbox', { name: /^Measure/ }).fill('Coaching cycles completed');
    await addMeasure.getByLabel('Term').selectOption({ label: 'Short-term' });
    await addMeasure.getByRole('button', { name: 'Add measure' }).click();
    await page.getByRole('group', { name: 'Coaching cycles completed' }).waitFor();
    await expectFocused(addMeasure.getByRole('textbox', { name: /^Measure/ }), 'the new measure’s first field');

    await page.getByRole('link', { name: 'Chart and readings of Coaching cycles completed' }).click();
    const reading = page.getByRole('form', { name: 'Add a reading' });
    await reading.getByLabel('Date').fill('2026-01-10');
    await reading.getByLabel('Value').fill('4');
    await reading.getByRole('button', { name: 'Add reading' }).click();
    await page.getByRole('table', { name: /Readings of/ }).waitFor();
    await expectFocused(reading.getByLabel('Date'), 'the new reading’s date');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('removing an action, an own question or a row says which was removed, in place of the last add’s words, and focus goes on to the next item, else the previous, else the heading', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);

    const confirmRemoval = async (item: Locator, what: 'action' | 'question' | 'priority') => {
      await item.getByRole('button', { name: new RegExp(`^Remove ${what}`) }).click();
      await page
        .getByRole('dialog', { name: `Remove this ${what}?` })
        .getByRole('button', { name: `Remove ${what}` })
        .click();
      await item.waitFor({ state: 'detached' });
    };

    const addPriority = page.getByRole('form', { name: 'Add a priority' });
    for (const text of ['Grow our own coaches', 'Keep new teachers']) {
      await addPriority.getByRole('textbox', { name: /^Priority/ }).fill(text);
      await addPriority.getByRole('button', { name: 'Add priority' }).click();
      await page.getByRole('group', { name: text }).waitFor();
    }
    await expectSaid(addPriority, 'Priority added at the end of the list.');
    await confirmRemoval(page.getByRole('group', { name: 'Grow our own coaches' }), 'priority');
    await expectSaid(addPriority, 'Priority “Grow our own coaches” removed.');
    await expectFocused(
      page.getByRole('group', { name: 'Keep new teachers' }).getByRole('textbox').first(),
      'the next priority’s first field',
    );
    await confirmRemoval(page.getByRole('group', { name: 'Keep new teachers' }), 'priority');
    await expectSaid(addPriority, 'Priority “Keep new teachers” removed.');
    await expectFocused(
      page.getByRole('heading', { level: 2, name: 'District priorities' }),
      'the priorities’ heading, none left',
    );

    const addAction = page.getByRole('form', { name: 'Add an action' });
    for (const text of ['Map who coaches whom', 'Publish the coaching schedule']) {
      await addAction.getByRole('textbox', { name: /^Action/ }).fill(text);
      await addAction.getByRole('button', { name: 'Add action' }).click();
      await page.getByRole('group', { name: text }).waitFor();
    }
    await expectSaid(addAction, 'Action added at the end of the list.');
    await confirmRemoval(page.getByRole('group', { name: 'Publish the coaching schedule' }), 'action');
    await expectSaid(addAction, 'Action “Publish the coaching schedule” removed.');
    await expectFocused(
      page.getByRole('group', { name: 'Map who coaches whom' }).getByRole('textbox', { name: /^Action text/ }),
      'the previous action, the last one removed',
    );
    await confirmRemoval(page.getByRole('group', { name: 'Map who coaches whom' }), 'action');

    const addQuestion = page.getByRole('form', { name: 'Add a question' });
    for (const text of ['Who asked for coaching?', 'Which schools wait longest?']) {
      await addQuestion.getByRole('textbox', { name: /^Question/ }).fill(text);
      await addQuestion.getByRole('button', { name: 'Add question' }).click();
      await page.getByRole('textbox', { name: text, exact: true }).waitFor();
    }
    await expectSaid(addQuestion, 'Question added at the end of the list.');
    const question = (text: string) =>
      page.getByRole('listitem').filter({ has: page.getByRole('textbox', { name: text, exact: true }) });
    await confirmRemoval(question('Who asked for coaching?'), 'question');
    await expectSaid(addQuestion, 'Question “Who asked for coaching?” removed.');
    await expectFocused(
      page.getByRole('textbox', { name: 'Which schools wait longest?', exact: true }),
      'the next question’s answer',
    );
    await confirmRemoval(question('Which schools wait longest?'), 'question');
    await expectNoAxeViolations(page, 'a stage after removals');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('words typed in the add forms of a row, an action and a question are given back after the session ends and the person signs in again, and then added', async () => {
    const context = await browser.newContext();
    const { page } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const addPriority = page.getByRole('form', { name: 'Add a priority' });
    const addAction = page.getByRole('form', { name: 'Add an action' });
    const addQuestion = page.getByRole('form', { name: 'Add a question' });
    const typed = [
      { form: addPriority, field: /^Priority/, text: 'Coach the coaches', button: 'Add priority' },
      { form: addAction, field: /^Action/, text: 'Pair each new coach with a mentor', button: 'Add action' },
      { form: addQuestion, field: /^Question/, text: 'Who coaches the coaches?', button: 'Add question' },
    ];
    for (const { form, field, text } of typed) await form.getByRole('textbox', { name: field }).fill(text);

    await sessionEndsThenSignInAgain(page, addQuestion.getByRole('button', { name: 'Add question' }));
    await addQuestion.waitFor();

    // Back where they were, every form holds what was typed, as changes not yet added: leaving asks first.
    for (const { form, field, text } of typed) {
      expect(await form.getByRole('textbox', { name: field }).inputValue()).toBe(text);
    }
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' }).click();
    const leaving = page.getByRole('dialog', { name: 'Leave without saving?' });
    await leaving.waitFor();
    await leaving.getByRole('button', { name: 'Stay' }).click();
    await leaving.waitFor({ state: 'hidden' });

    const added = [
      page.getByRole('group', { name: 'Coach the coaches' }),
      page.getByRole('group', { name: 'Pair each new coach with a mentor' }),
      page.getByRole('textbox', { name: 'Who coaches the coaches?', exact: true }),
    ];
    for (const [i, { form, field, button }] of typed.entries()) {
      await form.getByRole('button', { name: button }).click();
      await added[i]!.waitFor();
      expect(await form.getByRole('textbox', { name: field }).inputValue()).toBe('');
    }
    // Added, they are not kept: a reload shows the items in the plan, once each, and the forms empty.
    await page.reload();
    for (const item of added) {
      await item.waitFor();
      expect(await item.count()).toBe(1);
    }
    for (const { form, field } of typed) expect(await form.getByRole('textbox', { name: field }).inputValue()).toBe('');
    await context.close();
  });

  it('words typed in a reading’s correction come back after the session ends, and are not saved over a value someone changed meanwhile', async () => {
    const { context, page, errors, headers, readings, reading, open } = await measureWithReading(
      'Coaching cycles completed on time',
      { date: '2026-03-09', value: 60, note: 'First count' },
    );
    await open();

    await page.getByRole('button', { name: 'Edit the reading of Mar 9, 2026' }).click();
    const form = page.getByRole('form', { name: 'Correct the reading of Mar 9, 2026' });
    await form.getByLabel('Value').fill('62');
    // Meanwhile a colleague recounts: the value this person is correcting changes under the form.
    const recounted = await page.request.patch(`${readings}/${reading.id}`, {
      headers,
      data: { value: 65, version: reading.version },
    });
    expect(recounted.status()).toBe(200);

    await sessionEndsThenSignInAgain(page, form.getByRole('button', { name: 'Save reading' }));

    // Back on the measure, the correction is open again with what was typed.
    await form.waitFor();
    expect(await form.getByLabel('Value').inputValue()).toBe('62');
    await form.getByRole('button', { name: 'Save reading' }).click();
    // Counted from the reading as it was when the correction began: the colleague's 65 is a choice, not overwritten.
    const panel = form.getByRole('group', { name: /^Conflict: / });
    await panel.getByText('65%').waitFor();
    await panel.getByText('62%').waitFor();
    await panel.getByRole('button', { name: 'Keep mine' }).click();
    await form.waitFor({ state: 'detached' });
    const row = page.getByRole('table', { name: /Readings of/ }).getByRole('row', { name: /Mar 9, 2026/ });
    await row.getByText('62%').waitFor();
    // Saved, the words are not kept: a reload shows no correction open.
    await page.reload();
    await row.getByText('62%').waitFor();
    expect(await form.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
