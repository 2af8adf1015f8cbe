import { spawn, type ChildProcess } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import pino from 'pino';
import { openDatabase, type Db } from '../server/src/db/knex';
import { migrateToLatest } from '../server/src/db/migrations';
import { createApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { benchPassword, seedLargeDistrict, type BenchDistrict } from './seed';

/**
 * `npm run bench`, the HTTP half: a large district on a real Postgres, the built server and the bare
 * baseline (Express 5 + pg) each in a process of its own, measured side by side from this process with
 * autocannon at 50 connections. Prints requests per second, p50 and p99, each route's ratio to its
 * baseline, database round trips per request and the server's peak memory; writes bench/results.json.
 */
const root = path.resolve(__dirname, '../..');
const connections = 50;
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
/** `BENCH_ONLY='plan load,plans list'` measures only the runs so named (with their baselines). */
const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
/**
 * Node's flags for both servers measured: the Docker image's (Dockerfile), so that the app is measured as it is
 * deployed and the bare stack runs with the same heap.
 */
const serverNodeFlags = ['--max-semi-space-size=32'];
/** `BENCH_PROFILE=<folder>`: the server writes a CPU profile there (`--cpu-prof`) when it stops. */
const profileDir = process.env.BENCH_PROFILE;

interface Measured {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /**
   * CPU used during the run, in percent of one core: by the server measured (its PDF threads included), by the
   * machine's Postgres processes (another database's work on it would count too) and by this process
   * (autocannon, both of them in the run beside the exports). What is near 100% holds the route.
   */
  cpu: { server: number; postgres: number; loadGenerator: number };
}

function startProcess(
  script: string,
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  nodeArgs: string[] = [],
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: 'pipe',
  });
  // Only the output's last few kilobytes are kept (for the error if it exits): the server logs every request,
  // and reading its whole log again for each line grew the cost of this process through a run, on the cores
  // the server shares with it.
  let output = '';
  let started = false;
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8192);
      if (!started && ready.test(output)) {
        started = true;
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}:\n${output}`)));
  });
}

/**
 * CPU time a process has used so far, in seconds (Linux: utime and stime of /proc/<pid>/stat, in 1/100 s);
 * with `children`, also that of its children that have ended (cutime and cstime).
 */
function cpuSecondsOf(pid: number | string, children = false): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const own = Number(fields[11]) + Number(fields[12]);
  return (children ? own + Number(fields[13]) + Number(fields[14]) : own) / 100;
}

/**
 * CPU time of Postgres so far: of every process of it (the connections' backends and its own), and of the
 * backends that have ended, which Postgres's main process counts as its children's: a connection that the pool
 * closes during a run keeps its share.
 */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') total += cpuSecondsOf(entry, true);
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

/** The server's peak resident memory so far, in MiB (Linux). */
function peakMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function measure(name: string, options: autocannon.Options, serverPid: number): Promise<Measured> {
  // A short warm-up first, so the JIT and the pools are settled before the figures count.
  await autocannon({ ...options, duration: 2 });
  const before = { server: cpuSecondsOf(serverPid), postgres: postgresCpuSeconds(), own: process.cpuUsage() };
  const started = performance.now();
  const result = await autocannon({ connections, duration: seconds, ...options });
  const elapsed = (performance.now() - started) / 1000;
  const own = process.cpuUsage(before.own);
  const percent = (used: number) => Math.round((100 * used) / elapsed);
  return {
    name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    cpu: {
      server: percent(cpuSecondsOf(serverPid) - before.server),
      postgres: percent(postgresCpuSeconds() - before.postgres),
      loadGenerator: percent((own.user + own.system) / 1e6),
    },
  };
}

async function signIn(baseUrl: string, email: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: benchPassword }),
  });
  if (res.status !== 200) throw new Error(`Signing in answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/** An answer save per connection: each connection has its own question and keeps its version. */
