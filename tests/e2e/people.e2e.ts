import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startMailServer, type TestMailServer } from '../../server/test/support/mail-server';
import { startApp, type RunningApp } from './support/server';
import { expectFocused, expectNoAxeViolations, launchBrowser, openPage, openPlan, signInAs } from './support/browser';

/**
 * A district runs itself from the browser: schools, invitations that arrive by real mail (an SMTP server
 * on 127.0.0.1 receives them), people changed, deactivated and brought back, a forgotten password reset
 * through the emailed link, and one's own account.
 */
let mail: TestMailServer;
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  mail = await startMailServer();
  [app, browser] = await Promise.all([
    startApp({ env: { SMTP_URL: mail.url, MAIL_FROM: 'Teacher Leadership Planner <planner@test.invalid>' } }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await mail?.close();
});

const adminEmail = 'admin@lakeview.test';
const principalEmail = 'pat.lee@lakeview.test';
const firstPassword = 'river stones under a quiet moon';
const resetPassword = 'lanterns drifting over the harbour';
const finalPassword = 'seven maple leaves in the autumn wind';
const roleTitle = 'Literacy coach';

/** The one link of a message the planner sent. */
async function linkInMail(to: string, subject: RegExp, after = 0): Promise<string> {
  const message = await mail.messageTo(to, (m) => subject.test(m.subject ?? '') && mail.received.indexOf(m) >= after);
  const link = /(https?:\/\/\S+)/.exec(message.text ?? '')?.[1];
  if (!link) throw new Error(`No link in the mail to ${to}:\n${message.text ?? ''}`);
  return link;
}

async function signedIn(context: BrowserContext, email: string, password?: string) {
  const opened = await openPage(context);
  await signInAs(opened.page, app.baseUrl, email, password);
  return opened;
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const personCard = (page: Page, name: string) =>
  page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name, exact: true }) });
const statusOf = (card: ReturnType<typeof personCard>, status: string) =>
  card.locator('.status-badge').filter({ hasText: new RegExp(`^${status}$`) });

