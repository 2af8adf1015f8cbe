import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApp, type RunningApp } from './support/server';
import { expectNoAxeViolations, launchBrowser, openPage, signInAs } from './support/browser';

/**
 * Invitations where the planner sends no mail (no SMTP configured): the administrator sends the link
 * themselves, and the card of the invitation says so after its one-time link is put away. The link opened in
 * a browser someone is signed in to says whose session it would end.
 */
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const personCard = (page: Page, name: string) =>
  page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name, exact: true }) });

describe('invitations without mail', () => {
  let adminContext: BrowserContext;
  let admin: Page;
  let adminErrors: string[];

  beforeAll(async () => {
    adminContext = await browser.newContext();
    ({ page: admin, errors: adminErrors } = await openPage(adminContext));
    await signInAs(admin, app.baseUrl, 'admin@lakeview.test');
  });
  afterAll(async () => {
    await adminContext?.close();
  });

  it('the card of an invitation that was not emailed says so, and how to send it, once its link is put away', async () => {
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    await admin.getByRole('heading', { level: 1, name: 'People' }).waitFor();

    const invite = admin.getByRole('region', { name: 'Invite a person' });
    await invite.getByLabel('Email address').fill('casey.moore@lakeview.test');
    await invite.getByLabel('Name', { exact: true }).fill('Casey Moore');
    await invite.getByRole('button', { name: 'Invite' }).click();
    const shown = admin.getByRole('region', { name: 'Invitation for Casey Moore' });
    await shown.getByText(/^It was not emailed/).waitFor();
    await shown.getByRole('button', { name: 'Done' }).click();

    // The link is gone from the page: the card still says it went nowhere, and how to send one.
    const card = personCard(admin, 'Casey Moore');
    await card
      .getByRole('definition')
      .filter({ hasText: /^Not emailed$/ })
      .waitFor();
    await card
      .getByText(
        'Its link was shown only once, when it was made. If you did not copy it, send it again with a new link, then copy that one and send it to casey.moore@lakeview.test yourself.',
      )
      .waitFor();
    await expectNoAxeViolations(admin, 'the People page with an invitation not emailed');
    expect(adminErrors).toEqual([]);
  });

  it('the link, opened where someone is signed in, says whose session joining ends; signed out, it says nothing of it', async () => {
    const card = personCard(admin, 'Casey Moore');
    await card.getByRole('button', { name: 'Send again with a new link to Casey Moore', exact: true }).click();
    const shown = card.getByRole('region', { name: 'New invitation link for Casey Moore' });
    await shown.getByText(/^It was not emailed/).waitFor();
    const link = await shown.getByLabel('Link (shown only now)').inputValue();

    const visitorContext = await browser.newContext();
    const { page: visitor, errors: visitorErrors } = await openPage(visitorContext);
    await visitor.goto(link);
    await visitor.getByText('Lakeview School District invites you').waitFor();
    expect(await visitor.getByText(/You are signed in as/).count()).toBe(0);
    expect(visitorErrors).toEqual([]);
    await visitorContext.close();

    // Opened where the administrator is signed in: joining would end her session, and the page says so first.
    const accept = await adminContext.newPage();
    await accept.goto(link);
    await accept.getByText('Lakeview School District invites you').waitFor();
    await accept
      .getByText(
        'You are signed in as Dana Whitfield (admin@lakeview.test). Joining signs you out of that account and in as the new one.',
      )
      .waitFor();
    await expectNoAxeViolations(accept, 'the invitation page while signed in');
    await accept.getByLabel('Choose a password').fill('copper kettles by the winter door');
    await accept.getByRole('button', { name: 'Join and sign in' }).click();
    await accept.getByRole('banner').getByText('Casey Moore').waitFor();
    await accept.close();
  });
});
