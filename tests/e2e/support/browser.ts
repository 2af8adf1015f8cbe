import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Request } from 'playwright-core';

/** Debian's Chromium; downloading a browser is not possible on our machines. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A page that records console errors and uncaught exceptions, so a test can fail on them.
 * The browser logs every 4xx answer as "Failed to load resource"; those are answers the app
 * expects and handles (401 before sign-in, 409 on a conflict), so they are not counted.
 */
export async function openPage(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return;
    const { url } = message.location();
    errors.push(url ? `${message.text()} (${url})` : message.text());
  });
  page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
  trackRequestsInFlight(page);
  return { page, errors };
}

const requestsInFlight = new WeakMap<Page, Set<Request>>();

function trackRequestsInFlight(page: Page): void {
  const inFlight = new Set<Request>();
  requestsInFlight.set(page, inFlight);
  page.on('request', (request) => inFlight.add(request));
  page.on('requestfinished', (request) => inFlight.delete(request));
  page.on('requestfailed', (request) => inFlight.delete(request));
}

/**
 * Takes the browser offline once the pages have had no request in flight for half a second, and waits until
 * each page sees itself offline (navigator.onLine). A request still loading as the connection goes fails with
 * ERR_INTERNET_DISCONNECTED in the console: the page's own loading, not what the test is about.
 */
export async function goOffline(context: BrowserContext, ...pages: Page[]): Promise<void> {
  const giveUpAt = Date.now() + 30_000;
  let quietSince = Date.now();
  for (;;) {
    const loading = pages.flatMap((page) => [...(requestsInFlight.get(page) ?? [])]);
    if (loading.length > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= 500) break;
    if (Date.now() > giveUpAt) throw new Error(`Still loading after 30 s: ${loading.map((r) => r.url()).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await context.setOffline(true);
  for (const page of pages) await page.waitForFunction(() => !navigator.onLine);
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is now; throws listing each violation.
 * The name-matches-label rule (WCAG 2.5.3) is experimental in axe, so off unless asked for.
 */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  if (results.violations.length > 0) {
    const lines = results.violations.map(
      (v) =>
        `- ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join('\n    ')}`,
    );
    throw new Error(`axe found ${results.violations.length} violation(s) on ${where}:\n${lines.join('\n')}`);
  }
}

export async function signInAs(page: Page, baseUrl: string, email: string, password = 'lakeview-demo'): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Principals with reviews waiting start at their inbox, everyone else at the plans.
  await page.waitForURL(/\/(plans|reviews)$/);
  await page.getByRole('heading', { level: 1, name: /^(Plans|Reviews waiting for you)$/ }).waitFor();
}

/** Opens a plan from the plans list and waits for its first stage's page, not only its address. */
export async function openPlan(page: Page, title = 'Teacher Leadership Plan'): Promise<void> {
  await page.getByRole('link', { name: title, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /Stage 1: Design for impact/ }).waitFor();
}

/** Waits for focus to be on the element (as after an action that moves it); throws naming where it is instead. */
export async function expectFocused(locator: Locator, what: string): Promise<void> {
  const element = await locator.elementHandle();
  try {
    await locator.page().waitForFunction((target) => target === document.activeElement, element, { timeout: 5_000 });
  } catch {
    const focused = await locator.page().evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? 'nothing');
    throw new Error(`Focus is not on ${what} but on ${focused}`);
  }
}
