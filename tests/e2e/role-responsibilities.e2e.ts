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

describe("a role's responsibilities", () => {
  it('refused by the server, mark the rows named with why, read with their inputs, and take focus to the first', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const title = 'Data lead';
    const made = await page.request.post(`${app.baseUrl}/api/plans/${planId}/roles`, {
      headers: { 'X-CSRF-Token': csrfToken },
      data: {
        title,
        responsibilities: [
          { text: 'Lead the data team', domains: [5] },
          { text: 'Coach teachers on assessments', domains: [] },
        ],
      },
    });
    expect(made.status()).toBe(201);
    const { id } = (await made.json()) as { id: string };

    // What another tab, or an older copy of the page, would send: the first text emptied, and the second's
    // domains naming one twice. The server refuses both with their paths.
    await page.route(`**/api/plans/${planId}/roles/${id}`, async (route) => {
      const request = route.request();
      if (request.method() !== 'PATCH') return route.continue();
      const body = request.postDataJSON() as { responsibilities?: { text: string; domains: number[] }[] };
      if (body.responsibilities) {
        body.responsibilities[0]!.text = '';
        body.responsibilities[1]!.domains = [2, 2];
      }
      return route.continue({ postData: JSON.stringify(body) });
    });

    await page.goto(`${app.baseUrl}/plans/${planId}/roles/${id}`);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const secondDomains = page.getByRole('group', {
      name: 'Teacher Leader Model Standards domains of responsibility 2',
    });
    await secondDomains.getByRole('checkbox', { name: /^2\. Accessing/ }).check();

    const firstText = page.getByRole('textbox', { name: 'Responsibility 1', exact: true });
    await expectFocused(firstText, 'the text of the first refused responsibility');
    expect(await firstText.getAttribute('aria-invalid')).toBe('true');
    const described = async (id: string | null) =>
      (await page.locator(`[id="${id ?? ''}"]`).textContent())?.replace(/\s+/g, ' ') ?? '';
    const firstIds = ((await firstText.getAttribute('aria-describedby')) ?? '').split(' ');
    expect(await described(firstIds[0] ?? null)).toContain('Responsibility 1 must not be empty');
    expect(await described(await secondDomains.getAttribute('aria-describedby'))).toContain(
      'The domains of responsibility 2 must not list the same domain twice',
    );
    for (const box of await secondDomains.getByRole('checkbox').all()) {
      expect(await box.getAttribute('aria-invalid')).toBe('true');
    }
    await expectNoAxeViolations(page, 'the role with refused responsibilities');

    expect(errors).toEqual([]);
    await context.close();
  });
});
