import type { Browser, Page } from 'playwright-core';
import { endSessionsOf, startApp, type RunningApp } from './support/server';
import { expectFocused, expectNoAxeViolations, launchBrowser, openPage, openPlan, signInAs } from './support/browser';

let app: RunningApp;
let browser: Browser;

// Each test walks two pages, with axe and the narrow-screen check on each.
jest.setTimeout(180_000);

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const starter = 'Giving teacher leaders responsibilities without protected time to lead';

async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) {
    // Name what sticks out, so the failure says where to look.
    const wide = await page.evaluate(() =>
      Array.from(document.querySelectorAll('body *'))
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
        // What scrolls inside its own region is meant to be wider.
        .filter((e) => !e.parentElement?.closest('.scroll-region'))
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}.${Array.from(e.classList).join('.')}`),
    );
    throw new Error(`${where} scrolls sideways by ${overflow}px at 390px wide: ${wide.join(', ')}`);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** Missteps one stage may hold (maxMisstepsPerStage). */
const maxMisstepsPerStage = 50;

const planPages = (page: Page) => page.getByRole('navigation', { name: 'Plan pages' });

describe('missteps to avoid and framework alignment', () => {
  it('the admin takes stage 4’s starter missteps, marks one happening, and finds it on the dashboard and in what needs attention', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    await page.goto(page.url().replace(/\/stages\/design$/, '/stages/build'));
    await page.getByRole('heading', { level: 1, name: /Stage 4: Build strategically/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Missteps to avoid' }).waitFor();

    await page.getByRole('heading', { level: 3, name: 'Common missteps to start from' }).waitFor();
    await page.getByRole('button', { name: 'Start from these 4 missteps' }).press('Enter');
    const card = page.getByRole('group', { name: starter, exact: true });
    await card.waitFor();
    // The offer is gone: focus is on the first misstep, to reword it, not dropped to the page.
    await expectFocused(
      page
        .getByRole('region', { name: 'Missteps to avoid' })
        .getByRole('textbox', { name: 'Misstep, in our words' })
        .first(),
      'the first misstep added',
    );
    await expectNoAxeViolations(page, 'stage 4 with its missteps');
    await expectNoSidewaysScroll(page, 'stage 4 with its missteps');

    await card.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Happening' });
    await card.getByRole('textbox', { name: 'Note' }).fill('Two schools cut the coaching block');
    await card.getByRole('textbox', { name: 'Note' }).blur();
    await card.getByText('Saved').waitFor();

    // A misstep of the district's own, added at the end.
    await page
      .getByRole('textbox', { name: 'Misstep', exact: true })
      .fill('Stipends promised before the budget is set');
    await page.getByRole('button', { name: 'Add misstep' }).click();
    await page.getByRole('group', { name: 'Stipends promised before the budget is set' }).waitFor();

    await planPages(page).getByRole('link', { name: 'Dashboard' }).click();
    const happening = page.getByRole('region', { name: 'Missteps happening' });
    await happening.getByRole('link', { name: starter }).waitFor();
    await happening.getByText(/stage 4: Build strategically\): Two schools cut the coaching block/).waitFor();
    const attention = page.getByRole('region', { name: 'Needs your attention' });
    await attention.getByText('Misstep happening').waitFor();
    await attention.getByRole('link', { name: starter }).waitFor();
    await expectNoAxeViolations(page, 'the dashboard with a misstep happening');

    // After a reload the stage shows what was saved.
    await happening.getByRole('link', { name: starter }).click();
    await page.getByRole('heading', { level: 1, name: /Stage 4: Build strategically/ }).waitFor();
    await page.reload();
    const saved = page.getByRole('group', { name: starter, exact: true });
    expect(await saved.getByRole('combobox', { name: 'Status' }).inputValue()).toBe('happening');
    expect(await saved.getByRole('textbox', { name: 'Note' }).inputValue()).toBe('Two schools cut the coaching block');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('with a stage’s 50 missteps the form to add one goes, yet removing one is said, and the form comes back', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const me = await page.request.get(`${app.baseUrl}/api/auth/me`);
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    for (let n = 1; n <= maxMisstepsPerStage; n += 1) {
      const added = await page.request.post(`${app.baseUrl}/api/plans/${planId}/missteps`, {
        headers: { 'X-CSRF-Token': csrfToken },
        data: { stageKey: 'measures', text: `Misstep number ${String(n)}` },
      });
      expect(added.ok()).toBe(true);
    }
    await page.goto(page.url().replace(/\/stages\/design$/, '/stages/measures'));
    await page.getByRole('heading', { level: 1, name: /Stage 3: Define measures/ }).waitFor();
    const missteps = page.getByRole('region', { name: 'Missteps to avoid' });
    await missteps.getByRole('group', { name: 'Misstep number 50', exact: true }).waitFor();
    const addForm = missteps.getByRole('form', { name: 'Add a misstep to avoid' });
    expect(await addForm.count()).toBe(0);
    await missteps.getByText(`A stage lists at most ${String(maxMisstepsPerStage)} missteps.`).waitFor();
    // Screen readers read a live region whose words change, not one that arrives with them: it is there already.
    const said = missteps.locator('.add-item__done[aria-live="polite"]');
    await said.evaluate((region) => region.setAttribute('data-there-before', ''));

    const card = missteps.getByRole('group', { name: 'Misstep number 7', exact: true });
    await card.getByRole('button', { name: /^Remove/ }).click();
    await page
      .getByRole('dialog', { name: 'Remove this misstep?' })
      .getByRole('button', { name: 'Remove misstep' })
      .click();
    await card.waitFor({ state: 'detached' });
    await said.filter({ hasText: 'Misstep “Misstep number 7” removed.' }).waitFor();
    expect(await said.getAttribute('data-there-before')).toBe('');
    await addForm.waitFor();
    await expectNoAxeViolations(page, 'stage 3 after a misstep was removed from a full list');

    // The one added that fills the stage again: the form goes, and focus with it to the words that say so.
    await addForm.getByRole('textbox', { name: /^Misstep/ }).fill('Misstep number 51');
    await addForm.getByRole('button', { name: 'Add misstep' }).click();
    await missteps.getByRole('group', { name: 'Misstep number 51', exact: true }).waitFor();
    await said
      .filter({
        hasText: `Misstep added at the end of the list. The stage now lists ${String(maxMisstepsPerStage)}, the most it can.`,
      })
      .waitFor();
    await expectFocused(
      missteps.getByText(`A stage lists at most ${String(maxMisstepsPerStage)} missteps.`),
      'the words that the stage is full',
    );

    expect(errors).toEqual([]);
    await context.close();
  });

  it('a misstep typed as the session ends is given back after signing in, and leaving asks first until it is added', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const addForm = page.getByRole('form', { name: 'Add a misstep to avoid' });
    const words = 'Naming coaches before the principals agree on release time';
    await addForm.getByRole('textbox', { name: 'Misstep', exact: true }).fill(words);

    await endSessionsOf(app, 'admin@lakeview.test');
    await addForm.getByRole('button', { name: 'Add misstep' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Email address').fill('admin@lakeview.test');
    await page.getByLabel('Password').fill('lakeview-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Back on the stage, the words are in the box, not saved: leaving asks, and Stay keeps them.
    await page.getByRole('heading', { level: 1, name: /Stage 1: Design for impact/ }).waitFor();
    const box = addForm.getByRole('textbox', { name: 'Misstep', exact: true });
    await box.waitFor();
    expect(await box.inputValue()).toBe(words);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' }).click();
    const leaving = page.getByRole('dialog', { name: 'Leave without saving?' });
    await leaving.getByText('Your changes to the new misstep are not saved.').waitFor();
    await leaving.getByRole('button', { name: 'Stay' }).click();
    await leaving.waitFor({ state: 'hidden' });
    await addForm.getByRole('button', { name: 'Add misstep' }).click();
    await page.getByRole('group', { name: words, exact: true }).waitFor();

    // Added, the words are not kept: the box is empty after a reload.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Stage 1: Design for impact/ }).waitFor();
    expect(await addForm.getByRole('textbox', { name: 'Misstep', exact: true }).inputValue()).toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the admin defines a blank role, reads which factors it misses and why, answers one, and sees the roles’ alignment', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    await planPages(page).getByRole('link', { name: 'Teacher-leader roles' }).click();
    await page.getByRole('heading', { level: 1, name: 'Teacher-leader roles' }).waitFor();
    await page.getByRole('radio', { name: /Blank role/ }).check();
    await page.getByRole('textbox', { name: 'Title' }).fill('Science lead');
    await page.getByRole('button', { name: 'Create role' }).click();
    await page.getByRole('heading', { level: 1, name: 'Science lead' }).waitFor();

    const section = page.getByRole('region', { name: 'Framework alignment' });
    const factor = (name: string) =>
      section
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { name: new RegExp(`^${name} (Met|Not met|Needs your answer)$`) }) });
    // What nobody chose yet is open, not 0% released (not met) nor paid from the recurring budget (met).
    await factor('Time to lead')
      .getByText('Time released from teaching (% of the week) is not yet decided: set it on the role.')
      .waitFor();
    await factor('Time to lead').getByText('Needs your answer').waitFor();
    await factor('Recurring funding').getByText('Paid from is not yet decided: set it on the role.').waitFor();
    await factor('Pay for reach').getByText('Kind of pay is not yet decided: set it on the role.').waitFor();
    const unchosen = page.getByRole('group', { name: 'Paid from', exact: true });
    expect(await unchosen.getByRole('radio', { name: 'Not yet decided' }).isChecked()).toBe(true);
    await factor('Reach').getByText('Needs your answer').waitFor();
    await expectNoAxeViolations(page, 'the role page with its framework alignment');

    // A viewer cannot answer: nothing asks them to, on the role's page or in the roles' summary.
    const viewerContext = await browser.newContext();
    const viewer = await openPage(viewerContext);
    await signInAs(viewer.page, app.baseUrl, 'viewer@lakeview.test');
    await viewer.page.goto(page.url());
    const viewerSection = viewer.page.getByRole('region', { name: 'Framework alignment' });
    await viewerSection.getByText('from the district’s answer where they do not', { exact: false }).waitFor();
    await viewerSection.getByRole('heading', { name: 'Reach Not yet decided', exact: true }).waitFor();
    expect(await viewerSection.getByText('Needs your answer').count()).toBe(0);
    await planPages(viewer.page).getByRole('link', { name: 'Teacher-leader roles' }).click();
    const viewerRow = viewer.page
      .getByRole('region', { name: 'Framework alignment' })
      .getByRole('row')
      .filter({ has: viewer.page.getByRole('link', { name: 'Science lead' }) });
    await viewerRow.getByText(/\d not yet decided/).waitFor();
    expect(await viewerRow.getByText(/needs your answer/i).count()).toBe(0);
    expect(viewer.errors).toEqual([]);
    await viewerContext.close();

    // The fields decide once they say enough: release time gives time to lead.
    await page.getByRole('textbox', { name: /^Time released from teaching/ }).fill('40');
    await page.getByRole('textbox', { name: /^Time released from teaching/ }).blur();
    await factor('Time to lead').getByText('40% of the week is released to lead.').waitFor();
    await page.getByRole('group', { name: 'Paid from' }).getByRole('radio', { name: 'Recurring budget' }).check();
    await factor('Recurring funding').getByText('Paid from the recurring budget.').waitFor();

    const reach = factor('Reach');
    await reach.getByRole('radio', { name: 'Yes' }).check();
    await reach.getByRole('textbox', { name: /Note/ }).fill('Leads the science teachers of two schools');
    await reach.getByRole('button', { name: /Save answer/ }).click();
    await reach.getByText('The district answered yes. Leads the science teachers of two schools').waitFor();
    await reach.getByText('Met', { exact: true }).waitFor();

    // A factor has its own comments: the admin asks the team about pay.
    const pay = factor('Pay for reach');
    await pay.getByRole('button', { name: 'Comments on Pay for reach for Science lead' }).click();
    const payComments = page.getByRole('region', { name: 'Comments on Pay for reach for Science lead' });
    await payComments.getByRole('textbox', { name: 'New comment' }).fill('Could a stipend come from Title II?');
    await payComments.getByRole('button', { name: 'Add comment' }).click();
    await payComments.getByText('Could a stipend come from Title II?').waitFor();
    await pay.getByRole('button', { name: '1 open comment on Pay for reach for Science lead' }).waitFor();
    await expectNoAxeViolations(page, 'a role’s alignment factor with its comments');

    await planPages(page).getByRole('link', { name: 'Teacher-leader roles' }).click();
    const summary = page.getByRole('region', { name: 'Framework alignment' });
    await summary.getByText('No role serves domains 1, 2, 3, 4, 5, 6, 7.', { exact: false }).waitFor();
    const row = summary.getByRole('row').filter({ has: page.getByRole('link', { name: 'Science lead' }) });
    await row.getByText('4 met, 1 not met, 1 needs your answer').waitFor();
    await expectNoAxeViolations(page, 'the roles page with the framework alignment');
    await expectNoSidewaysScroll(page, 'the roles page with the framework alignment');

    expect(errors).toEqual([]);
    await context.close();
  });
});
