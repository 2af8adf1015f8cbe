import type { Browser } from 'playwright-core';
import { startApp, type RunningApp } from './support/server';
import { expectFocused, expectNoAxeViolations, launchBrowser, openPage, openPlan, signInAs } from './support/browser';

/** A district administrator sets the district's time zone on the Schools page, and it stays set. */
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("the district's time zone", () => {
  it('the admin finds it on the Schools page, chooses Hawaii, after a reload it is still Hawaii, and the People page logs the change', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schools' }).click();
    const section = page.getByRole('region', { name: 'District time zone' });
    const select = section.getByLabel('Time zone', { exact: true });
    await select.waitFor();
    // The demo's Lakeview is in the Central zone; the United States' zones come first.
    expect(await select.inputValue()).toBe('America/Chicago');
    const groups = await select.locator('optgroup').evaluateAll((els) => els.map((el) => el.getAttribute('label')));
    expect(groups).toEqual(['United States', 'Other time zones']);
    expect(await section.getByText('follow the days of this time zone').count()).toBe(1);
    await expectNoAxeViolations(page, 'the schools page with the time zone');

    await select.selectOption('Pacific/Honolulu');
    await section.getByRole('button', { name: 'Save time zone' }).click();
    const saved = section.getByRole('status').filter({ hasText: 'Saved: the district’s days now follow Hawaii' });
    await saved.waitFor();
    await expectFocused(saved, 'the saved message');
    await expectNoAxeViolations(page, 'the schools page after saving the time zone');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Schools' }).waitFor();
    const reloaded = page.getByRole('region', { name: 'District time zone' }).getByLabel('Time zone', { exact: true });
    await reloaded.waitFor();
    expect(await reloaded.inputValue()).toBe('Pacific/Honolulu');

    // The People page's log says who changed it, from what to what.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    await page
      .getByRole('region', { name: 'Changes to people' })
      .getByText(
        'Dana Whitfield changed the district’s time zone — From Central (America/Chicago) to Hawaii (Pacific/Honolulu).',
      )
      .waitFor();

    // The plan's save bar tells the time of a save in the district's zone too, as History does, named since
    // this browser is elsewhere (UTC). It wrote the browser's own time, a zone History did not.
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).not.toBe('Pacific/Honolulu');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' }).click();
    await openPlan(page);
    const answer = page.getByRole('textbox', { name: /^What priorities can be advanced/ });
    await answer.fill('Saved while the district follows Hawaii.');
    await answer.blur();
    await page
      .getByRole('status')
      .filter({ hasText: /^Saved at \d{1,2}:\d{2} (AM|PM) HST$/ })
      .waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });
});
