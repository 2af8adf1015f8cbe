import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './support/server';
import { expectFocused, expectNoAxeViolations, launchBrowser, openPage, openPlan, signInAs } from './support/browser';

/**
 * An archived plan is the record of a year that is over: everyone reads it, no one changes it, and an
 * administrator makes it active again from any of its pages.
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

const q1 =
  'What priorities can be advanced through teacher leadership? Where and how could teacher leadership best advance this priority?';
const notice = (page: Page) => page.getByRole('region', { name: 'This plan is archived' });
/** The answer to the first question, as the notices name it (its question cut short). */
const notSavedAnswer =
  /^It was archived before your change to the answer to “What priorities can be advanced .*…” reached it, so that change was not saved\.$/;
const unsavedAnswer = /^Your text in the answer to “What priorities .*”, not saved$/;

/** Another administrator archives the plan from a session of their own, whose page and context are returned. */
async function archiveElsewhere(planId: string) {
  const other = await browser.newContext();
  const { page: otherPage } = await openPage(other);
  await signInAs(otherPage, app.baseUrl, 'admin@lakeview.test');
  const planUrl = `${app.baseUrl}/api/plans/${planId}`;
  const { csrfToken } = (await (await otherPage.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
    csrfToken: string;
  };
  const headers = { 'X-CSRF-Token': csrfToken };
  const { version } = (await (await otherPage.request.get(planUrl)).json()) as { version: number };
  const archived = await otherPage.request.patch(planUrl, { headers, data: { status: 'archived', version } });
  expect(archived.status()).toBe(200);
  return { other, otherPage, planUrl };
}

async function openStage1(email: string) {
  const context = await browser.newContext();
  const { page, errors } = await openPage(context);
  await signInAs(page, app.baseUrl, email);
  if (email.startsWith('principal')) await page.goto(`${app.baseUrl}/plans`);
  await openPlan(page);
  return { context, page, errors };
}

describe('an archived plan', () => {
  it('is read-only for everyone, says so on each page, and the admin makes it active again', async () => {
    const admin = await openStage1('admin@lakeview.test');
    await admin.page.getByRole('textbox', { name: q1 }).waitFor();

    const settings = admin.page
      .locator('details')
      .filter({ has: admin.page.getByText('Plan settings', { exact: true }) });
    await settings.getByText('Plan settings', { exact: true }).click();
    await settings.getByLabel('Status').selectOption({ label: 'Archived' });
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await notice(admin.page).waitFor();
    // The answer is shown as text, and the page's other editing controls are gone.
    await admin.page.getByRole('textbox', { name: q1 }).waitFor({ state: 'detached' });
    expect(await admin.page.getByRole('button', { name: /^Add / }).count()).toBe(0);
    // Only the plan's own status is left to change, in its settings.
    expect(await admin.page.getByLabel('Status').count()).toBe(1);
    await expectNoAxeViolations(admin.page, 'an archived plan’s stage page');

    await admin.page.getByRole('link', { name: 'Actions', exact: true }).click();
    await admin.page.getByRole('heading', { level: 1, name: 'High-impact actions' }).waitFor();
    await notice(admin.page).waitFor();
    expect(await admin.page.getByRole('combobox', { name: /Status of/ }).count()).toBe(0);

    // Nothing in it can be acted on, so its dashboard asks no one's attention.
    await admin.page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await admin.page.getByRole('heading', { level: 2, name: 'Progress' }).waitFor();
    await notice(admin.page).waitFor();
    expect(await admin.page.getByRole('heading', { name: 'Needs your attention' }).count()).toBe(0);
    await expectNoAxeViolations(admin.page, 'an archived plan’s dashboard');

    // A principal reads it too, with no way to comment, and is told who can make it active.
    const principal = await openStage1('principal@lakeview.test');
    await notice(principal.page).getByText('A district administrator can make it active again.').waitFor();
    await principal.page.getByRole('button', { name: `Comments on the answer to: ${q1}`, exact: false }).click();
    const comments = principal.page.getByRole('region', { name: `Comments on the answer to: ${q1}`, exact: false });
    await comments.getByText('The plan is archived: its comments can be read, not added to.').waitFor();
    expect(await comments.getByRole('form', { name: 'New comment' }).count()).toBe(0);
    expect(await principal.page.getByRole('button', { name: 'Make this plan active again' }).count()).toBe(0);

    const reactivate = admin.page.getByRole('button', { name: 'Make this plan active again' });
    await reactivate.click();
    const done = admin.page.getByRole('status').filter({ hasText: 'The plan is active again' });
    await expectFocused(done, 'the message that the plan is active again');
    await admin.page
      .getByRole('link', { name: /Design for impact/ })
      .first()
      .click();
    await admin.page.getByRole('textbox', { name: q1 }).waitFor();
    await admin.page.reload();
    await admin.page.getByRole('textbox', { name: q1 }).waitFor();
    expect(await notice(admin.page).count()).toBe(0);

    expect(admin.errors).toEqual([]);
    expect(principal.errors).toEqual([]);
    await admin.context.close();
    await principal.context.close();
  });

  it('turns read-only under an administrator whose plan is archived by someone else meanwhile, and says their change was not saved', async () => {
    const admin = await openStage1('admin@lakeview.test');
    const answer = admin.page.getByRole('textbox', { name: q1 });
    await answer.waitFor();
    const planId = /\/plans\/([^/]+)/.exec(admin.page.url())?.[1];
    expect(planId).toBeDefined();

    // Another administrator archives the plan from their own session.
    const { other, otherPage, planUrl } = await archiveElsewhere(planId!);

    // The first administrator, whose page still shows the plan as active, types an answer.
    await answer.fill('Written after the plan was archived.');
    await answer.blur();
    await notice(admin.page).getByText(notSavedAnswer).waitFor();
    await answer.waitFor({ state: 'detached' });
    await expectFocused(notice(admin.page), 'the archived plan’s notice');
    // The field went with the plan turning read-only: what was typed is in the notice, to copy.
    const unsaved = notice(admin.page).getByRole('textbox', { name: unsavedAnswer });
    expect(await unsaved.inputValue()).toBe('Written after the plan was archived.');
    await expectNoAxeViolations(admin.page, 'a plan archived while it was open');

    // A reload keeps it: the stored edit went (the server would refuse it again), but not its words.
    await admin.page.reload();
    await notice(admin.page).getByText(notSavedAnswer).waitFor();
    expect(await unsaved.inputValue()).toBe('Written after the plan was archived.');

    // Made active again from the notice: the text is still there to paste back, and the field is back.
    await notice(admin.page).getByRole('button', { name: 'Make this plan active again' }).click();
    await admin.page.getByText('The plan is active again: its pages can be changed.').waitFor();
    expect(await admin.page.getByRole('textbox', { name: unsavedAnswer }).inputValue()).toBe(
      'Written after the plan was archived.',
    );
    await answer.waitFor();
    expect(((await (await otherPage.request.get(planUrl)).json()) as { status: string }).status).toBe('active');
    // Pasted back (or not wanted): the person says they are done with it, and it goes.
    await admin.page.getByRole('button', { name: 'Done with this text' }).click();
    await admin.page.getByRole('textbox', { name: unsavedAnswer }).waitFor({ state: 'detached' });
    await admin.page.reload();
    await answer.waitFor();
    expect(await admin.page.getByRole('textbox', { name: unsavedAnswer }).count()).toBe(0);
    expect(admin.errors).toEqual([]);
    await admin.context.close();
    await other.close();
  });

  it('keeps the words of the add forms, sent or only typed, when the plan is archived under them, to copy from its notice', async () => {
    const admin = await openStage1('admin@lakeview.test');
    const addQuestion = admin.page.getByRole('form', { name: 'Add a question' });
    const addPriority = admin.page.getByRole('form', { name: 'Add a priority' });
    await addQuestion.getByRole('textbox', { name: /^Question/ }).fill('Who coaches the coaches?');
    // With a long unbroken address in it: the notice must still fit a phone's screen.
    const priority = `Coach the coaches: https://docs.example.org/${'CoachingCycles0123456789'.repeat(8)}`;
    await addPriority.getByRole('textbox', { name: /^Priority/ }).fill(priority);
    const planId = /\/plans\/([^/]+)/.exec(admin.page.url())![1]!;
    const { other } = await archiveElsewhere(planId);

    // The question is sent and refused; the priority was only typed. Both forms go as the plan turns read-only.
    await addQuestion.getByRole('button', { name: 'Add question' }).click();
    await addQuestion.waitFor({ state: 'detached' });
    await addPriority.waitFor({ state: 'detached' });
    const kept = [
      { label: 'Your text in the question you were adding, not saved', text: 'Who coaches the coaches?' },
      { label: 'Your text in the priority you were adding, not saved', text: priority },
    ];
    for (const { label, text } of kept) {
      expect(await notice(admin.page).getByRole('textbox', { name: label }).inputValue()).toBe(text);
    }
    await notice(admin.page)
      .getByText(
        'It was archived before your change to the question you were adding reached it, so that change was not saved.',
      )
      .waitFor();
    await expectNoAxeViolations(admin.page, 'an archived plan’s notice with the add forms’ words');
    await admin.page.setViewportSize({ width: 390, height: 844 });
    expect(await admin.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    await admin.page.setViewportSize({ width: 1280, height: 844 });
    await admin.page.reload();
    for (const { label, text } of kept) {
      expect(await notice(admin.page).getByRole('textbox', { name: label }).inputValue()).toBe(text);
    }

    // Active again, the words are there to paste back; done with, they go.
    await notice(admin.page).getByRole('button', { name: 'Make this plan active again' }).click();
    await admin.page.getByText('The plan is active again: its pages can be changed.').waitFor();
    for (const { label, text } of kept) {
      const change = admin.page
        .locator('.kept-change')
        .filter({ has: admin.page.getByRole('textbox', { name: label }) });
      expect(await change.getByRole('textbox').inputValue()).toBe(text);
      await change.getByRole('button', { name: 'Done with this text' }).click();
      await change.waitFor({ state: 'detached' });
    }
    await admin.page.reload();
    await addQuestion.waitFor();
    expect(await admin.page.locator('.kept-change').count()).toBe(0);
    expect(admin.errors).toEqual([]);
    await admin.context.close();
    await other.close();
  });
});
