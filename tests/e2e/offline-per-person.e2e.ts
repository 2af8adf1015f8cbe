import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './support/server';
import { expectNoAxeViolations, goOffline, launchBrowser, openPage, openPlan, signInAs } from './support/browser';

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

    await goOffline(shared, page);
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

/** A second administrator's session, changing the plan through the API as their own pages would. */
async function anotherAdministrator() {
  const context = await browser.newContext();
  const { page } = await openPage(context);
  await signInAs(page, app.baseUrl, 'admin@lakeview.test');
  const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as { csrfToken: string };
  const headers = { 'X-CSRF-Token': csrfToken };
  const send = async <T>(method: 'post' | 'patch' | 'delete', path: string, data?: object): Promise<T> => {
    const response = await page.request[method](`${app.baseUrl}${path}`, { headers, data });
    if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
    return (response.status() === 204 ? undefined : await response.json()) as T;
  };
  return { context, send };
}

/** The plan's id, from the plans list's link to it. */
async function planIdOf(page: Page): Promise<string> {
  const href = await page.getByRole('link', { name: 'Teacher Leadership Plan', exact: true }).getAttribute('href');
  return /\/plans\/([0-9a-f-]{36})/.exec(href ?? '')![1]!;
}

const offlineStatus = (page: Page) =>
  page
    .getByRole('status')
    .filter({ hasText: /^Offline/ })
    .first();
const notSaved = (page: Page) => page.getByRole('region', { name: 'Changes not saved' });

type Action = { id: string; text: string; version: number };

/**
 * An action another administrator adds to the plan; this person types `mine` into its notes offline and closes the
 * page, the edit kept on the device; meanwhile the other administrator saves `theirs` on it. Back online: a new page
 * of the same browser, where the stored edit is sent.
 */
async function notesKeptOfflineThenChanged(actionText: string, mine: string, theirs: string) {
  const context = await browser.newContext();
  const { page, errors } = await openPage(context);
  await signInAs(page, app.baseUrl, 'admin@lakeview.test');
  const planId = await planIdOf(page);
  const other = await anotherAdministrator();
  const action = await other.send<Action>('post', `/api/plans/${planId}/actions`, {
    stageKey: 'design',
    text: actionText,
  });
  await openPlan(page);
  await goOffline(context, page);
  await page.getByRole('group', { name: action.text }).getByRole('textbox', { name: 'Notes', exact: true }).fill(mine);
  await offlineStatus(page).waitFor();
  await page.close();
  await other.send('patch', `/api/plans/${planId}/actions/${action.id}`, { notes: theirs, version: action.version });
  await context.setOffline(false);
  const back = await openPage(context);
  return { context, errors, other, action, back };
}

