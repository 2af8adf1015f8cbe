import type { Browser, BrowserContext, Page } from 'playwright-core';
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

const title = 'Math coach';
const roleStatus = (page: Page) => page.getByRole('main').locator('.page__meta .status-badge');
const saved = (page: Page) =>
  page
    .getByRole('status')
    .filter({ hasText: /^Saved at/ })
    .waitFor();

async function signedIn(context: BrowserContext, email: string) {
  const opened = await openPage(context);
  await signInAs(opened.page, app.baseUrl, email);
  return opened;
}

/** A principal signs in with a review waiting: the inbox is where they land. */
async function approveFromInbox(context: BrowserContext, email: string): Promise<string[]> {
  const { page, errors } = await signedIn(context, email);
  await page.waitForURL(/\/reviews$/);
  await page.getByRole('link', { name: title }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByText('You approved this role.').waitFor();
  await page.close();
  return errors;
}

describe('changing a role after its review', () => {
  it('the admin is asked before an approved role goes back to draft, and each principal sees what changed since deciding', async () => {
    const adminContext = await browser.newContext();
    const admin = await signedIn(adminContext, 'admin@lakeview.test');
    await openPlan(admin.page);
    await admin.page
      .getByRole('navigation', { name: 'Plan pages' })
      .getByRole('link', { name: 'Teacher-leader roles' })
      .click();
    await admin.page.getByRole('radio', { name: /Blank role/ }).check();
    await admin.page.getByRole('textbox', { name: 'Title' }).fill(title);
    await admin.page.getByRole('button', { name: 'Create role' }).click();
    await admin.page.getByRole('heading', { level: 1, name: title }).waitFor();

    // Submitted without schools: refused, and the message goes once a school is chosen.
    await admin.page.getByRole('button', { name: 'Submit for review' }).click();
    const refused = admin.page.getByRole('alert').filter({ hasText: 'The role was not submitted' });
    await refused.waitFor();
    await admin.page.getByRole('checkbox', { name: /^Lakeview High School/ }).check();
    await admin.page.getByRole('checkbox', { name: /^Lakeview Middle School/ }).check();
    await saved(admin.page);
    await refused.waitFor({ state: 'detached' });

    // Reach is unknown until estimated: emptied, it is saved as unknown, not as zero.
    const students = admin.page.getByRole('textbox', { name: 'Students served' });
    await students.fill('120');
    await students.blur();
    await saved(admin.page);
    await students.fill('');
    await students.blur();
    await saved(admin.page);
    await admin.page.getByRole('textbox', { name: 'Teaching load kept' }).fill('Two class periods a day.');
    await saved(admin.page);
    await admin.page.reload();
    await admin.page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await admin.page.getByRole('textbox', { name: 'Students served' }).inputValue()).toBe('');
    await admin.page.getByRole('button', { name: 'Submit for review' }).click();
    await roleStatus(admin.page).filter({ hasText: 'In review' }).waitFor();

    // Both principals find it in their inbox on signing in, and approve.
    const [p1, p2] = await Promise.all([browser.newContext(), browser.newContext()]);
    const errors = [...(await approveFromInbox(p1, 'principal@lakeview.test'))];
    errors.push(...(await approveFromInbox(p2, 'principal2@lakeview.test')));

    // One edit would send the approved role back to draft: the admin is asked first, with the count.
    await admin.page.reload();
    await roleStatus(admin.page).filter({ hasText: 'Approved' }).waitFor();
    const load = admin.page.getByRole('textbox', { name: 'Teaching load kept' });
    await load.fill('Two class periods a day; never used for cover.');
    const ask = admin.page.getByRole('dialog', { name: 'Send this role back to draft?' });
    await ask
      .getByText('This role is approved by 2 principals. Editing it sends it back to draft for a new review.')
      .waitFor();
    await expectNoAxeViolations(admin.page, 'the question before editing an approved role');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    expect(await load.inputValue()).toBe('Two class periods a day.');
    await load.fill('Two class periods a day; coaching time is never used for cover.');
    await ask.getByRole('button', { name: 'Edit the role' }).click();
    await saved(admin.page);
    await roleStatus(admin.page).filter({ hasText: 'Draft' }).waitFor();
    expect(await load.inputValue()).toBe('Two class periods a day; coaching time is never used for cover.');
    await admin.page.getByRole('button', { name: 'Submit for review' }).click();
    await roleStatus(admin.page).filter({ hasText: 'In review' }).waitFor();

    // Back at the start page, the principal lands on the inbox, reads the summary, and sees the field as
    // reviewed and as it is now.
    const again = await openPage(p1);
    await again.page.goto(app.baseUrl);
    await again.page.waitForURL(/\/reviews$/);
    await again.page.getByText(/Changed since your last review: Teaching load kept/).waitFor();
    await expectNoAxeViolations(again.page, 'the inbox with a changed role');
    await again.page.getByRole('link', { name: title }).click();
    const changes = again.page.getByRole('table', { name: /What changed since your decision of/ });
    const row = changes.getByRole('row', { name: /Teaching load kept/ });
    await row.getByRole('cell', { name: 'Two class periods a day.', exact: true }).waitFor();
    await row.getByRole('cell', { name: 'Two class periods a day; coaching time is never used for cover.' }).waitFor();
    expect(await changes.locator('tbody tr').count()).toBe(1);
    await again.page.getByText('Not yet estimated').first().waitFor();
    await expectNoAxeViolations(again.page, 'the role page with what changed');

    expect([...admin.errors, ...errors, ...again.errors]).toEqual([]);
    await Promise.all([adminContext.close(), p1.close(), p2.close()]);
  });
});
