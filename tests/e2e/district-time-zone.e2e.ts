import type { Browser } from 'playwright-core';
import { formatDateTimeIn } from '../../shared/src/format';
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

describe('pages read without signing in', () => {
  it('an invitation and a share link show their times in the district’s zone, named, to a reader in Tokyo', async () => {
    const adminContext = await browser.newContext();
    const { page: admin } = await openPage(adminContext);
    await signInAs(admin, app.baseUrl, 'admin@lakeview.test');
    const me = (await (await admin.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
      district: { timeZone: string };
    };
    const headers = { 'X-CSRF-Token': me.csrfToken };
    const districtZone = me.district.timeZone;
    const readerZone = 'Asia/Tokyo';
    expect(districtZone).not.toBe(readerZone);

    const invited = await admin.request.post(`${app.baseUrl}/api/invitations`, {
      headers,
      data: { email: 'reader.in.tokyo@lakeview.test', name: 'Kenji Mori', role: 'viewer' },
    });
    expect(invited.status()).toBe(201);
    const invitation = (await invited.json()) as { acceptUrl: string; expiresAt: string };
    const { plans } = (await (await admin.request.get(`${app.baseUrl}/api/plans`)).json()) as {
      plans: { id: string }[];
    };
    const shared = await admin.request.post(`${app.baseUrl}/api/plans/${plans[0]!.id}/share-links`, {
      headers,
      data: { label: 'For a reader abroad', parts: ['dashboard'] },
    });
    expect(shared.status()).toBe(201);
    const { url: shareUrl } = (await shared.json()) as { url: string };
    await adminContext.close();

    const readerContext = await browser.newContext({ timezoneId: readerZone });
    const { page, errors } = await openPage(readerContext);
    await page.goto(invitation.acceptUrl);
    const worksUntil = page.locator('dt', { hasText: 'Link works until' }).locator('xpath=following-sibling::dd');
    await worksUntil.waitFor();
    // "Nov 3, 2026, 4:05 PM CST": the district's time, named, not the reader's unnamed.
    expect(await worksUntil.innerText()).toBe(formatDateTimeIn(invitation.expiresAt, districtZone));
    await expectNoAxeViolations(page, 'the invitation page read from another zone');

    const before = new Date();
    await page.goto(shareUrl);
    const stood = page.getByText(/^Read-only copy of the plan as it stood on /);
    await stood.waitFor();
    const after = new Date();
    const readAt = /as it stood on (.+?)(;|\.$)/.exec(await stood.innerText())?.[1];
    // Read between the two moments: within the minute of one of them.
    expect([formatDateTimeIn(before, districtZone), formatDateTimeIn(after, districtZone)]).toContain(readAt);
    await expectNoAxeViolations(page, 'the shared page read from another zone');

    expect(errors).toEqual([]);
    await readerContext.close();
  });
});
