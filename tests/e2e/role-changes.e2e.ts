import type { Browser, BrowserContext, Page } from 'playwright-core';
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

/** The API as the page's signed-in person, with their CSRF token on every write. */
async function apiAs(page: Page) {
  const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as { csrfToken: string };
  return async <T>(method: 'get' | 'post' | 'patch', path: string, data?: unknown): Promise<T> => {
    const res = await page.request.fetch(`${app.baseUrl}/api${path}`, {
      method: method.toUpperCase(),
      headers: { 'X-CSRF-Token': csrfToken },
      ...(data === undefined ? {} : { data }),
    });
    expect([method, path, res.ok()]).toEqual([method, path, true]);
    return (await res.json()) as T;
  };
}

interface RoleNow {
  id: string;
  status: string;
  version: number;
  round: number;
  purpose: string;
  teachingLoad: string;
  positions: number;
  stipendCents: number;
  training: string;
}

/** A role for Lakeview Middle School, made through the API; its page's address and a way to read it now. */
async function roleForMiddleSchool(page: Page, roleTitle: string) {
  const api = await apiAs(page);
  const { plans } = await api<{ plans: { id: string; title: string }[] }>('get', '/plans');
  const planId = plans.find((p) => p.title === 'Teacher Leadership Plan')!.id;
  const { schools } = await api<{ schools: { id: string; name: string }[] }>('get', '/schools');
  const role = await api<RoleNow>('post', `/plans/${planId}/roles`, {
    title: roleTitle,
    schoolIds: [schools.find((school) => school.name === 'Lakeview Middle School')!.id],
    teachingLoad: 'Two class periods a day.',
    payKind: 'stipend',
  });
  const path = `/plans/${planId}/roles/${role.id}`;
  return { api, path, pageUrl: `${app.baseUrl}${path}`, now: () => api<RoleNow>('get', path) };
}

