import type { Browser, BrowserContext, Page } from 'playwright-core';
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

const q1 = 'Does the district have sufficiently rigorous systems to accurately identify top teachers?';
const q2 = /In what areas is collaboration already taking place\?/;

async function openStage2(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await openPage(context);
  await signInAs(page, app.baseUrl, 'admin@lakeview.test');
  await openPlan(page);
  await page
    .getByRole('navigation', { name: 'Roadmap stages' })
    .getByRole('link', { name: /Know context/ })
    .click();
  await page.waitForURL(/\/stages\/context$/);
  await page.getByRole('heading', { level: 1, name: /Know context/ }).waitFor();
  return { page, errors };
}

const saveStatus = (page: Page) =>
  page
    .getByRole('status')
    .filter({ hasText: /Saving|Saved|Offline|Conflict/ })
    .first();

describe('the roadmap worksheets', () => {
  it('the admin answers a stage-2 question, sees it saved, and finds it after a reload; every page passes axe', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await expectNoAxeViolations(page, 'the plans list');
    await openPlan(page);
    await expectNoAxeViolations(page, 'stage 1');

    await page
      .getByRole('navigation', { name: 'Roadmap stages' })
      .getByRole('link', { name: /Know context/ })
      .click();
    await page.getByRole('heading', { level: 1, name: /Know context/ }).waitFor();
    const answer = page.getByRole('textbox', { name: q1 });
    await answer.fill('Our evaluation system rates teachers on four observations and student growth.');
    await saveStatus(page).filter({ hasText: 'Saved' }).waitFor();
    await page.locator('.field-save-state').filter({ hasText: 'Saved' }).waitFor();
    // A save is announced once, by the page's save bar, not by the field's own state beside it as well.
    const announcingSaved = await page.evaluate(() => {
      const spoken = (node: Node): string =>
        node instanceof Element
          ? node.getAttribute('aria-hidden') === 'true'
            ? ''
            : Array.from(node.childNodes).map(spoken).join('')
          : (node.textContent ?? '');
      return Array.from(document.querySelectorAll('[aria-live], [role="status"], [role="alert"]'))
        .map(spoken)
        .filter((text) => text.includes('Saved'));
    });
    expect(announcingSaved).toEqual([expect.stringMatching(/^Saved at /)]);
    await expectNoAxeViolations(page, 'stage 2 after saving');

    await page.reload();
    await page.getByRole('textbox', { name: q1 }).waitFor();
    expect(await page.getByRole('textbox', { name: q1 }).inputValue()).toBe(
      'Our evaluation system rates teachers on four observations and student growth.',
    );
    for (const stage of ['Define measures', 'Build strategically']) {
      await page
        .getByRole('navigation', { name: 'Roadmap stages' })
        .getByRole('link', { name: new RegExp(stage) })
        .click();
      await page.getByRole('heading', { level: 1, name: new RegExp(stage) }).waitFor();
      await expectNoAxeViolations(page, stage);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('when two people edit one answer, the second sees the conflict with both versions and loses nothing', async () => {
    // B on a 320 px screen, where the two versions must stack rather than widen the page (WCAG 1.4.10).
    const [contextA, contextB] = await Promise.all([
      browser.newContext(),
      browser.newContext({ viewport: { width: 320, height: 640 } }),
    ]);
    const a = await openStage2(contextA);
    const b = await openStage2(contextB);

    await a.page.getByRole('textbox', { name: q2 }).fill('Grade-level PLCs at Northside meet weekly.');
    await saveStatus(a.page).filter({ hasText: 'Saved' }).waitFor();

    // B still holds the version from before A's save.
    await b.page.getByRole('textbox', { name: q2 }).fill('The union and district co-chair a design committee.');
    await saveStatus(b.page).filter({ hasText: 'Conflict' }).waitFor();
    await b.page.getByText('Grade-level PLCs at Northside meet weekly.').first().waitFor();
    expect(await b.page.getByRole('textbox', { name: q2 }).inputValue()).toBe(
      'The union and district co-chair a design committee.',
    );
    expect(
      await b.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBe(0);
    // Focus is on the conflict's heading, in view below the save bar, which the conflict's state makes four
    // lines tall on this screen (WCAG 2.4.7; 2.4.11 in 2.2).
    await expectFocused(b.page.getByRole('heading', { name: /^Conflict: / }), 'the conflict’s heading');
    const { headingTop, barBottom } = await b.page.evaluate(() => ({
      headingTop: document.activeElement!.getBoundingClientRect().top,
      barBottom: document.querySelector('.save-bar')!.getBoundingClientRect().bottom,
    }));
    expect(headingTop).toBeGreaterThanOrEqual(barBottom);
    // What gets focus next is scrolled clear of the grown bar too, not only of the one line it usually takes.
    const merge = b.page.getByRole('button', { name: 'Merge' });
    await merge.evaluate((button: HTMLElement) => {
      window.scrollBy(0, button.getBoundingClientRect().top - 80);
      button.focus();
    });
    const mergeTop = await merge.evaluate((button) => button.getBoundingClientRect().top);
    expect(mergeTop).toBeGreaterThanOrEqual(barBottom);
    await expectNoAxeViolations(b.page, 'stage 2 with a conflict');

    await b.page.getByRole('button', { name: 'Merge' }).click();
    const merged = await b.page.getByRole('textbox', { name: q2 }).inputValue();
    expect(merged).toContain('The union and district co-chair a design committee.');
    expect(merged).toContain('Grade-level PLCs at Northside meet weekly.');
    await b.page.getByRole('textbox', { name: q2 }).blur();
    await saveStatus(b.page).filter({ hasText: 'Saved' }).waitFor();

    await a.page.reload();
    await a.page.getByRole('textbox', { name: q2 }).waitFor();
    expect(await a.page.getByRole('textbox', { name: q2 }).inputValue()).toBe(merged);
    expect([...a.errors, ...b.errors]).toEqual([]);
    await Promise.all([contextA.close(), contextB.close()]);
  });

  it('a conflict that comes back while the person types in another answer leaves focus and typing there, and is announced', async () => {
    const [contextA, contextB] = await Promise.all([browser.newContext(), browser.newContext()]);
    const a = await openStage2(contextA);
    const b = await openStage2(contextB);
    await a.page.getByRole('textbox', { name: q2 }).fill('Coaching cycles run in every building.');
    await saveStatus(a.page).filter({ hasText: 'Saved' }).waitFor();

    // B types in the second answer (older than A's), then goes on to the first: leaving sends it, and the
    // conflict comes back while B is typing there.
    await b.page.getByRole('textbox', { name: q2 }).fill('Teachers visit each other’s classes monthly.');
    const first = b.page.getByRole('textbox', { name: q1 });
    await first.click();
    await b.page.keyboard.press('Control+End');
    const before = await first.inputValue();
    await b.page.keyboard.type(' Typed while the answer above was sent,', { delay: 20 });
    await b.page.getByRole('group', { name: /^Conflict: / }).waitFor();
    await b.page.keyboard.type(' and on after it came back.', { delay: 20 });
    await expectFocused(first, 'the answer B was typing in');
    expect(await first.inputValue()).toBe(
      `${before} Typed while the answer above was sent, and on after it came back.`,
    );
    // Told without being moved there: the conflict is read out from a live region that was there before,
    // naming the question whose answer it is, as B is at another.
    await b.page
      .locator('[aria-live="assertive"]')
      .filter({ hasText: /^Conflict: .+ changed the answer to “In what areas is collaboration already taking place\?/ })
      .waitFor();
    // Nothing lost of the conflicted answer either.
    expect(await b.page.getByRole('textbox', { name: q2 }).inputValue()).toBe(
      'Teachers visit each other’s classes monthly.',
    );
    await expectNoAxeViolations(b.page, 'stage 2 with a conflict announced');
    expect([...a.errors, ...b.errors]).toEqual([]);
    await Promise.all([contextA.close(), contextB.close()]);
  });

  it('an edit made offline is kept in the browser and sent when the page is opened again online', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openStage2(context);
    await goOffline(context, page);
    await page.getByRole('textbox', { name: q1 }).fill('Written on the train, without a connection.');
    await saveStatus(page).filter({ hasText: 'Offline' }).waitFor();
    const url = page.url();
    await page.close();

    await context.setOffline(false);
    const again = await openPage(context);
    await again.page.goto(url);
    // Sent as the session starts, whether or not the page shows the field yet; the field then shows it.
    await again.page.waitForFunction(
      (text) => Array.from(document.querySelectorAll('textarea')).some((field) => field.value === text),
      'Written on the train, without a connection.',
    );
    await saveStatus(again.page).filter({ hasText: 'Saved' }).waitFor();

    // The server has it: a fresh session of another browser reads it.
    const other = await browser.newContext();
    const reader = await openStage2(other);
    expect(await reader.page.getByRole('textbox', { name: q1 }).inputValue()).toBe(
      'Written on the train, without a connection.',
    );
    expect([...errors, ...again.errors, ...reader.errors]).toEqual([]);
    await Promise.all([context.close(), other.close()]);
  });
});
