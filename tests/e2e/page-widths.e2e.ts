import type { APIResponse, Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './support/server';
import { expectNoAxeViolations, launchBrowser, openPage, openPlan, signInAs } from './support/browser';

let app: RunningApp;
let browser: Browser;

// Two widths of some twenty pages.
jest.setTimeout(300_000);

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** A web address of `length` characters with no place to break a line, as people paste them. */
const unbroken = (length: number, start = 'https://docs.example.org/spreadsheets/d/') =>
  `${start}${'1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789'.repeat(60)}`.slice(0, length);

/**
 * How far the page is wider than the window at each width, with where the widening starts (an element wider
 * than the window inside one that is not), so that a failure says where to look; none when it fits.
 */
async function overflowsOf(page: Page, where: string): Promise<string[]> {
  const found: string[] = [];
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 844 });
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const { overflow, starts } = await page.evaluate(() => {
      const wide = (e: Element) => e.getBoundingClientRect().right > window.innerWidth + 0.5;
      // Inside a region that scrolls sideways, wider is meant.
      const scrolled = (e: Element) => e.parentElement?.closest('.scroll-region');
      const name = (e: Element) => `${e.tagName.toLowerCase()}.${Array.from(e.classList).join('.')}`;
      return {
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        starts: [
          ...Array.from(document.querySelectorAll('body *'))
            .filter((e) => !scrolled(e) && wide(e) && e.parentElement && !wide(e.parentElement))
            .map(name),
          // Text that runs out of a box that is not wider itself.
          ...Array.from(document.querySelectorAll('body *'))
            .filter((e) => !scrolled(e) && !wide(e) && e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0)
            .filter((e) => getComputedStyle(e).overflowX === 'visible')
            .map((e) => `text of ${name(e)}`),
        ].slice(0, 6),
      };
    });
    if (overflow > 0) found.push(`${where} at ${width} px is ${overflow} px too wide, from ${starts.join(', ')}`);
    // A region that scrolls sideways is a stop in the tab order, to scroll by keyboard; one that fits is not.
    const stops = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.scroll-region'))
        .filter((e) => e.scrollWidth > e.clientWidth + 1 !== (e.getAttribute('tabindex') === '0'))
        .map(
          (e) =>
            `${e.getAttribute('aria-label')} (${e.scrollWidth > e.clientWidth + 1 ? 'scrolls, not' : 'fits, but'} a tab stop)`,
        ),
    );
    if (stops.length > 0) found.push(`${where} at ${width} px: ${stops.join(', ')}`);
  }
  return found;
}

