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

const question = 'What priorities can be advanced through teacher leadership?';
const answerComments = new RegExp(`^(Comments|\\d+ open comments?) on the answer to: ${question}`);
const firstComment = 'Could we name the three schools?\nSee https://example.org/plan.';
const reply = 'Yes: Lakeview High, Northside and Riverbend.';

async function signedIn(context: BrowserContext, email: string): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(context);
  await signInAs(opened.page, app.baseUrl, email);
  return opened;
}

/** The unread count the bell in the app header shows. */
async function unreadCount(page: Page): Promise<number> {
  const bell = page.getByRole('link', { name: /^Notifications, \d+ unread$/ });
  await bell.waitFor();
  return Number(/(\d+) unread/.exec((await bell.getAttribute('aria-label')) ?? '')?.[1]);
}

/** The first stage's link in the stage navigation. */
const stageOneLink = (page: Page) =>
  page.getByRole('navigation', { name: 'Roadmap stages' }).getByRole('link', { name: /^Stage 1/ });

/** The comments of the first question's answer, opened. */
async function openAnswerComments(page: Page) {
  const toggle = page.getByRole('button', { name: answerComments });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const panel = page.getByRole('region', { name: `Comments on the answer to: ${question}`, exact: false });
  await panel.waitFor();
  return { toggle, panel };
}