describe('a role whose status changed while its page was open', () => {
  it('approved meanwhile, the admin’s first keystroke asks about the approved role; Cancel keeps it approved, Edit the role sends the typed edit', async () => {
    const [adminContext, principalContext] = await Promise.all([browser.newContext(), browser.newContext()]);
    const admin = await signedIn(adminContext, 'admin@lakeview.test');
    const principal = await signedIn(principalContext, 'principal2@lakeview.test');
    const roleTitle = `Reading coach ${crypto.randomUUID().slice(0, 8)}`;
    const role = await roleForMiddleSchool(admin.page, roleTitle);
    await role.api('post', `${role.path}/submit`, {});
    await admin.page.goto(role.pageUrl);
    await admin.page.getByRole('heading', { level: 1, name: roleTitle }).waitFor();
    await roleStatus(admin.page).filter({ hasText: 'In review' }).waitFor();

    const seen = await role.now();
    const decide = await apiAs(principal.page);
    await decide('post', `${role.path}/reviews`, { decision: 'approve', version: seen.version, round: seen.round });
    expect((await role.now()).status).toBe('approved');

    const load = admin.page.getByRole('textbox', { name: 'Teaching load kept' });
    await load.fill('Two class periods a day; never used for cover.');
    const ask = admin.page.getByRole('dialog', { name: 'Send this role back to draft?' });
    await ask
      .getByText('This role is approved by 1 principal. Editing it sends it back to draft for a new review.')
      .waitFor();
    expect(await ask.textContent()).not.toMatch(/in review/);
    await roleStatus(admin.page).filter({ hasText: 'Approved' }).waitFor();
    await expectNoAxeViolations(admin.page, 'the question before editing a role approved since the page opened');

    await ask.getByRole('button', { name: 'Cancel' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await load.inputValue()).toBe('Two class periods a day.');
    expect(await role.now()).toMatchObject({ status: 'approved', teachingLoad: 'Two class periods a day.' });

    await load.fill('Two class periods a day; coaching time is never used for cover.');
    await ask.getByRole('button', { name: 'Edit the role' }).click();
    await saved(admin.page);
    await roleStatus(admin.page).filter({ hasText: 'Draft' }).waitFor();
    expect(await role.now()).toMatchObject({
      status: 'draft',
      teachingLoad: 'Two class periods a day; coaching time is never used for cover.',
    });

    expect([...admin.errors, ...principal.errors]).toEqual([]);
    await Promise.all([adminContext.close(), principalContext.close()]);
  });

  it('a space or a line break typed before a pause stays in the field, and the words typed after it are saved apart', async () => {
    const adminContext = await browser.newContext();
    const admin = await signedIn(adminContext, 'admin@lakeview.test');
    const roleTitle = `Writing coach ${crypto.randomUUID().slice(0, 8)}`;
    const role = await roleForMiddleSchool(admin.page, roleTitle);
    await admin.page.goto(role.pageUrl);
    await admin.page.getByRole('heading', { level: 1, name: roleTitle }).waitFor();

    // The server keeps text trimmed: each pause below saves it without the space or line break typed last.
    const training = admin.page.getByRole('textbox', { name: 'Training and support' });
    await training.pressSequentially('Two periods ');
    await saved(admin.page);
    await training.pressSequentially('a month');
    await training.press('Enter');
    await saved(admin.page);
    await training.pressSequentially('with a coach.');
    await saved(admin.page);
    expect(await training.inputValue()).toBe('Two periods a month\nwith a coach.');
    expect((await role.now()).training).toBe('Two periods a month\nwith a coach.');
    expect(admin.errors).toEqual([]);
    await adminContext.close();
  });

  it('sent for review meanwhile, the admin’s edit of the draft asks first, and nothing changes until they say so', async () => {
    const adminContext = await browser.newContext();
    const admin = await signedIn(adminContext, 'admin@lakeview.test');
    const roleTitle = `Data coach ${crypto.randomUUID().slice(0, 8)}`;
    const role = await roleForMiddleSchool(admin.page, roleTitle);
    await admin.page.goto(role.pageUrl);
    await admin.page.getByRole('heading', { level: 1, name: roleTitle }).waitFor();
    await roleStatus(admin.page).filter({ hasText: 'Draft' }).waitFor();

    // Another tab (the same admin, through the API) sends it for review.
    await role.api('post', `${role.path}/submit`, {});

    const load = admin.page.getByRole('textbox', { name: 'Teaching load kept' });
    await load.fill('One class period a day.');
    const ask = admin.page.getByRole('dialog', { name: 'Send this role back to draft?' });
    await ask
      .getByText(/ sent this role for review after you opened it: editing it now sends it back to draft\.$/)
      .waitFor();
    await ask.getByText('This role is in review. Editing it sends it back to draft for a new review.').waitFor();
    await roleStatus(admin.page).filter({ hasText: 'In review' }).waitFor();
    await expectNoAxeViolations(admin.page, 'the question on a role sent for review since the page opened');
    expect(await role.now()).toMatchObject({ status: 'in_review', teachingLoad: 'Two class periods a day.' });

    // Cancel discards what was typed; typed again, the role in review asks as ever, and the edit goes through.
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await load.inputValue()).toBe('Two class periods a day.');
    expect(await role.now()).toMatchObject({ status: 'in_review', teachingLoad: 'Two class periods a day.' });
    await load.fill('One class period a day.');
    await ask.getByText('This role is in review. Editing it sends it back to draft for a new review.').waitFor();
    await ask.getByRole('button', { name: 'Edit the role' }).click();
    await saved(admin.page);
    await roleStatus(admin.page).filter({ hasText: 'Draft' }).waitFor();
    expect(await load.inputValue()).toBe('One class period a day.');
    expect(await role.now()).toMatchObject({ status: 'draft', teachingLoad: 'One class period a day.' });

    expect(admin.errors).toEqual([]);
    await adminContext.close();
  });

  it('sent back to draft meanwhile by another edit, the admin’s edit of the role they saw in review is saved without asking', async () => {
    const adminContext = await browser.newContext();
    const admin = await signedIn(adminContext, 'admin@lakeview.test');
    const roleTitle = `Science coach ${crypto.randomUUID().slice(0, 8)}`;
    const role = await roleForMiddleSchool(admin.page, roleTitle);
    await role.api('post', `${role.path}/submit`, {});
    await admin.page.goto(role.pageUrl);
    await admin.page.getByRole('heading', { level: 1, name: roleTitle }).waitFor();
    await roleStatus(admin.page).filter({ hasText: 'In review' }).waitFor();

    // Another tab edits it: back to draft, with nothing for this page to confirm.
    const { version } = await role.now();
    await role.api('patch', role.path, { purpose: 'Lead the new science units.', version });

    await admin.page.getByRole('textbox', { name: 'Teaching load kept' }).fill('One class period a day.');
    await saved(admin.page);
    await roleStatus(admin.page).filter({ hasText: 'Draft' }).waitFor();
    expect(await admin.page.getByRole('dialog').count()).toBe(0);
    expect(await role.now()).toMatchObject({
      status: 'draft',
      purpose: 'Lead the new science units.',
      teachingLoad: 'One class period a day.',
    });

    expect(admin.errors).toEqual([]);
    await adminContext.close();
  });

  it('on an approved role, the key that asks is kept: in the field as typed once the admin says yes, with focus back there; Cancel changes nothing', async () => {
    const [adminContext, principalContext] = await Promise.all([browser.newContext(), browser.newContext()]);
    const admin = await signedIn(adminContext, 'admin@lakeview.test');
    const principal = await signedIn(principalContext, 'principal2@lakeview.test');
    const roleTitle = `Writing coach ${crypto.randomUUID().slice(0, 8)}`;
    const role = await roleForMiddleSchool(admin.page, roleTitle);
    const decide = await apiAs(principal.page);
    const approve = async () => {
      const inReview = await role.api<RoleNow>('post', `${role.path}/submit`, {});
      await decide('post', `${role.path}/reviews`, {
        decision: 'approve',
        version: inReview.version,
        round: inReview.round,
      });
      await admin.page.goto(role.pageUrl);
      await roleStatus(admin.page).filter({ hasText: 'Approved' }).waitFor();
    };
    await approve();
    const ask = admin.page.getByRole('dialog', { name: 'Send this role back to draft?' });

    // A key typed at the end of a text: Cancel leaves the field and the role as they were, focus in the field.
    const load = admin.page.getByRole('textbox', { name: 'Teaching load kept' });
    await load.focus();
    await admin.page.keyboard.press('End');
    await admin.page.keyboard.press('Backspace');
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await ask.waitFor({ state: 'detached' });
    await expectFocused(load, 'the text the admin was typing in');
    expect(await load.inputValue()).toBe('Two class periods a day.');
    expect(await role.now()).toMatchObject({ status: 'approved', teachingLoad: 'Two class periods a day.' });

    // A choice made: Cancel leaves it not yet decided.
    const evaluates = admin.page
      .getByRole('group', { name: 'Evaluates other staff', exact: true })
      .getByRole('radio', { name: 'No', exact: true });
    await evaluates.click();
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await ask.waitFor({ state: 'detached' });
    await expectFocused(evaluates, 'the choice the admin made');
    expect(await evaluates.isChecked()).toBe(false);
    expect(await role.now()).toMatchObject({ status: 'approved', evaluatesStaff: null });

    // Typed again where the caret was, and said yes to: the key is in the field, and what is typed next follows it.
    await load.focus();
    await admin.page.keyboard.press('Backspace');
    await ask.getByRole('button', { name: 'Edit the role' }).click();
    await ask.waitFor({ state: 'detached' });
    await expectFocused(load, 'the text the admin was typing in');
    expect(await load.inputValue()).toBe('Two class periods a day');
    await admin.page.keyboard.type(', never used for cover.');
    await saved(admin.page);
    expect(await role.now()).toMatchObject({
      status: 'draft',
      teachingLoad: 'Two class periods a day, never used for cover.',
    });

    // The same in an amount: what was typed stays as typed ("3", not "$3.00") for the rest of it to follow.
    await approve();
    const stipend = admin.page.getByRole('textbox', { name: 'Stipend (dollars a year)' });
    await stipend.focus();
    await admin.page.keyboard.press('ControlOrMeta+A');
    await admin.page.keyboard.type('3');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await ask.waitFor({ state: 'detached' });
    await expectFocused(stipend, 'the stipend the admin was typing');
    // Back to what is saved: no stipend decided yet (migration 041), so an empty box.
    expect(await stipend.inputValue()).toBe('');
    await admin.page.keyboard.press('ControlOrMeta+A');
    await admin.page.keyboard.type('3');
    await ask.getByRole('button', { name: 'Edit the role' }).click();
    await ask.waitFor({ state: 'detached' });
    await expectFocused(stipend, 'the stipend the admin was typing');
    expect(await stipend.inputValue()).toBe('3');
    await admin.page.keyboard.type('000');
    await stipend.blur();
    await saved(admin.page);
    expect(await stipend.inputValue()).toBe('$3,000.00');
    expect(await role.now()).toMatchObject({ status: 'draft', stipendCents: 300_000 });

    expect([...admin.errors, ...principal.errors]).toEqual([]);
    await Promise.all([adminContext.close(), principalContext.close()]);
  });

  it('sent back to draft while a principal wrote their decision, Approve is refused, the page shows the draft, and the comment stays to copy', async () => {
    const [adminContext, principalContext] = await Promise.all([browser.newContext(), browser.newContext()]);
    const admin = await signedIn(adminContext, 'admin@lakeview.test');
    const principal = await signedIn(principalContext, 'principal2@lakeview.test');
    const roleTitle = `Math interventionist ${crypto.randomUUID().slice(0, 8)}`;
    const role = await roleForMiddleSchool(admin.page, roleTitle);
    await role.api('post', `${role.path}/submit`, {});
    await principal.page.goto(role.pageUrl);
    await principal.page.getByRole('heading', { level: 1, name: roleTitle }).waitFor();
    const comment = 'Fits our schedule; could it start in January?';
    await principal.page.getByRole('textbox', { name: 'Comment' }).fill(comment);

    const { version } = await role.now();
    const edited = await role.api<RoleNow>('patch', role.path, { teachingLoad: 'One class period a day.', version });
    expect(edited.status).toBe('draft');

    await principal.page.getByRole('button', { name: 'Approve' }).click();
    const refusal = principal.page.getByRole('alert').filter({ hasText: 'Your decision was not saved' });
    await refusal
      .getByText(
        'This role is a draft, not in review: there is nothing to decide now. The page now shows the role as it is.',
      )
      .waitFor();
    await refusal.getByText(comment).waitFor();
    await roleStatus(principal.page).filter({ hasText: 'Draft' }).waitFor();
    await principal.page.getByText('One class period a day.').first().waitFor();
    await principal.page.getByRole('button', { name: 'Approve' }).waitFor({ state: 'detached' });
    expect(await principal.page.getByRole('button', { name: 'Request changes' }).count()).toBe(0);
    await expectNoAxeViolations(principal.page, 'the refused decision on a role back in draft');
    expect(await role.now()).toMatchObject({ status: 'draft' });

    expect([...admin.errors, ...principal.errors]).toEqual([]);
    await Promise.all([adminContext.close(), principalContext.close()]);
  });
});

