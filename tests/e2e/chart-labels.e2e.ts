import type { Browser, Page } from 'playwright-core';
import { startApp, type RunningApp } from './support/server';
import { launchBrowser, openPage, openPlan, signInAs } from './support/browser';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/**
 * Where a line of the chart (the straight path, the readings, the baseline and target lines) runs through the
 * box of one of its labels: each line sampled every pixel of its length against each label's box.
 */
function labelsCrossed(page: Page): Promise<string[]> {
  return page.getByRole('img', { name: /^Line chart of/ }).evaluate((chart) => {
    const svg = chart.querySelector('svg')!;
    const lines = Array.from(svg.querySelectorAll<SVGGeometryElement>('path, line[stroke-dasharray]'));
    const labels = Array.from(svg.querySelectorAll<SVGTextElement>('text')).filter((text) =>
      /^(Baseline|Target) /.test(text.textContent ?? ''),
    );
    const crossed: string[] = [];
    for (const label of labels) {
      const box = label.getBBox();
      for (const line of lines) {
        const length = line.getTotalLength();
        for (let at = 0; at <= length; at += 1) {
          const { x, y } = line.getPointAtLength(at);
          if (x >= box.x && x <= box.x + box.width && y >= box.y - 1 && y <= box.y + box.height + 1) {
            crossed.push(`“${label.textContent ?? ''}” by the line ${line.outerHTML.slice(0, 80)} at (${x}, ${y})`);
            break;
          }
        }
      }
    }
    return labels.length === 0 ? ['no reference labels drawn'] : crossed;
  });
}

describe("a measure's chart", () => {
  it('keeps its baseline and target labels clear of every line at 320, 390 and 1280 px wide', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const headers = { 'X-CSRF-Token': csrfToken };
    // The path starts at the school year's first day, where the baseline's label began, and climbs steeply.
    const made = await page.request.post(`${app.baseUrl}/api/plans/${planId}/measures`, {
      headers,
      data: {
        name: 'Teachers coached each month',
        term: 'short',
        unit: '%',
        baseline: 20,
        baselineDate: '2026-07-01',
        target: 80,
        targetDate: '2027-06-01',
      },
    });
    expect(made.status()).toBe(201);
    const { id } = (await made.json()) as { id: string };
    const reading = await page.request.post(`${app.baseUrl}/api/plans/${planId}/measures/${id}/readings`, {
      headers,
      data: { date: '2026-08-01', value: 30 },
    });
    expect(reading.status()).toBe(201);

    for (const width of [320, 390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${app.baseUrl}/plans/${planId}/measures/${id}`);
      await page
        .getByRole('img', { name: /^Line chart of Teachers coached each month/ })
        .locator('svg')
        .waitFor();
      expect({ width, crossed: await labelsCrossed(page) }).toEqual({ width, crossed: [] });
      const scrolls = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      expect({ width, scrolls }).toEqual({ width, scrolls: false });
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
