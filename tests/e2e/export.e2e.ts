import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from './support/server';
import { launchBrowser, openPage, openPlan, signInAs } from './support/browser';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('exporting the plan', () => {
  it('a viewer clicks the export buttons and gets the whole plan and one stage as PDF files named after district, plan, school year and date', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'viewer@lakeview.test');
    await openPlan(page);

    const [whole] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /whole plan as PDF/i }).click(),
    ]);
    expect(whole.suggestedFilename()).toMatch(
      /^lakeview-school-district_teacher-leadership-plan_2026-27_\d{4}-\d{2}-\d{2}\.pdf$/,
    );
    const file = readFileSync((await whole.path())!);
    expect(file.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const [stage] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /this stage as PDF/i }).click(),
    ]);
    expect(stage.suggestedFilename()).toMatch(/design-for-impact.*\.pdf$/);
    expect(
      readFileSync((await stage.path())!)
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the dashboard offers the actions and the measures as CSV files, each under its section', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'viewer@lakeview.test');
    await openPlan(page);
    await page.getByRole('navigation', { name: 'Plan pages' }).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();

    const downloads = [
      {
        section: 'High-impact actions',
        link: 'Download actions as CSV',
        file: /_actions_\d{4}-\d{2}-\d{2}\.csv$/,
        first: 'Stage',
      },
      {
        section: 'Measures of success',
        link: 'Download measures and readings as CSV',
        file: /_measures_\d{4}-\d{2}-\d{2}\.csv$/,
        first: 'Measure',
      },
    ];
    for (const { section, link, file, first } of downloads) {
      const region = page.getByRole('region', { name: section });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        region.getByRole('link', { name: link }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(file);
      const [header = ''] = readFileSync((await download.path())!, 'utf8')
        .replace(/^\uFEFF/, '')
        .split('\r\n');
      expect(header.split(',')[0]).toBe(first);
    }
    // The plan's header, on every page, offers the PDFs only.
    expect(await page.getByRole('list', { name: 'Downloads' }).getByRole('link').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