describe('a role edited in two tabs at once', () => {
  it('a field only this tab changed is no clash: the panel says it is kept, and "Use theirs" keeps it with their purpose', async () => {
    const [contextA, contextB] = await Promise.all([browser.newContext(), browser.newContext()]);
    const a = await signedIn(contextA, 'admin@lakeview.test');
    const b = await signedIn(contextB, 'admin@lakeview.test');
    const roleTitle = `Writing coach ${crypto.randomUUID().slice(0, 8)}`;
    const role = await roleForMiddleSchool(a.page, roleTitle);
    await role.api('patch', role.path, { teachingLoad: 'Load by B2', version: (await role.now()).version });
    for (const tab of [a, b]) {
      await tab.page.goto(role.pageUrl);
      await tab.page.getByRole('heading', { level: 1, name: roleTitle }).waitFor();
    }

    await a.page.getByRole('textbox', { name: 'Purpose' }).fill('Purpose by A');
    await saved(a.page);
    // Purpose first: leaving it sends it, and it clashes whenever the teaching load goes, before its answer (in the
    // same edit) or after (typed while the panel is shown), never alone to be taken onto their version unasked.
    await b.page.getByRole('textbox', { name: 'Purpose' }).fill('Purpose by B');
    await b.page.getByRole('textbox', { name: 'Teaching load kept' }).fill('Load by B3');

    // Who saved is not recorded in what the page has: it is not said to be someone else.
    const panel = b.page.getByRole('group', { name: 'Conflict: this role was changed elsewhere' });
    await panel.getByText(/^This role was changed elsewhere since you opened it \(saved on .+\)\./).waitFor();
    const fields = panel.locator('.conflict__field');
    await fields.filter({ hasText: 'Load by B3' }).waitFor();
    await fields.filter({ hasText: 'Purpose by B' }).waitFor();
    expect(await fields.count()).toBe(2);
    // Purpose, changed in both tabs, is the choice; the teaching load only this tab changed is kept.
    const purpose = fields.nth(0);
    await purpose.getByText('Purpose by B').waitFor();
    await purpose.getByText('Purpose by A').waitFor();
    expect(await purpose.locator('.conflict__note').count()).toBe(0);
    await fields.nth(1).getByText('Only you changed this: yours is kept whichever you choose.').waitFor();
    await panel
      .getByText(/^Their version \(saved on .+\)$/)
      .first()
      .waitFor();
    await expectNoAxeViolations(b.page, 'a role in conflict with a field only this tab changed');

    await panel.getByRole('button', { name: 'Use theirs' }).click();
    await panel.waitFor({ state: 'detached' });
    await saved(b.page);
    expect(await b.page.getByRole('textbox', { name: 'Purpose' }).inputValue()).toBe('Purpose by A');
    expect(await b.page.getByRole('textbox', { name: 'Teaching load kept' }).inputValue()).toBe('Load by B3');
    expect(await role.now()).toMatchObject({ purpose: 'Purpose by A', teachingLoad: 'Load by B3' });

    expect([...a.errors, ...b.errors]).toEqual([]);
    await Promise.all([contextA.close(), contextB.close()]);
  });

  /** Two tabs; the second is typing a number of positions when its save of another field meets the first's 4. */
  async function numberBeingTypedInConflict() {
    const [contextA, contextB] = await Promise.all([browser.newContext(), browser.newContext()]);
    const a = await signedIn(contextA, 'admin@lakeview.test');
    const b = await signedIn(contextB, 'admin@lakeview.test');
    const roleTitle = `Data coach ${crypto.randomUUID().slice(0, 8)}`;
    const role = await roleForMiddleSchool(a.page, roleTitle);
    await b.page.goto(role.pageUrl);
    await b.page.getByRole('heading', { level: 1, name: roleTitle }).waitFor();
    await role.api('patch', role.path, { positions: 4, version: (await role.now()).version });

    // "3" is held back once "3x" cannot be saved: it shows as what this tab typed, not yet sent.
    const positions = b.page.getByRole('textbox', { name: 'Number of positions' });
    await positions.selectText();
    await positions.pressSequentially('3x');
    await b.page.getByRole('textbox', { name: 'Teaching load kept' }).fill('Load by B');

    const panel = b.page.getByRole('group', { name: 'Conflict: this role was changed elsewhere' });
    const fields = panel.locator('.conflict__field');
    const positionsField = fields.filter({ hasText: 'Number of positions' });
    await positionsField.waitFor();
    // Both changed it: theirs is not said to be kept whichever is chosen.
    await positionsField.getByText('3', { exact: true }).waitFor();
    await positionsField.getByText('4', { exact: true }).waitFor();
    expect(await positionsField.locator('.conflict__note').count()).toBe(0);
    await fields
      .filter({ hasText: 'Teaching load kept' })
      .getByText('Only you changed this: yours is kept whichever you choose.')
      .waitFor();
    const settled = async (positionsNow: number) => {
      await panel.waitFor({ state: 'detached' });
      const deadline = Date.now() + 10_000;
      while ((await role.now()).positions !== positionsNow && Date.now() < deadline) await b.page.waitForTimeout(200);
      expect(await role.now()).toMatchObject({ positions: positionsNow, teachingLoad: 'Load by B' });
    };
    const done = async () => {
      expect([...a.errors, ...b.errors]).toEqual([]);
      await Promise.all([contextA.close(), contextB.close()]);
    };
    return { page: b.page, panel, positions, settled, done };
  }

  it('a number still being typed when the panel opens is a clash, not "only they changed this": Keep mine saves it', async () => {
    const { page, panel, settled, done } = await numberBeingTypedInConflict();
    await expectNoAxeViolations(page, 'a role in conflict over a number being typed');
    await panel.getByRole('button', { name: 'Keep mine' }).click();
    await settled(3);
    await done();
  });

  it('a number still being typed when the panel opens gives way to theirs with "Use theirs"', async () => {
    const { page, panel, positions, settled, done } = await numberBeingTypedInConflict();
    await panel.getByRole('button', { name: 'Use theirs' }).click();
    await settled(4);
    expect(await positions.inputValue()).toBe('4');
    expect(await positions.getAttribute('aria-invalid')).toBeNull();
    await page
      .getByRole('status')
      .filter({ hasText: /^Saved at/ })
      .waitFor();
    await done();
  });
});

