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

async function toStage(page: Page, stage: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Roadmap stages' })
    .getByRole('link', { name: new RegExp(stage) })
    .click();
  await page.getByRole('heading', { level: 1, name: new RegExp(stage) }).waitFor();
}

const planPage = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Plan pages' }).getByRole('link', { name, exact: true });

/** The page itself never scrolls sideways: wide content scrolls inside its own region. */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect({ where, fits: scrollWidth <= clientWidth, scrollWidth }).toEqual({ where, fits: true, scrollWidth });
  await expectNoAxeViolations(page, `${where} at ${String(clientWidth)} px`);
}

describe('pages and fields', () => {
  it('validation speaks in the words on the screen, an amount that cannot be saved says so, and readings cannot be dated in the future', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    await toStage(page, 'Know context');

    const add = page.getByRole('form', { name: 'Add a funding source' });
    await add.getByRole('textbox', { name: /^Funding source/ }).fill('State grant');
    await add.getByRole('button', { name: 'Add funding source' }).click();
    await add.getByText('Kind is required: choose one').waitFor();
    await add.getByLabel('Kind').selectOption({ label: 'New grant' });
    await add.getByRole('button', { name: 'Add funding source' }).click();

    const card = page.getByRole('group', { name: 'State grant' });
    await card.getByRole('textbox', { name: 'Amount a year' }).fill('lots');
    await card.getByText('Not saved: Amount a year must be an amount in dollars, such as 125,000.50').waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^Not saved/ })
      .waitFor();
    expect(await page.getByText(/new_grant|amountCents/).count()).toBe(0);
    await expectNoAxeViolations(page, 'stage 2 with an amount that cannot be saved');
    await card.getByRole('textbox', { name: 'Amount a year' }).fill('40,000');
    await card.getByRole('textbox', { name: 'Amount a year' }).blur();
    await card.locator('.field-save-state').filter({ hasText: 'Saved' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^Saved at/ })
      .waitFor();

    await toStage(page, 'Define measures');
    const addMeasure = page.getByRole('form', { name: 'Add a measure' });
    await addMeasure.getByRole('textbox', { name: /^Measure/ }).fill('Walkthroughs done');
    await addMeasure.getByLabel('Term').selectOption({ label: 'Long-term' });
    await addMeasure.getByRole('button', { name: 'Add measure' }).click();
    await page.getByRole('link', { name: 'Chart and readings of Walkthroughs done' }).click();
    const reading = page.getByRole('form', { name: 'Add a reading' });
    // Today in Lakeview's time zone, where the server judges a reading's date.
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'America/Chicago' });
    expect(await reading.getByLabel('Date').getAttribute('max')).toBe(today);
    await reading.getByLabel('Date').fill(`${String(Number(today.slice(0, 4)) + 1)}${today.slice(4)}`);
    await reading.getByLabel('Value').fill('a few');
    await reading.getByRole('button', { name: 'Add reading' }).click();
    await reading.getByText('Date must be today or earlier: a reading records what has happened').waitFor();
    await reading.getByText('Value must be a number, such as 42 or 3.5').waitFor();
    await expectNoAxeViolations(page, 'a reading refused');
    expect(await page.getByRole('table', { name: /Readings of/ }).count()).toBe(0);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('a plan opened from its address (redirected to its first stage as it loads) leaves focus at the top, where Tab reaches the skip link first', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const planUrl = page.url().replace(/\/stages\/.*$/, '');
    expect(planUrl).toMatch(/\/plans\/[\w-]+$/);

    await page.goto(planUrl);
    await page.waitForURL(/\/stages\/design$/);
    await page.getByRole('heading', { level: 1, name: /Stage 1: Design for impact/ }).waitFor();
    // The stage's answers are in (the page has loaded its data) before focus is read.
    await page.getByRole('heading', { level: 2, name: 'Key questions' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');

    // A navigation the person makes still takes focus to the new page's heading.
    await page
      .getByRole('navigation', { name: 'Roadmap stages' })
      .getByRole('link', { name: /Know context/ })
      .click();
    await expectFocused(page.getByRole('heading', { level: 1, name: /Stage 2/ }), 'the stage 2 heading');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('long pages (stages, a role) have a section navigation that jumps, shows where one is and folds sections away for the plan; the dashboard is marked only on its page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    expect(await planPage(page, 'Dashboard').getAttribute('aria-current')).toBeNull();

    const sections = page.getByRole('navigation', { name: 'Sections of this page' });
    await sections.getByRole('link', { name: 'Stakeholders' }).click();
    const heading = page.getByRole('heading', { level: 2, name: 'Stakeholders' });
    await expect(heading.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await sections.locator('[aria-current="location"]').filter({ hasText: 'Stakeholders' }).waitFor();
    // The sticky save bar never covers the section jumped to.
    const [headingTop, barBottom] = await Promise.all([
      heading.evaluate((element) => element.getBoundingClientRect().top),
      page.locator('.save-bar').evaluate((element) => element.getBoundingClientRect().bottom),
    ]);
    expect(headingTop).toBeGreaterThanOrEqual(barBottom);

    // No large empty gap under the download links: the plan's navigation follows closely.
    const [linksBottom, navTop] = await Promise.all([
      page.getByRole('list', { name: 'Downloads' }).evaluate((element) => element.getBoundingClientRect().bottom),
      page.getByRole('navigation', { name: 'Plan pages' }).evaluate((element) => element.getBoundingClientRect().top),
    ]);
    expect(navTop - linksBottom).toBeLessThanOrEqual(24);

    // A message under one field of a row of fields leaves the labels in line.
    const add = page.getByRole('form', { name: 'Add a stakeholder' });
    await add.getByRole('textbox', { name: /^Stakeholder/ }).fill('Parent council');
    await add.getByRole('button', { name: 'Add stakeholder' }).click();
    await add.getByText('Kind is required: choose one').waitFor();
    const labelTops = await add
      .locator('label')
      .evaluateAll((labels) => labels.map((label) => Math.round(label.getBoundingClientRect().top)));
    expect(new Set(labelTops).size).toBe(1);

    await page.getByRole('button', { name: 'Fold away Key questions' }).click();
    expect(
      await page.getByRole('textbox', { name: /What priorities can be advanced through teacher leadership/ }).count(),
    ).toBe(0);
    await page.reload();
    await page.getByRole('button', { name: 'Show Key questions' }).waitFor();
    await sections.getByRole('link', { name: /Key questions/ }).click();
    await page.getByRole('button', { name: 'Fold away Key questions' }).waitFor();
    await expectNoAxeViolations(page, 'stage 1 with its section navigation');

    // The role page, as long as a stage, has the same: a jump lands on the section, which folds away.
    await planPage(page, 'Teacher-leader roles').click();
    await page.getByRole('textbox', { name: 'Title' }).fill('Data lead');
    await page.getByRole('button', { name: 'Create role' }).click();
    await page.getByRole('heading', { level: 1, name: 'Data lead' }).waitFor();
    await sections.getByRole('link', { name: 'Decisions and history' }).click();
    const record = page.getByRole('heading', { level: 2, name: 'Decisions and history' });
    await expect(record.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await sections.locator('[aria-current="location"]').filter({ hasText: 'Decisions and history' }).waitFor();
    await page.getByRole('button', { name: 'Fold away Decisions and history' }).click();
    await sections.getByRole('link', { name: 'Decisions and history (folded)' }).waitFor();
    await expectNoAxeViolations(page, 'the role page with its section navigation');

    await planPage(page, 'Dashboard').click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await planPage(page, 'Dashboard').getAttribute('aria-current')).toBe('page');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('at 320 px wide (WCAG 1.4.10 reflow) no page scrolls sideways: wide tables and charts scroll in their own region', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await expectNoSidewaysScroll(page, 'the plans page');
    await openPlan(page);
    await expectNoSidewaysScroll(page, 'stage 1');

    // A measure with readings and a role, so their pages have their wide parts.
    await toStage(page, 'Define measures');
    const addMeasure = page.getByRole('form', { name: 'Add a measure' });
    await addMeasure.getByRole('textbox', { name: /^Measure/ }).fill('Students reading on grade level');
    await addMeasure.getByLabel('Term').selectOption({ label: 'Long-term' });
    await addMeasure.getByRole('button', { name: 'Add measure' }).click();
    await expectNoSidewaysScroll(page, 'stage 3');
    await page.getByRole('link', { name: 'Chart and readings of Students reading on grade level' }).click();
    const reading = page.getByRole('form', { name: 'Add a reading' });
    await reading.getByLabel('Date').fill('2026-01-10');
    await reading.getByLabel('Value').fill('48');
    // A note long enough that the readings table is wider than the screen, with its row buttons past the edge.
    await reading.getByLabel('Note').fill('Winter screening of every third grader in the district');
    await reading.getByRole('button', { name: 'Add reading' }).click();
    // The measure had nothing to chart: its first reading draws the chart, with that reading's point.
    const chart = page.getByRole('img', { name: /Line chart of Students reading on grade level/ });
    await chart.locator('svg circle').waitFor();
    expect(await chart.locator('svg circle').count()).toBe(1);
    await page.getByRole('region', { name: 'Readings of Students reading on grade level' }).waitFor();
    await expectNoSidewaysScroll(page, 'the measure page');

    for (const stage of ['Know context', 'Build strategically']) {
      await toStage(page, stage);
      await expectNoSidewaysScroll(page, stage);
    }
    await planPage(page, 'Teacher-leader roles').click();
    await page.getByRole('textbox', { name: 'Title' }).fill('Mentor');
    await page.getByRole('button', { name: 'Create role' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mentor' }).waitFor();
    await expectNoSidewaysScroll(page, 'the role page');
    await planPage(page, 'Teacher-leader roles').click();
    await page.getByRole('region', { name: 'Roles of this plan' }).waitFor();
    await expectNoSidewaysScroll(page, 'the roles page');
    await planPage(page, 'Budget').click();
    await page.getByRole('region', { name: 'Yearly cost of each role' }).waitFor();
    await expectNoSidewaysScroll(page, 'the budget page');
    await planPage(page, 'Dashboard').click();
    await page.getByRole('region', { name: 'Progress by stage' }).waitFor();
    await expectNoSidewaysScroll(page, 'the dashboard');

    expect(errors).toEqual([]);
    await context.close();
    // Ten pages, each long at this width and checked with axe.
  }, 180_000);

  it('at 320 px wide the district sign-in page, whose hints show a provider address, does not scroll sideways', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign-in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'District sign-in' }).waitFor();
    await expectNoSidewaysScroll(page, 'the district sign-in page');

    expect(errors).toEqual([]);
    await context.close();
  });
});
