import type { Browser } from 'playwright-core';
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

describe('signing in', () => {
  it('an empty or malformed form names each field to mend, beside the field (the server checks it)', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);

    await page.goto(`${app.baseUrl}/sign-in`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Enter an email address, like name@district.org.').waitFor();
    expect(await page.getByText('Your session ended').count()).toBe(0);
    await page.getByText('Enter your password.').waitFor();
    expect(await page.getByLabel('Email address').evaluate((input) => input === document.activeElement)).toBe(true);
    await expect(page.getByLabel('Email address').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectNoAxeViolations(page, 'the sign-in page with field errors');

    await page.getByLabel('Email address').fill('admin@lakeview');
    await page.getByLabel('Password').fill('lakeview-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Enter your password.').waitFor({ state: 'detached' });
    await page.getByText('Enter an email address, like name@district.org.').waitFor();

    await page.getByLabel('Email address').fill('admin@lakeview.test');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/plans$/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a wrong password shows a clear error; the demo admin then signs in and sees Lakeview; sign-out returns to sign-in', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);

    await page.goto(`${app.baseUrl}/plans`);
    await page.waitForURL(/\/sign-in\?next=%2Fplans/);
    // The address changes as the page's code starts loading: the page is there once its heading is.
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await expectNoAxeViolations(page, 'the sign-in page');

    await page.getByLabel('Email').fill('admin@lakeview.test');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).press('Enter');
    // Signing in, the button is busy rather than disabled: it keeps focus, which never drops to the page.
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
    const alert = page.getByRole('alert').filter({ hasText: 'Email or password is incorrect.' });
    await alert.waitFor();
    await expectFocused(alert, 'the sign-in error');
    await expectNoAxeViolations(page, 'the sign-in page with an error');

    await page.getByLabel('Password').fill('lakeview-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/plans$/);
    await page.getByRole('banner').getByText('Lakeview School District').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();
    await expectNoAxeViolations(page, 'the plans page');

    await page.goto(`${app.baseUrl}/no-such-page`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await expectNoAxeViolations(page, 'the not-found page');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('signing out asks nothing more of the server once the session has ended: no 401 on the sign-in page', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    // Come back signed in, as on another day: the sign-in page's code is not loaded yet when signing out.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Stage 1: Design for impact/ }).waitFor();
    await page.getByRole('link', { name: /^Notifications, \d+ unread$/ }).waitFor();

    let ended = false;
    const afterEnd: string[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/api/auth/logout') ended = true;
      else if (ended && response.status() === 401) afterEnd.push(new URL(response.url()).pathname);
    });
    page.on('request', (request) => {
      if (ended && new URL(request.url()).pathname === '/api/notifications') afterEnd.push('/api/notifications');
    });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(ended).toBe(true);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/sign-in');
    // Signed out by their own hand: nothing says the session ended.
    expect(await page.getByText('Your session ended').count()).toBe(0);
    expect(afterEnd).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a signed-in page's first load asks who is signed in once: the app takes the answer index.html asked for", async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);

    const asked: string[] = [];
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    await page.reload();
    await page.getByRole('banner').getByText('Lakeview School District').waitFor();
    await page.getByRole('heading', { level: 1, name: /Stage 1: Design for impact/ }).waitFor();
    // Asked with the page, before any of its code; had the app's own request not matched that one, the browser
    // would have asked twice.
    expect(asked.filter((path) => path === '/api/auth/session')).toHaveLength(1);
    expect(asked.indexOf('/api/auth/session')).toBeLessThan(asked.findIndex((path) => path.startsWith('/assets/')));
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a signed-in page shows the district's name in its frame before it asks for the page's code", async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);

    await page.addInitScript(() => {
      new MutationObserver((_records, observer) => {
        if (document.querySelector('header')?.textContent?.includes('Lakeview School District')) {
          Object.assign(window, { districtShownAt: performance.now() });
          observer.disconnect();
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Stage 1: Design for impact/ }).waitFor();
    const { districtShownAt, pageCodeAskedAt } = await page.evaluate(() => {
      // The entry's own files are the ones index.html names; every other script is a page's or a layout's.
      const entryFiles = new Set(
        Array.from(
          document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>('script[src], link[rel=modulepreload]'),
          (element) => ('src' in element ? element.src : element.href),
        ),
      );
      const pageCode = performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.endsWith('.js') && !entryFiles.has(entry.name));
      return {
        districtShownAt: (window as unknown as { districtShownAt?: number }).districtShownAt,
        pageCodeAskedAt: Math.min(...pageCode.map((entry) => entry.startTime)),
      };
    });
    expect(districtShownAt).toBeDefined();
    expect(pageCodeAskedAt).toBeLessThan(Infinity);
    expect(districtShownAt).toBeLessThan(pageCodeAskedAt);
    expect(errors).toEqual([]);
    await context.close();
  });

  it.each([
    ['principal@lakeview.test', 'Lakeview School District'],
    ['viewer@lakeview.test', 'Lakeview School District'],
    ['admin@hillcrest.test', 'Hillcrest School District'],
  ])('%s signs in and sees %s', async (email, districtName) => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, email);
    await page.getByRole('banner').getByText(districtName).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('changing your password', () => {
  it('after five wrong current passwords the account page says how long to wait, and the right one waits too', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'principal2@lakeview.test');
    await page.goto(`${app.baseUrl}/account`);
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();

    const changePassword = async (currentPassword: string) => {
      await page.getByLabel('Current password').fill(currentPassword);
      await page.getByLabel('New password').fill('seven maple leaves in the autumn wind');
      const [answer] = await Promise.all([
        page.waitForResponse((res) => res.url().endsWith('/api/auth/password')),
        page.getByRole('button', { name: 'Change password' }).click(),
      ]);
      return answer.status();
    };
    for (let i = 0; i < 5; i += 1) expect(await changePassword(`not my password ${i}`)).toBe(400);
    await page.getByText('Current password is not your current password').waitFor();

    expect(await changePassword('lakeview-demo')).toBe(429);
    const alert = page
      .getByRole('alert')
      .filter({ hasText: 'Too many tries with a wrong current password. Try again in 15 minutes.' });
    await alert.waitFor();
    await expectFocused(alert, 'the error of too many tries');
    // The current password is not said to be wrong: it was not checked.
    await page.getByText('Current password is not your current password').waitFor({ state: 'detached' });
    await expectNoAxeViolations(page, 'the account page, told to wait');
    expect(errors).toEqual([]);
    await context.close();
  });
});