describe("who sets a role's fields, changed in two tabs at once", () => {
  async function twoTabsOnOneRole(kind: string) {
    const [contextA, contextB] = await Promise.all([browser.newContext(), browser.newContext()]);
    const a = await signedIn(contextA, 'admin@lakeview.test');
    const b = await signedIn(contextB, 'admin@lakeview.test');
    const roleTitle = `${kind} ${crypto.randomUUID().slice(0, 8)}`;
    const role = await roleForMiddleSchool(a.page, roleTitle);
    for (const tab of [a, b]) {
      await tab.page.goto(role.pageUrl);
      await tab.page.getByRole('heading', { level: 1, name: roleTitle }).waitFor();
    }
    const modes = async () => (await role.api<{ fieldModes: Record<string, string> }>('get', role.path)).fieldModes;
    const done = async () => {
      expect([...a.errors, ...b.errors]).toEqual([]);
      await Promise.all([contextA.close(), contextB.close()]);
    };
    return { a: a.page, b: b.page, role, modes, done };
  }
  const setBy = (page: Page, field: string) => page.getByRole('combobox', { name: `Set by (${field})`, exact: true });

  it('the modes of two different fields are both kept, without a conflict, and the history names each field', async () => {
    const { a, b, role, modes, done } = await twoTabsOnOneRole('Science coach');
    await setBy(a, 'Title').selectOption({ label: 'District (tight)' });
    await saved(a);
    // The second tab still shows the role as it opened it: its choice for another field goes onto the first's.
    await setBy(b, 'Purpose').selectOption({ label: 'Each school (loose)' });
    await saved(b);
    await b
      .getByRole('status')
      .filter({ hasText: /changes made elsewhere/i })
      .waitFor();
    expect(await b.getByRole('group', { name: 'Conflict: this role was changed elsewhere' }).count()).toBe(0);
    expect(await modes()).toEqual({ title: 'tight', purpose: 'loose' });
    expect(await setBy(b, 'Title').inputValue()).toBe('tight');

    // Not decided again: that field's mode alone is cleared.
    await setBy(a, 'Title').selectOption({ label: 'Not decided' });
    await saved(a);
    expect(await modes()).toEqual({ purpose: 'loose' });

    await a.goto(`${app.baseUrl}${role.path.replace(/\/roles\/.*/, '/history')}`);
    const entries = a.getByRole('main');
    await entries.getByText('Set by (Purpose)').first().waitFor();
    await entries.getByText('Set by (Title)').first().waitFor();
    await expectNoAxeViolations(a, 'the history with field modes');
    await done();
  });

  it("the same field's mode chosen in both is the conflict, with the other field's mode kept either way", async () => {
    const { a, b, modes, done } = await twoTabsOnOneRole('Art coach');
    await setBy(a, 'Title').selectOption({ label: 'Each school (loose)' });
    await saved(a);
    await setBy(a, 'Term').selectOption({ label: 'District (tight)' });
    await saved(a);
    await setBy(b, 'Term').selectOption({ label: 'Each school (loose)' });

    const panel = b.getByRole('group', { name: 'Conflict: this role was changed elsewhere' });
    const fields = panel.locator('.conflict__field');
    // The term's mode is the choice; the title's, which only they set, is theirs whichever is chosen.
    const term = fields.nth(0);
    await term.getByText('Set by (Term)').waitFor();
    await term.getByText('Each school (loose)').waitFor();
    await term.getByText('District (tight)').waitFor();
    expect(await term.locator('.conflict__note').count()).toBe(0);
    await fields
      .filter({ hasText: 'Set by (Title)' })
      .getByText('Only they changed this: theirs is kept whichever you choose.')
      .waitFor();
    expect(await fields.count()).toBe(2);
    await expectNoAxeViolations(b, "a role in conflict over a field's mode");
    await panel.getByRole('button', { name: 'Keep mine' }).click();
    await panel.waitFor({ state: 'detached' });
    await saved(b);
    expect(await modes()).toEqual({ title: 'loose', term: 'loose' });
    await done();
  });
});