describe('a district runs itself', () => {
  let adminContext: BrowserContext;
  let admin: Page;
  let adminErrors: string[];

  beforeAll(async () => {
    adminContext = await browser.newContext();
    ({ page: admin, errors: adminErrors } = await signedIn(adminContext, adminEmail));
  });
  afterAll(async () => {
    await adminContext?.close();
  });

  it('the admin adds, renames and archives schools; a name the district has is refused at the field', async () => {
    await nav(admin).getByRole('link', { name: 'Schools' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Schools' }).waitFor();
    await expectNoAxeViolations(admin, 'the schools page');
    // There is no deleting a school, only archiving: the page says what that does, not that it replaces a delete.
    const lede = await admin.locator('.page__lede').first().innerText();
    expect(lede).toContain('A school is never deleted: archive one the district no longer has');
    expect(lede).not.toContain('rather than deleted');

    const add = admin.getByRole('region', { name: 'Add a school' });
    await add.getByLabel('School name').fill('Lakeview Middle School');
    await add.getByRole('button', { name: 'Add school' }).click();
    const taken = add.getByText('The district already has a school named “Lakeview Middle School”');
    await taken.waitFor();
    expect(await add.getByLabel('School name').getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(admin, 'the schools page with a name taken');

    await add.getByLabel('School name').fill('Westbrook Elmentary');
    await add.getByRole('button', { name: 'Add school' }).click();
    await admin.getByRole('heading', { level: 3, name: 'Westbrook Elmentary' }).waitFor();

    const westbrook = personCard(admin, 'Westbrook Elmentary');
    const renameWestbrook = westbrook.getByRole('button', { name: 'Rename Westbrook Elmentary', exact: true });
    await renameWestbrook.click();
    await westbrook.getByRole('button', { name: 'Cancel' }).click();
    // The form gives way to the Rename button again: focus goes back to it, not to the page.
    await expectFocused(renameWestbrook, 'Rename after Cancel');
    await renameWestbrook.click();
    await westbrook.getByLabel('New name for Westbrook Elmentary').fill('Westbrook Elementary');
    await westbrook.getByLabel('New name for Westbrook Elmentary').press('Enter');
    await admin.getByRole('heading', { level: 3, name: 'Westbrook Elementary' }).waitFor();
    await admin.getByText('Renamed to Westbrook Elementary.').waitFor();
    await expectFocused(
      personCard(admin, 'Westbrook Elementary').getByRole('button', {
        name: 'Rename Westbrook Elementary',
        exact: true,
      }),
      'Rename after the rename',
    );

    await add.getByLabel('School name').fill('Old Mill School');
    await add.getByRole('button', { name: 'Add school' }).click();
    const oldMill = personCard(admin, 'Old Mill School');
    await oldMill.getByRole('button', { name: 'Archive Old Mill School', exact: true }).press('Enter');
    const archived = admin.getByRole('region', { name: 'Archived schools' });
    await archived.getByRole('heading', { level: 3, name: 'Old Mill School' }).waitFor();
    // The school moved to the other list: focus follows it there, and what happened is said.
    await expectFocused(
      archived.getByRole('button', { name: 'Bring back Old Mill School', exact: true }),
      'the archived school’s Bring back',
    );
    await admin
      .getByRole('status')
      .filter({ hasText: /^Old Mill School is archived/ })
      .waitFor();
    await expectNoAxeViolations(admin, 'the schools page with an archived school');
  });

  let invitationLink: string;

  it('the admin invites a principal for the new school: the link is shown once and arrives by mail', async () => {
    await nav(admin).getByRole('link', { name: 'People' }).click();
    await admin.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    await expectNoAxeViolations(admin, 'the People page');

    const invite = admin.getByRole('region', { name: 'Invite a person' });
    // Refused at the field: an email already in use.
    await invite.getByLabel('Email address').fill('viewer@lakeview.test');
    await invite.getByLabel('Name', { exact: true }).fill('Someone Else');
    await invite.getByRole('button', { name: 'Invite' }).click();
    await invite.getByText('Email address is already the email of a person in the planner').waitFor();

    await invite.getByLabel('Email address').fill(principalEmail);
    await invite.getByLabel('Name', { exact: true }).fill('Pat Lee');
    await invite.getByLabel('Role').selectOption('principal');
    // Archived schools are not offered.
    expect(await invite.getByRole('checkbox', { name: 'Old Mill School' }).count()).toBe(0);
    await invite.getByRole('checkbox', { name: 'Westbrook Elementary' }).check();
    await invite.getByRole('checkbox', { name: 'Northside Elementary' }).check();
    await invite.getByRole('button', { name: 'Invite' }).click();

    const shown = admin.getByRole('region', { name: 'Invitation for Pat Lee' });
    await shown.getByText(`We emailed it to ${principalEmail}`).waitFor();
    const shownLink = await shown.getByLabel('Link (shown only now)').inputValue();
    expect(shownLink).toMatch(new RegExp(`^${app.baseUrl}/invitations/[A-Za-z0-9_-]{40,}$`));
    await expectNoAxeViolations(admin, 'the People page with a new invitation link');

    invitationLink = await linkInMail(principalEmail, /You are invited/);
    expect(invitationLink).toBe(shownLink);

    const card = personCard(admin, 'Pat Lee');
    await statusOf(card, 'Invited').waitFor();
    await card.getByText('Westbrook Elementary').waitFor();
    await admin
      .getByRole('region', { name: 'Changes to people' })
      .getByText(/invited Pat Lee/)
      .waitFor();

    // A role for Northside goes to review before Pat joins: it waits for them too.
    await nav(admin).getByRole('link', { name: 'Plans' }).click();
    await openPlan(admin);
    await admin
      .getByRole('navigation', { name: 'Plan pages' })
      .getByRole('link', { name: 'Teacher-leader roles' })
      .click();
    await admin.getByRole('radio', { name: /Blank role/ }).check();
    await admin.getByRole('textbox', { name: 'Title' }).fill(roleTitle);
    await admin.getByRole('button', { name: 'Create role' }).click();
    await admin.getByRole('heading', { level: 1, name: roleTitle }).waitFor();
    await admin.getByRole('checkbox', { name: /^Northside Elementary/ }).check();
    await admin
      .getByRole('status')
      .filter({ hasText: /^Saved at/ })
      .waitFor();
    await admin.getByRole('button', { name: 'Submit for review' }).click();
    await admin.getByRole('main').locator('.page__meta .status-badge').filter({ hasText: 'In review' }).waitFor();
  });

  let principalContext: BrowserContext;
  let principal: Page;
  let principalErrors: string[];

  it('the principal opens the link from the mail, sees the district and role, sets a password and is signed in', async () => {
    principalContext = await browser.newContext();
    ({ page: principal, errors: principalErrors } = await openPage(principalContext));
    await principal.goto(invitationLink);
    await principal.getByRole('heading', { level: 1, name: 'Accept your invitation' }).waitFor();
    await principal.getByText('Lakeview School District invites you').waitFor();
    await principal.getByText('Northside Elementary, Westbrook Elementary', { exact: true }).waitFor();
    await expectNoAxeViolations(principal, 'the invitation page');

    // A short password is refused at once, and one many people use by the server, at the field, in a sentence.
    await principal.getByLabel('Choose a password').fill('too short');
    await principal.getByRole('button', { name: 'Join and sign in' }).click();
    await principal.getByText('Error: Password must be at least 12 characters').waitFor();
    await principal.getByLabel('Choose a password').fill('qwerty123456');
    await principal.getByRole('button', { name: 'Join and sign in' }).click();
    await principal.getByText('Password is one of the most commonly used passwords').waitFor();
    await expectNoAxeViolations(principal, 'the invitation page with a refused password');

    await principal.getByRole('textbox', { name: 'Your name' }).fill('Pat Lee-Morgan');
    await principal.getByLabel('Choose a password').fill(firstPassword);
    await principal.getByRole('button', { name: 'Join and sign in' }).click();
    // Signed in, at the inbox: the role for Northside waits for their review.
    await principal.getByRole('heading', { level: 1, name: 'Reviews waiting for you' }).waitFor();
    await principal.getByRole('banner').getByText('Pat Lee-Morgan').waitFor();
    await principal.getByRole('banner').getByText('Principal').waitFor();
    await principal.getByRole('link', { name: roleTitle }).click();
    await principal.getByRole('heading', { level: 1, name: roleTitle }).waitFor();
    await principal.getByRole('button', { name: 'Approve' }).click();
    await principal.getByText('You approved this role.').waitFor();

    // The link works once.
    const again = await principalContext.newPage();
    await again.goto(invitationLink);
    await again.getByText('This invitation link does not work any more').waitFor();
    await expectNoAxeViolations(again, 'a used invitation link');
    await again.close();
  });

  it('the admin changes the role and schools, cannot demote the last admin, deactivates and reactivates', async () => {
    await nav(admin).getByRole('link', { name: 'People' }).click();
    const card = personCard(admin, 'Pat Lee-Morgan');
    await statusOf(card, 'Active').waitFor();

    const changePat = card.getByRole('button', { name: 'Change role or schools of Pat Lee-Morgan', exact: true });
    await changePat.click();
    await card.getByLabel('Role').selectOption('viewer');
    await card.getByRole('button', { name: 'Save changes' }).click();
    await card.getByText('Pat Lee-Morgan is saved as viewer.').waitFor();
    // The form gives way to its button again: focus goes back to it, not to the page.
    await expectFocused(changePat, 'Change role or schools after saving');
    await card.getByRole('button', { name: 'Change role or schools of Pat Lee-Morgan', exact: true }).click();
    await card.getByLabel('Role').selectOption('principal');
    await card.getByRole('checkbox', { name: 'Northside Elementary' }).check();
    await card.getByRole('button', { name: 'Save changes' }).click();
    await card.getByText('Pat Lee-Morgan is saved as principal.').waitFor();
    await card.getByText('Northside Elementary').waitFor();

    // The only administrator cannot make themselves a viewer. Asked first, she is told it is her own role and
    // what she would lose, with the invitation she has open; the refusal is said once, in the dialog.
    const invite = admin.getByRole('region', { name: 'Invite a person' });
    await invite.getByLabel('Email address').fill('sam.ortiz@lakeview.test');
    await invite.getByLabel('Name', { exact: true }).fill('Sam Ortiz');
    await invite.getByRole('button', { name: 'Invite' }).click();
    await admin.getByRole('region', { name: 'Invitation for Sam Ortiz' }).getByRole('button', { name: 'Done' }).click();
    const self = personCard(admin, 'Dana Whitfield (you)');
    await self.getByRole('button', { name: 'Change role or schools of Dana Whitfield', exact: true }).click();
    await self.getByLabel('Role').selectOption('viewer');
    await self.getByRole('button', { name: 'Save changes' }).click();
    const demoteSelf = admin.getByRole('dialog', { name: 'Make yourself a viewer?' });
    await demoteSelf.getByText(/^You are changing your own role\. .*the People page closes to you/).waitFor();
    await demoteSelf.getByText('The open invitation you sent is revoked, and its link stops working:').waitFor();
    await demoteSelf.getByText('Sam Ortiz (sam.ortiz@lakeview.test)').waitFor();
    await demoteSelf.getByRole('button', { name: 'Change role' }).click();
    const refusal = admin.getByRole('alert').filter({ hasText: /at least one active district administrator/ });
    await demoteSelf
      .getByRole('alert')
      .filter({ hasText: /at least one active district administrator/ })
      .waitFor();
    expect(await refusal.count()).toBe(1);
    await expectNoAxeViolations(admin, 'the change of her own role, refused');
    await demoteSelf.getByRole('button', { name: 'Cancel' }).click();
    // Given up, the change takes its refusal with it: nothing is said again behind the dialog.
    await demoteSelf.waitFor({ state: 'detached' });
    expect(await refusal.count()).toBe(0);
    await self.getByRole('button', { name: 'Cancel' }).click();
    await expectFocused(
      self.getByRole('button', { name: 'Change role or schools of Dana Whitfield', exact: true }),
      'Change role or schools after Cancel',
    );

    await personCard(admin, 'Sam Ortiz').getByRole('button', { name: 'Revoke invitation of Sam Ortiz' }).click();
    await admin
      .getByRole('dialog', { name: 'Revoke the invitation of Sam Ortiz?' })
      .getByRole('button', { name: 'Revoke invitation' })
      .click();
    await admin.getByRole('heading', { level: 3, name: 'Sam Ortiz' }).waitFor({ state: 'detached' });

    // Filters: the principals of Northside Elementary (the demo's and Pat), kept in the address.
    const filters = admin.getByRole('group', { name: 'Filter people' });
    await filters.getByLabel('Role').selectOption('principal');
    await filters.getByLabel('School').selectOption({ label: 'Northside Elementary' });
    await admin.getByText(/^Showing 2 of \d+ people$/).waitFor();
    expect(new URL(admin.url()).searchParams.get('role')).toBe('principal');
    await filters.getByLabel('Status').selectOption('deactivated');
    await admin.getByText('Nobody matches these filters.').waitFor();
    await expectNoAxeViolations(admin, 'the People page filtered');
    await filters.getByLabel('Status').selectOption('all');
    await filters.getByLabel('Role').selectOption('all');
    await filters.getByLabel('School').selectOption('all');

    // The principal's open page is signed out at its next request once deactivated.
    await principal
      .getByRole('banner')
      .getByRole('link', { name: /your account/ })
      .click();
    await principal.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await card.getByRole('button', { name: 'Deactivate Pat Lee-Morgan', exact: true }).click();
    const dialog = admin.getByRole('dialog', { name: 'Deactivate Pat Lee-Morgan?' });
    await expectNoAxeViolations(admin, 'the deactivate dialog');
    await dialog.getByRole('button', { name: 'Deactivate', exact: true }).press('Enter');
    // While it saves the button is busy, not disabled: focus stays in the dialog, never on the page behind it.
    expect(await admin.evaluate(() => document.activeElement === document.body)).toBe(false);
    await statusOf(card, 'Deactivated').waitFor();
    // Closed, the dialog gives focus back to the button that opened it (now Reactivate).
    await expectFocused(
      card.getByRole('button', { name: 'Reactivate Pat Lee-Morgan', exact: true }),
      'the Reactivate button that opened the dialog',
    );
    await card.getByText(/every session of theirs has ended/).waitFor();

    await nav(principal).getByRole('link', { name: 'Plans' }).click();
    await principal.waitForURL(/\/sign-in/);
    await principal.getByLabel('Email').fill(principalEmail);
    await principal.getByLabel('Password').fill(firstPassword);
    await principal.getByRole('button', { name: 'Sign in' }).click();
    await principal.getByRole('alert').getByText('Email or password is incorrect.').waitFor();

    await card.getByRole('button', { name: 'Reactivate Pat Lee-Morgan', exact: true }).click();
    await admin
      .getByRole('dialog', { name: 'Reactivate Pat Lee-Morgan?' })
      .getByRole('button', { name: 'Reactivate' })
      .click();
    await statusOf(card, 'Active').waitFor();

    const log = admin.getByRole('region', { name: 'Changes to people' });
    await log.getByText('Dana Whitfield deactivated Pat Lee-Morgan').waitFor();
    await log.getByText('Dana Whitfield reactivated Pat Lee-Morgan').waitFor();
    await log.getByText('Pat Lee-Morgan accepted the invitation and joined').waitFor();
    await expectNoAxeViolations(admin, 'the People page after the changes');
  });

  it('an invitation is sent again with a new link (the old one stops working) and revoked', async () => {
    const invite = admin.getByRole('region', { name: 'Invite a person' });
    await invite.getByLabel('Email address').fill('robin.ng@lakeview.test');
    await invite.getByLabel('Name', { exact: true }).fill('Robin Ng');
    await invite.getByRole('button', { name: 'Invite' }).click();
    const first = await admin
      .getByRole('region', { name: 'Invitation for Robin Ng' })
      .getByLabel('Link (shown only now)')
      .inputValue();
    await admin.getByRole('region', { name: 'Invitation for Robin Ng' }).getByRole('button', { name: 'Done' }).click();

    const card = personCard(admin, 'Robin Ng');
    await card.getByRole('button', { name: 'Send again with a new link to Robin Ng', exact: true }).press('Enter');
    // Busy, not disabled, while it sends: focus stays on the button until the new link takes it.
    expect(await admin.evaluate(() => document.activeElement === document.body)).toBe(false);
    const second = await card
      .getByRole('region', { name: 'New invitation link for Robin Ng' })
      .getByLabel('Link (shown only now)')
      .inputValue();
    expect(second).not.toBe(first);
    // Done: the link goes with its button, and focus goes back to the button that made it.
    await card
      .getByRole('region', { name: 'New invitation link for Robin Ng' })
      .getByRole('button', { name: 'Done' })
      .click();
    await expectFocused(
      card.getByRole('button', { name: 'Send again with a new link to Robin Ng', exact: true }),
      'Send again, after Done',
    );

    const visitor = await adminContext.browser()!.newContext();
    const old = await visitor.newPage();
    await old.goto(first);
    await old.getByText('This invitation link does not work any more').waitFor();

    await card.getByRole('button', { name: 'Revoke invitation of Robin Ng', exact: true }).click();
    await admin
      .getByRole('dialog', { name: 'Revoke the invitation of Robin Ng?' })
      .getByRole('button', { name: 'Revoke invitation' })
      .press('Enter');
    expect(await admin.evaluate(() => document.activeElement === document.body)).toBe(false);
    await admin
      .getByRole('region', { name: 'Changes to people' })
      .getByText('Dana Whitfield revoked the invitation of Robin Ng')
      .waitFor();
    expect(await admin.getByRole('heading', { level: 3, name: 'Robin Ng' }).count()).toBe(0);
    // The card and its dialog are gone: focus is on the list's heading rather than the page.
    await expectFocused(admin.getByRole('heading', { level: 2, name: 'Everyone in the district' }), 'the list heading');
    await old.goto(second);
    await old.getByText('This invitation link does not work any more').waitFor();
    await visitor.close();
  });

  it('an administrator deactivated takes their open invitations with them: the dialog names them first', async () => {
    await nav(admin).getByRole('link', { name: 'People' }).click();
    const card = personCard(admin, 'Priya Raman');
    await card.getByRole('button', { name: 'Change role or schools of Priya Raman', exact: true }).click();
    await card.getByLabel('Role').selectOption('district_admin');
    await card.getByRole('button', { name: 'Save changes' }).click();
    await card.getByText('Priya Raman is saved as district administrator.').waitFor();

    const priyaContext = await browser.newContext();
    const { page: priya, errors: priyaErrors } = await signedIn(priyaContext, 'viewer@lakeview.test');
    await nav(priya).getByRole('link', { name: 'People' }).click();
    const invite = priya.getByRole('region', { name: 'Invite a person' });
    await invite.getByLabel('Email address').fill('jordan.park@lakeview.test');
    await invite.getByLabel('Name', { exact: true }).fill('Jordan Park');
    await invite.getByLabel('Role').selectOption('district_admin');
    await invite.getByRole('button', { name: 'Invite' }).click();
    const link = await priya
      .getByRole('region', { name: 'Invitation for Jordan Park' })
      .getByLabel('Link (shown only now)')
      .inputValue();
    expect(priyaErrors).toEqual([]);
    await priyaContext.close();

    await admin.reload();
    await personCard(admin, 'Jordan Park')
      .getByText(/by Priya Raman$/)
      .waitFor();

    // Made a viewer again, she would take the invitation with her: the admin is told, and cancels.
    await card.getByRole('button', { name: 'Change role or schools of Priya Raman', exact: true }).click();
    await card.getByLabel('Role').selectOption('viewer');
    await card.getByRole('button', { name: 'Save changes' }).click();
    const demote = admin.getByRole('dialog', { name: 'Make Priya Raman a viewer?' });
    await demote.getByText('Jordan Park (jordan.park@lakeview.test)').waitFor();
    await expectNoAxeViolations(admin, 'the change of role dialog naming an invitation');
    await demote.getByRole('button', { name: 'Cancel' }).click();
    await card.getByRole('button', { name: 'Cancel' }).click();

    await card.getByRole('button', { name: 'Deactivate Priya Raman', exact: true }).click();
    const dialog = admin.getByRole('dialog', { name: 'Deactivate Priya Raman?' });
    await dialog.getByText('The open invitation they sent is revoked, and its link stops working:').waitFor();
    await dialog.getByText('Jordan Park (jordan.park@lakeview.test)').waitFor();
    await dialog.getByText('You can invite them again yourself.').waitFor();
    await expectNoAxeViolations(admin, 'the deactivate dialog naming an invitation');
    await dialog.getByRole('button', { name: 'Deactivate', exact: true }).click();
    await statusOf(card, 'Deactivated').waitFor();
    await card.getByText(/every session of theirs has ended\. The invitation they sent is revoked\.$/).waitFor();
    await admin
      .getByRole('region', { name: 'Changes to people' })
      .getByText('Revoked because Priya Raman, who sent it, was deactivated.')
      .waitFor();
    expect(await admin.getByRole('heading', { level: 3, name: 'Jordan Park' }).count()).toBe(0);

    const visitor = await browser.newContext();
    const opened = await visitor.newPage();
    await opened.goto(link);
    await opened.getByText('This invitation link does not work any more').waitFor();
    await visitor.close();
  });

  it('a forgotten password is reset through the emailed link, which signs the person in', async () => {
    await principal.goto(`${app.baseUrl}/sign-in`);
    await principal.getByRole('link', { name: 'Forgot your password?' }).click();
    await principal.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor();
    await expectNoAxeViolations(principal, 'the forgot-password page');

    const before = mail.received.length;
    await principal.getByLabel('Email address').fill(principalEmail);
    await principal.getByRole('button', { name: 'Email me a link' }).click();
    await principal.getByText('Check your email.').waitFor();
    await expectNoAxeViolations(principal, 'the forgot-password page, sent');

    // An unknown email gets the very same answer.
    const stranger = await principalContext.newPage();
    await stranger.goto(`${app.baseUrl}/forgot-password`);
    await stranger.getByLabel('Email address').fill('nobody@lakeview.test');
    await stranger.getByRole('button', { name: 'Email me a link' }).click();
    await stranger.getByText('Check your email.').waitFor();
    expect(await stranger.getByRole('status').innerText()).toBe(
      (await principal.getByRole('status').innerText()).replace(principalEmail, 'nobody@lakeview.test'),
    );
    await stranger.close();

    const resetLink = await linkInMail(principalEmail, /Reset your password/, before);
    expect(resetLink).toMatch(new RegExp(`^${app.baseUrl}/reset-password/`));
    await principal.goto(resetLink);
    await principal.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await principal.getByText(principalEmail).waitFor();
    await expectNoAxeViolations(principal, 'the reset-password page');
    await principal.getByLabel('New password').fill('short');
    await principal.getByRole('button', { name: 'Set password and sign in' }).click();
    await principal.getByText('New password must be at least 12 characters').waitFor();
    await principal.getByLabel('New password').fill(resetPassword);
    await principal.getByRole('button', { name: 'Set password and sign in' }).click();
    await principal.getByRole('heading', { level: 1, name: /^(Plans|Reviews waiting for you)$/ }).waitFor();
    await principal.getByRole('banner').getByText('Pat Lee-Morgan').waitFor();

    await principal.goto(resetLink);
    await principal.getByText('This link does not work any more').waitFor();
  });

  it('the person changes their own name and password on their account page; their other sessions end', async () => {
    const otherContext = await browser.newContext();
    const other = await signedIn(otherContext, principalEmail, resetPassword);

    await principal.goto(`${app.baseUrl}/plans`);
    await principal
      .getByRole('banner')
      .getByRole('link', { name: /your account/ })
      .click();
    await principal.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await expectNoAxeViolations(principal, 'the account page');

    await principal.getByRole('textbox', { name: 'Your name' }).fill('Pat Morgan');
    await principal.getByRole('button', { name: 'Save name' }).press('Enter');
    await principal.getByText('Your name is saved.').waitFor();
    // Saved, the form is unchanged again and its button unavailable: it keeps focus rather than dropping it.
    await expectFocused(principal.getByRole('button', { name: 'Save name' }), 'Save name');
    await principal.getByRole('banner').getByText('Pat Morgan').waitFor();

    await principal.getByLabel('Current password').fill('not my password at all');
    await principal.getByLabel('New password').fill(finalPassword);
    await principal.getByRole('button', { name: 'Change password' }).click();
    await principal.getByText('Current password is not your current password').waitFor();
    await expectNoAxeViolations(principal, 'the account page with an error');
    await principal.getByLabel('Current password').fill(resetPassword);
    await principal.getByRole('button', { name: 'Change password' }).click();
    await principal
      .getByRole('status')
      .filter({
        hasText: `Your password is changed. You stay signed in here; everywhere else you were signed in (other browsers and devices) is signed out. An email telling you so is on its way to ${principalEmail}.`,
      })
      .waitFor();

    // The other browser is signed out at its next request.
    await other.page.reload();
    await other.page.waitForURL(/\/sign-in/);
    await otherContext.close();

    await principal.getByRole('button', { name: 'Sign out' }).click();
    await principal.waitForURL(/\/sign-in/);
    await signInAs(principal, app.baseUrl, principalEmail, finalPassword);

    // The admin makes a reset link for them, to send by hand.
    await admin.reload();
    const card = personCard(admin, 'Pat Morgan');
    await card.getByRole('button', { name: 'Make a password reset link for Pat Morgan', exact: true }).press('Enter');
    expect(await admin.evaluate(() => document.activeElement === document.body)).toBe(false);
    const link = await card
      .getByRole('region', { name: 'Password reset link for Pat Morgan' })
      .getByLabel('Link (shown only now)')
      .inputValue();
    expect(link).toMatch(new RegExp(`^${app.baseUrl}/reset-password/`));
    // A heading under the person's own (an h3).
    await card.getByRole('heading', { level: 4, name: 'Password reset link for Pat Morgan' }).waitFor();
    await card
      .getByRole('region', { name: 'Password reset link for Pat Morgan' })
      .getByRole('button', { name: 'Done' })
      .click();
    await expectFocused(
      card.getByRole('button', { name: 'Make a password reset link for Pat Morgan', exact: true }),
      'Make a password reset link, after Done',
    );
    // With the person's form open, that button is not shown: Done leaves focus on their name.
    await card.getByRole('button', { name: 'Make a password reset link for Pat Morgan', exact: true }).click();
    await card.getByRole('region', { name: 'Password reset link for Pat Morgan' }).waitFor();
    await card.getByRole('button', { name: 'Change role or schools of Pat Morgan', exact: true }).click();
    await card
      .getByRole('region', { name: 'Password reset link for Pat Morgan' })
      .getByRole('button', { name: 'Done' })
      .click();
    await expectFocused(card.getByRole('heading', { name: 'Pat Morgan' }), 'the person’s name, after Done');

    expect(principalErrors).toEqual([]);
    expect(other.errors).toEqual([]);
    expect(adminErrors).toEqual([]);
    await principalContext.close();
  });

  it('a signed-out visitor to the People page is sent to sign in; a principal is not shown it', async () => {
    const context = await browser.newContext();
    const { page } = await openPage(context);
    await page.goto(`${app.baseUrl}/people`);
    await page.waitForURL(/\/sign-in\?next=%2Fpeople/);
    await signInAs(page, app.baseUrl, 'principal@lakeview.test');
    expect(await nav(page).getByRole('link', { name: 'People' }).count()).toBe(0);
    await page.goto(`${app.baseUrl}/people`);
    await page.getByText('Only district administrators manage the district’s people.').waitFor();
    await context.close();
  });
});
