import type { Browser, Locator, Page } from 'playwright-core';
import { startApp, type RunningApp } from './support/server';
import { expectNoAxeViolations, launchBrowser, openPage, openPlan, signInAs } from './support/browser';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

type Rgba = [number, number, number, number];

function parseColor(css: string): Rgba {
  const parts = /^rgba?\(([^)]+)\)$/
    .exec(css)?.[1]
    ?.split(/[\s,/]+/)
    .map(Number);
  if (!parts || parts.length < 3) throw new Error(`Not a colour: ${css}`);
  return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
}

/** WCAG's contrast ratio of a colour, laid over the (opaque) background, against that background. */
function contrast(css: string, backgroundCss: string): number {
  const background = parseColor(backgroundCss);
  const [r, g, b, alpha] = parseColor(css);
  const over = [r, g, b].map((channel, index) => channel * alpha + background[index]! * (1 - alpha));
  const luminance = (rgb: number[]) => {
    const [lr, lg, lb] = rgb.map((channel) => {
      const c = channel / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * lr! + 0.7152 * lg! + 0.0722 * lb!;
  };
  const [light, dark] = [luminance(over), luminance(background.slice(0, 3))].sort((a, b) => b - a);
  return (light! + 0.05) / (dark! + 0.05);
}

/** What the theme's system colours compute to on this page. */
function systemColors(page: Page): Promise<{ Canvas: string; Highlight: string }> {
  return page.evaluate(() => {
    const probe = document.createElement('span');
    document.body.append(probe);
    const colorOf = (keyword: string) => {
      probe.style.color = keyword;
      return getComputedStyle(probe).color;
    };
    const colors = { Canvas: colorOf('Canvas'), Highlight: colorOf('Highlight') };
    probe.remove();
    return colors;
  });
}

/** Each link's border on one side, the current one's first. */
async function borders(links: Locator, current: string, side: 'Top' | 'Bottom' | 'Left') {
  const all = await links.evaluateAll(
    (elements, [attribute, edge]) =>
      elements.map((element) => {
        const style = getComputedStyle(element);
        return {
          current: element.hasAttribute(attribute!),
          color: style.getPropertyValue(`border-${edge!.toLowerCase()}-color`),
          width: parseFloat(style.getPropertyValue(`border-${edge!.toLowerCase()}-width`)),
        };
      }),
    [current, side],
  );
  const currentOnes = all.filter((border) => border.current);
  expect(currentOnes).toHaveLength(1);
  return { current: currentOnes[0]!, others: all.filter((border) => !border.current) };
}

/** Every mark of a chart's drawing and legend: text by its fill, the rest by its stroke or else its fill. */
function chartMarks(chart: Locator) {
  return chart.evaluate((figure) =>
    Array.from(figure.querySelectorAll('svg text, svg line, svg path, svg circle, svg rect')).map((element) => {
      const style = getComputedStyle(element);
      const text = element.tagName === 'text';
      const mark = text || style.stroke === 'none' ? style.fill : style.stroke;
      return {
        what: `${element.tagName} ${element.textContent ?? ''}`.trim(),
        text,
        mark,
        halo: text ? style.stroke : 'none',
      };
    }),
  );
}

describe('forced colours (a dark high-contrast theme)', () => {
  it('marks only the current stage, page and section, shows no empty save box, and draws the charts in system colours', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    const planUrl = /^.*\/plans\/[0-9a-f-]{36}/.exec(page.url())![0];
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const api = planUrl.replace('/plans/', '/api/plans/');
    const headers = { 'X-CSRF-Token': csrfToken };
    const created = await page.request.post(`${api}/measures`, {
      headers,
      data: {
        name: 'Third graders reading on grade level',
        term: 'long',
        unit: '%',
        baseline: 48,
        baselineDate: '2025-09-01',
        target: 65,
        targetDate: '2028-06-01',
      },
    });
    expect(created.status()).toBe(201);
    const measureId = ((await created.json()) as { id: string }).id;
    for (const data of [
      { date: '2025-10-01', value: 49, note: '' },
      { date: '2026-01-15', value: 52, note: '' },
    ]) {
      expect((await page.request.post(`${api}/measures/${measureId}/readings`, { headers, data })).status()).toBe(201);
    }

    await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
    const { Canvas, Highlight } = await systemColors(page);
    expect(contrast(Highlight, Canvas)).toBeGreaterThan(3);

    // The stage page: the current stage alone has a thick Highlight top border; the current section alone a bar.
    await page.goto(`${planUrl}/stages/design`);
    await page.getByRole('heading', { level: 1, name: /Stage 1: Design for impact/ }).waitFor();
    const stages = await borders(
      page.getByRole('navigation', { name: 'Roadmap stages' }).getByRole('link'),
      'aria-current',
      'Top',
    );
    expect(stages.current.color).toBe(Highlight);
    for (const other of stages.others) {
      expect(other.color).not.toBe(Highlight);
      expect(other.width).toBeLessThan(stages.current.width);
    }
    const sections = await borders(
      page.getByRole('navigation', { name: 'Sections of this page' }).getByRole('link'),
      'aria-current',
      'Left',
    );
    expect(sections.current).toMatchObject({ color: Highlight, width: 3 });
    for (const other of sections.others) expect(other.color).toBe(Canvas);
    // Nothing saved yet: the save indicator is empty, and so is its box (no border to be seen).
    const saveIndicator = page.locator('.save-indicator');
    expect(await saveIndicator.textContent()).toBe('');
    const saveBorders = await saveIndicator.evaluate((element) => {
      const style = getComputedStyle(element);
      return ['top', 'right', 'bottom', 'left'].map((side) => ({
        color: style.getPropertyValue(`border-${side}-color`),
        visible: style.getPropertyValue(`border-${side}-style`) !== 'none',
      }));
    });
    for (const side of saveBorders) if (side.visible) expect(side.color).toBe(Canvas);

    // The plan's pages: the current one (its background gone) has a thicker Highlight border than the others.
    await page.goto(`${planUrl}/dashboard`);
    await page.getByRole('heading', { level: 1, name: /Dashboard/ }).waitFor();
    const planPages = await borders(
      page.getByRole('navigation', { name: 'Plan pages' }).getByRole('link'),
      'aria-current',
      'Top',
    );
    expect(planPages.current.color).toBe(Highlight);
    for (const other of planPages.others) {
      expect(other.color).not.toBe(Highlight);
      expect(other.width).toBeLessThan(planPages.current.width);
    }

    // The top navigation: an underline under the current page only.
    await page.goto(`${app.baseUrl}/people`);
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    const nav = await borders(page.locator('.app-nav__link'), 'aria-current', 'Bottom');
    expect(nav.current.color).toBe(Highlight);
    for (const other of nav.others) expect(other.color).toBe(Canvas);

    // The measure's chart: text 4.5:1 and lines 3:1 on Canvas; the labels' halos are Canvas, not white.
    await page.goto(`${planUrl}/measures/${measureId}`);
    const measureChart = page.getByRole('figure').filter({ has: page.getByRole('img', { name: /^Line chart/ }) });
    await measureChart.locator('svg text').first().waitFor();
    const lines = await chartMarks(measureChart);
    expect(lines.filter((mark) => mark.text).map((mark) => mark.what)).toEqual(
      expect.arrayContaining(['text Baseline 48%', 'text Target 65%']),
    );
    for (const mark of lines) {
      const ratio = contrast(mark.mark, Canvas);
      if (ratio < (mark.text ? 4.5 : 3))
        throw new Error(`${mark.what} is ${mark.mark}: ${ratio.toFixed(2)}:1 on ${Canvas}`);
      if (mark.halo !== 'none') expect(mark.halo).toBe(Canvas);
    }

    // The readiness chart: its bars and text likewise.
    await page.goto(`${planUrl}/readiness`);
    const readinessChart = page
      .getByRole('figure')
      .filter({ has: page.getByRole('img', { name: /^Bar chart/ }) })
      .first();
    await readinessChart.locator('svg rect').first().waitFor();
    for (const mark of await chartMarks(readinessChart)) {
      const ratio = contrast(mark.mark, Canvas);
      if (ratio < (mark.text ? 4.5 : 3))
        throw new Error(`${mark.what} is ${mark.mark}: ${ratio.toFixed(2)}:1 on ${Canvas}`);
    }
    // axe judges contrast by the page's own colours, so it runs with forced colours off.
    await page.emulateMedia({ forcedColors: 'none', colorScheme: 'light' });
    await expectNoAxeViolations(page, 'the readiness page');
    await page.goto(`${planUrl}/measures/${measureId}`);
    await measureChart.locator('svg text').first().waitFor();
    await expectNoAxeViolations(page, 'the measure page');
    expect(errors).toEqual([]);
    await context.close();
  });
});
