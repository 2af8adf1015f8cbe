import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './support/server';
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

const question = /In what areas is collaboration already taking place\?/;
const typed = 'Typed by the Lakeview administrator, offline.';

async function toStage2(page: Page): Promise<void> {
  await openPlan(page);
  await page
    .getByRole('navigation', { name: 'Roadmap stages' })
    .getByRole('link', { name: /Know context/ })
    .click();
  await page.getByRole('heading', { level: 1, name: /Know context/ }).waitFor();
}

/** What the server holds, as the district's viewer reads it in a browser of their own. */
async function answerOnServer(): Promise<string> {
  const viewer = await browser.newContext();
  const { page } = await openPage(viewer);
  await signInAs(page, app.baseUrl, 'viewer@lakeview.test');
  await toStage2(page);
  const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: question }) });
  const text = await item.locator('.answer-text, .muted').first().innerText();
  await viewer.close();
  return text;
}

const storedEdits = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('planner.pending-edit:')).length);

describe('edits kept on the device belong to the person who typed them', () => {
  it('an offline edit warns before sign-out, is never sent in another person’s session, and is sent at its author’s next sign-in', async () => {
    const shared = await browser.newContext();
    const { page, errors } = await openPage(shared);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await toStage2(page);

    await shared.setOffline(true);
    await page.getByRole('textbox', { name: question }).fill(typed);
    await page
      .getByRole('status')
      .filter({ hasText: /^Offline/ })
      .waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    const warning = page.getByRole('dialog', { name: 'Sign out with changes not yet sent?' });
    await warning
      .getByText(/1 change you made could not be sent to the planner yet\. They stay on this device/)
      .waitFor();
    await expectNoAxeViolations(page, 'the warning before signing out with unsent changes');
    await warning.getByRole('button', { name: 'Cancel' }).click();
    await page.close();

    // The session ends (as on a shared computer left signed in) and another district's admin signs in here.
    await shared.clearCookies();
    await shared.setOffline(false);
    const visitor = await openPage(shared);
    await signInAs(visitor.page, app.baseUrl, 'admin@hillcrest.test');
    await visitor.page.getByRole('banner').getByText('Hillcrest School District').waitFor();
    await visitor.page.waitForTimeout(1000);
    expect(await storedEdits(visitor.page)).toBe(1);
    expect(await answerOnServer()).not.toContain(typed);
    // Nothing of theirs is unsent: they sign out without a question.
    await visitor.page.getByRole('button', { name: 'Sign out' }).click();
    await visitor.page.waitForURL(/\/sign-in/);

    // Its author signs in again: the edit is sent at once, before any plan is opened.
    await signInAs(visitor.page, app.baseUrl, 'admin@lakeview.test');
    await visitor.page.waitForFunction(
      () => !Object.keys(localStorage).some((key) => key.startsWith('planner.pending-edit:')),
    );
    expect(await answerOnServer()).toBe(typed);

    expect([...errors, ...visitor.errors]).toEqual([]);
    await shared.close();
  });
});