function answerSaves(url: string, district: BenchDistrict, headers: Record<string, string>): autocannon.Options {
  let next = 0;
  type Context = { key?: string; version?: number };
  return {
    url,
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/json' },
    // autocannon starts each pass over `requests` with a fresh context: one long pass per connection.
    requests: Array.from({ length: 5000 }, () => ({
      setupRequest: (req: autocannon.Request, context: Context) => {
        context.key ??= district.saveQuestionKeys[next++ % district.saveQuestionKeys.length];
        context.version ??= 1;
        return {
          ...req,
          path: `/api/plans/${district.savePlanId}/answers/${context.key}`,
          body: JSON.stringify({ text: `Saved at ${Date.now()}`, version: context.version }),
        };
      },
      onResponse: (_status: number, body: string, context: Context) => {
        const parsed = JSON.parse(body) as {
          answer?: { version: number };
          current?: { answer: { version: number } };
        };
        context.version = (parsed.answer ?? parsed.current?.answer)?.version ?? context.version;
      },
    })),
  };
}

function rowUpdates(url: string): autocannon.Options {
  let next = 0;
  type Context = { id?: number; version?: number };
  return {
    url,
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    requests: Array.from({ length: 5000 }, () => ({
      setupRequest: (req: autocannon.Request, context: Context) => {
        context.id ??= (next++ % connections) + 1;
        context.version ??= 1;
        return {
          ...req,
          path: `/rows/${context.id}`,
          body: JSON.stringify({ text: `Saved at ${Date.now()}`, version: context.version }),
        };
      },
      onResponse: (_status: number, body: string, context: Context) => {
        const parsed = JSON.parse(body) as { version?: number; current?: { version: number } };
        context.version = parsed.version ?? parsed.current?.version ?? context.version;
      },
    })),
  };
}

/**
 * Database round trips per request, counted in this process on the app itself: the answers Postgres ends with
 * ReadyForQuery, one a message the app sent (statements sent together, as a transaction's begin with its first
 * query in db/scoped-pg-client.ts, are one).
 */