describe('comments on a plan', () => {
  it('the admin mentions the principal on an answer; the principal is told and replies; resolve and reopen; a viewer reads', async () => {
    const [adminContext, principalContext, viewerContext] = await Promise.all([
      browser.newContext(),
      browser.newContext(),
      browser.newContext(),
    ]);
    const admin = await signedIn(adminContext, 'admin@lakeview.test');
    const principal = await signedIn(principalContext, 'principal@lakeview.test');
    const unreadBefore = await unreadCount(principal.page);
    await openPlan(admin.page);
    expect(await stageOneLink(admin.page).textContent()).not.toMatch(/open comment/);

    // The admin starts a thread on the first answer, mentioning the principal with the combobox.
    const { toggle, panel } = await openAnswerComments(admin.page);
    await panel.getByText('No comments yet.').waitFor();
    await panel.getByRole('textbox', { name: 'New comment' }).fill(firstComment);
    const mention = panel.getByRole('combobox', { name: 'Mention someone' });
    await mention.fill('Marc');
    await panel.getByRole('option', { name: /Marcus Ortega/ }).waitFor();
    await expectNoAxeViolations(admin.page, 'a stage page with an item’s comments and the mention list open');
    await mention.press('Enter');
    await panel.getByRole('list', { name: 'People mentioned' }).getByText('@Marcus Ortega').waitFor();
    expect(await panel.getByRole('textbox', { name: 'New comment' }).inputValue()).toMatch(/@Marcus Ortega $/);
    const toldStatus = panel.getByRole('status').filter({ hasText: 'Marcus Ortega will be told of this comment.' });
    await toldStatus.waitFor();
    await panel.getByRole('button', { name: 'Add comment' }).click();
    const thread = panel.getByRole('article');
    await thread.getByText('Could we name the three schools?').waitFor();
    // Sent, and the form empty again: nobody is still to be told of it.
    expect(await toldStatus.count()).toBe(0);
    // Ready for another comment: focus is back in the emptied box, not at the top of the page.
    await expectFocused(panel.getByRole('textbox', { name: 'New comment' }), 'the new comment box');
    // Line breaks kept, the address a link (without the sentence's full stop) that opens apart.
    const link = thread.getByRole('link', { name: /https:\/\/example\.org\/plan/ });
    expect(await link.getAttribute('href')).toBe('https://example.org/plan');
    expect(await link.getAttribute('rel')).toContain('noopener');
    await toggle.filter({ hasText: '1 open comment' }).waitFor();
    await stageOneLink(admin.page).filter({ hasText: '1 open comment' }).waitFor();
    await admin.page
      .getByRole('navigation', { name: 'Plan pages' })
      .getByRole('link', { name: 'Comments 1 open' })
      .waitFor();
    await expectNoAxeViolations(admin.page, 'a stage page with a thread');
    // With a second item's comments open too, each comment box is a form of its own name (axe: landmark-unique).
    const secondToggle = admin.page.getByRole('button', { name: /^Comments on the answer to: Does the proposed/ });
    await secondToggle.click();
    await admin.page.getByRole('form', { name: /^New comment on the answer to: Does the proposed/ }).waitFor();
    await expectNoAxeViolations(admin.page, 'a stage page with two items’ comments open');
    await secondToggle.click();

    // The admin corrects their own comment.
    await thread.getByRole('button', { name: /^Edit your comment/ }).click();
    const edit = thread.getByRole('textbox', { name: 'Your comment' });
    await edit.fill(`${firstComment}\n@Marcus Ortega, which ones?`);
    await thread.getByRole('button', { name: 'Save comment' }).click();
    await thread.getByText(/\(edited/).waitFor();
    await thread.getByText(/which ones\?/).waitFor();

    // The principal sees the unread notification, opens it and replies in the thread.
    await principal.page.reload();
    await principal.page.getByRole('link', { name: `Notifications, ${String(unreadBefore + 1)} unread` }).click();
    await principal.page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await expectNoAxeViolations(principal.page, 'the notifications page');
    const notice = principal.page.getByRole('link', {
      name: `Dana Whitfield mentioned you on “${question}`,
      exact: false,
    });
    await notice.click();
    await principal.page.getByRole('heading', { level: 1, name: 'Comments' }).waitFor();
    await principal.page.getByRole('heading', { level: 2, name: 'The thread you followed' }).waitFor();
    await principal.page.getByRole('link', { name: `Notifications, ${String(unreadBefore)} unread` }).waitFor();
    await expectNoAxeViolations(principal.page, 'the plan’s comments page at a followed thread');
    const followed = principal.page.getByRole('article').first();
    await followed.getByText('Could we name the three schools?').waitFor();
    await followed.getByRole('button', { name: /^Reply/ }).click();
    await followed.getByRole('textbox', { name: 'Reply' }).fill(reply);
    await followed.getByRole('button', { name: 'Send reply' }).click();
    await followed.getByText(reply).waitFor();
    // "Mentions me" keeps the thread; another stage has none.
    await principal.page.getByRole('checkbox', { name: 'Only threads that mention me' }).check();
    await principal.page.getByRole('heading', { level: 2, name: 'Open threads that mention you' }).waitFor();
    await principal.page.getByRole('article').getByText(reply).waitFor();
    await principal.page.getByRole('combobox', { name: 'Stage' }).selectOption('context');
    await principal.page.getByText('No open threads.').waitFor();

    // The open thread that mentions the principal waits for them on the plans list.
    await principal.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' }).click();
    const attention = principal.page.getByRole('region', { name: 'Needs your attention' });
    await attention.getByRole('link', { name: question, exact: false }).waitFor();
    await attention.getByText('Mentions you').waitFor();
    await expectNoAxeViolations(principal.page, 'the plans list with what needs attention');

    // The admin sees the reply, resolves the thread (the counts go), and reopens it (they come back).
    await admin.page.reload();
    const again = await openAnswerComments(admin.page);
    await again.panel.getByText(reply).waitFor();
    await again.panel.getByRole('button', { name: /^Resolve thread/ }).click();
    await again.panel.getByText(/^Resolved by Dana Whitfield/).waitFor();
    await expectFocused(again.panel.getByRole('button', { name: /^Reopen thread/ }), 'the thread’s Reopen button');
    await again.toggle.filter({ hasText: /^Comments/ }).waitFor();
    await stageOneLink(admin.page).filter({ hasNotText: 'open comment' }).waitFor();
    await again.panel.getByRole('button', { name: /^Reopen thread/ }).click();
    await again.toggle.filter({ hasText: '1 open comment' }).waitFor();
    await stageOneLink(admin.page).filter({ hasText: '1 open comment' }).waitFor();

    // The dashboard counts the open threads per stage.
    await admin.page.getByRole('navigation', { name: 'Plan pages' }).getByRole('link', { name: 'Dashboard' }).click();
    await admin.page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await admin.page.getByRole('region', { name: 'Needs your attention' }).waitFor();
    const openSummary = admin.page.getByRole('region', { name: 'Open comments' });
    await openSummary.getByRole('link', { name: /^1 open thread/ }).waitFor();
    await openSummary.getByText(/Design for impact: 1 open thread/).waitFor();
    await expectNoAxeViolations(admin.page, 'the dashboard with open comments');

    // On the plan's comments page, each thread leads to its item.
    await admin.page
      .getByRole('navigation', { name: 'Plan pages' })
      .getByRole('link', { name: /^Comments/ })
      .click();
    await admin.page.getByRole('heading', { level: 1, name: 'Comments' }).waitFor();
    await expectNoAxeViolations(admin.page, 'the plan’s comments page');
    await admin.page.getByRole('link', { name: question, exact: false }).click();
    await admin.page.getByRole('heading', { level: 1, name: /Stage 1: Design for impact/ }).waitFor();
    await admin.page.getByRole('region', { name: `Comments on the answer to: ${question}`, exact: false }).waitFor();
    // Focus is at the item the link was for, not at the top of the page: the next Tab is into its comments.
    await expectFocused(admin.page.getByRole('button', { name: answerComments }), 'the answer’s comments button');

    // A viewer reads the thread but cannot comment.
    const viewer = await signedIn(viewerContext, 'viewer@lakeview.test');
    await openPlan(viewer.page);
    const read = await openAnswerComments(viewer.page);
    await read.panel.getByText(reply).waitFor();
    await read.panel.getByText('Administrators and principals comment; you can read the comments.').waitFor();
    expect(await read.panel.getByRole('textbox').count()).toBe(0);
    expect(await read.panel.getByRole('button').count()).toBe(0);
    await expectNoAxeViolations(viewer.page, 'a stage page of a viewer with a thread');

    expect([...admin.errors, ...principal.errors, ...viewer.errors]).toEqual([]);
    await Promise.all([adminContext.close(), principalContext.close(), viewerContext.close()]);
  });
  it('typing @ and part of a name in the comment offers the people; Enter names and tells the one chosen', async () => {
    const [adminContext, principalContext] = await Promise.all([browser.newContext(), browser.newContext()]);
    const admin = await signedIn(adminContext, 'admin@lakeview.test');
    const principal = await signedIn(principalContext, 'principal@lakeview.test');
    const unreadBefore = await unreadCount(principal.page);
    await openPlan(admin.page);
    const { panel } = await openAnswerComments(admin.page);
    const text = panel.getByRole('textbox', { name: 'New comment' });
    await text.click();
    await text.pressSequentially('Over to @mar');
    const suggestions = panel.getByRole('listbox', { name: 'People to mention' }).first();
    await suggestions.getByRole('option', { name: /Marcus Ortega/ }).waitFor();
    expect(await text.getAttribute('aria-activedescendant')).toBe(
      await suggestions.getByRole('option', { name: /Marcus Ortega/ }).getAttribute('id'),
    );
    await panel
      .getByRole('status')
      .filter({ hasText: /matches|match:/ })
      .waitFor();
    await expectNoAxeViolations(admin.page, 'a comment with the people to mention offered as @ is typed');

    // Escape closes the list and leaves the text; typing on opens it again.
    await text.press('Escape');
    await suggestions.waitFor({ state: 'hidden' });
    expect(await text.inputValue()).toBe('Over to @mar');
    await text.press('Shift');
    expect(await suggestions.isHidden()).toBe(true);
    await text.pressSequentially('c');
    await suggestions.getByRole('option', { name: /Marcus Ortega/ }).waitFor();
    await text.press('Enter');
    await suggestions.waitFor({ state: 'hidden' });
    expect(await text.inputValue()).toBe('Over to @Marcus Ortega ');
    await panel.getByRole('status').filter({ hasText: 'Marcus Ortega will be told of this comment.' }).waitFor();
    await panel.getByRole('list', { name: 'People mentioned' }).getByText('@Marcus Ortega').waitFor();
    await text.pressSequentially('for the schools.');
    // An address with @ inside a word offers nobody.
    await text.pressSequentially(' Or write to board@lakeview');
    expect(await suggestions.isHidden()).toBe(true);
    await panel.getByRole('button', { name: 'Add comment' }).click();
    await panel.getByText('Over to @Marcus Ortega for the schools. Or write to board@lakeview').waitFor();
    expect(await panel.getByRole('status').filter({ hasText: 'will be told of this comment' }).count()).toBe(0);

    await principal.page.reload();
    await principal.page.getByRole('link', { name: `Notifications, ${String(unreadBefore + 1)} unread` }).waitFor();
    expect([...admin.errors, ...principal.errors]).toEqual([]);
    await Promise.all([adminContext.close(), principalContext.close()]);
  });

  it('removing a mention takes out the name the Mention someone field put in the text; focus goes to the next mention, or back to the field', async () => {
    const context = await browser.newContext();
    const admin = await signedIn(context, 'admin@lakeview.test');
    await openPlan(admin.page);
    const { panel } = await openAnswerComments(admin.page);
    const text = panel.getByRole('textbox', { name: 'New comment' });
    const mention = panel.getByRole('combobox', { name: 'Mention someone' });
    const chosen = panel.getByRole('list', { name: 'People mentioned' });
    const choose = async (typed: string, name: string) => {
      await mention.fill(typed);
      await panel.getByRole('option', { name: new RegExp(name) }).waitFor();
      await mention.press('Enter');
      await chosen.getByText(`@${name}`).waitFor();
    };
    await text.fill('Please look.');
    await choose('Alic', 'Alicia Brooks');
    await choose('Marc', 'Marcus Ortega');
    expect(await text.inputValue()).toBe('Please look. @Alicia Brooks @Marcus Ortega ');

    await chosen.getByRole('button', { name: 'Remove mention of Alicia Brooks' }).click();
    await expectFocused(
      chosen.getByRole('button', { name: 'Remove mention of Marcus Ortega' }),
      'the Remove button of the next person mentioned',
    );
    expect(await text.inputValue()).toBe('Please look. @Marcus Ortega ');
    await admin.page.keyboard.press('Enter');
    await expectFocused(mention, 'the Mention someone field, nobody being mentioned now');
    expect(await text.inputValue()).toBe('Please look.');
    await panel.getByRole('status').filter({ hasText: 'Marcus Ortega will not be told.' }).waitFor();

    // A name the writer changed since is theirs: it stays.
    await choose('Alic', 'Alicia Brooks');
    await text.fill('Please look. @Alicia Brooks, today.');
    await chosen.getByRole('button', { name: 'Remove mention of Alicia Brooks' }).click();
    await expectFocused(mention, 'the Mention someone field');
    expect(await text.inputValue()).toBe('Please look. @Alicia Brooks, today.');
    await expectNoAxeViolations(admin.page, 'a comment form after a mention is removed');
    expect(admin.errors).toEqual([]);
    await context.close();
  });

  it('the filters of the comments page answer the keyboard in place: arrow keys step through the stages, focus stays on the filter', async () => {
    const context = await browser.newContext();
    const admin = await signedIn(context, 'admin@lakeview.test');
    await openPlan(admin.page);
    await admin.page
      .getByRole('navigation', { name: 'Plan pages' })
      .getByRole('link', { name: /^Comments/ })
      .click();
    await admin.page.getByRole('heading', { level: 1, name: 'Comments' }).waitFor();
    const stage = admin.page.getByRole('combobox', { name: 'Stage' });
    await stage.focus();
    await admin.page.keyboard.press('ArrowDown');
    await admin.page.waitForURL(/[?&]stage=design\b/);
    await admin.page.getByRole('heading', { level: 2, name: /^Open threads/ }).waitFor();
    await expectFocused(stage, 'the Stage filter after ArrowDown');
    // A second step goes on from the first, as it would in any select.
    await admin.page.keyboard.press('ArrowDown');
    await admin.page.waitForURL(/[?&]stage=context\b/);
    await admin.page.getByText('No open threads.').waitFor();
    await expectFocused(stage, 'the Stage filter after a second ArrowDown');
    expect(await stage.inputValue()).toBe('context');

    const mentions = admin.page.getByRole('checkbox', { name: 'Only threads that mention me' });
    await mentions.focus();
    await admin.page.keyboard.press('Space');
    await admin.page.waitForURL(/[?&]mentions=me\b/);
    await expectFocused(mentions, 'the mentions filter after Space');
    expect(admin.errors).toEqual([]);
    await context.close();
  });

  it('a thread’s link to an item in a folded section unfolds the section and lands on the item’s comments', async () => {
    const context = await browser.newContext();
    const admin = await signedIn(context, 'admin@lakeview.test');
    await openPlan(admin.page);
    const toggle = admin.page.getByRole('button', { name: /^(Comments|\d+ open comments?) on the action: / }).first();
    const anchor = await toggle.evaluate((button) => button.parentElement?.id ?? '');
    await toggle.click();
    const text = 'Which schools start this action first?';
    const panel = admin.page.getByRole('region', { name: /^Comments on the action: / }).first();
    await panel.getByRole('textbox', { name: 'New comment' }).fill(text);
    await panel.getByRole('button', { name: 'Add comment' }).click();
    await panel.getByText(text).waitFor();
    await admin.page.getByRole('button', { name: 'Fold away High-impact actions' }).click();
    await admin.page.getByRole('button', { name: 'Show High-impact actions' }).waitFor();

    await admin.page
      .getByRole('navigation', { name: 'Plan pages' })
      .getByRole('link', { name: /^Comments/ })
      .click();
    await admin.page.getByRole('heading', { level: 1, name: 'Comments' }).waitFor();
    await admin.page.getByRole('article').filter({ hasText: text }).getByRole('link').first().click();
    await admin.page.getByRole('heading', { level: 1, name: /Stage 1: Design for impact/ }).waitFor();
    await expectFocused(admin.page.locator(`#${anchor} > button`), 'the action’s comments button');
    expect(
      await admin.page.getByRole('button', { name: 'Fold away High-impact actions' }).getAttribute('aria-expanded'),
    ).toBe('true');
    await admin.page
      .getByRole('region', { name: /^Comments on the action: / })
      .getByText(text)
      .waitFor();
    expect(admin.errors).toEqual([]);
    await context.close();
  });

  it('resolving a thread on the comments page goes on at the next open thread, and after the last at the list', async () => {
    const context = await browser.newContext();
    const admin = await signedIn(context, 'admin@lakeview.test');
    await openPlan(admin.page);
    const { panel } = await openAnswerComments(admin.page);
    for (const text of ['First of two to resolve.', 'Second of two to resolve.']) {
      await panel.getByRole('textbox', { name: 'New comment' }).fill(text);
      await panel.getByRole('button', { name: 'Add comment' }).click();
      await panel.getByText(text).waitFor();
    }

    await admin.page
      .getByRole('navigation', { name: 'Plan pages' })
      .getByRole('link', { name: /^Comments/ })
      .click();
    await admin.page.getByRole('heading', { level: 1, name: 'Comments' }).waitFor();
    const open = admin.page.getByRole('region', { name: /^Open threads/ });
    const threads = open.getByRole('article');
    await threads.first().waitFor();
    let count = await threads.count();
    expect(count).toBeGreaterThanOrEqual(2);
    while (count > 0) {
      const next = count > 1 ? threads.nth(1).getByRole('heading', { level: 3 }) : null;
      await threads
        .first()
        .getByRole('button', { name: /^Resolve thread/ })
        .click();
      if (next) await expectFocused(next, 'the next open thread’s heading');
      else await expectFocused(open.getByRole('heading', { level: 2 }), 'the open threads’ heading');
      await threads.nth(count - 1).waitFor({ state: 'detached' });
      count -= 1;
    }
    await open.getByText('No open threads.').waitFor();
    expect(admin.errors).toEqual([]);
    await context.close();
  });

  it('deleting a comment leaves focus on what is left: its thread, or the comments button when the thread went with it', async () => {
    const context = await browser.newContext();
    const admin = await signedIn(context, 'admin@lakeview.test');
    await openPlan(admin.page);
    const { toggle, panel } = await openAnswerComments(admin.page);
    const confirmDelete = async (thread: ReturnType<Page['getByRole']>) => {
      await thread
        .getByRole('button', { name: /^Delete your comment of/ })
        .first()
        .click();
      await admin.page.getByRole('dialog').getByRole('button', { name: 'Delete comment' }).click();
    };

    // A reply keeps the thread: focus goes to the thread's title, the Delete button having gone.
    await panel.getByRole('textbox', { name: 'New comment' }).fill('Kept by its reply.');
    await panel.getByRole('button', { name: 'Add comment' }).click();
    const kept = panel.getByRole('article').filter({ hasText: 'Kept by its reply.' });
    await kept.getByRole('button', { name: /^Reply/ }).click();
    await kept.getByRole('textbox', { name: 'Reply' }).fill('The reply that keeps it.');
    await kept.getByRole('button', { name: 'Send reply' }).click();
    await kept.getByText('The reply that keeps it.').waitFor();
    await confirmDelete(kept);
    const left = panel.getByRole('article').filter({ hasText: 'The reply that keeps it.' });
    await left.getByText('This comment was deleted.').waitFor();
    await expectFocused(left.getByText(/^Thread started by/), 'the title of the thread the comment was in');
    await admin.page.getByRole('status').filter({ hasText: 'Your comment was deleted.' }).waitFor();

    // A comment alone in its thread takes the thread with it: focus goes to the button of these comments.
    await panel.getByRole('textbox', { name: 'New comment' }).fill('Alone in its thread.');
    await panel.getByRole('button', { name: 'Add comment' }).click();
    const alone = panel.getByRole('article').filter({ hasText: 'Alone in its thread.' });
    await alone.waitFor();
    await confirmDelete(alone);
    await alone.waitFor({ state: 'detached' });
    await expectFocused(toggle, 'the button of the answer’s comments');
    expect(admin.errors).toEqual([]);
    await context.close();
  });

  it('Escape cancels a reply or an edit as Cancel does, closes only the list of people in a mention, and closes the comments back onto their button', async () => {
    const context = await browser.newContext();
    const admin = await signedIn(context, 'admin@lakeview.test');
    await openPlan(admin.page);
    const { toggle, panel } = await openAnswerComments(admin.page);
    await panel.getByRole('textbox', { name: 'New comment' }).fill('Escape keeps this one.');
    await panel.getByRole('button', { name: 'Add comment' }).click();
    await panel.getByRole('article').filter({ hasText: 'Escape keeps this one.' }).waitFor();
    // Newest first; found by its place, as its words leave its text while they are edited.
    const thread = panel.getByRole('article').first();
    await thread.getByText('Escape keeps this one.').waitFor();

    // A reply: Escape in the list of people closes the list only; the next one cancels the reply.
    await thread.getByRole('button', { name: /^Reply/ }).click();
    const replyBox = thread.getByRole('textbox', { name: 'Reply' });
    await replyBox.pressSequentially('Over to @mar');
    const suggestions = thread.getByRole('listbox', { name: 'People to mention' }).first();
    await suggestions.getByRole('option', { name: /Marcus Ortega/ }).waitFor();
    await replyBox.press('Escape');
    await suggestions.waitFor({ state: 'hidden' });
    expect(await replyBox.inputValue()).toBe('Over to @mar');
    await replyBox.press('Escape');
    await replyBox.waitFor({ state: 'detached' });
    await expectFocused(thread.getByRole('button', { name: /^Reply/ }), 'the Reply button');

    // An edit: Escape gives up the change, as Cancel does, and goes back to Edit.
    await thread.getByRole('button', { name: /^Edit your comment of/ }).click();
    const editBox = thread.getByRole('textbox', { name: 'Your comment' });
    await editBox.fill('Changed, then given up.');
    await editBox.press('Escape');
    await editBox.waitFor({ state: 'detached' });
    await thread.getByText('Escape keeps this one.').waitFor();
    await expectFocused(thread.getByRole('button', { name: /^Edit your comment of/ }), 'the Edit button');

    // A new comment being written is not lost to Escape; from anywhere else in them, the comments close.
    const newComment = panel.getByRole('textbox', { name: 'New comment' });
    await newComment.fill('Half a thought');
    await newComment.press('Escape');
    expect(await panel.isVisible()).toBe(true);
    // Nor from the button after it, focus having left the words.
    await panel.getByRole('button', { name: 'Add comment' }).focus();
    await admin.page.keyboard.press('Escape');
    expect(await panel.isVisible()).toBe(true);
    expect(await newComment.inputValue()).toBe('Half a thought');
    await newComment.fill('');
    await newComment.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await expectFocused(toggle, 'the button of the answer’s comments');

    // A dialog opened from the comments keeps Escape for itself.
    await toggle.click();
    await thread
      .getByRole('button', { name: /^Delete your comment of/ })
      .first()
      .click();
    const dialog = admin.page.getByRole('dialog', { name: 'Delete your comment?' });
    await dialog.waitFor();
    await admin.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await panel.isVisible()).toBe(true);
    expect(admin.errors).toEqual([]);
    await context.close();
  });

  it('a comment typed as the session ends is kept: the sign-in page says why, and after signing in the box holds the words', async () => {
    const context = await browser.newContext();
    const principal = await signedIn(context, 'principal2@lakeview.test');
    await openPlan(principal.page);
    const { panel } = await openAnswerComments(principal.page);
    const words = 'Could the coaches meet the principals monthly?\nThursdays suit us.';
    await panel.getByRole('textbox', { name: 'New comment' }).fill(words);

    await endSessionsOf(app, 'principal2@lakeview.test');
    await panel.getByRole('button', { name: 'Add comment' }).click();

    const page = principal.page;
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Your session ended. Sign in again to go on where you were.' })
      .waitFor();
    await expectNoAxeViolations(page, 'the sign-in page after the session ended');
    await page.getByLabel('Email address').fill('principal2@lakeview.test');
    await page.getByLabel('Password').fill('lakeview-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Back where they were, the comments open again with their words in the box.
    await page.getByRole('heading', { level: 1, name: /Stage 1: Design for impact/ }).waitFor();
    const box = page
      .getByRole('region', { name: `Comments on the answer to: ${question}`, exact: false })
      .getByRole('textbox', { name: 'New comment' });
    await box.waitFor();
    expect(await box.inputValue()).toBe(words);
    // Given back, the words are not saved yet: leaving asks first, and Stay keeps them.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' }).click();
    const leaving = page.getByRole('dialog', { name: 'Leave without saving?' });
    await leaving.getByText(/^Your changes to the new comment on .+ are not saved\.$/).waitFor();
    await leaving.getByRole('button', { name: 'Stay' }).click();
    await leaving.waitFor({ state: 'hidden' });
    expect(await box.inputValue()).toBe(words);
    const again = page.getByRole('region', { name: `Comments on the answer to: ${question}`, exact: false });
    await again.getByRole('button', { name: 'Add comment' }).click();
    await again.getByRole('article').filter({ hasText: 'Could the coaches meet the principals monthly?' }).waitFor();
    expect(await box.inputValue()).toBe('');

    // Sent, the words are not kept: a later visit's box is empty.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Stage 1: Design for impact/ }).waitFor();
    const { panel: reloaded } = await openAnswerComments(page);
    expect(await reloaded.getByRole('textbox', { name: 'New comment' }).inputValue()).toBe('');
    expect(principal.errors).toEqual([]);
    await context.close();
  });
  it('a reply kept as the session ends, its thread deleted meanwhile, is offered, and said to wait, until it is posted as a new comment', async () => {
    const context = await browser.newContext();
    const principal = await signedIn(context, 'principal@lakeview.test');
    const page = principal.page;
    await openPlan(page);
    const { toggle, panel } = await openAnswerComments(page);
    const started = 'Should the coaches observe each other?';
    await panel.getByRole('textbox', { name: 'New comment' }).fill(started);
    await panel.getByRole('button', { name: 'Add comment' }).click();
    const thread = panel.getByRole('article').filter({ hasText: started });
    await thread.getByRole('button', { name: /^Reply/ }).click();
    const words = 'Yes, twice a term, with a short debrief.';
    await thread.getByRole('textbox', { name: 'Reply' }).fill(words);
    await endSessionsOf(app, 'principal@lakeview.test');
    await thread.getByRole('button', { name: 'Send reply' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();

    // Meanwhile, from another browser, the thread is deleted (its only comment with it).
    const elsewhere = await browser.newContext();
    const other = await signedIn(elsewhere, 'principal@lakeview.test');
    await openPlan(other.page);
    const { panel: otherPanel } = await openAnswerComments(other.page);
    const gone = otherPanel.getByRole('article').filter({ hasText: started });
    await gone.getByRole('button', { name: /^Delete your comment of/ }).click();
    await other.page.getByRole('dialog').getByRole('button', { name: 'Delete comment' }).click();
    await gone.waitFor({ state: 'detached' });
    await elsewhere.close();

    await page.getByLabel('Email address').fill('principal@lakeview.test');
    await page.getByLabel('Password').fill('lakeview-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: /Stage 1: Design for impact/ }).waitFor();
    const withDraft = page.getByRole('button', {
      name: new RegExp(`^(Comments|\\d+ open comments?) \\(unsent draft\\) on the answer to: ${question}`),
    });
    await withDraft.click();
    // No thread to put the reply back in: its words are shown, to copy or post.
    await panel.getByText(/could not be put back where you left them/).waitFor();
    await panel.getByText(words, { exact: true }).waitFor();
    await expectNoAxeViolations(page, 'the comments showing a reply whose thread was deleted');
    // Not lost on the next visit: the button still says they wait, and the comments offer them again.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Stage 1: Design for impact/ }).waitFor();
    await withDraft.click();
    await panel.getByText(words, { exact: true }).waitFor();
    await panel.getByRole('button', { name: `Post as a new comment the words “${words}”` }).click();
    await panel.getByRole('article').filter({ hasText: words }).waitFor();
    await expectFocused(toggle, 'the comments’ button, the words posted');
    expect(await panel.getByText(/could not be put back where you left them/).count()).toBe(0);
    // Posted, they no longer wait: the next visit's button does not speak of a draft.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Stage 1: Design for impact/ }).waitFor();
    await toggle.waitFor();
    expect(await toggle.innerText()).not.toContain('draft');
    expect(principal.errors).toEqual([]);
    await context.close();
  });
  it('a reply kept as the session ends is said on the closed comments’ button, in words, until it is sent', async () => {
    const context = await browser.newContext();
    const principal = await signedIn(context, 'principal@lakeview.test');
    const page = principal.page;
    await openPlan(page);
    const { toggle, panel } = await openAnswerComments(page);
    const started = 'Which grades does the first cohort cover?';
    await panel.getByRole('textbox', { name: 'New comment' }).fill(started);
    await panel.getByRole('button', { name: 'Add comment' }).click();
    const thread = panel.getByRole('article').filter({ hasText: started });
    await thread.getByRole('button', { name: /^Reply/ }).click();
    const words = 'K-2 first, then 3-5 next year.';
    await thread.getByRole('textbox', { name: 'Reply' }).fill(words);

    await endSessionsOf(app, 'principal@lakeview.test');
    await thread.getByRole('button', { name: 'Send reply' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByLabel('Email address').fill('principal@lakeview.test');
    await page.getByLabel('Password').fill('lakeview-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: /Stage 1: Design for impact/ }).waitFor();

    // The comments are closed, as the person left them with a reply open in a thread: their button says it waits.
    const withDraft = page.getByRole('button', {
      name: new RegExp(`^(Comments|\\d+ open comments?) \\(unsent draft\\) on the answer to: ${question}`),
    });
    await withDraft.waitFor();
    expect(await withDraft.getAttribute('aria-expanded')).toBe('false');
    expect(await withDraft.innerText()).toContain('(unsent draft)');
    await expectNoAxeViolations(page, 'a stage page with a reply kept as the session ended');
    await withDraft.click();
    const box = panel.getByRole('article').filter({ hasText: started }).getByRole('textbox', { name: 'Reply' });
    expect(await box.inputValue()).toBe(words);
    // In its thread, the box says in words, read with it, that it holds a draft from the earlier visit.
    const described = await box.evaluate((element) =>
      (element.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    expect(described).toContain('Unsent draft, kept from your earlier visit');
    await panel.getByRole('article').filter({ hasText: started }).getByText('Unsent draft').waitFor();
    await panel.getByRole('article').filter({ hasText: started }).getByRole('button', { name: 'Send reply' }).click();
    await panel.getByRole('article').filter({ hasText: started }).getByText(words).waitFor();
    // Sent: the button no longer speaks of a draft.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Stage 1: Design for impact/ }).waitFor();
    await toggle.waitFor();
    expect(await toggle.innerText()).not.toContain('draft');
    expect(principal.errors).toEqual([]);
    await context.close();
  });
});
