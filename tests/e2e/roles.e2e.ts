import type { Browser, BrowserContext, Page } from 'playwright-core';
import { endSessionsOf, startApp, type RunningApp } from './support/server';
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

const saveStatus = (page: Page) =>
  page
    .getByRole('status')
    .filter({ hasText: /Saving|Saved|Offline|Conflict/ })
    .first();
/** The role's status as its page header shows it. */
const roleStatus = (page: Page) => page.getByRole('main').locator('.page__meta .status-badge');
const comment = 'Say how coaching time is protected from covering classes.';

async function signedIn(context: BrowserContext, email: string): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(context);
  await signInAs(opened.page, app.baseUrl, email);
  return opened;
}

/** A principal opens the role from their inbox, checking what the inbox says about it. */
async function openFromInbox(page: Page, title: string, expectedNote: RegExp, axeWhere?: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reviews 1 waiting' }).click();
  await page.getByRole('heading', { level: 1, name: 'Reviews waiting for you' }).waitFor();
  const item = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) });
  await item.getByText(expectedNote).waitFor();
  if (axeWhere) await expectNoAxeViolations(page, axeWhere);
  await item.getByRole('link', { name: title }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

describe('teacher-leader roles and their review', () => {
  it('the admin defines a role for two schools, a principal requests changes, the admin resubmits, both principals approve', async () => {
    const [adminContext, principalContext, principal2Context] = await Promise.all([
      browser.newContext(),
      browser.newContext(),
      browser.newContext(),
    ]);
    const admin = await signedIn(adminContext, 'admin@lakeview.test');
    const principal = await signedIn(principalContext, 'principal@lakeview.test');
    const principal2 = await signedIn(principal2Context, 'principal2@lakeview.test');
    const title = 'Literacy coach';

    // The admin starts a role from the library's coach, for two schools with different principals.
    await openPlan(admin.page);
    await admin.page
      .getByRole('navigation', { name: 'Plan pages' })
      .getByRole('link', { name: 'Teacher-leader roles' })
      .click();
    // The page loads its roles before its heading shows; focus still ends on the heading, which names the page.
    await expectFocused(
      admin.page.getByRole('heading', { level: 1, name: 'Teacher-leader roles' }),
      'the roles page heading',
    );
    await expectNoAxeViolations(admin.page, 'the roles page');
    await admin.page.getByRole('radio', { name: /Instructional coach/ }).check();
    await admin.page.getByRole('textbox', { name: 'Title' }).fill(title);
    await admin.page.getByRole('button', { name: 'Create role' }).click();
    await admin.page.waitForURL(/\/roles\/[0-9a-f-]{36}$/);
    await expectFocused(admin.page.getByRole('heading', { level: 1, name: title }), 'the new role heading');
    expect(await admin.page.getByRole('textbox', { name: 'Purpose', exact: true }).inputValue()).toMatch(
      /coaching teachers/,
    );
    await admin.page.getByRole('checkbox', { name: /^Lakeview High School/ }).check();
    await admin.page.getByRole('checkbox', { name: /^Lakeview Middle School/ }).check();
    await saveStatus(admin.page).filter({ hasText: 'Saved' }).waitFor();
    // Applications that would close before they open are refused at the closing day, which says why.
    await admin.page.getByLabel('Applications open', { exact: true }).fill('2027-03-01');
    const closes = admin.page.getByLabel('Applications close', { exact: true });
    await closes.fill('2027-02-01');
    await admin.page
      .getByText('Applications close must be on or after the day applications open, Mar 1, 2027.')
      .waitFor();
    expect(await closes.getAttribute('aria-invalid')).toBe('true');
    // Opening earlier makes the refused day fit: its error goes, and it is saved.
    await admin.page.getByLabel('Applications open', { exact: true }).fill('2027-01-15');
    await admin.page.waitForFunction((el) => el?.getAttribute('aria-invalid') === null, await closes.elementHandle());
    await saveStatus(admin.page).filter({ hasText: 'Saved' }).waitFor();
    expect(await closes.inputValue()).toBe('2027-02-01');
    await closes.fill('2027-03-31');
    expect(await closes.getAttribute('aria-invalid')).toBeNull();
    await saveStatus(admin.page).filter({ hasText: 'Saved' }).waitFor();
    await expectNoAxeViolations(admin.page, 'the role page of an admin');
    await admin.page.getByRole('button', { name: 'Submit for review' }).click();
    await roleStatus(admin.page).filter({ hasText: 'In review' }).waitFor();
    await expectFocused(
      admin.page.getByText('Submitted for review. Status: In review.', { exact: true }),
      'the submitted message',
    );
    const roleUrl = admin.page.url();

    // The first principal finds it in the inbox and requests changes, with a comment.
    await principal.page.reload();
    await openFromInbox(principal.page, title, /New to you/, 'the review inbox');
    await expectNoAxeViolations(principal.page, 'the role page of a principal');
    await principal.page.getByRole('button', { name: 'Request changes' }).click();
    await principal.page.getByText(/a comment is required when requesting changes/).waitFor();
    await principal.page.getByRole('textbox', { name: 'Comment' }).fill(comment);
    await principal.page.getByRole('button', { name: 'Request changes' }).click();
    await principal.page.getByText('You requested changes to this role.').waitFor();
    await roleStatus(principal.page).filter({ hasText: 'Changes requested' }).waitFor();
    await principal.page.getByRole('link', { name: 'Reviews 0 waiting' }).waitFor();

    // The admin sees who asked for what, edits and submits again.
    await admin.page.reload();
    await roleStatus(admin.page).filter({ hasText: 'Changes requested' }).waitFor();
    await admin.page.getByText(comment).first().waitFor();
    await admin.page
      .getByRole('textbox', { name: 'Teaching load kept' })
      .fill('Half-time teaching; coaching days are never used for cover.');
    await saveStatus(admin.page).filter({ hasText: 'Saved' }).waitFor();
    await admin.page.getByRole('button', { name: 'Submit again for review' }).click();
    await expectFocused(
      admin.page.getByText('Submitted for review. Status: In review.', { exact: true }),
      'the submitted message, again',
    );
    await roleStatus(admin.page).filter({ hasText: 'In review' }).waitFor();

    // Both principals approve; the first sees what changed since their request.
    await principal.page.reload();
    await openFromInbox(principal.page, title, /Changed since your last review: Teaching load kept/);
    await principal.page.getByRole('button', { name: 'Approve' }).click();
    await principal.page.getByText('You approved this role.').waitFor();
    await roleStatus(principal.page).filter({ hasText: 'In review' }).waitFor();

    await principal2.page.reload();
    await openFromInbox(principal2.page, title, /New to you/);
    await principal2.page.getByRole('button', { name: 'Approve' }).click();
    await roleStatus(principal2.page).filter({ hasText: 'Approved' }).waitFor();
    await principal2.page.getByRole('link', { name: 'Reviews 0 waiting' }).click();
    await principal2.page.getByRole('heading', { level: 2, name: 'Nothing waiting for you' }).waitFor();
    await expectNoAxeViolations(principal2.page, 'the empty inbox');

    await admin.page.goto(roleUrl);
    await roleStatus(admin.page).filter({ hasText: 'Approved' }).waitFor();
    await admin.page.getByRole('cell', { name: 'Approved' }).nth(1).waitFor();
    await admin.page.getByText('Editing returns this role to draft; principals will review it again.').waitFor();

    await admin.page.getByRole('navigation', { name: 'Plan pages' }).getByRole('link', { name: 'Budget' }).click();
    await admin.page.getByRole('heading', { level: 1, name: 'Budget and sustainability' }).waitFor();
    await admin.page
      .getByRole('table', { name: 'Yearly cost of each role' })
      .getByRole('link', { name: title })
      .waitFor();
    await expectNoAxeViolations(admin.page, 'the budget page');
    // The cost settings form starts again from what was saved: focus goes to the message, not to the page.
    await admin.page.getByRole('textbox', { name: 'Contract days' }).fill('190');
    const saveCosts = admin.page.getByRole('button', { name: 'Save cost settings' });
    // Enabled once the form knows it changed; then pressed from the keyboard.
    await saveCosts.click({ trial: true });
    await saveCosts.press('Enter');
    await expectFocused(admin.page.getByText('Cost settings saved.', { exact: true }), 'the saved message');

    expect([...admin.errors, ...principal.errors, ...principal2.errors]).toEqual([]);
    await Promise.all([adminContext.close(), principalContext.close(), principal2Context.close()]);
    // Three people through a role's whole review, then the budget: more than one person's usual share of time.
  }, 180_000);

  it('a role its principal approved after the admin opened it is not deleted unseen: the dialog shows it approved, and a second confirm deletes it', async () => {
    const [adminContext, principalContext] = await Promise.all([browser.newContext(), browser.newContext()]);
    const admin = await signedIn(adminContext, 'admin@lakeview.test');
    const principal = await signedIn(principalContext, 'principal@lakeview.test');
    const csrfOf = async (page: Page) =>
      ((await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as { csrfToken: string }).csrfToken;
    const adminHeaders = { 'X-CSRF-Token': await csrfOf(admin.page) };

    // A role for one of Marcus Ortega's schools, sent to him for review.
    const { plans } = (await (await admin.page.request.get(`${app.baseUrl}/api/plans`)).json()) as {
      plans: { id: string; title: string }[];
    };
    const planId = plans.find((p) => p.title === 'Teacher Leadership Plan')!.id;
    const { schools } = (await (await admin.page.request.get(`${app.baseUrl}/api/schools`)).json()) as {
      schools: { id: string; name: string }[];
    };
    const northside = schools.find((school) => school.name === 'Northside Elementary')!;
    const title = 'Data coach, approved while the admin looked';
    const created = await admin.page.request.post(`${app.baseUrl}/api/plans/${planId}/roles`, {
      headers: adminHeaders,
      data: { archetype: 'coach', title, schoolIds: [northside.id] },
    });
    expect(created.status()).toBe(201);
    const role = (await created.json()) as { id: string; version: number };
    const roleUrl = `${app.baseUrl}/api/plans/${planId}/roles/${role.id}`;
    const submitted = await admin.page.request.post(`${roleUrl}/submit`, {
      headers: adminHeaders,
      data: { version: role.version },
    });
    expect(submitted.status()).toBe(200);
    const inReview = (await submitted.json()) as { version: number; round: number };

    await admin.page.goto(`${app.baseUrl}/plans/${planId}/roles/${role.id}`);
    await admin.page.getByRole('heading', { level: 1, name: title }).waitFor();
    await roleStatus(admin.page).getByText('In review').waitFor();

    // The principal approves it meanwhile: its status moves, its version does not.
    const approved = await principal.page.request.post(`${roleUrl}/reviews`, {
      headers: { 'X-CSRF-Token': await csrfOf(principal.page) },
      data: { decision: 'approve', version: inReview.version, round: inReview.round },
    });
    expect(approved.status()).toBe(200);

    await admin.page.getByRole('button', { name: 'Delete role' }).click();
    const dialog = admin.page.getByRole('dialog', { name: `Delete “${title}”?` });
    await dialog.getByRole('button', { name: 'Delete role' }).click();
    await dialog.getByText(/changed this role after you opened it, so it was not removed/).waitFor();
    await dialog.getByText('Approved', { exact: true }).waitFor();
    await expectNoAxeViolations(admin.page, 'a role delete refused because it was approved since');
    expect((await admin.page.request.get(roleUrl)).status()).toBe(200);

    await dialog.getByRole('button', { name: 'Delete role' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await admin.page.request.get(roleUrl)).status()).toBe(404);
    expect([...admin.errors, ...principal.errors]).toEqual([]);
    await Promise.all([adminContext.close(), principalContext.close()]);
  });
  it('a text the server refuses is marked on its own field: invalid, and described by the reason, until typed anew', async () => {
    const context = await browser.newContext();
    const { page, errors } = await signedIn(context, 'admin@lakeview.test');
    const href = await page.getByRole('link', { name: 'Teacher Leadership Plan', exact: true }).getAttribute('href');
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(href ?? '')![1]!;
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const created = await page.request.post(`${app.baseUrl}/api/plans/${planId}/roles`, {
      headers: { 'X-CSRF-Token': csrfToken },
      data: { title: 'Assessment lead' },
    });
    const role = (await created.json()) as { id: string };
    await page.goto(`${app.baseUrl}/plans/${planId}/roles/${role.id}`);
    await page.getByRole('heading', { level: 1, name: 'Assessment lead' }).waitFor();

    // Longer than the server takes, as a browser that does not hold to the field's limit would send it.
    const purpose = page.getByRole('textbox', { name: 'Purpose', exact: true });
    await purpose.evaluate((field) => field.removeAttribute('maxlength'));
    await purpose.fill('Lead the data meetings. '.repeat(210));
    await purpose.blur();
    await page
      .getByRole('group', { name: 'Purpose and priorities' })
      .getByText(/Purpose must be at most 5,?000 characters/)
      .first()
      .waitFor();
    await page.waitForFunction(() => document.querySelector('textarea[aria-invalid="true"]') !== null, null, {
      timeout: 5_000,
    });
    expect(await purpose.getAttribute('aria-invalid')).toBe('true');
    const description = await purpose.evaluate((field) =>
      (field.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(description).toMatch(/Purpose must be at most 5,?000 characters/);
    await expectNoAxeViolations(page, 'a role page with a text the server refused');

    // Typed anew and saved, the field is no longer marked.
    await purpose.fill('Lead the data meetings.');
    await purpose.blur();
    await saveStatus(page).filter({ hasText: 'Saved' }).waitFor();
    expect(await purpose.getAttribute('aria-invalid')).toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a review kept as the session ends keeps the decision pressed with its comment: given back after signing in, unsent until pressed again', async () => {
    const [adminContext, principalContext] = await Promise.all([browser.newContext(), browser.newContext()]);
    const admin = await signedIn(adminContext, 'admin@lakeview.test');
    const principal = await signedIn(principalContext, 'principal@lakeview.test');
    const csrfOf = async (page: Page) =>
      ((await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as { csrfToken: string }).csrfToken;
    const adminHeaders = { 'X-CSRF-Token': await csrfOf(admin.page) };
    const { plans } = (await (await admin.page.request.get(`${app.baseUrl}/api/plans`)).json()) as {
      plans: { id: string; title: string }[];
    };
    const planId = plans.find((p) => p.title === 'Teacher Leadership Plan')!.id;
    const { schools } = (await (await admin.page.request.get(`${app.baseUrl}/api/schools`)).json()) as {
      schools: { id: string; name: string }[];
    };
    const northside = schools.find((school) => school.name === 'Northside Elementary')!;
    const title = 'Math coach, reviewed as the session ended';
    const created = await admin.page.request.post(`${app.baseUrl}/api/plans/${planId}/roles`, {
      headers: adminHeaders,
      data: { archetype: 'coach', title, schoolIds: [northside.id] },
    });
    const role = (await created.json()) as { id: string; version: number };
    const roleUrl = `${app.baseUrl}/api/plans/${planId}/roles/${role.id}`;
    const submitted = await admin.page.request.post(`${roleUrl}/submit`, {
      headers: adminHeaders,
      data: { version: role.version },
    });
    expect(submitted.status()).toBe(200);

    const page = principal.page;
    await page.goto(`${app.baseUrl}/plans/${planId}/roles/${role.id}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByRole('textbox', { name: 'Comment' }).fill(comment);
    await endSessionsOf(app, 'principal@lakeview.test');
    await page.getByRole('button', { name: 'Request changes' }).click();

    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Email address').fill('principal@lakeview.test');
    await page.getByLabel('Password').fill('lakeview-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Back on the role: the comment and the decision pressed are given back; nothing was sent.
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const box = page.getByRole('textbox', { name: 'Comment' });
    await box.waitFor();
    expect(await box.inputValue()).toBe(comment);
    const keptChoice =
      'You had chosen “Request changes” when your session ended. It was not sent: press it to send your decision.';
    expect(await page.getByText(keptChoice).count()).toBe(1);
    const requestChanges = page.getByRole('button', { name: 'Request changes' });
    expect(
      await requestChanges.evaluate(
        (button) => document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent,
      ),
    ).toBe(keptChoice);
    expect(((await (await page.request.get(roleUrl)).json()) as { reviews: unknown[] }).reviews).toEqual([]);
    await expectNoAxeViolations(page, 'a review given back after the session ended');

    await requestChanges.click();
    await page.getByText('You requested changes to this role.').waitFor();
    expect(await page.getByText(keptChoice).count()).toBe(0);
    const decided = (await (await page.request.get(roleUrl)).json()) as {
      reviews: { decision: string; comment: string }[];
    };
    expect(decided.reviews.map((r) => ({ decision: r.decision, comment: r.comment }))).toEqual([
      { decision: 'request_changes', comment },
    ]);
    expect([...admin.errors, ...principal.errors]).toEqual([]);
    await Promise.all([adminContext.close(), principalContext.close()]);
  });

  it('a blank role reads "Not yet decided" for its kind of pay and authority until the admin chooses, and the choices stay', async () => {
    const [adminContext, viewerContext] = await Promise.all([browser.newContext(), browser.newContext()]);
    const admin = await signedIn(adminContext, 'admin@lakeview.test');
    const viewer = await signedIn(viewerContext, 'viewer@lakeview.test');
    const title = `Undecided lead ${crypto.randomUUID().slice(0, 8)}`;
    await openPlan(admin.page);
    await admin.page
      .getByRole('navigation', { name: 'Plan pages' })
      .getByRole('link', { name: 'Teacher-leader roles' })
      .click();
    await admin.page.getByRole('radio', { name: /Blank role/ }).check();
    await admin.page.getByRole('textbox', { name: 'Title' }).fill(title);
    await admin.page.getByRole('button', { name: 'Create role' }).click();
    await admin.page.getByRole('heading', { level: 1, name: title }).waitFor();

    // Nothing chosen for the district: each choice is at "Not yet decided", and no amount is asked yet.
    const choice = (name: string) => admin.page.getByRole('group', { name, exact: true });
    const undecided = (name: string) => choice(name).getByRole('radio', { name: 'Not yet decided' });
    for (const name of ['Kind of pay', 'Evaluates other staff', 'Supervises other staff']) {
      expect(await undecided(name).isChecked()).toBe(true);
      expect(await choice(name).getByRole('radio', { checked: true }).count()).toBe(1);
    }
    expect(await admin.page.getByRole('textbox', { name: 'Stipend (dollars a year)' }).count()).toBe(0);
    await expectNoAxeViolations(admin.page, 'a blank role with its choices not yet made');

    // A reader sees them as not decided, not as "Stipend" and "No".
    const roleUrl = admin.page.url();
    const fact = (page: Page, label: string) => page.locator(`dt:text-is("${label}") + dd`);
    await viewer.page.goto(roleUrl);
    await viewer.page.getByRole('heading', { level: 1, name: title }).waitFor();
    for (const label of ['Kind of pay', 'Evaluates other staff', 'Supervises other staff'])
      expect(await fact(viewer.page, label).textContent()).toBe('Not yet decided');
    await expectNoAxeViolations(viewer.page, 'a blank role as a viewer reads it');

    // A stipend chosen asks for its amount, which may stay empty while not yet decided.
    await choice('Kind of pay').getByRole('radio', { name: 'Stipend' }).check();
    const stipend = admin.page.getByRole('textbox', { name: 'Stipend (dollars a year)' });
    await stipend.waitFor();
    expect(await stipend.inputValue()).toBe('');
    expect(
      await stipend.evaluate((box) => document.getElementById(box.getAttribute('aria-describedby') ?? '')?.textContent),
    ).toBe('Leave empty while not yet decided.');
    await saveStatus(admin.page).filter({ hasText: 'Saved' }).waitFor();
    await choice('Evaluates other staff').getByRole('radio', { name: 'No', exact: true }).check();
    await saveStatus(admin.page).filter({ hasText: 'Saved' }).waitFor();
    await choice('Supervises other staff').getByRole('radio', { name: 'Yes' }).check();
    await saveStatus(admin.page).filter({ hasText: 'Saved' }).waitFor();

    await admin.page.reload();
    await admin.page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await choice('Kind of pay').getByRole('radio', { name: 'Stipend' }).isChecked()).toBe(true);
    expect(await choice('Evaluates other staff').getByRole('radio', { name: 'No', exact: true }).isChecked()).toBe(
      true,
    );
    expect(await choice('Supervises other staff').getByRole('radio', { name: 'Yes' }).isChecked()).toBe(true);
    for (const name of ['Kind of pay', 'Evaluates other staff', 'Supervises other staff'])
      expect(await undecided(name).isChecked()).toBe(false);
    await viewer.page.reload();
    await viewer.page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await fact(viewer.page, 'Kind of pay').textContent()).toBe('Stipend');
    expect(await fact(viewer.page, 'Stipend').textContent()).toBe('Not yet decided');
    expect(await fact(viewer.page, 'Evaluates other staff').textContent()).toBe('No');
    expect(await fact(viewer.page, 'Supervises other staff').textContent()).toBe('Yes');

    // A choice made too soon goes back to "Not yet decided", and the stipend's box with it.
    await undecided('Supervises other staff').check();
    await saveStatus(admin.page).filter({ hasText: 'Saved' }).waitFor();
    await undecided('Kind of pay').check();
    await saveStatus(admin.page).filter({ hasText: 'Saved' }).waitFor();
    expect(await admin.page.getByRole('textbox', { name: 'Stipend (dollars a year)' }).count()).toBe(0);
    await admin.page.reload();
    await admin.page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await undecided('Kind of pay').isChecked()).toBe(true);
    expect(await undecided('Supervises other staff').isChecked()).toBe(true);
    expect(await choice('Evaluates other staff').getByRole('radio', { name: 'No', exact: true }).isChecked()).toBe(
      true,
    );
    await viewer.page.reload();
    await viewer.page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await fact(viewer.page, 'Kind of pay').textContent()).toBe('Not yet decided');
    expect(await fact(viewer.page, 'Supervises other staff').textContent()).toBe('Not yet decided');

    expect([...admin.errors, ...viewer.errors]).toEqual([]);
    await Promise.all([adminContext.close(), viewerContext.close()]);
  });
});