describe('a change kept on the device that the server refuses later is not lost silently', () => {
  it('notes typed offline into an action removed meanwhile are shown to copy once back online, and after a reload, with where to bring the action back', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    const planId = await planIdOf(page);
    const other = await anotherAdministrator();
    const action = await other.send<Action>('post', `/api/plans/${planId}/actions`, {
      stageKey: 'design',
      text: 'Survey teachers about PLC time',
    });
    await openPlan(page);

    // Typed offline, then the tab closed: the notes wait on the device.
    await goOffline(context, page);
    const note = 'Ask the union rep before the survey goes out.';
    await page
      .getByRole('group', { name: action.text })
      .getByRole('textbox', { name: 'Notes', exact: true })
      .fill(note);
    await offlineStatus(page).waitFor();
    await page.close();
    // Meanwhile the other administrator removes the action.
    await other.send('delete', `/api/plans/${planId}/actions/${action.id}?version=${String(action.version)}`);

    await context.setOffline(false);
    const back = await openPage(context);
    await back.page.goto(`${app.baseUrl}/plans`);
    await openPlan(back.page);
    const said = `Not saved: what you typed in the action “${action.text}” could not be saved: it was removed from the plan.`;
    const typed = notSaved(back.page).getByRole('textbox', {
      name: `Your text in the action “${action.text}”, not saved`,
    });
    await notSaved(back.page).getByText(said).waitFor();
    expect(await typed.inputValue()).toBe(note);
    await notSaved(back.page).getByRole('link', { name: 'History' }).waitFor();
    await expectNoAxeViolations(back.page, 'a plan page saying that notes typed offline were not saved');

    // The stored edit went (the server would refuse it again), but not its words.
    await back.page.reload();
    await notSaved(back.page).getByText(said).waitFor();
    expect(await typed.inputValue()).toBe(note);
    await notSaved(back.page)
      .getByRole('button', { name: /^Done with this text/ })
      .click();
    await notSaved(back.page).waitFor({ state: 'detached' });
    await back.page.reload();
    await back.page.getByRole('heading', { level: 1, name: /Stage 1: Design for impact/ }).waitFor();
    expect(await notSaved(back.page).count()).toBe(0);

    expect([...errors, ...back.errors]).toEqual([]);
    await context.close();
    await other.context.close();
  });

  it('a role’s Purpose typed offline is saved once back online though a measure ticked with it was removed meanwhile, and the tick’s refusal is said', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    const planId = await planIdOf(page);
    const other = await anotherAdministrator();
    const measure = await other.send<{ id: string; version: number }>('post', `/api/plans/${planId}/measures`, {
      name: 'Coaching cycles completed',
      term: 'short',
    });
    const role = await other.send<{ id: string; title: string }>('post', `/api/plans/${planId}/roles`, {
      title: 'Math coach',
    });
    const rolePage = `${app.baseUrl}/plans/${planId}/roles/${role.id}`;
    await page.goto(rolePage);
    await page.getByRole('heading', { level: 1, name: role.title }).waitFor();

    await goOffline(context, page);
    const purpose = 'Coach new math teachers through their first year.';
    await page.getByRole('textbox', { name: 'Purpose', exact: true }).fill(purpose);
    await page.getByRole('checkbox', { name: 'Coaching cycles completed' }).check();
    await offlineStatus(page).waitFor();
    await page.close();
    await other.send(
      'delete',
      `/api/plans/${planId}/measures/${measure.id}?version=${String(measure.version)}&readings=0`,
    );

    // Back online, on the plans list: the stored edit goes before any page of the plan is open.
    await context.setOffline(false);
    const back = await openPage(context);
    await back.page.goto(`${app.baseUrl}/plans`);
    await back.page.waitForFunction(
      () => !Object.keys(localStorage).some((key) => key.startsWith('planner.pending-edit:')),
    );
    await back.page.goto(rolePage);
    await back.page.getByRole('heading', { level: 1, name: role.title }).waitFor();
    expect(await back.page.getByRole('textbox', { name: 'Purpose', exact: true }).inputValue()).toBe(purpose);
    await notSaved(back.page)
      .getByText(
        `Not saved: your change to the role “${role.title}” could not be saved: Measures of its success: one is not a measure of this plan.`,
      )
      .waitFor();
    expect(await back.page.getByRole('checkbox', { name: 'Coaching cycles completed' }).count()).toBe(0);
    await expectNoAxeViolations(back.page, 'a role page saying that a measure ticked offline was not saved');
    await notSaved(back.page)
      .getByRole('button', { name: /^Done with this notice/ })
      .click();
    await notSaved(back.page).waitFor({ state: 'detached' });

    expect([...errors, ...back.errors]).toEqual([]);
    await context.close();
    await other.context.close();
  });
});