describe('long unbroken words in what people wrote', () => {
  it('a web address in every kind of item wraps within its card, list or table: no page is wider than a phone or a desktop', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 844 } });
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const api = `${app.baseUrl}/api/plans/${planId}`;
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const headers = { 'X-CSRF-Token': csrfToken };
    const created = async <T = { id: string }>(response: Promise<APIResponse>): Promise<T> => {
      const res = await response;
      if (!res.ok()) throw new Error(`${res.url()} answered ${res.status()}: ${await res.text()}`);
      return (await res.json()) as T;
    };
    const post = (path: string, data: object) => created(page.request.post(`${api}${path}`, { headers, data }));

    // Stage 1: a priority, a stakeholder and what they said, an action (its owner a name, not a person).
    const priority = await post('/priorities', { title: unbroken(200), description: unbroken(600), rank: 1 });
    const stakeholder = await post('/stakeholders', { name: unbroken(200), kind: 'union', engagement: unbroken(600) });
    const input = await post(`/stakeholders/${stakeholder.id}/inputs`, {
      kind: 'meeting',
      heardOn: '2026-01-15',
      source: unbroken(300),
      summary: unbroken(1000),
    });
    await post('/actions', { stageKey: 'design', text: unbroken(300), ownerName: unbroken(200), notes: unbroken(600) });
    // Stage 2: a row of each of its tables.
    await post('/funding-sources', { name: unbroken(200), kind: 'new_grant', amountCents: 100_000_00 });
    await post('/data-systems', { name: unbroken(200), owner: unbroken(200), measures: unbroken(600) });
    await post('/expertise', { area: unbroken(500), source: 'external', contact: unbroken(500) });
    await post('/collaboration-areas', { area: unbroken(500), state: 'exists', notes: unbroken(600) });
    // Stage 3: a measure with a reading, and an action.
    const measure = await post('/measures', {
      name: unbroken(200),
      term: 'long',
      unit: '%',
      baseline: 48,
      baselineDate: '2025-09-01',
      target: 65,
      targetDate: '2028-06-01',
      dataSource: unbroken(500),
      owner: unbroken(200),
    });
    await post(`/measures/${measure.id}/readings`, { date: '2026-01-15', value: 52, note: unbroken(1000) });
    await post('/actions', {
      stageKey: 'measures',
      text: unbroken(1000, 'Post results at https://docs.google.com/spreadsheets/d/'),
      dueDate: '2026-01-01',
    });
    // Stage 4: an own question, a decision, a partner, a misstep that is happening.
    await post('/questions', { stageKey: 'build', text: unbroken(1000) });
    await post('/decisions', { feature: unbroken(500), level: 'school', rationale: unbroken(600) });
    await post('/partners', { name: unbroken(200), kind: 'external_organization', contact: unbroken(500) });
    await post('/missteps', { stageKey: 'build', text: unbroken(500), status: 'happening', note: unbroken(2000) });
    // A role serving the priority, the logic model, a readiness rating and a share link.
    const role = await post('/roles', {
      title: unbroken(200),
      purpose: unbroken(600),
      priorityIds: [priority.id],
      measureIds: [measure.id],
      responsibilities: [{ text: unbroken(1000), domains: [1] }],
      reportsTo: unbroken(200),
    });
    await post('/logic-model/entries', { section: 'input', text: unbroken(1000) });
    await post('/readiness/ratings', {
      schoolId: null,
      indicatorKey: 'roles.selection',
      rating: 2,
      evidence: unbroken(2000),
    });
    const link = await created<{ url: string }>(
      page.request.post(`${api}/share-links`, {
        headers,
        data: { label: unbroken(200), parts: ['dashboard', 'stages', 'readiness', 'missteps', 'measures', 'trace'] },
      }),
    );
    const shared = link.url.replace(/^https?:\/\/[^/]+/, app.baseUrl);

    // And the plan's own title.
    const { version } = (await (await page.request.get(api)).json()) as { version: number };
    await created(page.request.patch(api, { headers, data: { title: unbroken(200), version } }));

    const plan = `${app.baseUrl}/plans/${planId}`;
    const pages: [string, string][] = [
      ['stage 1', `${plan}/stages/design`],
      ['stage 2', `${plan}/stages/context`],
      ['stage 3', `${plan}/stages/measures`],
      ['stage 4', `${plan}/stages/build`],
      ['the dashboard', `${plan}/dashboard`],
      ['the measure page', `${plan}/measures/${measure.id}`],
      ['the roles', `${plan}/roles`],
      ['the role page', `${plan}/roles/${role.id}`],
      ['the budget', `${plan}/budget`],
      ['the actions', `${plan}/actions`],
      ['the history', `${plan}/history`],
      ['the logic model', `${plan}/logic-model`],
      ['the stakeholder page', `${plan}/stakeholders/${stakeholder.id}`],
      ['the input page', `${plan}/inputs/${input.id}`],
      ['the readiness page', `${plan}/readiness`],
      ['the plans', `${app.baseUrl}/plans`],
    ];
    const overflows: string[] = [];
    for (const [where, url] of pages) {
      await page.goto(url);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      await page.locator('.loading').waitFor({ state: 'detached' });
      overflows.push(...(await overflowsOf(page, where)));
    }

    const boardContext = await browser.newContext();
    const board = await openPage(boardContext);
    await board.page.goto(shared);
    await board.page.getByRole('heading', { level: 1 }).waitFor();
    await board.page.waitForLoadState('networkidle');
    overflows.push(...(await overflowsOf(board.page, 'the shared plan')));
    expect(overflows).toEqual([]);

    expect([...errors, ...board.errors]).toEqual([]);
    await Promise.all([context.close(), boardContext.close()]);
  });
});

describe('tables on a phone', () => {
  it('a table wider than the screen scrolls in its region under a caption that wraps within the screen and stays in view', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    // The demo's plan, whatever the test before named it.
    const { plans } = (await (await page.request.get(`${app.baseUrl}/api/plans`)).json()) as {
      plans: { id: string }[];
    };
    const planId = plans[0]!.id;
    const api = `${app.baseUrl}/api/plans/${planId}`;
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const headers = { 'X-CSRF-Token': csrfToken };
    const measure = await page.request.post(`${api}/measures`, {
      headers,
      data: { name: 'Third graders reading on grade level', term: 'long', unit: '%', baseline: 48, target: 65 },
    });
    const measureId = ((await measure.json()) as { id: string }).id;
    for (const [date, value] of [
      ['2026-01-15', 52],
      ['2026-03-15', 55],
    ] as const) {
      await page.request.post(`${api}/measures/${measureId}/readings`, {
        headers,
        data: { date, value, note: 'Winter screening at every school' },
      });
    }
    await page.request.post(`${api}/share-links`, { headers, data: { label: 'For the March board meeting' } });

    /** Where the caption is within the visible part of its table's region, before and after scrolling to its end. */
    const captionPlaces = (table: string) =>
      page.getByRole('table', { name: table }).evaluate(async (element) => {
        const region = element.closest('.scroll-region')!;
        const place = () => {
          const caption = element.querySelector('caption')!.getBoundingClientRect();
          const visible = region.getBoundingClientRect();
          // Within a pixel: the region scrolls by fractions of one.
          return { inside: caption.left > visible.left - 1 && caption.right < visible.right + 1 };
        };
        const before = place();
        region.scrollLeft = region.scrollWidth;
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        return { scrolls: region.scrollWidth > region.clientWidth, before, scrolled: place() };
      });
    const fits = { scrolls: true, before: { inside: true }, scrolled: { inside: true } };

    await page.goto(`${app.baseUrl}/plans/${planId}/measures/${measureId}`);
    expect(await captionPlaces('Readings of Third graders reading on grade level, oldest first')).toEqual(fits);
    await page.goto(`${app.baseUrl}/plans/${planId}/dashboard`);
    expect(await captionPlaces('Share links of this plan')).toEqual(fits);
    await expectNoAxeViolations(page, 'the dashboard at 390 px');

    expect(errors).toEqual([]);
    await context.close();
  });
});
