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

interface SavedPlan {
  id: string;
  title: string;
  schoolYear: string;
  version: number;
  averageTeacherCostCents: number;
  contractDays: number;
}

/** A plan of its own for the test, and a colleague's way to change it through the API meanwhile. */
async function planWithColleague(page: Page, title: string) {
  const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as { csrfToken: string };
  const headers = { 'X-CSRF-Token': csrfToken };
  const created = await page.request.post(`${app.baseUrl}/api/plans`, {
    headers,
    data: { title, schoolYear: '2030-31' },
  });
  expect(created.status()).toBe(201);
  const planId = ((await created.json()) as SavedPlan).id;
  const url = `${app.baseUrl}/api/plans/${planId}`;
  const saved = async () => (await (await page.request.get(url)).json()) as SavedPlan;
  return {
    planId,
    saved,
    /** What a colleague saves in another browser while this page is open. */
    colleagueSaves: async (changes: Partial<SavedPlan>) => {
      const res = await page.request.patch(url, { headers, data: { ...changes, version: (await saved()).version } });
      expect(res.status()).toBe(200);
    },
  };
}

describe('the plan’s settings while a colleague saves to the plan', () => {
  it('a change elsewhere is no conflict; the same field changed is shown, kept in the form, and saved again or given up', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    const plan = await planWithColleague(page, 'Settings plan 2030-31');
    await page.reload();
    await openPlan(page, 'Settings plan 2030-31');
    await page.getByText('Plan settings', { exact: true }).click();
    const title = page.getByRole('textbox', { name: 'Title' });
    const schoolYear = page.getByRole('textbox', { name: 'School year' });
    const save = page.getByRole('button', { name: 'Save settings' });

    // The colleague changes the plan's cost settings while this page renames it: both stand.
    await title.fill('Teacher leadership 2030-31');
    await plan.colleagueSaves({ contractDays: 185 });
    await save.click();
    await expectFocused(page.getByText('Settings saved.', { exact: true }), 'the saved message');
    expect(await plan.saved()).toMatchObject({ title: 'Teacher leadership 2030-31', contractDays: 185 });

    // The colleague sets the school year this page is changing: nothing is saved, theirs is shown, mine kept.
    await schoolYear.fill('2031-32');
    await plan.colleagueSaves({ schoolYear: '2032-33' });
    await save.click();
    const clash = page
      .getByRole('alert')
      .filter({ hasText: 'Not saved: someone else changed this while you were editing' });
    await expectFocused(clash, 'the alert of the clash');
    await clash.getByText('School year: “2032-33”').waitFor();
    expect(await schoolYear.inputValue()).toBe('2031-32');
    expect(await plan.saved()).toMatchObject({ schoolYear: '2032-33' });
    await expectNoAxeViolations(page, 'the plan settings with a clash');
    // Saving again, knowingly, puts mine in place of theirs.
    await save.click();
    await expectFocused(page.getByText('Settings saved.', { exact: true }), 'the saved message');
    expect(await plan.saved()).toMatchObject({ schoolYear: '2031-32' });

    // Or the person takes theirs: the form shows it, focus on the field.
    await title.fill('Mine, given up');
    await plan.colleagueSaves({ title: 'Theirs, kept' });
    await save.click();
    await clash.getByText('Title: “Theirs, kept”').waitFor();
    await clash.getByRole('button', { name: 'Use theirs' }).click();
    await expectFocused(title, 'the Title field');
    expect(await title.inputValue()).toBe('Theirs, kept');
    expect(await clash.count()).toBe(0);
    expect(await plan.saved()).toMatchObject({ title: 'Theirs, kept', schoolYear: '2031-32', contractDays: 185 });

    expect(errors).toEqual([]);
    await context.close();
  });

  it('the budget’s cost settings save over a rename and a change of another cost field made meanwhile, and keep both', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    const plan = await planWithColleague(page, 'Budget plan 2030-31');
    await page.goto(`${app.baseUrl}/plans/${plan.planId}/budget`);
    await page.getByRole('heading', { level: 1, name: 'Budget and sustainability' }).waitFor();
    const cost = page.getByRole('textbox', { name: /^Average teacher cost/ });
    const days = page.getByRole('textbox', { name: 'Contract days' });

    await cost.fill('81,000');
    await plan.colleagueSaves({ title: 'Budget plan, renamed', contractDays: 190 });
    await page.getByRole('button', { name: 'Save cost settings' }).click();
    await expectFocused(page.getByText('Cost settings saved.', { exact: true }), 'the saved message');
    expect(await plan.saved()).toMatchObject({
      title: 'Budget plan, renamed',
      averageTeacherCostCents: 8_100_000,
      contractDays: 190,
    });
    // The form shows the plan as saved: the colleague's contract days, untouched by this save.
    expect(await days.inputValue()).toBe('190');
    expect(await cost.inputValue()).toBe('$81,000.00');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('leaving the plan’s settings with changes not saved', () => {
  it('asks before going elsewhere in the app: Stay (or Escape) keeps what was typed, Leave drops it; after a save or a sign-out nothing is asked', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    const plan = await planWithColleague(page, 'Leaving plan 2030-31');
    await page.reload();
    await openPlan(page, 'Leaving plan 2030-31');
    const planUrl = page.url();
    await page.getByText('Plan settings', { exact: true }).click();
    const title = page.getByRole('textbox', { name: 'Title' });
    const plansLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' });
    const question = page.getByRole('dialog', { name: 'Leave without saving?' });
    const plansHeading = page.getByRole('heading', { level: 1, name: 'Plans' });

    await title.click();
    await title.fill('Renamed, not saved');
    await plansLink.click();
    await question.getByText('Your changes to the plan settings are not saved.').waitFor();
    await expectFocused(question.getByRole('button', { name: 'Stay' }), 'the Stay button');
    await expectNoAxeViolations(page, 'the question before leaving unsaved settings');
    await page.keyboard.press('Escape');
    await question.waitFor({ state: 'hidden' });
    expect(page.url()).toBe(planUrl);
    expect(await title.inputValue()).toBe('Renamed, not saved');

    await plansLink.click();
    await question.getByRole('button', { name: 'Stay' }).click();
    await question.waitFor({ state: 'hidden' });
    expect(page.url()).toBe(planUrl);
    expect(await title.inputValue()).toBe('Renamed, not saved');

    await plansLink.click();
    await question.getByRole('button', { name: 'Leave' }).click();
    await plansHeading.waitFor();
    expect(await plan.saved()).toMatchObject({ title: 'Leaving plan 2030-31' });

    // Saved, the settings hold nothing to lose.
    await openPlan(page, 'Leaving plan 2030-31');
    await page.getByText('Plan settings', { exact: true }).click();
    await title.fill('Leaving plan, renamed');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expectFocused(page.getByText('Settings saved.', { exact: true }), 'the saved message');
    await plansLink.click();
    await plansHeading.waitFor();
    expect(await question.count()).toBe(0);
    expect(await plan.saved()).toMatchObject({ title: 'Leaving plan, renamed' });

    // Signing out is not held back by a form left unsaved.
    await openPlan(page, 'Leaving plan, renamed');
    await page.getByText('Plan settings', { exact: true }).click();
    await title.fill('Typed before signing out');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await question.count()).toBe(0);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks before the tab is closed (the browser’s own question)', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await planWithColleague(page, 'Closing plan 2030-31');
    await page.reload();
    await openPlan(page, 'Closing plan 2030-31');
    await page.getByText('Plan settings', { exact: true }).click();
    const title = page.getByRole('textbox', { name: 'Title' });
    await title.click();
    await title.fill('Typed, then the tab closed');

    const asked: string[] = [];
    page.on('dialog', (dialog) => {
      asked.push(dialog.type());
      void dialog.accept();
    });
    const closed = page.waitForEvent('close');
    await page.close({ runBeforeUnload: true });
    await closed;
    expect(asked).toEqual(['beforeunload']);
    expect(errors).toEqual([]);
    await context.close();
  });
});
