import type { Browser, BrowserContext, Page } from 'playwright-core';
import { endSessionsOf, startApp, type RunningApp } from './support/server';
import { expectNoAxeViolations, launchBrowser, openPage, openPlan, signInAs } from './support/browser';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** What only a Lakeview person may see: their district, its plan (not the product, the Teacher Leadership Planner), its administrator. */
const lakeviewWords = ['Lakeview', 'Teacher Leadership Plan(?!ner)', 'Dana Whitfield'];

/**
 * Notes, from now on in this page (no page load comes after), every Lakeview word that appears in it or in its
 * title, however briefly: read back with `lakeviewSeen`. Given `once`, only from when the page shows it.
 */
async function watchForLakeview(page: Page, once?: string): Promise<void> {
  await page.evaluate(
    ([words, from]) => {
      const seen: string[] = [];
      const look = () => {
        const text = `${document.title}\n${document.body.textContent ?? ''}`;
        if (from !== undefined && !text.includes(from)) return;
        for (const word of words) {
          const found = new RegExp(word).exec(text);
          if (found && !seen.some((note) => note.startsWith(found[0]))) {
            seen.push(
              `${found[0]}, on ${location.pathname}: “…${text.slice(Math.max(0, found.index - 60), found.index + 60)}…”`,
            );
          }
        }
      };
      look();
      new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true });
      Object.assign(window, { lakeviewSeen: seen });
    },
    [lakeviewWords, once] as const,
  );
}

const lakeviewSeen = (page: Page) =>
  page.evaluate(() => (window as unknown as { lakeviewSeen: string[] }).lakeviewSeen);

