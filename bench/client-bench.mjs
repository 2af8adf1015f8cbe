// `npm run bench:client`: builds the app (skip with --no-build), serves it on a throwaway database of the
// local Postgres with the demo seeded, signs in as the demo administrator and runs Lighthouse 12.2.3
// (mobile defaults) in Debian's Chromium on the first pages and a plan's pages, three times each (the
// median run by performance is kept: scores on a shared machine are noisy). Prints the scores and sizes
// and writes them to bench/client-results.json.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import pg from 'pg';
import { firstPageSizes } from './client-size.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 3);
/** `BENCH_PAGES=stage,role` measures only those pages, and keeps client-results.json as it is. */
const onlyPages = process.env.BENCH_PAGES?.split(',').map((name) => name.trim());
const chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// --reports <folder>: also writes each page's median Lighthouse report there (JSON, for Lighthouse's viewer).
const reportsArg = process.argv.indexOf('--reports');
const reportsDir = reportsArg === -1 ? null : process.argv[reportsArg + 1];

if (!process.argv.includes('--no-build')) {
  const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', cwd: here('..') });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const sizes = firstPageSizes();
for (const [name, kib] of Object.entries(sizes)) console.log(`first-page-js ${name}: ${kib.toFixed(1)} KiB gzipped`);

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const serverUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = `planner_client_bench_${Date.now()}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`create database ${databaseName}`);
const databaseUrl = new URL(serverUrl);
databaseUrl.pathname = `/${databaseName}`;

const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [here('../server/dist/main.js')], {
  cwd: here('..'),
  env: {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: databaseUrl.toString(),
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    PUBLIC_URL: baseUrl,
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});

let chrome;
try {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The server exited with ${server.exitCode}`);
    const healthy = await fetch(`${baseUrl}/api/health`).then(
      (res) => res.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) throw new Error('The server did not become healthy within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'admin@lakeview.test', password: 'lakeview-demo' }),
  });
  if (!login.ok) throw new Error(`Signing in as the demo administrator answered ${login.status}`);
  const cookie = login.headers
    .getSetCookie()
    .map((value) => value.split(';')[0])
    .join('; ');
  const { csrfToken } = await login.json();
  const call = async (method, path, body) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
    return res.json();
  };
  const { plans } = await call('GET', '/api/plans');
  const plan = plans.find((p) => p.status !== 'archived') ?? plans[0];
  // The demo plan has no measure or role yet: one of each, so that their pages (a chart, a long form) are measured.
  const measure = await call('POST', `/api/plans/${plan.id}/measures`, {
    name: 'Third graders reading on grade level',
    term: 'long',
    unit: '%',
    baseline: 48,
    baselineDate: '2026-09-01',
    target: 65,
    targetDate: '2028-06-01',
    dataSource: 'State assessment',
    frequency: 'annually',
    owner: 'Assessment office',
  });
  // Readings record what has happened: dated in the last months.
  for (const [daysAgo, value] of [
    [90, 50],
    [60, 53],
    [30, 57],
  ]) {
    const date = new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    await call('POST', `/api/plans/${plan.id}/measures/${measure.id}/readings`, { date, value, note: '' });
  }
  const role = await call('POST', `/api/plans/${plan.id}/roles`, { title: 'Literacy coach', archetype: 'coach' });

  const pages = [
    { name: 'sign-in', path: '/sign-in', signedIn: false },
    { name: 'plans', path: '/plans', signedIn: true },
    { name: 'stage', path: `/plans/${plan.id}/stages/design`, signedIn: true },
    { name: 'dashboard', path: `/plans/${plan.id}/dashboard`, signedIn: true },
    { name: 'measure', path: `/plans/${plan.id}/measures/${measure.id}`, signedIn: true },
    { name: 'role', path: `/plans/${plan.id}/roles/${role.id}`, signedIn: true },
  ];

  chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
  const results = {};
  const loadAverages = [];
  for (const page of pages.filter((p) => !onlyPages || onlyPages.includes(p.name))) {
    const measured = [];
    for (let run = 0; run < runs; run += 1) {
      loadAverages.push(loadavg()[0]);
      const audit = () =>
        lighthouse(`${baseUrl}${page.path}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility', 'best-practices'],
          extraHeaders: page.signedIn ? { Cookie: cookie } : undefined,
        });
      let { lhr } = await audit();
      // A trace Chrome failed to record (NO_NAVSTART, after many runs in one browser): Lighthouse asks
      // to run again, once.
      if (lhr.runtimeError) ({ lhr } = await audit());
      if (lhr.runtimeError) throw new Error(`${page.name}: ${lhr.runtimeError.message}`);
      if (page.signedIn && new URL(lhr.finalDisplayedUrl).pathname.startsWith('/sign-in')) {
        throw new Error(`${page.name}: Lighthouse was not signed in (it landed on ${lhr.finalDisplayedUrl})`);
      }
      measured.push({ ...summary(lhr), lhr });
    }
    measured.sort((a, b) => a.performance - b.performance);
    const { lhr: medianReport, ...median } = measured[Math.floor(measured.length / 2)];
    if (reportsDir) {
      mkdirSync(reportsDir, { recursive: true });
      writeFileSync(path.join(reportsDir, `${page.name}.json`), JSON.stringify(medianReport));
    }
    results[page.name] = { path: page.path, ...median, performanceRuns: measured.map((m) => m.performance) };
    console.log(
      `${page.name.padEnd(10)} performance ${median.performance.toFixed(2)} (runs ${results[page.name].performanceRuns.join(', ')})` +
        ` accessibility ${median.accessibility.toFixed(2)} best-practices ${median.bestPractices.toFixed(2)}` +
        ` FCP ${median.fcpMs} ms LCP ${median.lcpMs} ms TBT ${median.tbtMs} ms CLS ${median.cls.toFixed(3)}` +
        ` JS ${median.jsTransferredKiB.toFixed(1)} KiB unused JS ${median.unusedJsKiB.toFixed(1)} KiB` +
        (median.failing.length > 0 ? ` failing ${median.failing.join(' ')}` : ''),
    );
  }
  const loadAverage = loadAverages.reduce((sum, value) => sum + value, 0) / loadAverages.length;
  console.log(`load average (1 min) during the runs: ${loadAverage.toFixed(2)}`);
  if (!onlyPages)
    writeFileSync(
      here('./client-results.json'),
      `${JSON.stringify(
        {
          measuredAt: new Date().toISOString(),
          lighthouse: '12.2.3',
          runsPerPage: runs,
          loadAverage: Number(loadAverage.toFixed(2)),
          firstPageJsKiB: Object.fromEntries(Object.entries(sizes).map(([k, v]) => [k, Number(v.toFixed(1))])),
          pages: results,
        },
        null,
        2,
      )}\n`,
    );
} finally {
  if (chrome) await chrome.kill();
  server.kill('SIGTERM');
  await new Promise((resolve) => (server.exitCode === null ? server.once('exit', resolve) : resolve()));
  await admin.query(`drop database if exists ${databaseName} with (force)`);
  await admin.end();
}

function summary(lhr) {
  const audit = (id) => lhr.audits[id];
  const scripts = (audit('network-requests').details?.items ?? []).filter((item) => item.resourceType === 'Script');
  return {
    performance: lhr.categories.performance.score,
    accessibility: lhr.categories.accessibility.score,
    bestPractices: lhr.categories['best-practices'].score,
    fcpMs: Math.round(audit('first-contentful-paint').numericValue),
    lcpMs: Math.round(audit('largest-contentful-paint').numericValue),
    tbtMs: Math.round(audit('total-blocking-time').numericValue),
    cls: audit('cumulative-layout-shift').numericValue,
    jsTransferredKiB: scripts.reduce((sum, item) => sum + (item.transferSize ?? 0), 0) / 1024,
    unusedJsKiB: (audit('unused-javascript').details?.overallSavingsBytes ?? 0) / 1024,
    // What keeps accessibility or best practices under 1, by audit id, to know what to fix.
    failing: ['accessibility', 'best-practices'].flatMap((category) =>
      lhr.categories[category].auditRefs
        .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
        .map((ref) => `${category}:${ref.id}`),
    ),
  };
}
