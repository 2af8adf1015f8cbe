import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './support/server';
import {
  expectFocused,
  expectNoAxeViolations,
  goOffline,
  launchBrowser,
  openPage,
  openPlan,
  signInAs,
} from './support/browser';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function toPlans(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' }).click();
  await page.getByRole('heading', { level: 2, name: 'Current plans' }).waitFor();
}

async function toStage(page: Page, stage: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Roadmap stages' })
    .getByRole('link', { name: new RegExp(stage) })
    .click();
  await page.getByRole('heading', { level: 1, name: new RegExp(stage) }).waitFor();
}

describe('creating things', () => {
  it('a double click creates one plan, question, action, row, measure, reading, role and copy; a taken title and year is refused in words', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');

    // A plan, double-clicked.
    const newPlan = page.getByRole('region', { name: 'New plan' });
    await newPlan.getByRole('textbox', { name: 'Title' }).fill('Teacher Leadership Plan 2027-28');
    await newPlan.getByRole('textbox', { name: 'School year' }).fill('2027-28');
    await newPlan.getByRole('button', { name: 'Create plan' }).dblclick();
    await page.getByRole('heading', { level: 1, name: /Stage 1/ }).waitFor();
    await toPlans(page);
    // The list shown first may be the one loaded before; once the new plan is in it, it is the server's.
    const created = page.getByRole('link', { name: 'Teacher Leadership Plan 2027-28', exact: true });
    await created.first().waitFor();
    expect(await created.count()).toBe(1);

    // The same title and year again: the server's 409, said on the form.
    await newPlan.getByRole('textbox', { name: 'Title' }).fill('Teacher Leadership Plan 2027-28');
    await newPlan.getByRole('textbox', { name: 'School year' }).fill('2027-28');
    await newPlan.getByRole('button', { name: 'Create plan' }).click();
    await newPlan
      .getByRole('alert')
      .filter({ hasText: 'already has a plan titled “Teacher Leadership Plan 2027-28” for 2027-28' })
      .waitFor();
    await expectNoAxeViolations(page, 'the plans page with a refused plan');
    // What was refused is still typed: leaving asks first, and Leave drops it.
    await page.getByRole('link', { name: 'Teacher Leadership Plan', exact: true }).click();
    const leaveQuestion = page.getByRole('dialog', { name: 'Leave without saving?' });
    await leaveQuestion.getByText('Your changes to the new plan are not saved.').waitFor();
    await leaveQuestion.getByRole('button', { name: 'Leave' }).click();

    // In the demo plan: a role, a question, an action, a funding source, a measure and a reading, each double-clicked.
    await page.getByRole('heading', { level: 1, name: /Stage 1: Design for impact/ }).waitFor();
    await page
      .getByRole('navigation', { name: 'Plan pages' })
      .getByRole('link', { name: 'Teacher-leader roles' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Teacher-leader roles' }).waitFor();
    await page.getByRole('textbox', { name: 'Title' }).fill('Reading coach');
    await page.getByRole('button', { name: 'Create role' }).dblclick();
    await page.getByRole('heading', { level: 1, name: 'Reading coach' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Plan pages' })
      .getByRole('link', { name: 'Teacher-leader roles' })
      .click();
    // One role: one row in the roles table (the framework alignment below links each role once more).
    const rolesTable = page.getByRole('table', { name: 'Roles of this plan, with what each costs a year' });
    await rolesTable.getByRole('link', { name: 'Reading coach' }).first().waitFor();
    expect(await rolesTable.getByRole('link', { name: 'Reading coach' }).count()).toBe(1);

    await toStage(page, 'Know context');
    const addQuestion = page.getByRole('form', { name: 'Add a question' });
    await addQuestion.getByRole('textbox', { name: 'Question' }).fill('Who runs the induction program?');
    await addQuestion.getByRole('button', { name: 'Add question' }).dblclick();
    await addQuestion.getByText('Question added at the end of the list.').waitFor();
    expect(await page.getByRole('textbox', { name: 'Who runs the induction program?' }).count()).toBe(1);

    const addAction = page.getByRole('form', { name: 'Add an action' });
    await addAction.getByRole('textbox', { name: 'Action' }).fill('Map every coaching hour');
    await addAction.getByRole('button', { name: 'Add action' }).dblclick();
    await addAction.getByText('Action added at the end of the list.').waitFor();
    expect(await page.getByRole('group', { name: 'Map every coaching hour' }).count()).toBe(1);

    const addFunding = page.getByRole('form', { name: 'Add a funding source' });
    await addFunding.getByRole('textbox', { name: /^Funding source/ }).fill('District general fund');
    await addFunding.getByLabel('Kind').selectOption({ label: 'Existing funds' });
    await addFunding.getByRole('button', { name: 'Add funding source' }).dblclick();
    await addFunding.getByText('Funding source added at the end of the list.').waitFor();
    expect(await page.getByRole('group', { name: 'District general fund' }).count()).toBe(1);

    await toStage(page, 'Define measures');
    const addMeasure = page.getByRole('form', { name: 'Add a measure' });
    await addMeasure.getByRole('textbox', { name: /^Measure/ }).fill('Coaching cycles completed');
    await addMeasure.getByLabel('Term').selectOption({ label: 'Short-term' });
    await addMeasure.getByRole('button', { name: 'Add measure' }).dblclick();
    await addMeasure.getByText('Measure added at the end of the list.').waitFor();
    expect(await page.getByRole('group', { name: 'Coaching cycles completed' }).count()).toBe(1);
    await page.getByRole('link', { name: 'Chart and readings of Coaching cycles completed' }).click();
    await page.getByRole('heading', { level: 1, name: 'Coaching cycles completed' }).waitFor();
    const addReading = page.getByRole('form', { name: 'Add a reading' });
    await addReading.getByLabel('Date').fill('2026-01-15');
    // A decimal comma is refused at the field, saying what to type, rather than read as another number.
    await addReading.getByLabel('Value').fill('4,5');
    await addReading.getByRole('button', { name: 'Add reading' }).click();
    await addReading
      .getByText(
        'Value must be a number with a point for decimals, such as 45.5; commas go only between thousands (1,250)',
      )
      .waitFor();
    expect(await addReading.getByLabel('Value').getAttribute('aria-invalid')).toBe('true');
    await addReading.getByLabel('Value').fill('4');
    await addReading.getByRole('button', { name: 'Add reading' }).dblclick();
    await page.getByRole('status').filter({ hasText: 'Reading added.' }).waitFor();
    expect(
      await page
        .getByRole('table', { name: /Readings of/ })
        .locator('tbody tr')
        .count(),
    ).toBe(1);

    // The main navigation's Plans is the list: on a plan's page it is not marked as the page shown.
    const plansLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' });
    expect(await plansLink.getAttribute('aria-current')).toBeNull();

    // A copy, double-clicked: the year proposed is the first one free, and the roles come along as drafts.
    await toPlans(page);
    expect(await plansLink.getAttribute('aria-current')).toBe('page');
    const demo = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('link', { name: 'Teacher Leadership Plan', exact: true }) });
    // Each plan's button names its plan.
    const copyNames = await page
      .getByRole('button', { name: /^Copy to a new year/ })
      .evaluateAll((buttons) => buttons.map((b) => b.textContent));
    expect(new Set(copyNames).size).toBe(copyNames.length);
    const copyButton = demo.getByRole('button', {
      name: /^Copy to a new year from Teacher Leadership Plan \(\d{4}-\d{2}\)$/,
    });
    await copyButton.click();
    await demo.getByRole('button', { name: 'Cancel' }).click();
    await expectFocused(copyButton, 'Copy to a new year after Cancel');
    await copyButton.click();
    await demo.getByText('the measures of success, without their readings.').waitFor();
    expect(await demo.getByRole('textbox', { name: 'Title' }).inputValue()).toBe('Teacher Leadership Plan 2028-29');
    expect(await demo.getByRole('textbox', { name: 'School year' }).inputValue()).toBe('2028-29');
    await demo.getByRole('checkbox', { name: 'Also copy the teacher-leader roles, as drafts' }).check();
    await expectNoAxeViolations(page, 'the copy panel');
    await demo.getByRole('button', { name: 'Copy plan' }).dblclick();
    await page.getByRole('heading', { level: 1, name: /Stage 1/ }).waitFor();
    await page
      .getByRole('navigation', { name: 'Plan pages' })
      .getByRole('link', { name: 'Teacher-leader roles' })
      .click();
    const copiedRole = page
      .getByRole('table', { name: /Roles of this plan/ })
      .getByRole('row', { name: /Reading coach/ });
    await copiedRole.getByText('Draft').waitFor();
    await toPlans(page);
    const copy = page.getByRole('link', { name: 'Teacher Leadership Plan 2028-29', exact: true });
    await copy.first().waitFor();
    expect(await copy.count()).toBe(1);

    // Deleting the copy lists everything that goes with it, counted.
    await page.getByRole('link', { name: 'Teacher Leadership Plan 2028-29', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /Stage 1/ }).waitFor();
    await page.getByText('Plan settings', { exact: true }).click();
    await page.getByRole('button', { name: 'Delete plan' }).click();
    const dialog = page.getByRole('dialog', { name: /Delete “Teacher Leadership Plan 2028-29”/ });
    await dialog.getByText('1 teacher-leader role, with 0 review decisions').waitFor();
    await dialog.getByText('0 comments', { exact: true }).waitFor();
    await dialog.getByText('Funding sources: 1 row').waitFor();
    await dialog.getByText('1 measure of success, with 0 readings').waitFor();
    await dialog.getByText(/high-impact actions, with their status/).waitFor();
    await expectNoAxeViolations(page, 'the delete-plan dialog');
    await dialog.getByRole('button', { name: 'Delete plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();
    await page
      .getByRole('link', { name: 'Teacher Leadership Plan 2028-29', exact: true })
      .waitFor({ state: 'detached' });

    expect(errors).toEqual([]);
    await context.close();
  });

  it('a plan saved to after its delete dialog opened is not deleted: the dialog says so and lists what it holds now, and confirming again deletes it', async () => {
    const [mine, theirs] = await Promise.all([browser.newContext(), browser.newContext()]);
    const { page, errors } = await openPage(mine);
    const other = await openPage(theirs);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await signInAs(other.page, app.baseUrl, 'admin@lakeview.test');
    const { csrfToken } = (await (await other.page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const headers = { 'X-CSRF-Token': csrfToken };
    const title = 'Teacher Leadership Plan 2030-31';
    const created = await other.page.request.post(`${app.baseUrl}/api/plans`, {
      headers,
      data: { title, schoolYear: '2030-31' },
    });
    expect(created.status()).toBe(201);
    const planId = ((await created.json()) as { id: string }).id;

    await page.reload();
    await openPlan(page, title);
    await page.getByText('Plan settings', { exact: true }).click();
    await page.getByRole('button', { name: 'Delete plan' }).click();
    const dialog = page.getByRole('dialog', { name: `Delete “${title}”?` });
    await dialog.getByText('0 measures of success, with 0 readings').waitFor();

    // Someone else adds a measure, with a reading, while the dialog is open.
    const measure = await other.page.request.post(`${app.baseUrl}/api/plans/${planId}/measures`, {
      headers,
      data: { name: 'Coaching cycles completed', term: 'short' },
    });
    expect(measure.status()).toBe(201);
    const measureId = ((await measure.json()) as { id: string }).id;
    const reading = await other.page.request.post(`${app.baseUrl}/api/plans/${planId}/measures/${measureId}/readings`, {
      headers,
      data: { date: '2026-01-15', value: 4, note: '' },
    });
    expect(reading.status()).toBe(201);

    const confirm = dialog.getByRole('button', { name: 'Delete plan' });
    await confirm.click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: 'Someone saved to this plan after you opened this, so nothing was deleted.' })
      .waitFor();
    await dialog.getByText('1 measure of success, with 1 reading').waitFor();
    // The dialog stays open on what the plan holds now, focus still on its button, not the page.
    await expectFocused(confirm, 'the Delete plan button of the dialog');
    await expectNoAxeViolations(page, 'the delete-plan dialog after the plan changed');
    expect((await other.page.request.get(`${app.baseUrl}/api/plans/${planId}`)).status()).toBe(200);

    await confirm.click();
    await page.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();
    // The plans page says which plan went, in a status region read out after the page's heading.
    const said = page.getByRole('status').filter({ hasText: `Plan “${title}” deleted.` });
    await said.waitFor();
    expect(await said.textContent()).toBe(`Plan “${title}” deleted.`);
    await page.getByRole('link', { name: title, exact: true }).waitFor({ state: 'detached' });
    await expectNoAxeViolations(page, 'the plans page after a plan was deleted');
    // Said once: a reload does not say it again.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();
    // The message would come a frame after the page: two frames on, it has not.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    expect(await page.getByText(`Plan “${title}” deleted.`).count()).toBe(0);
    expect((await other.page.request.get(`${app.baseUrl}/api/plans/${planId}`)).status()).toBe(404);
    expect([...errors, ...other.errors]).toEqual([]);
    await Promise.all([mine.close(), theirs.close()]);
  });

  it('an answer typed offline in a plan deleted before it was sent is shown on the plans page, to copy, until the person is done with it', async () => {
    const [mine, theirs] = await Promise.all([browser.newContext(), browser.newContext()]);
    const { page } = await openPage(mine);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    const other = await openPage(theirs);
    await signInAs(other.page, app.baseUrl, 'admin@lakeview.test');
    const { csrfToken } = (await (await other.page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const headers = { 'X-CSRF-Token': csrfToken };
    const title = 'Teacher Leadership Plan 2031-32';
    const created = await other.page.request.post(`${app.baseUrl}/api/plans`, {
      headers,
      data: { title, schoolYear: '2031-32' },
    });
    expect(created.status()).toBe(201);
    const planId = ((await created.json()) as { id: string }).id;

    // Typed offline, the page closed: the answer waits on this device.
    await page.reload();
    await openPlan(page, title);
    const answer = page.getByRole('textbox', { name: /^What priorities can be advanced through teacher leadership\?/ });
    await answer.waitFor();
    await goOffline(mine, page);
    await answer.fill('Coaching first, in the two middle schools.');
    await page
      .getByRole('status')
      .filter({ hasText: /Offline/ })
      .first()
      .waitFor();
    await page.close();

    // The plan is deleted meanwhile.
    const planUrl = `${app.baseUrl}/api/plans/${planId}`;
    const { revision } = (await (await other.page.request.get(`${planUrl}/contents`)).json()) as { revision: number };
    expect((await other.page.request.delete(`${planUrl}?revision=${revision}`, { headers })).status()).toBe(204);

    // Back online, the answer is sent and refused: the plans page says so, with the words to copy.
    await mine.setOffline(false);
    const again = await openPage(mine);
    await again.page.goto(`${app.baseUrl}/plans`);
    const notice = again.page.getByRole('region', { name: 'Changes not saved' });
    await notice
      .getByText(
        /^Not saved: what you typed in the answer to “What priorities can be advanced.*” could not be saved: its plan was deleted\.$/,
      )
      .waitFor();
    expect(await notice.getByRole('textbox').inputValue()).toBe('Coaching first, in the two middle schools.');
    await expectNoAxeViolations(again.page, 'the plans page with a change to a deleted plan');
    await again.page.reload();
    await notice.getByRole('textbox').waitFor();
    await notice.getByRole('button', { name: 'Done with this text' }).click();
    await notice.waitFor({ state: 'detached' });
    await again.page.reload();
    await again.page.getByRole('heading', { level: 2, name: 'Current plans' }).waitFor();
    expect(await again.page.getByRole('region', { name: 'Changes not saved' }).count()).toBe(0);
    expect([...again.errors, ...other.errors]).toEqual([]);
    await Promise.all([mine.close(), theirs.close()]);
  });
});