describe('a change kept on the device that meets someone else’s change is not left waiting unseen', () => {
  it('notes typed offline into an action changed meanwhile are named, wherever the person is, with a link to choose what to keep, until they choose', async () => {
    const mine = 'Ask Riverside for a date in March.';
    // Meanwhile the other administrator writes notes of their own on it.
    const theirs = 'Riverside can host us in April.';
    const { context, errors, other, action, back } = await notesKeptOfflineThenChanged(
      'Visit a district that runs PLC coaching',
      mine,
      theirs,
    );
    // Back online, on the plans list: the stored edit meets their change, and the page says so.
    await back.page.goto(`${app.baseUrl}/plans`);
    const waiting = back.page.getByRole('region', { name: 'Changes waiting for you' });
    const said = `Your change to the action “${action.text}” was not saved: it was changed elsewhere while your change waited on this device. Nothing has been overwritten.`;
    await waiting.getByText(said).waitFor();
    // The notice is the app's frame's, which paints before the page's own code has arrived: axe reads both.
    await back.page.getByRole('heading', { level: 1 }).waitFor();
    await expectNoAxeViolations(back.page, 'the plans page saying that a change kept on the device met another');
    // Nothing typed is lost: the edit stays on the device, and the notice with it after a reload.
    await back.page.reload();
    await waiting.getByText(said).waitFor();
    expect(await storedEdits(back.page)).toBe(1);

    const choose = waiting.getByRole('link', { name: `Choose what to keep in the action “${action.text}”` });
    await choose.click();
    const conflict = back.page.getByRole('group', { name: /^Conflict/ });
    await conflict.getByText(mine).waitFor();
    await conflict.getByText(theirs).waitFor();
    // On its page the conflict is shown there, not in the notice; left unchosen, the notice names it again.
    expect(await waiting.count()).toBe(0);
    await back.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' }).click();
    await waiting.getByText(said).waitFor();
    await choose.click();
    await conflict.getByText(mine).waitFor();
    await conflict.getByRole('button', { name: 'Keep mine' }).click();
    await back.page.waitForFunction(
      () => !Object.keys(localStorage).some((key) => key.startsWith('planner.pending-edit:')),
    );
    await back.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' }).click();
    await back.page.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();
    await back.page.waitForTimeout(500);
    expect(await waiting.count()).toBe(0);

    expect([...errors, ...back.errors]).toEqual([]);
    await context.close();
    await other.context.close();
  });
});

describe('a change sent as the person leaves its page that meets someone else’s change is named', () => {
  it('notes typed into an action changed meanwhile, then Plans clicked within the pause, are named on the plans list with a link to choose', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    const planId = await planIdOf(page);
    const other = await anotherAdministrator();
    const action = await other.send<Action>('post', `/api/plans/${planId}/actions`, {
      stageKey: 'design',
      text: 'Ask the board about coaching stipends',
    });
    await openPlan(page);
    const notes = page.getByRole('group', { name: action.text }).getByRole('textbox', { name: 'Notes', exact: true });
    await notes.waitFor();
    // The other administrator writes notes while this page shows the action as it was.
    const theirs = 'The board meets on the 12th.';
    await other.send('patch', `/api/plans/${planId}/actions/${action.id}`, { notes: theirs, version: action.version });

    const mine = 'Bring the stipend figures.';
    await notes.fill(mine);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' }).click();
    await page.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();
    const waiting = page.getByRole('region', { name: 'Changes waiting for you' });
    await waiting
      .getByText(`Your change to the action “${action.text}” was not saved: it was changed elsewhere`, { exact: false })
      .waitFor();
    expect(await storedEdits(page)).toBe(1);
    await waiting.getByRole('link', { name: `Choose what to keep in the action “${action.text}”` }).click();
    const conflict = page.getByRole('group', { name: /^Conflict/ });
    await conflict.getByText(mine).waitFor();
    await conflict.getByText(theirs).waitFor();

    expect(errors).toEqual([]);
    await context.close();
    await other.context.close();
  });
});

