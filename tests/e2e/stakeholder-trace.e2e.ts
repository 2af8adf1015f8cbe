import type { Browser } from 'playwright-core';
import { todayIso } from '../../shared/src/format';
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

describe('the stakeholder trace', () => {
  it("an admin records a stakeholder's input, links it to an answer, sees it on that answer, and the board's link shows the trace", async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    // A stakeholder of the design stage, added as its form would add it.
    const name = `Northside teachers ${Date.now()}`;
    const added = await page.request.post(`${app.baseUrl}/api/plans/${planId}/stakeholders`, {
      headers: { 'X-CSRF-Token': csrfToken },
      data: { name, kind: 'teachers', stance: 'skeptical' },
    });
    expect(added.status()).toBe(201);
    const plan = (await (await page.request.get(`${app.baseUrl}/api/plans/${planId}`)).json()) as {
      stages: { questions: { key: string; text: string }[] }[];
    };
    const question = plan.stages[0]!.questions[0]!;

    await page.reload();
    await page.getByRole('link', { name: new RegExp(`^What we heard from ${name}`) }).click();
    await page.getByRole('heading', { level: 1, name: `What we heard from ${name}` }).waitFor();
    await expectNoAxeViolations(page, "a stakeholder's page with nothing recorded");
    const stakeholderPage = page.url();

    const form = page.getByRole('form', { name: 'Record what we heard' });
    await form.getByLabel(/^Kind of input/).selectOption('survey_finding');
    await form.getByLabel(/^Heard on/).fill('2026-10-02');
    await form.getByLabel('Source', { exact: true }).fill('Fall teacher survey, 212 responses');
    const summary = 'Release time must not be eaten by substitute coverage.';
    await form.getByLabel(/^What we heard/).fill(summary);
    await form.getByText(/^Answers to key questions/).click();
    await form.getByLabel(`Stage 1: ${question.text}`, { exact: true }).check();
    await form.getByRole('button', { name: 'Record the input' }).click();
    await form.getByText('Recorded.').waitFor();

    const recorded = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: /^Survey finding of Oct 2, 2026/ }) });
    await recorded.getByText(summary, { exact: true }).waitFor();
    const landed = recorded.getByRole('link', { name: question.text });
    await landed.waitFor();
    await expectNoAxeViolations(page, "a stakeholder's page with an input recorded");
    // Its date as it is written, within the lower-case words around it.
    const change = recorded.getByRole('button', { name: 'Change the survey finding of Oct 2, 2026', exact: true });
    await recorded.getByRole('button', { name: 'Remove the survey finding of Oct 2, 2026', exact: true }).waitFor();
    await change.click();
    await recorded.getByRole('button', { name: 'Cancel' }).click();
    // The form gives way to the Change button again: focus goes back to it, not to the page.
    await expectFocused(change, 'Change after Cancel');

    // The answer it shaped shows the input behind it, and who said it.
    await landed.click();
    await page.getByRole('heading', { level: 1, name: /Stage 1: Design for impact/ }).waitFor();
    const behind = page.getByRole('region', { name: 'Input behind this' });
    await behind.getByText(summary, { exact: false }).waitFor();
    await behind.getByRole('link', { name }).waitFor();
    await expectNoAxeViolations(page, 'a stage page with the input behind an answer');

    // A link for the board, with the trace ticked: what we heard, and what we did with it.
    await page.getByRole('navigation', { name: 'Plan pages' }).getByRole('link', { name: 'Dashboard' }).click();
    const share = page.getByRole('region', { name: 'Share with the board' });
    await share.waitFor();
    await share.getByLabel('Name').fill('Trace for the board');
    await share.getByLabel('What we heard, and what we did with it').check();
    await share.getByRole('button', { name: 'Make the link' }).click();
    const url = await share.getByLabel('The link').inputValue();

    const boardContext = await browser.newContext();
    const { page: board, errors: boardErrors } = await openPage(boardContext);
    await board.goto(url.replace(/^https?:\/\/[^/]+/, app.baseUrl));
    const trace = board.getByRole('region', { name: 'What we heard, and what we did with it' });
    await trace.getByRole('heading', { level: 3, name: new RegExp(name) }).waitFor();
    await trace.getByText(summary).waitFor();
    await trace.getByText(`What we did with it: Answer: ${question.text}`).waitFor();
    await expectNoAxeViolations(board, 'the shared plan with its trace');

    // A second input, heard later: it is listed first.
    await page.goto(stakeholderPage);
    await form.getByLabel(/^Kind of input/).selectOption('meeting');
    await form.getByLabel(/^Heard on/).fill('2026-10-05');
    await form.getByLabel(/^What we heard/).fill('Coaches want a common planning period.');
    await form.getByRole('button', { name: 'Record the input' }).click();
    const said = form.locator('.add-item__done[aria-live="polite"]');
    const expectSaid = async (words: string) => {
      await said.filter({ hasText: words }).waitFor();
      expect(await said.textContent()).toBe(words);
    };
    await expectSaid('Recorded. It shows below, and on each item it shaped.');
    const inputOf = (title: RegExp) =>
      page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: title }) });
    const meeting = inputOf(/^Meeting of Oct 5, 2026/);
    const survey = inputOf(/^Survey finding of Oct 2, 2026/);
    await meeting.waitFor();

    // Removed, the input's card goes with its buttons: what went is said in place of "Recorded", and reading
    // goes on at the next input, else the list's heading, not at the page.
    await meeting.getByRole('button', { name: 'Remove the meeting of Oct 5, 2026', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
    await meeting.waitFor({ state: 'detached' });
    await expectSaid('Input “Meeting of Oct 5, 2026” removed.');
    await expectFocused(
      survey.getByRole('button', { name: 'Change the survey finding of Oct 2, 2026', exact: true }),
      'the next input’s Change button',
    );
    await survey.getByRole('button', { name: 'Remove the survey finding of Oct 2, 2026', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
    await survey.waitFor({ state: 'detached' });
    await expectSaid('Input “Survey finding of Oct 2, 2026” removed.');
    await expectFocused(page.getByRole('heading', { level: 2, name: 'Input recorded' }), 'the inputs’ heading');
    await expectNoAxeViolations(page, "a stakeholder's page after removals");

    expect(errors).toEqual([]);
    expect(boardErrors).toEqual([]);
    await context.close();
    await boardContext.close();
  });

  it('a stakeholder whose input a colleague recorded after the page loaded is not removed with it unseen: the dialog says how many inputs go, and a second confirm removes them', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const headers = { 'X-CSRF-Token': csrfToken };
    const name = `Eastside families ${Date.now()}`;
    const stakeholder = (await (
      await page.request.post(`${app.baseUrl}/api/plans/${planId}/stakeholders`, {
        headers,
        data: { name, kind: 'families', stance: 'neutral' },
      })
    ).json()) as { id: string };
    const record = (summary: string) =>
      page.request.post(`${app.baseUrl}/api/plans/${planId}/stakeholders/${stakeholder.id}/inputs`, {
        headers,
        data: { kind: 'meeting', heardOn: '2026-10-05', source: 'Family night', summary, shaped: [] },
      });
    expect((await record('Families want to know who leads each team.')).status()).toBe(201);
    const inputsOf = async () =>
      (
        (await (await page.request.get(`${app.baseUrl}/api/plans/${planId}/stakeholder-inputs`)).json()) as {
          inputs: { stakeholderId: string }[];
        }
      ).inputs.filter((input) => input.stakeholderId === stakeholder.id);

    await page.reload();
    await page.getByRole('link', { name: `What we heard from ${name} (1 recorded)` }).waitFor();
    // A colleague records what else was heard while this page still shows one input.
    expect((await record('Families ask for meetings after work hours.')).status()).toBe(201);

    await page.getByRole('button', { name: `Remove stakeholder: ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove this stakeholder?' });
    await dialog.getByText(`“${name}” will be removed from stakeholders for everyone, with its 1 input;`).waitFor();
    const confirm = dialog.getByRole('button', { name: 'Remove stakeholder' });
    await confirm.click();
    await dialog.getByRole('alert').filter({ hasText: 'so it was not removed' }).waitFor();
    await dialog.getByText('with its 2 inputs;').waitFor();
    await expectFocused(confirm, 'the Remove stakeholder button of the dialog');
    await expectNoAxeViolations(page, 'the remove dialog after an input of the stakeholder was recorded');
    expect(await inputsOf()).toHaveLength(2);

    await confirm.click();
    await page.getByRole('group', { name }).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: new RegExp(`^What we heard from ${name}`) }).waitFor({ state: 'detached' });
    const rows = (await (await page.request.get(`${app.baseUrl}/api/plans/${planId}/stakeholders`)).json()) as {
      rows: { id: string }[];
    };
    expect(rows.rows.map((row) => row.id)).not.toContain(stakeholder.id);
    expect(await inputsOf()).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
  it('a stakeholder whose inputs could not be loaded is not removed blind: the dialog says so, Cancel and Escape work, and Try again loads them', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const headers = { 'X-CSRF-Token': csrfToken };
    const name = `Northside teachers ${Date.now()}`;
    const stakeholder = (await (
      await page.request.post(`${app.baseUrl}/api/plans/${planId}/stakeholders`, {
        headers,
        data: { name, kind: 'teachers', stance: 'neutral' },
      })
    ).json()) as { id: string };
    const recorded = await page.request.post(
      `${app.baseUrl}/api/plans/${planId}/stakeholders/${stakeholder.id}/inputs`,
      {
        headers,
        data: {
          kind: 'survey_finding',
          heardOn: '2026-10-05',
          source: 'Staff survey',
          summary: 'More planning time.',
          shaped: [],
        },
      },
    );
    expect(recorded.status()).toBe(201);
    const inputsPath = `**/api/plans/${planId}/stakeholder-inputs`;
    await page.route(inputsPath, (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'about:blank', title: 'Unavailable', status: 503, detail: 'Try again soon.' }),
      }),
    );
    await page.reload();
    await page.getByRole('button', { name: `Remove stakeholder: ${name}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove this stakeholder?' });
    await dialog
      .getByRole('alert')
      .filter({ hasText: 'What was heard from them could not be loaded, so it cannot be removed yet.' })
      .waitFor();
    await expectFocused(dialog.getByRole('button', { name: 'Cancel' }), 'the Cancel button of the dialog');
    expect(await dialog.getByRole('button', { name: 'Remove stakeholder' }).getAttribute('aria-disabled')).toBe('true');
    await expectNoAxeViolations(page, 'the remove dialog when the inputs could not be loaded');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    const rows = (await (await page.request.get(`${app.baseUrl}/api/plans/${planId}/stakeholders`)).json()) as {
      rows: { id: string }[];
    };
    expect(rows.rows.map((row) => row.id)).toContain(stakeholder.id);

    await page.unroute(inputsPath);
    await page.getByRole('button', { name: `Remove stakeholder: ${name}` }).click();
    await dialog.getByRole('button', { name: 'Try again' }).click();
    await dialog.getByText(`“${name}” will be removed from stakeholders for everyone, with its 1 input;`).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(errors.filter((error) => !/status of 503/.test(error))).toEqual([]);
    await context.close();
  });

  it("a new input is heard on the district's today, not the device's: American Samoa's, read from Kiribati, a day or two apart", async () => {
    // 25 hours apart: whatever the hour, the two calendars never show the same day.
    const context = await browser.newContext({ timezoneId: 'Pacific/Kiritimati' });
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const settingsUrl = `${app.baseUrl}/api/district/settings`;
    const setZone = async (timeZone: string) => {
      const { version } = (await (await page.request.get(settingsUrl)).json()) as { version: number };
      const put = await page.request.put(settingsUrl, {
        headers: { 'X-CSRF-Token': csrfToken },
        data: { timeZone, version },
      });
      expect(put.status()).toBe(200);
    };
    await setZone('Pacific/Pago_Pago');
    try {
      await openPlan(page);
      const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
      const name = `Eastside families ${Date.now()}`;
      const added = await page.request.post(`${app.baseUrl}/api/plans/${planId}/stakeholders`, {
        headers: { 'X-CSRF-Token': csrfToken },
        data: { name, kind: 'families', stance: 'neutral' },
      });
      expect(added.status()).toBe(201);
      await page.reload();
      await page.getByRole('link', { name: new RegExp(`^What we heard from ${name}`) }).click();

      const heardOn = page.getByRole('form', { name: 'Record what we heard' }).getByLabel(/^Heard on/);
      await heardOn.waitFor();
      const today = todayIso('Pacific/Pago_Pago');
      expect(await page.evaluate(() => new Date().toLocaleDateString('en-CA'))).not.toBe(today);
      expect([await heardOn.inputValue(), await heardOn.getAttribute('max')]).toEqual([today, today]);
      await expectNoAxeViolations(page, "a stakeholder's page in the district's day");
      expect(errors).toEqual([]);
    } finally {
      await setZone('America/Chicago');
      await context.close();
    }
  });
});
