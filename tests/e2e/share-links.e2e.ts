import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { formatCents, formatDate, todayIso } from '@planner/shared/format';
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

async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  // Laid out again at the new width before measuring.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) throw new Error(`${where} scrolls sideways by ${overflow}px at 390px wide`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('sharing a plan with the board', () => {
  it('an admin makes a link, someone with no account reads the plan and its PDF, and after a revoke the link says it no longer works', async () => {
    const adminContext = await browser.newContext();
    const { page: admin, errors: adminErrors } = await openPage(adminContext);
    await signInAs(admin, app.baseUrl, 'admin@lakeview.test');
    await openPlan(admin);
    // A measure with a reading, so the board sees its chart (sent as the pages would send them).
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(admin.url())![1]!;
    const { csrfToken } = (await (await admin.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const headers = { 'X-CSRF-Token': csrfToken };
    const measure = await admin.request.post(`${app.baseUrl}/api/plans/${planId}/measures`, {
      headers,
      data: {
        name: 'Third graders reading on grade level',
        term: 'long',
        unit: '%',
        baseline: 48,
        baselineDate: '2025-09-01',
        target: 65,
        targetDate: '2028-06-01',
      },
    });
    expect(measure.status()).toBe(201);
    const measureId = ((await measure.json()) as { id: string }).id;
    // Three readings: the chart's text names the first and the last; the middle one only the table holds.
    for (const data of [
      { date: '2025-10-01', value: 49, note: 'Fall screening' },
      { date: '2026-01-15', value: 52, note: 'Winter screening' },
      { date: '2026-05-20', value: 55, note: 'Spring screening' },
    ]) {
      const reading = await admin.request.post(`${app.baseUrl}/api/plans/${planId}/measures/${measureId}/readings`, {
        headers,
        data,
      });
      expect(reading.status()).toBe(201);
    }
    // A measure with its path drawn but no reading yet.
    const unread = await admin.request.post(`${app.baseUrl}/api/plans/${planId}/measures`, {
      headers,
      data: {
        name: 'Teachers staying in their school',
        term: 'long',
        unit: '%',
        baseline: 80,
        baselineDate: '2025-09-01',
        target: 90,
        targetDate: '2028-06-01',
      },
    });
    expect(unread.status()).toBe(201);
    const misstep = await admin.request.post(`${app.baseUrl}/api/plans/${planId}/missteps`, {
      headers,
      data: { stageKey: 'build', text: 'Adding duties to coaches without release time', status: 'happening' },
    });
    expect(misstep.status()).toBe(201);
    await admin.getByRole('navigation', { name: 'Plan pages' }).getByRole('link', { name: 'Dashboard' }).click();
    const share = admin.getByRole('region', { name: 'Share with the board' });
    await share.waitFor();
    // The dashboard's parts stand apart: the open comments as far from what follows as the other sections, and
    // the list of links from the button above it.
    const openComments = admin.getByRole('region', { name: 'Open comments' });
    await openComments
      .getByText(/open threads?/)
      .first()
      .waitFor();
    const spaceBelow = (element: Element) => getComputedStyle(element).marginBottom;
    expect(await openComments.evaluate(spaceBelow)).toBe(
      await admin.getByRole('region', { name: 'Progress by stage' }).evaluate((table) => {
        const section = table.closest('section');
        return section ? getComputedStyle(section).marginBottom : '';
      }),
    );
    const buttonBox = await share.getByRole('button', { name: 'Make the link' }).boundingBox();
    const headingBox = await share.getByRole('heading', { level: 3, name: 'Links' }).boundingBox();
    expect(headingBox!.y - (buttonBox!.y + buttonBox!.height)).toBeGreaterThanOrEqual(24);

    // Missteps and readiness show inside the stages: without the stages they cannot be ticked.
    const stagesPart = share.getByRole('checkbox', { name: 'Stages with answers and actions', exact: true });
    const misstepsPart = share.getByRole('checkbox', { name: /^Missteps to avoid, in each stage/ });
    expect(await misstepsPart.isChecked()).toBe(true);
    await stagesPart.uncheck();
    expect([await misstepsPart.isChecked(), await misstepsPart.isDisabled()]).toEqual([false, true]);
    await stagesPart.check();
    await misstepsPart.check();
    await share.getByRole('checkbox', { name: /^Readiness self-assessment, in stage 2/ }).check();
    await share.getByLabel('Name').fill('For the March board meeting');
    await share.getByRole('button', { name: 'Make the link' }).click();
    const urlField = share.getByLabel('The link');
    await urlField.waitFor();
    // Shown only this once: focus goes to it, which says so as focus lands, rather than staying on the button.
    await expectFocused(urlField, 'the new link');
    expect(await urlField.evaluate((field) => (field as HTMLInputElement).labels?.[0]?.textContent)).toBe('The link');
    expect(await urlField.getAttribute('aria-describedby')).toBeTruthy();
    expect(
      await urlField.evaluate((field) =>
        field
          .getAttribute('aria-describedby')!
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent)
          .join(' '),
      ),
    ).toContain('Copy it now: it is shown only this once.');
    const url = await urlField.inputValue();
    expect(url).toMatch(/\/shared\/[A-Za-z0-9_-]{43}$/);
    await share
      .getByRole('cell', { name: /Dashboard, Stages/ })
      .first()
      .waitFor();
    await expectNoAxeViolations(admin, 'the dashboard with its share links');
    await expectNoSidewaysScroll(admin, 'the dashboard with its share links');

    // Someone given the link, in a browser that never signed in.
    const boardContext = await browser.newContext({ acceptDownloads: true });
    const { page: board, errors: boardErrors } = await openPage(boardContext);
    const page = await board.goto(url.replace(/^https?:\/\/[^/]+/, app.baseUrl));
    // The page is no more to be indexed than its data: its address is the key to the plan.
    expect(page!.headers()['x-robots-tag']).toBe('noindex, nofollow');
    expect(page!.headers()['referrer-policy']).toBe('no-referrer');
    await board.getByRole('heading', { level: 1, name: 'Teacher Leadership Plan' }).waitFor();
    await board.getByText('Lakeview School District').first().waitFor();
    await board.getByRole('heading', { level: 2, name: 'Where the plan stands' }).waitFor();
    await board.getByRole('heading', { level: 2, name: /Stage 1: Design for impact/ }).waitFor();
    await board.getByRole('heading', { level: 2, name: 'Measures of success' }).waitFor();
    expect(await board.locator('figure [role="img"]').count()).toBeGreaterThan(0);
    // Beside its chart, every reading of a measure as a table, as in the PDF: date, value and note.
    const measureArticle = (name: string) => board.getByRole('article', { name, exact: true });
    const readings = measureArticle('Third graders reading on grade level').getByRole('table', {
      name: 'Readings of Third graders reading on grade level, oldest first',
    });
    await readings.waitFor();
    expect(await readings.getByRole('columnheader').allInnerTexts()).toEqual(['Date', 'Value', 'Note']);
    expect(
      await readings
        .getByRole('row')
        .filter({ has: board.getByRole('rowheader') })
        .evaluateAll((rows) => rows.map((row) => Array.from(row.children, (cell) => cell.textContent))),
    ).toEqual([
      ['Oct 1, 2025', '49%', 'Fall screening'],
      ['Jan 15, 2026', '52%', 'Winter screening'],
      ['May 20, 2026', '55%', 'Spring screening'],
    ]);
    // A measure with no reading yet says so, as the PDF does, rather than show a chart without readings.
    const unreadMeasure = measureArticle('Teachers staying in their school');
    await unreadMeasure.getByText('No readings yet.', { exact: true }).waitFor();
    expect(await unreadMeasure.locator('figure').count()).toBe(0);
    // With the stages, their readiness and missteps; and the logic model the demo began.
    await board.getByRole('heading', { level: 3, name: 'Readiness self-assessment' }).waitFor();
    await board
      .getByRole('table', { name: 'Readiness self-assessment by domain' })
      .getByRole('rowheader', { name: 'The district' })
      .waitFor();
    await board.getByRole('rowheader', { name: 'Adding duties to coaches without release time' }).waitFor();
    await board.getByRole('heading', { level: 2, name: 'Logic model' }).waitFor();
    // Read only: nothing to type into, no way into the app.
    expect(await board.locator('input, textarea, select').count()).toBe(0);
    expect(await board.getByRole('navigation').count()).toBe(0);
    await expectNoAxeViolations(board, 'the shared plan');
    await expectNoSidewaysScroll(board, 'the shared plan');

    const [pdf] = await Promise.all([
      board.waitForEvent('download'),
      board.getByRole('link', { name: 'Download the plan as PDF' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    expect(
      readFileSync((await pdf.path())!)
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');

    // Printed: the plan without the download button.
    await board.emulateMedia({ media: 'print' });
    expect(await board.getByRole('link', { name: 'Download the plan as PDF' }).isVisible()).toBe(false);
    expect(await board.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    await board.emulateMedia({ media: 'screen' });

    // The admin revokes it; the same page now says the link no longer works.
    await share.getByRole('button', { name: 'Revoke For the March board meeting' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Revoke this link?' });
    await dialog.getByRole('button', { name: 'Revoke the link' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await share.getByRole('cell', { name: /^Revoked/ }).waitFor();
    // Its Revoke button is gone: focus goes to the link's row rather than to the page.
    await expectFocused(
      share.getByRole('rowheader', { name: 'For the March board meeting' }),
      "the revoked link's row",
    );

    await board.reload();
    await board.getByRole('heading', { level: 1, name: 'This link no longer works' }).waitFor();
    await expectNoAxeViolations(board, 'a revoked link');
    expect(adminErrors).toEqual([]);
    expect(boardErrors).toEqual([]);
    await adminContext.close();
    await boardContext.close();
  });
});

describe("a link's last day", () => {
  it("is checked against the district's today, not the browser's or UTC's", async () => {
    // The browser in Kiritimati (UTC+14), the district in Pago Pago (UTC-11): their days always differ.
    const context = await browser.newContext({ timezoneId: 'Pacific/Kiritimati' });
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    const settingsUrl = `${app.baseUrl}/api/district/settings`;
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const { version } = (await (await page.request.get(settingsUrl)).json()) as { version: number };
    const saved = await page.request.put(settingsUrl, {
      headers: { 'X-CSRF-Token': csrfToken },
      data: { timeZone: 'Pacific/Pago_Pago', version },
    });
    expect(saved.status()).toBe(200);
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Pacific/Pago_Pago' });
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

    await page.reload();
    await openPlan(page);
    await page.getByRole('navigation', { name: 'Plan pages' }).getByRole('link', { name: 'Dashboard' }).click();
    const share = page.getByRole('region', { name: 'Share with the board' });
    const lastDay = share.getByLabel('Last day it works');
    await lastDay.waitFor();
    expect(await lastDay.getAttribute('min')).toBe(today);

    await share.getByLabel('Name').fill('Through today in Pago Pago');
    await lastDay.fill(yesterday);
    await share.getByRole('button', { name: 'Make the link' }).click();
    await share.getByText('The last day must be today or later').waitFor();
    await lastDay.fill(today);
    await share.getByRole('button', { name: 'Make the link' }).click();
    await share.getByLabel('The link').waitFor();
    const row = share.getByRole('row', { name: /Through today in Pago Pago/ });
    expect(await row.getByRole('cell', { name: 'Active' }).count()).toBe(1);

    // Links with no name are told apart by when they were made, for a Revoke button's name read out of its row.
    // (The form is empty again after a link is made.) When, as every time the planner shows: in the district's
    // zone, named since the browser's is another; the day is Pago Pago's, never Kiritimati's.
    await share.getByRole('button', { name: 'Make the link' }).click();
    const madeOn = new Date().toLocaleDateString('en-US', {
      timeZone: 'Pacific/Pago_Pago',
      month: 'short',
      day: 'numeric',
      year: 'numeric',
    });
    await share
      .getByRole('button', {
        name: new RegExp(`^Revoke the untitled link made ${madeOn}, \\d+:\\d{2}\\s[AP]M (SST|GMT-11)$`),
      })
      .waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('printing', () => {
  it('a printed dashboard and stage page show the plan, not the navigation or buttons', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    await page.emulateMedia({ media: 'print' });
    const stageHeading = page.getByRole('heading', { level: 1, name: /Stage 1: Design for impact/ });
    expect(await stageHeading.isVisible()).toBe(true);
    expect(await page.locator('.app-nav').isVisible()).toBe(false);
    expect(await page.locator('.plan-pages').isVisible()).toBe(false);
    expect(await page.getByRole('button').first().isVisible()).toBe(false);
    const colors = await page.evaluate(() => {
      const style = getComputedStyle(document.body);
      return { color: style.color, background: style.backgroundColor };
    });
    expect(colors).toEqual({ color: 'rgb(0, 0, 0)', background: 'rgb(255, 255, 255)' });

    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('navigation', { name: 'Plan pages' }).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('region', { name: 'Share with the board' }).waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('region', { name: 'Share with the board' }).isVisible()).toBe(false);
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.getByRole('heading', { level: 1 }).first().isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('what the cost of the roles counts', () => {
  it('the dashboard and the budget page count every role, approved or not, and the shared page the approved ones, each saying so', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const headers = { 'X-CSRF-Token': csrfToken };
    const role = await page.request.post(`${app.baseUrl}/api/plans/${planId}/roles`, {
      headers,
      data: {
        title: 'Draft literacy coach',
        positions: 1,
        payKind: 'stipend',
        stipendCents: 500_000,
        releasePercent: 0,
        payFunding: 'recurring',
      },
    });
    expect(role.status()).toBe(201);
    await page.getByRole('navigation', { name: 'Plan pages' }).getByRole('link', { name: 'Dashboard' }).click();
    const cost = page.getByRole('region', { name: 'Cost and funding' });
    await cost.getByText(/^1 teacher-leader role, approved or not, costs \$[\d,]+\.\d{2} a year\.$/).waitFor();
    // The budget page says the same of what it counts, above its tables of every role.
    await page.getByRole('navigation', { name: 'Plan pages' }).getByRole('link', { name: 'Budget' }).click();
    await page
      .getByRole('region', { name: 'Summary' })
      .getByText(
        /^1 teacher-leader role, approved or not, costs \$5,000\.00 a year: \$5,000\.00 in roles meant to be paid from recurring budget and \$0\.00 in roles meant to be paid from grants\.$/,
      )
      .waitFor();

    const made = await page.request.post(`${app.baseUrl}/api/plans/${planId}/share-links`, {
      headers,
      data: { label: 'Budget for the board', parts: ['budget'] },
    });
    expect(made.status()).toBe(201);
    const { url } = (await made.json()) as { url: string };
    const boardContext = await browser.newContext();
    const { page: board, errors: boardErrors } = await openPage(boardContext);
    await board.goto(url.replace(/^https?:\/\/[^/]+/, app.baseUrl));
    const budget = board.getByRole('region', { name: 'Budget' });
    await budget.getByText('Approved roles cost $0.00 a year.').waitFor();
    await budget.getByRole('columnheader', { name: 'Cost of approved roles' }).waitFor();

    expect([...errors, ...boardErrors]).toEqual([]);
    await Promise.all([context.close(), boardContext.close()]);
  });

  it('the shared page gives an approved role its yearly cost only when the link shares the budget', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    const csrfOf = async (of: Page) =>
      ((await (await of.request.get(`${app.baseUrl}/api/auth/me`)).json()) as { csrfToken: string }).csrfToken;
    const headers = { 'X-CSRF-Token': await csrfOf(page) };
    // A plan of its own: the roles of the seeded plan are other tests' to count.
    const plan = await page.request.post(`${app.baseUrl}/api/plans`, {
      headers,
      data: { title: 'Teacher Leadership Plan 2031-32', schoolYear: '2031-32' },
    });
    expect(plan.status()).toBe(201);
    const planId = ((await plan.json()) as { id: string }).id;
    const { schools } = (await (await page.request.get(`${app.baseUrl}/api/schools`)).json()) as {
      schools: { id: string; name: string }[];
    };
    const school = schools.find((s) => s.name === 'Lakeview High School')!;
    const made = await page.request.post(`${app.baseUrl}/api/plans/${planId}/roles`, {
      headers,
      data: {
        title: 'Approved reading coach',
        positions: 1,
        payKind: 'stipend',
        stipendCents: 300_000,
        releasePercent: 0,
        schoolIds: [school.id],
      },
    });
    expect(made.status()).toBe(201);
    const roleId = ((await made.json()) as { id: string }).id;
    const submitted = await page.request.post(`${app.baseUrl}/api/plans/${planId}/roles/${roleId}/submit`, {
      headers,
      data: {},
    });
    expect(submitted.status()).toBe(200);
    const { version, round } = (await submitted.json()) as { version: number; round: number };
    const principalContext = await browser.newContext();
    const { page: principal, errors: principalErrors } = await openPage(principalContext);
    await signInAs(principal, app.baseUrl, 'principal@lakeview.test');
    const approved = await principal.request.post(`${app.baseUrl}/api/plans/${planId}/roles/${roleId}/reviews`, {
      headers: { 'X-CSRF-Token': await csrfOf(principal) },
      data: { decision: 'approve', version, round },
    });
    expect(approved.status()).toBe(200);

    const boardContext = await browser.newContext();
    const { page: board, errors: boardErrors } = await openPage(boardContext);
    const rolesTableOf = async (parts: string[]) => {
      const link = await page.request.post(`${app.baseUrl}/api/plans/${planId}/share-links`, {
        headers,
        data: { label: `Roles for the board (${parts.join(', ')})`, parts },
      });
      expect(link.status()).toBe(201);
      const { url } = (await link.json()) as { url: string };
      await board.goto(url.replace(/^https?:\/\/[^/]+/, app.baseUrl));
      const table = board.getByRole('table', { name: 'Approved roles' });
      await table.getByRole('rowheader', { name: /Approved reading coach/ }).waitFor();
      return table;
    };
    // The roles alone: no cost figure, as in the link's PDF.
    const rolesOnly = await rolesTableOf(['roles']);
    expect(await rolesOnly.getByRole('columnheader').allInnerTexts()).toEqual([
      'Role',
      'Schools',
      'Positions',
      'Release time',
    ]);
    expect(await rolesOnly.getByRole('cell', { name: /\$/ }).count()).toBe(0);
    // With the budget, the role's yearly cost beside it.
    const withBudget = await rolesTableOf(['roles', 'budget']);
    await withBudget.getByRole('columnheader', { name: 'Yearly cost' }).waitFor();
    await withBudget.getByRole('cell', { name: '$3,000.00' }).waitFor();

    expect([...errors, ...principalErrors, ...boardErrors]).toEqual([]);
    await Promise.all([context.close(), principalContext.close(), boardContext.close()]);
  });
});

describe('what the budget is priced at', () => {
  it('everyone who does not set the cost figures reads what the budget is priced at, and the money that is only an idea', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const headers = { 'X-CSRF-Token': csrfToken };
    const plan = (await (await page.request.get(`${app.baseUrl}/api/plans/${planId}`)).json()) as {
      version: number;
      schoolYear: string;
    };
    const saved = await page.request.patch(`${app.baseUrl}/api/plans/${planId}`, {
      headers,
      data: { averageTeacherCostCents: 81_234_00, contractDays: 187, version: plan.version },
    });
    expect(saved.status()).toBe(200);
    const idea = await page.request.post(`${app.baseUrl}/api/plans/${planId}/funding-sources`, {
      headers,
      data: { name: 'A hoped-for foundation grant', kind: 'new_grant', amountCents: 7_654_00, status: 'idea' },
    });
    expect(idea.status()).toBe(201);
    const budget = (await (await page.request.get(`${app.baseUrl}/api/plans/${planId}/budget`)).json()) as {
      years: { schoolYear: string; ideaCents: number }[];
    };
    const ideas = formatCents(budget.years.find((y) => y.schoolYear === plan.schoolYear)!.ideaCents);
    const priced = 'Priced at an average teacher cost of $81,234.00 a year and 187 contract days.';

    const viewerContext = await browser.newContext();
    const { page: viewer, errors: viewerErrors } = await openPage(viewerContext);
    await signInAs(viewer, app.baseUrl, 'viewer@lakeview.test');
    await viewer.goto(`${app.baseUrl}/plans/${planId}/budget`);
    await viewer.getByRole('heading', { level: 1, name: 'Budget and sustainability' }).waitFor();
    await viewer.getByText(priced, { exact: true }).waitFor();
    expect(await viewer.getByRole('heading', { name: 'Cost settings' }).count()).toBe(0);
    // The idea money, in the summary's words and in its own column of the years table.
    await viewer
      .getByRole('region', { name: 'Summary' })
      .getByText(`${ideas} more is only an idea)`, { exact: false })
      .waitFor();
    const years = viewer.getByRole('table', { name: 'Cost against the plan’s funding, by school year' });
    const columns = await years.getByRole('columnheader').allTextContents();
    expect(columns.slice(4, 6)).toEqual(['Pending', 'Ideas']);
    const row = years.getByRole('row', { name: new RegExp(`^${plan.schoolYear}`) });
    expect((await row.getByRole('cell').allTextContents())[4]).toBe(ideas);
    await expectNoAxeViolations(viewer, "the viewer's budget page");
    await expectNoSidewaysScroll(viewer, "the viewer's budget page");
    // The years table keeps within its scroll region at 320px.
    await viewer.setViewportSize({ width: 320, height: 800 });
    expect(await viewer.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(
      0,
    );

    const made = await page.request.post(`${app.baseUrl}/api/plans/${planId}/share-links`, {
      headers,
      data: { label: 'Priced budget', parts: ['budget'] },
    });
    const { url } = (await made.json()) as { url: string };
    const { page: board, errors: boardErrors } = await openPage(await browser.newContext());
    await board.goto(url.replace(/^https?:\/\/[^/]+/, app.baseUrl));
    await board.getByRole('region', { name: 'Budget' }).getByText(priced, { exact: true }).waitFor();

    expect([...errors, ...viewerErrors, ...boardErrors]).toEqual([]);
    await Promise.all([context.close(), viewerContext.close(), board.context().close()]);
  });
});

describe('what a link of an archived plan shows', () => {
  it('says the plan was archived and on which day, and shows no column of owners or contacts in the stages', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const headers = { 'X-CSRF-Token': csrfToken };
    // A plan of its own, archived: the seeded plan stays active for the other tests.
    const made = await page.request.post(`${app.baseUrl}/api/plans`, {
      headers,
      data: { title: 'Teacher Leadership Plan 2032-33', schoolYear: '2032-33' },
    });
    expect(made.status()).toBe(201);
    const plan = (await made.json()) as { id: string; version: number };
    const rows: [string, Record<string, unknown>][] = [
      ['data-systems', { name: 'Classroom observation tool', rigor: 'moderate', owner: 'Dr. Dana Whitfield' }],
      ['expertise', { area: 'Coaching cycles', source: 'external', contact: 'Mr. Ravi Patel, 555-0142' }],
      ['partners', { name: 'Reading Partners', kind: 'external_organization', contact: 'partners@example.org' }],
    ];
    for (const [table, data] of rows) {
      const row = await page.request.post(`${app.baseUrl}/api/plans/${plan.id}/${table}`, { headers, data });
      expect(row.status()).toBe(201);
    }
    const archived = await page.request.patch(`${app.baseUrl}/api/plans/${plan.id}`, {
      headers,
      data: { status: 'archived', version: plan.version },
    });
    expect(archived.status()).toBe(200);
    const link = await page.request.post(`${app.baseUrl}/api/plans/${plan.id}/share-links`, {
      headers,
      data: { label: 'Archived plan for the board', parts: ['stages'] },
    });
    expect(link.status()).toBe(201);
    const { url } = (await link.json()) as { url: string };

    const { page: board, errors: boardErrors } = await openPage(await browser.newContext());
    await board.goto(url.replace(/^https?:\/\/[^/]+/, app.baseUrl));
    await board.getByRole('heading', { level: 1, name: 'Teacher Leadership Plan 2032-33' }).waitFor();
    const shared = (await (
      await board.request.get(url.replace(/^https?:\/\/[^/]+\/shared\//, `${app.baseUrl}/api/shared/`))
    ).json()) as {
      districtTimeZone: string;
    };
    // The district's day, not the browser's or UTC's.
    const archivedOn = formatDate(todayIso(shared.districtTimeZone));
    await board.getByText(`This plan was archived on ${archivedOn}.`, { exact: true }).waitFor();

    const headersOf = (name: string) =>
      board.getByRole('table', { name, exact: true }).getByRole('columnheader').allInnerTexts();
    expect(await headersOf('Data systems on teacher effectiveness')).toEqual([
      'Data system',
      'How rigorous',
      'What it measures',
    ]);
    expect(await headersOf('Expertise available')).toEqual(['Area of expertise', 'Internal or external']);
    expect(await headersOf('Partners')).toEqual(['Partner', 'Internal or external', 'What they do']);
    const text = await board.locator('body').innerText();
    for (const contact of ['Dr. Dana Whitfield', 'Mr. Ravi Patel', '555-0142', 'partners@example.org']) {
      expect({ contact, shown: text.includes(contact) }).toEqual({ contact, shown: false });
    }
    await expectNoAxeViolations(board, "an archived plan's shared page");

    expect([...errors, ...boardErrors]).toEqual([]);
    await Promise.all([context.close(), board.context().close()]);
  });
});