/** Signs in through the sign-in page already on screen: no page load, so whatever the app keeps in memory stays. */
async function signInHere(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('lakeview-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Another tab of the same browser signs out, and `email` signs in there: the browser's cookie is now theirs. */
async function signInInAnotherTab(context: BrowserContext, email: string) {
  const other = await openPage(context);
  await other.page.goto(`${app.baseUrl}/plans`);
  await other.page.getByRole('button', { name: 'Sign out' }).click();
  await other.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await signInHere(other.page, email);
  return other;
}

/** The Lakeview plan's first stage is open, and the plans list is where the header's link goes on. */
async function lakeviewPlanThenList(page: Page): Promise<string> {
  await signInAs(page, app.baseUrl, 'admin@lakeview.test');
  await openPlan(page);
  const planUrl = page.url();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();
  await page.getByRole('link', { name: 'Teacher Leadership Plan', exact: true }).waitFor();
  return planUrl;
}

/** Hillcrest's administrator, signed in, goes back through the tab's history to the Lakeview plan's address. */
async function backToLakeviewPlan(page: Page, planUrl: string): Promise<void> {
  for (let step = 0; step < 5 && page.url() !== planUrl; step += 1) await page.goBack();
  expect(page.url()).toBe(planUrl);
  await page
    .getByRole('heading', {
      level: 1,
      name: /^(This plan is not in your district’s planner|Stage 1: Design for impact)/,
    })
    .waitFor();
  await page.waitForLoadState('networkidle');
  expect(await lakeviewSeen(page)).toEqual([]);
  await page.getByRole('heading', { level: 1, name: 'This plan is not in your district’s planner' }).waitFor();
  await page.getByRole('banner').getByText('Hillcrest School District').waitFor();
}

describe('a person signing in where another was signed in sees nothing of theirs', () => {
  it('after the Lakeview admin signs out, the Hillcrest admin signing in in the same tab sees no Lakeview plan, even going back to it', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    const planUrl = await lakeviewPlanThenList(page);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await watchForLakeview(page);
    await signInHere(page, 'admin@hillcrest.test');
    await page.waitForURL(/\/plans$/);
    await page.getByRole('banner').getByText('Hillcrest School District').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await lakeviewSeen(page)).toEqual([]);
    await expectNoAxeViolations(page, 'the plans page of the person signed in after another');

    await backToLakeviewPlan(page, planUrl);
    await expectNoAxeViolations(page, 'another district’s plan, reached by going back');
    expect(await lakeviewSeen(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('after the Lakeview admin’s session ends on their plan, the Hillcrest admin signing in in the same tab is refused that plan, not shown it', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    const planUrl = await lakeviewPlanThenList(page);
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: /Stage 1: Design for impact/ }).waitFor();

    // The session ends on the server (expired, or ended elsewhere): the next page asked for is refused.
    await endSessionsOf(app, 'admin@lakeview.test');
    await page
      .getByRole('navigation', { name: 'Plan pages' })
      .getByRole('link', { name: 'Dashboard', exact: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByText('Your session ended. Sign in again to go on where you were.').waitFor();
    await watchForLakeview(page);
    await signInHere(page, 'admin@hillcrest.test');

    // Signed in, they go on to where the sign-in page was to return: the Lakeview plan's page, not theirs.
    await page.waitForURL((url) => url.pathname.startsWith(new URL(planUrl).pathname.replace(/\/stages\/.*$/, '/')));
    await page.getByRole('banner').getByText('Hillcrest School District').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await lakeviewSeen(page)).toEqual([]);
    await page.getByRole('heading', { level: 1, name: 'This plan is not in your district’s planner' }).waitFor();
    await expectNoAxeViolations(page, 'another district’s plan, reached after signing in');

    await backToLakeviewPlan(page, planUrl);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await lakeviewSeen(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a Lakeview tab whose session turns out to be the Hillcrest admin’s (signed in in another tab) drops the Lakeview plan as it finds out', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    await page
      .getByRole('navigation', { name: 'Roadmap stages' })
      .getByRole('link', { name: /Know context/ })
      .click();
    const question = page.getByRole('textbox', { name: /In what areas is collaboration already taking place\?/ });
    await question.waitFor();

    // Another tab of the same browser signs out, and the Hillcrest admin signs in there.
    const other = await signInInAnotherTab(context, 'admin@hillcrest.test');
    await other.page.getByRole('banner').getByText('Hillcrest School District').waitFor();

    // Back in the first tab, a change sent finds the session is another person's.
    await watchForLakeview(page, 'Hillcrest School District');
    await question.fill('Typed by the Lakeview administrator.');
    await page.getByRole('banner').getByText('Hillcrest School District').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await lakeviewSeen(page)).toEqual([]);
    await page.getByRole('heading', { level: 1, name: 'This plan is not in your district’s planner' }).waitFor();
    expect(await lakeviewSeen(page)).toEqual([]);
    expect([...errors, ...other.errors]).toEqual([]);
    await context.close();
  });
  it('a Lakeview tab that only reads, whose session became the Hillcrest admin’s in another tab, never shows Hillcrest’s people under Lakeview’s name', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await lakeviewPlanThenList(page);

    const other = await signInInAnotherTab(context, 'admin@hillcrest.test');
    await other.page.getByRole('banner').getByText('Hillcrest School District').waitFor();

    // Back in the first tab, the person only reads: the district's people page.
    await page.evaluate(() => {
      const mixed: string[] = [];
      const look = () => {
        const banner = document.querySelector('header')?.textContent ?? '';
        if (banner.includes('Lakeview') && (document.body.textContent ?? '').includes('Jordan Ellis')) {
          mixed.push(`${location.pathname}: ${banner}`);
        }
      };
      new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true });
      Object.assign(window, { mixed });
    });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People', exact: true }).click();
    await page.getByRole('banner').getByText('Hillcrest School District').waitFor();
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    await page.getByText('Jordan Ellis').first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { mixed: string[] }).mixed)).toEqual([]);
    expect(await page.getByText('Dana Whitfield').count()).toBe(0);
    expect([...errors, ...other.errors]).toEqual([]);
    await context.close();
  });
  it('a tab whose person signed out and in again in another tab goes on reading with the new session, nothing refused left on screen', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await lakeviewPlanThenList(page);

    const other = await signInInAnotherTab(context, 'admin@lakeview.test');
    await other.page.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    await page.getByText('Dana Whitfield').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByText(/another session|could not be loaded|Try again/i).count()).toBe(0);
    await page.getByRole('banner').getByText('Lakeview').first().waitFor();
    expect([...errors, ...other.errors]).toEqual([]);
    await context.close();
  });
});
