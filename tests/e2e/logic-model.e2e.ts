import type { Browser, Locator, Page } from 'playwright-core';
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

async function openLogicModel(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Plan pages' }).getByRole('link', { name: 'Logic model' }).click();
  await page.getByRole('heading', { level: 1, name: 'Logic model' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Outcomes' }).waitFor();
}

async function openStage(page: Page, stage: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Roadmap stages' })
    .getByRole('link', { name: new RegExp(stage) })
    .click();
  await page.getByRole('heading', { level: 1, name: new RegExp(stage) }).waitFor();
}

/** Waits for a section's live region (under its add form) to say exactly these words, and nothing said before. */
async function expectSaid(form: Locator, words: string): Promise<void> {
  const region = form.locator('.add-item__done[aria-live="polite"]');
  await region.filter({ hasText: words }).waitFor();
  expect(await region.textContent()).toBe(words);
}

describe('the logic model', () => {
  it('the admin links an outcome to a measure, and sees the link break when the measure is removed', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);

    const measure = 'New teachers retained after year one';
    await openStage(page, 'Define measures');
    const addMeasure = page.getByRole('form', { name: 'Add a measure' });
    await addMeasure.getByRole('textbox', { name: /^Measure/ }).fill(measure);
    await addMeasure.getByLabel('Term').selectOption({ label: 'Long-term' });
    await addMeasure.getByRole('button', { name: 'Add measure' }).click();
    await page.getByRole('group', { name: measure }).waitFor();

    await openLogicModel(page);
    await expectNoAxeViolations(page, 'the empty logic model');
    await page.getByRole('textbox', { name: 'Problem statement' }).fill('Too few new teachers stay past year one.');
    await page.getByRole('textbox', { name: 'Problem statement' }).blur();

    const add = page.getByRole('form', { name: 'Add an outcome' });
    await add.getByRole('textbox', { name: 'New outcome' }).fill('More new teachers stay');
    await add.getByRole('button', { name: 'Add outcome' }).click();
    const card = page.getByRole('group', { name: 'Outcome 1' });
    await card.waitFor();
    await card.getByLabel('Link to a measure').selectOption({ label: measure });
    await card.getByRole('button', { name: 'Link to Outcome 1' }).click();
    await card.getByRole('link', { name: measure }).waitFor();
    // The only measure to link: the picker goes, and focus goes to the new link's Unlink button, not the page.
    await expectFocused(card.getByRole('button', { name: `Unlink ${measure}` }), 'the new link’s Unlink button');
    await card.locator('.field-save-state').filter({ hasText: 'Saved' }).waitFor();
    await expectNoAxeViolations(page, 'the logic model with a linked outcome');

    // An activity has many actions to link: after one, the picker keeps the focus for the next.
    // (The demo's logic model has activities of its own.)
    const activityName = `Activity ${String((await page.getByRole('group', { name: /^Activity \d+$/ }).count()) + 1)}`;
    const addActivity = page.getByRole('form', { name: 'Add an activity' });
    await addActivity.getByRole('textbox', { name: 'New activity' }).fill('Coaching cycles');
    await addActivity.getByRole('button', { name: 'Add activity' }).click();
    const activity = page.getByRole('group', { name: activityName });
    const picker = activity.getByLabel(/^Link to a high-impact action/);
    await picker.selectOption({ index: 1 });
    await activity.getByRole('button', { name: `Link to ${activityName}` }).click();
    await activity.getByRole('button', { name: /^Unlink/ }).waitFor();
    await expectFocused(picker, 'the picker, for the next link');

    // After a reload the problem statement and the link are there, saved.
    await page.reload();
    await page.getByRole('group', { name: 'Outcome 1' }).getByRole('link', { name: measure }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Problem statement' }).inputValue()).toBe(
      'Too few new teachers stay past year one.',
    );

    // The measure's own page is one click away.
    await page.getByRole('group', { name: 'Outcome 1' }).getByRole('link', { name: measure }).click();
    await page.getByRole('heading', { level: 1, name: measure }).waitFor();

    await openStage(page, 'Define measures');
    const measureCard = page.getByRole('group', { name: measure });
    await measureCard.getByRole('button', { name: /^Remove/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove measure' }).click();
    await measureCard.waitFor({ state: 'detached' });

    await openLogicModel(page);
    const broken = page.getByRole('group', { name: 'Outcome 1' });
    await broken.getByText(`Measure: broken (deleted: ${measure})`).waitFor();
    expect(await broken.getByRole('link', { name: measure }).count()).toBe(0);
    await expectNoAxeViolations(page, 'the logic model with a broken link');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('removing an entry says which went, in place of the add’s words, and focus goes on to the next entry, else the previous, else the section’s heading', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    await openLogicModel(page);

    // The demo's logic model has no inputs: these three are the section's only entries.
    const add = page.getByRole('form', { name: 'Add an input' });
    const texts = ['Title II grant', 'Two literacy coaches', 'Release time on Fridays'];
    for (const [index, text] of texts.entries()) {
      await add.getByRole('textbox', { name: 'New input' }).fill(text);
      await add.getByRole('button', { name: 'Add input' }).click();
      await page.getByRole('group', { name: `Input ${index + 1}` }).waitFor();
    }
    await expectSaid(add, 'Added: Release time on Fridays. Link it below.');
    const entryText = (legend: string) =>
      page.getByRole('group', { name: legend, exact: true }).getByRole('textbox', { name: /^Input text/ });
    const remove = async (legend: string) => {
      await page
        .getByRole('group', { name: legend, exact: true })
        .getByRole('button', { name: `Remove ${legend}` })
        .click();
      await page
        .getByRole('dialog', { name: 'Remove this input?' })
        .getByRole('button', { name: 'Remove input' })
        .click();
    };

    // The middle one: reading goes on at the entry after it, numbered 2 now.
    await remove('Input 2');
    await expectSaid(add, 'Input “Two literacy coaches” removed.');
    await page.getByRole('group', { name: 'Input 3', exact: true }).waitFor({ state: 'detached' });
    await expectFocused(entryText('Input 2'), 'the next input’s text');
    expect(await entryText('Input 2').inputValue()).toBe('Release time on Fridays');

    // The last one: on at the entry before it.
    await remove('Input 2');
    await expectSaid(add, 'Input “Release time on Fridays” removed.');
    await page.getByRole('group', { name: 'Input 2', exact: true }).waitFor({ state: 'detached' });
    await expectFocused(entryText('Input 1'), 'the previous input’s text');
    expect(await entryText('Input 1').inputValue()).toBe('Title II grant');

    // None left: on at the section's heading.
    await remove('Input 1');
    await expectSaid(add, 'Input “Title II grant” removed.');
    await page.getByText('No inputs yet.').waitFor();
    await expectFocused(page.getByRole('heading', { level: 2, name: 'Inputs' }), 'the inputs’ heading');
    await expectNoAxeViolations(page, 'the logic model after removals');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('after a conflict over an entry’s text or the goal, Keep mine and Use theirs leave focus on the field, not the page', async () => {
    const [contextA, contextB] = await Promise.all([browser.newContext(), browser.newContext()]);
    const a = await openPage(contextA);
    const b = await openPage(contextB);
    for (const tab of [a, b]) {
      await signInAs(tab.page, app.baseUrl, 'admin@lakeview.test');
      await openPlan(tab.page);
    }
    await openLogicModel(a.page);
    const add = a.page.getByRole('form', { name: 'Add an input' });
    const inputName = `Input ${String((await a.page.getByRole('group', { name: /^Input \d+$/ }).count()) + 1)}`;
    await add.getByRole('textbox', { name: 'New input' }).fill('Coaching stipends');
    await add.getByRole('button', { name: 'Add input' }).click();
    const card = (page: Page) => page.getByRole('group', { name: inputName, exact: true });
    await card(a.page).waitFor();
    await openLogicModel(b.page);

    const text = (page: Page) => card(page).getByRole('textbox', { name: /^Input text/ });
    await text(a.page).fill('Coaching stipends for 12 leaders');
    await text(a.page).blur();
    await card(a.page).locator('.field-save-state').filter({ hasText: 'Saved' }).waitFor();
    await text(b.page).fill('Coaching stipends, two years');
    await text(b.page).blur();
    const entryPanel = b.page.getByRole('group', { name: /^Conflict: / });
    await expectFocused(entryPanel.getByRole('heading', { name: /^Conflict: / }), 'the conflict’s heading');
    await entryPanel.getByRole('button', { name: 'Keep mine' }).click();
    await entryPanel.waitFor({ state: 'detached' });
    await expectFocused(text(b.page), 'the input’s text');

    const goal = (page: Page) => page.getByRole('textbox', { name: 'Goal' });
    await goal(a.page).fill('Keep 90% of new teachers.');
    await goal(a.page).blur();
    // The problem statement and goal share one save state, named last by the fields.
    const goalState = (await goal(a.page).getAttribute('aria-describedby'))!.split(' ').at(-1)!;
    await a.page.locator(`[id="${goalState}"]`).filter({ hasText: 'Saved' }).waitFor();
    await goal(b.page).fill('Keep 85% of new teachers.');
    await goal(b.page).blur();
    const goalPanel = b.page.getByRole('group', { name: /^Conflict: / });
    await expectFocused(goalPanel.getByRole('heading', { name: /^Conflict: / }), 'the conflict’s heading');
    await goalPanel.getByRole('button', { name: 'Use theirs' }).click();
    await goalPanel.waitFor({ state: 'detached' });
    await expectFocused(goal(b.page), 'the goal');
    expect(await goal(b.page).inputValue()).toBe('Keep 90% of new teachers.');

    expect([...a.errors, ...b.errors]).toEqual([]);
    await Promise.all([contextA.close(), contextB.close()]);
  });

  it('a viewer reads the logic model and can change nothing', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'viewer@lakeview.test');
    await openPlan(page);
    await openLogicModel(page);
    await expectNoAxeViolations(page, 'the logic model as a viewer');
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Add|Remove|Link/ }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
