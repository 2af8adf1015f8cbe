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

async function signedIn(context: BrowserContext, email: string): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(context);
  await signInAs(opened.page, app.baseUrl, email);
  return opened;
}

async function openReadiness(page: Page) {
  await openPlan(page);
  await page.getByRole('navigation', { name: 'Plan pages' }).getByRole('link', { name: 'Readiness' }).click();
  await page.getByRole('heading', { level: 1, name: 'Readiness self-assessment' }).waitFor();
}

const indicator = (page: Page) => page.getByRole('region', { name: 'Protected time to lead' });

describe('readiness self-assessment', () => {
  it('a principal rates their school; the admin turns the low rating into a stage-2 action, linked both ways', async () => {
    const [principalContext, adminContext] = await Promise.all([browser.newContext(), browser.newContext()]);

    // The principal rates the first school they lead: no district, no action button.
    const principal = await signedIn(principalContext, 'principal@lakeview.test');
    await openReadiness(principal.page);
    const scope = principal.page.getByRole('combobox', { name: 'Whose readiness' });
    expect(await scope.locator('option:checked').textContent()).toBe('Lakeview High School');
    const time = indicator(principal.page);
    await time.getByRole('radio', { name: '1: Not in place' }).check();
    await time.getByRole('textbox', { name: /Evidence/ }).fill('No common planning period this year.');
    await time.getByRole('button', { name: /Save rating/ }).click();
    await time.getByText('Saved: Protected time to lead, 1: Not in place.').waitFor();
    await time.getByText(/Rated by Marcus Ortega/).waitFor();
    expect(await time.getByRole('button', { name: /Make this a high-impact action/ }).count()).toBe(0);
    // The results table: the school's systems domain averages its one rating.
    const row = principal.page.getByRole('row', { name: /^Lakeview High School/ });
    expect(await row.getByRole('cell').allTextContents()).toEqual(['Not rated', 'Not rated', '1', '1']);
    await principal.page
      .getByRole('img', { name: /Bar chart of the average readiness rating of Lakeview High School/ })
      .waitFor();
    // A rating given by mistake is cleared: the radios empty, the results leave it out again.
    const clarity = principal.page.getByRole('region', { name: 'Clear roles' });
    await clarity.getByRole('radio', { name: '4: Fully in place' }).check();
    await clarity.getByRole('button', { name: /Save rating/ }).click();
    await clarity.getByText(/^Saved: Clear roles/).waitFor();
    expect(await row.getByRole('cell').allTextContents()).toContain('4');
    await clarity.getByRole('button', { name: /Clear rating/ }).press('Enter');
    const cleared = clarity.getByText("Cleared: Clear roles. The plan's history keeps the rating it had.");
    await cleared.waitFor();
    // The button went with the rating: focus is on what happened, not dropped to the page.
    await expectFocused(cleared, 'the cleared message');
    expect(await clarity.getByRole('radio', { name: '4: Fully in place' }).isChecked()).toBe(false);
    expect(await clarity.getByRole('button', { name: /Clear rating/ }).count()).toBe(0);
    expect(await row.getByRole('cell').allTextContents()).toEqual(['Not rated', 'Not rated', '1', '1']);
    // The district as a whole is the admin's to rate.
    await scope.selectOption({ label: 'The district' });
    await principal.page.getByText('District administrators rate the district as a whole.').waitFor();
    expect(await indicator(principal.page).getByRole('radio').count()).toBe(0);
    await expectNoAxeViolations(principal.page, 'the readiness page, as a principal');
    expect(principal.errors).toEqual([]);

    // The admin sees the school's rating and makes it an action.
    const admin = await signedIn(adminContext, 'admin@lakeview.test');
    await openReadiness(admin.page);
    await admin.page.getByRole('combobox', { name: 'Whose readiness' }).selectOption({ label: 'Lakeview High School' });
    const adminTime = indicator(admin.page);
    expect(await adminTime.getByRole('radio', { name: '1: Not in place' }).isChecked()).toBe(true);
    await expectNoAxeViolations(admin.page, 'the readiness page, as the admin');
    await adminTime.getByRole('button', { name: /^Make this a high-impact action/ }).press('Enter');
    const actionLink = adminTime.getByRole('link', { name: /^Strengthen readiness: Protected time to lead/ });
    await actionLink.waitFor();
    // The button gave way to the link: focus follows to it.
    await expectFocused(actionLink, 'the link to the new action');
    await actionLink.press('Enter');

    // On stage 2, the action names its indicator and links back to the assessment.
    await admin.page.getByRole('heading', { level: 1, name: /Stage 2: Know context/ }).waitFor();
    const back = admin.page.getByRole('link', {
      name: 'Protected time to lead (Lakeview High School, rated 1, Not in place)',
    });
    await back.waitFor();
    await admin.page
      .getByRole('group', { name: /^Strengthen readiness: Protected time to lead \(Lakeview High School/ })
      .waitFor();
    await back.click();
    await admin.page.getByRole('heading', { level: 1, name: 'Readiness self-assessment' }).waitFor();
    expect(admin.errors).toEqual([]);
    // Two people and two axe runs over a page of eleven forms: more than one person's usual share of time.
  }, 180_000);
  it('two people rate one indicator at once: the later one keeps what they chose, is told the other rating, and saves over it', async () => {
    const [principalContext, adminContext] = await Promise.all([browser.newContext(), browser.newContext()]);
    const [principal, admin] = await Promise.all([
      signedIn(principalContext, 'principal@lakeview.test'),
      signedIn(adminContext, 'admin@lakeview.test'),
    ]);
    await Promise.all([openReadiness(principal.page), openReadiness(admin.page)]);
    await admin.page.getByRole('combobox', { name: 'Whose readiness' }).selectOption({ label: 'Lakeview High School' });
    const vision = (page: Page) => page.getByRole('region', { name: 'A shared vision' });

    // The principal saves first; the admin's page still shows the indicator unrated.
    await vision(principal.page).getByRole('radio', { name: '3: Partly in place' }).check();
    await vision(principal.page)
      .getByRole('textbox', { name: /Evidence/ })
      .fill('Staff survey, October.');
    await vision(principal.page)
      .getByRole('button', { name: /Save rating/ })
      .click();
    await vision(principal.page)
      .getByText(/^Saved: A shared vision/)
      .waitFor();

    const mine = vision(admin.page);
    await mine.getByRole('radio', { name: '2: Getting started' }).check();
    await mine.getByRole('textbox', { name: /Evidence/ }).fill('Only two schools could name it.');
    await mine.getByRole('button', { name: /Save rating/ }).click();
    const alert = mine.getByRole('alert');
    // Their evidence ends its own sentence: no full stop is added after it.
    await alert
      .getByText(/it is now 3: Partly in place, with the evidence “Staff survey, October\.” Your rating and evidence/)
      .waitFor();
    await expectFocused(alert, 'the conflict message');
    // Once the rating is loaded again, what the admin chose is still in the form, not replaced by the other.
    await mine.getByText(/Rated by Marcus Ortega/).waitFor();
    expect(await mine.getByRole('radio', { name: '2: Getting started' }).isChecked()).toBe(true);
    expect(await mine.getByRole('textbox', { name: /Evidence/ }).inputValue()).toBe('Only two schools could name it.');

    // Saved again, knowingly: theirs is replaced, and the principal sees it on loading the page again.
    await mine.getByRole('button', { name: /Save rating/ }).click();
    await mine.getByText('Saved: A shared vision, 2: Getting started.').waitFor();
    await principal.page.reload();
    await vision(principal.page).getByRole('radio', { name: '2: Getting started', checked: true }).waitFor();
    expect(
      await vision(principal.page)
        .getByRole('textbox', { name: /Evidence/ })
        .inputValue(),
    ).toBe('Only two schools could name it.');
    expect(admin.errors).toEqual([]);
    expect(principal.errors).toEqual([]);
  }, 120_000);

  it('a rating chosen as the session ends is given back after signing in; saved, it meets a rating given meanwhile rather than replacing it unseen', async () => {
    const [principalContext, adminContext] = await Promise.all([browser.newContext(), browser.newContext()]);
    const principal = await signedIn(principalContext, 'principal@lakeview.test');
    await openReadiness(principal.page);
    const trust = (page: Page) => page.getByRole('region', { name: 'Trust and collaboration' });
    const evidence = 'Teachers asked for a say in who coaches them.';
    await trust(principal.page).getByRole('radio', { name: '2: Getting started' }).check();
    await trust(principal.page)
      .getByRole('textbox', { name: /Evidence/ })
      .fill(evidence);
    await endSessionsOf(app, 'principal@lakeview.test');
    await trust(principal.page)
      .getByRole('button', { name: /Save rating/ })
      .click();
    await principal.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();

    // Meanwhile the admin rates the same indicator of the school.
    const admin = await signedIn(adminContext, 'admin@lakeview.test');
    await openReadiness(admin.page);
    await admin.page.getByRole('combobox', { name: 'Whose readiness' }).selectOption({ label: 'Lakeview High School' });
    await trust(admin.page).getByRole('radio', { name: '3: Partly in place' }).check();
    await trust(admin.page)
      .getByRole('button', { name: /Save rating/ })
      .click();
    await trust(admin.page)
      .getByText(/^Saved: Trust and collaboration/)
      .waitFor();

    // Signed in again, the principal finds what they chose in the form, not saved: leaving would ask.
    await principal.page.getByLabel('Email address').fill('principal@lakeview.test');
    await principal.page.getByLabel('Password').fill('lakeview-demo');
    await principal.page.getByRole('button', { name: 'Sign in' }).click();
    await principal.page.getByRole('heading', { level: 1, name: 'Readiness self-assessment' }).waitFor();
    const mine = trust(principal.page);
    await mine.getByRole('radio', { name: '2: Getting started', checked: true }).waitFor();
    expect(await mine.getByRole('textbox', { name: /Evidence/ }).inputValue()).toBe(evidence);
    await principal.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' }).click();
    const leaving = principal.page.getByRole('dialog', { name: 'Leave without saving?' });
    await leaving.getByText(/^Your changes to the rating of Trust and collaboration for .+ are not saved\.$/).waitFor();
    await leaving.getByRole('button', { name: 'Stay' }).click();
    await leaving.waitFor({ state: 'hidden' });

    // Saved, it meets the admin's rating: the principal is told, keeps what they chose, and saves over it knowingly.
    await mine.getByRole('button', { name: /Save rating/ }).click();
    await mine
      .getByRole('alert')
      .getByText(/it is now 3: Partly in place/)
      .waitFor();
    expect(await mine.getByRole('radio', { name: '2: Getting started' }).isChecked()).toBe(true);
    await mine.getByRole('button', { name: /Save rating/ }).click();
    await mine.getByText('Saved: Trust and collaboration, 2: Getting started.').waitFor();
    expect(admin.errors).toEqual([]);
    expect(principal.errors).toEqual([]);
  }, 120_000);
});