async function roundTrips(db: Db, district: BenchDistrict, tinyPlanId: string) {
  let count = 0;
  const heard = new WeakSet<object>();
  (db.client as { pool: EventEmitter }).pool.on(
    'acquireSuccess',
    (_eventId: number, client: { connection: EventEmitter }) => {
      if (heard.has(client)) return;
      heard.add(client);
      client.connection.on('readyForQuery', () => (count += 1));
    },
  );
  const { app, planDocuments } = createApp({
    db,
    config: loadConfig({ NODE_ENV: 'test' }),
    logger: pino({ level: 'silent' }),
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { cookie, csrf } = await signIn(base, district.admin.email);
  const send = (url: string, init: RequestInit = {}) =>
    fetch(`${base}${url}`, { ...init, headers: { cookie, 'x-csrf-token': csrf, ...init.headers } });
  /**
   * The statements of the second of two calls, once the first has warmed caches and pools (and kept the
   * plan's document it built: the second load reads it).
   */
  const counted = async (url: string, init: () => RequestInit = () => ({})) => {
    // The server keeps a document it built once the answer has gone out ('finish'): the whole answer is read,
    // and that event has had its turn, before waiting for the store.
    await (await send(url, init())).arrayBuffer();
    await new Promise((resolve) => setImmediate(resolve));
    await planDocuments.settled();
    count = 0;
    const res = await send(url, init());
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    return count;
  };
  const key = district.saveQuestionKeys[0]!;
  let version = 0;
  const save = (): RequestInit => ({
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: `Counted ${(version += 1)}`, version }),
  });
  const current = (await (await send(`/api/plans/${district.savePlanId}`)).json()) as {
    stages: { questions: { key: string; answer: { version: number } }[] }[];
  };
  version = current.stages.flatMap((s) => s.questions).find((q) => q.key === key)!.answer.version - 1;
  const trips = {
    'plan load (full plan)': await counted(`/api/plans/${district.fullPlanId}`),
    'plan load (new plan)': await counted(`/api/plans/${tinyPlanId}`),
    'plans list (100 plans)': await counted('/api/plans'),
    'table list (priorities)': await counted(`/api/plans/${district.fullPlanId}/priorities`),
    'answer save': await counted(`/api/plans/${district.savePlanId}/answers/${key}`, save),
  };
  server.close();
  return trips;
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('bench/run.mjs passes DATABASE_URL');
  const db = openDatabase({ databaseUrl });
  await migrateToLatest(db);
  console.log('Seeding a district of 100 plans, one of them full…');
  const district = await seedLargeDistrict(db);
  const tinyPlanId = (await db('plans').where({ title: 'Plan 01' }).first('id')).id as string;

  // A plan with 100,000 recorded changes (#12): the history's pages must stay fast on it.
  await db.raw(
    `insert into plan_changes (district_id, plan_id, item_table, item_id, item_kind, stage_key, operation, before, after, actor_id, txid, created_at)
     select c.district_id, c.plan_id, c.item_table, c.item_id, c.item_kind, c.stage_key, c.operation, c.before, c.after,
            c.actor_id, c.txid + g, c.created_at - (g || ' minutes')::interval
       from generate_series(1, 100000) g
       cross join lateral (select * from plan_changes where plan_id = ? order by id offset (g % 20) limit 1) c`,
    [district.fullPlanId],
  );
  // Statistics as autovacuum would have them a minute after a seed this size: without them Postgres plans the
  // district's reads for a handful of rows (a sort of every item to count a plan's progress, say).
  await db.raw('analyze');

  const appPort = 4101;
  const basePort = 4102;
  const app = await startProcess(
    'server/dist/main.js',
    {
      DATABASE_URL: databaseUrl,
      PORT: String(appPort),
      NODE_ENV: 'production',
      PUBLIC_URL: `http://127.0.0.1:${appPort}`,
      SESSION_SECRET: 'benchmark-session-secret-of-at-least-32-characters',
      SECRETS_KEY: '0'.repeat(64),
    },
    /listening on/,
    [...serverNodeFlags, ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [])],
  );
  const appUrl = `http://127.0.0.1:${appPort}`;
  const { cookie, csrf } = await signIn(appUrl, district.admin.email);
  const headers = { cookie, 'x-csrf-token': csrf };

  // The baseline serves the very JSON the app answers, from one row.
  const documents = {
    plan: `/api/plans/${district.fullPlanId}`,
    plans: '/api/plans',
    table: `/api/plans/${district.fullPlanId}/priorities`,
  };
  await db.schema.createTable('bench_documents', (t) => {
    t.text('name').primary();
    t.text('body').notNullable();
  });
  for (const [name, url] of Object.entries(documents)) {
    const body = await (await fetch(`${appUrl}${url}`, { headers })).text();
    await db('bench_documents').insert({ name, body });
  }
  const plan = JSON.parse((await db('bench_documents').where({ name: 'plan' }).first()).body) as {
    stages: { questions: { answer: { text: string } }[]; actions: { text: string; notes: string }[] }[];
  };
  const words = plan.stages.flatMap((s) => [
    ...s.questions.map((q) => q.answer.text),
    ...s.actions.map((a) => `${a.text}\n${a.notes}`),
  ]);
  await db('bench_documents').insert({ name: 'pdf-text', body: words.join('\n\n') });
  await db.schema.createTable('bench_rows', (t) => {
    t.integer('id').primary();
    t.text('body').notNullable();
    t.integer('version').notNullable();
  });
  await db('bench_rows').insert(Array.from({ length: connections }, (_, i) => ({ id: i + 1, body: '', version: 1 })));
  const baseline = await startProcess(
    'bench/dist/baseline-server.js',
    { DATABASE_URL: databaseUrl, PORT: String(basePort) },
    /listening/,
    serverNodeFlags,
  );
  const baseUrl = `http://127.0.0.1:${basePort}`;

  const results: { route: Measured; baseline: Measured }[] = [];
  const alone: Measured[] = [];
  const wanted = (name: string) => !only || only.includes(name);
  /** The server a run measures, by the address it asks. */
  const serverOf = (options: autocannon.Options) => (String(options.url).startsWith(appUrl) ? app.pid! : baseline.pid!);
  const pair = async (name: string, route: autocannon.Options, bare: autocannon.Options) => {
    if (!wanted(name)) return;
    results.push({
      baseline: await measure(`baseline: ${name}`, bare, serverOf(bare)),
      route: await measure(name, route, serverOf(route)),
    });
  };
  const single = async (name: string, options: autocannon.Options) => {
    if (wanted(name)) alone.push(await measure(name, options, serverOf(options)));
  };
  console.log(`Measuring, ${seconds} s per run at ${connections} connections…`);
  await pair('plan load', { url: `${appUrl}${documents.plan}`, headers }, { url: `${baseUrl}/documents/plan` });
  await pair('plan read bound to a district', { url: `${baseUrl}/scoped/plan` }, { url: `${baseUrl}/documents/plan` });
  const history = `/api/plans/${district.fullPlanId}/history`;
  await single('history, first page (100,000 changes)', { url: `${appUrl}${history}`, headers });
  await single('history by person and stage', {
    url: `${appUrl}${history}?actor=${district.admin.id}&stage=context&limit=50`,
    headers,
  });
  await pair('plans list', { url: `${appUrl}${documents.plans}`, headers }, { url: `${baseUrl}/documents/plans` });
  await pair('table list', { url: `${appUrl}${documents.table}`, headers }, { url: `${baseUrl}/documents/table` });
  await pair('answer save', answerSaves(appUrl, district, headers), rowUpdates(baseUrl));
  await pair(
    'PDF export',
    { url: `${appUrl}/api/plans/${district.fullPlanId}/export.pdf`, headers, connections: 4 },
    { url: `${baseUrl}/raw.pdf`, connections: 4 },
  );
  // Plan loads while four exports run.
  if (wanted('plan load during 4 exports')) {
    const [underExports] = await Promise.all([
      measure('plan load during 4 exports', { url: `${appUrl}${documents.plan}`, headers }, app.pid!),
      autocannon({
        url: `${appUrl}/api/plans/${district.fullPlanId}/export.pdf`,
        headers,
        connections: 4,
        duration: seconds + 2,
      }),
    ]);
    alone.unshift(underExports);
  }
  const appPeakMiB = peakMiB(app.pid!);
  // The server writes its CPU profile as it exits.
  const appExited = new Promise((resolve) => app.once('exit', resolve));
  app.kill('SIGTERM');
  baseline.kill('SIGTERM');
  await appExited;
  if (profileDir) console.log(`CPU profile of the server written to ${profileDir}`);

  const trips = await roundTrips(db, district, tinyPlanId);
  await db.destroy();

  const ms = (n: number) => `${n.toFixed(1)} ms`.padStart(9);
  const pct = (n: number) => `${n}%`.padStart(7);
  console.log(
    `\n${'route'.padEnd(38)}${'req/s'.padStart(8)}${'p50'.padStart(9)}${'p99'.padStart(9)}  non-2xx` +
      `  CPU: server${'Postgres'.padStart(9)}${'autocannon'.padStart(11)}`,
  );
  for (const m of [...results.flatMap((r) => [r.baseline, r.route]), ...alone]) {
    console.log(
      `${m.name.padEnd(38)}${String(m.rps).padStart(8)}${ms(m.p50)}${ms(m.p99)}  ${String(m.non2xx + m.errors).padEnd(7)}` +
        `${pct(m.cpu.server).padStart(14)}${pct(m.cpu.postgres).padStart(9)}${pct(m.cpu.loadGenerator).padStart(11)}`,
    );
  }
  console.log(
    'CPU in percent of one core, during each run: what is near 100% (of the 2 cores in all) holds the route.',
  );
  console.log('');
  const ratios = Object.fromEntries(
    results.map((r) => [r.route.name.replace(/ /g, '-'), Number((r.route.rps / r.baseline.rps).toFixed(2))]),
  );
  for (const [name, ratio] of Object.entries(ratios)) console.log(`ratio ${name} ${ratio}`);
  console.log('\nDatabase round trips per request:');
  for (const [name, n] of Object.entries(trips)) console.log(`  ${name.padEnd(26)} ${n}`);
  console.log(`\nPeak memory of the server process: ${appPeakMiB.toFixed(0)} MiB`);

  // A partial run (BENCH_ONLY) keeps the full run's figures.
  if (only) return;
  writeFileSync(
    path.join(root, 'bench/results.json'),
    `${JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        connections,
        secondsPerRun: seconds,
        runs: [...results.flatMap((r) => [r.baseline, r.route]), ...alone],
        ratios,
        roundTrips: trips,
        serverPeakMiB: Math.round(appPeakMiB),
      },
      null,
      2,
    )}\n`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