describe('a change waiting for the person’s choice, named in two tabs, is settled in one', () => {
  it('the other tab no longer names it once the choice is made', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    const planId = await planIdOf(page);
    const other = await anotherAdministrator();
    const action = await other.send<Action>('post', `/api/plans/${planId}/actions`, {
      stageKey: 'design',
      text: 'Invite the union to the design team',
    });
    await openPlan(page);
    const notes = page.getByRole('group', { name: action.text }).getByRole('textbox', { name: 'Notes', exact: true });
    await notes.waitFor();
    await other.send('patch', `/api/plans/${planId}/actions/${action.id}`, {
      notes: 'They asked for two seats.',
      version: action.version,
    });
    await notes.fill('One seat, and a say on the stipends.');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' }).click();
    const named = (tab: Page) =>
      tab
        .getByRole('region', { name: 'Changes waiting for you' })
        .getByText(`Your change to the action “${action.text}” was not saved`, { exact: false });
    await named(page).waitFor();

    // A second tab of the same person: its change waits on this device, so this tab names it too.
    const second = await openPage(context);
    await second.page.goto(`${app.baseUrl}/plans`);
    await second.page.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();
    await named(second.page).waitFor();

    // Settled in the first tab: the second stops saying it waits, without being reloaded.
    await page
      .getByRole('region', { name: 'Changes waiting for you' })
      .getByRole('link', { name: `Choose what to keep in the action “${action.text}”` })
      .click();
    await page
      .getByRole('group', { name: /^Conflict/ })
      .getByRole('button', { name: 'Keep mine' })
      .click();
    await page.waitForFunction(() => !Object.keys(localStorage).some((key) => key.startsWith('planner.pending-edit:')));
    await named(second.page).waitFor({ state: 'detached', timeout: 5_000 });

    expect([...errors, ...second.errors]).toEqual([]);
    await context.close();
    await other.context.close();
  });
});

describe('a change kept on the device that the server already holds is not called a conflict', () => {
  it('notes typed offline that someone (this person, in another tab) saved the same meanwhile are dropped without a notice', async () => {
    // The same words saved from another tab.
    const same = 'Send it before winter break.';
    const { context, errors, other, back } = await notesKeptOfflineThenChanged(
      'Share the PLC calendar with principals',
      same,
      same,
    );
    await back.page.goto(`${app.baseUrl}/plans`);
    await back.page.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();
    await back.page.waitForFunction(
      () => !Object.keys(localStorage).some((key) => key.startsWith('planner.pending-edit:')),
    );
    await back.page.waitForTimeout(500);
    expect(await back.page.getByRole('region', { name: 'Changes waiting for you' }).count()).toBe(0);

    expect([...errors, ...back.errors]).toEqual([]);
    await context.close();
    await other.context.close();
  });
});

describe('a change waiting for the person’s choice in a section folded away is not hidden from them', () => {
  it('Choose what to keep, for an action in the folded High-impact actions, unfolds the section and shows the conflict', async () => {
    const mine = 'Mentors from the 2025 cohort.';
    const theirs = 'Mentors chosen by the principals.';
    const { context, errors, other, action, back } = await notesKeptOfflineThenChanged(
      'Pair new teacher leaders with mentors',
      mine,
      theirs,
    );
    await back.page.goto(`${app.baseUrl}/plans`);
    await openPlan(back.page);
    const conflict = back.page.getByRole('group', { name: /^Conflict/ });
    await conflict.getByText(mine).waitFor();
    // Folded away with the choice not made, and left.
    await back.page.getByRole('button', { name: 'Fold away High-impact actions' }).click();
    await back.page.getByRole('button', { name: 'Show High-impact actions' }).waitFor();
    await back.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' }).click();
    const waiting = back.page.getByRole('region', { name: 'Changes waiting for you' });
    await waiting.getByRole('link', { name: `Choose what to keep in the action “${action.text}”` }).click();

    await conflict.getByText(mine).waitFor();
    await conflict.getByText(theirs).waitFor();
    expect(
      await back.page.getByRole('button', { name: 'Fold away High-impact actions' }).getAttribute('aria-expanded'),
    ).toBe('true');
    await expectNoAxeViolations(back.page, 'a conflict shown in a section that was folded away');
    await conflict.getByRole('button', { name: 'Keep mine' }).click();
    await back.page.waitForFunction(
      () => !Object.keys(localStorage).some((key) => key.startsWith('planner.pending-edit:')),
    );

    expect([...errors, ...back.errors]).toEqual([]);
    await context.close();
    await other.context.close();
  });
});
