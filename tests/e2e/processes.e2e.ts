import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  createDatabase,
  databaseUrlOn,
  dropDatabase,
  localServerUrl,
  serverAnswers,
  uniqueDatabaseName,
} from '../../server/test/support/test-database';
import { freePort, serverCommand, startApp, type RunningApp } from './support/server';

/**
 * The built server as processes: two on one database, and one told to stop mid-request; and the command that
 * creates a district, as an installer runs it.
 */

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(baseUrl: string, email: string, password: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

const get = (baseUrl: string, session: Session, path: string) =>
  fetch(`${baseUrl}${path}`, { headers: { Cookie: session.cookie } });

async function firstPlanId(baseUrl: string, session: Session): Promise<string> {
  const res = await get(baseUrl, session, '/api/plans');
  const { plans } = (await res.json()) as { plans: { id: string }[] };
  const id = plans[0]?.id;
  if (!id) throw new Error('The demo district has no plan');
  return id;
}

describe('two server processes on one database behind one address', () => {
  let first: RunningApp;
  let second: RunningApp;

  beforeAll(async () => {
    // Processes behind one address share the secret that signs session cookies (README: SESSION_SECRET).
    const env = { SESSION_SECRET: 'one secret for every process of this deployment' };
    first = await startApp({ env });
    second = await startApp({ env, databaseUrl: first.databaseUrl });
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
  });

  it('a session made on one works on the other, and concurrent saves of one answer give one success and 409s', async () => {
    const session = await signIn(first.baseUrl, 'admin@lakeview.test', 'lakeview-demo');
    const me = await get(second.baseUrl, session, '/api/auth/me');
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe('admin@lakeview.test');

    const planId = await firstPlanId(second.baseUrl, session);
    const plan = (await (await get(first.baseUrl, session, `/api/plans/${planId}`)).json()) as {
      stages: { questions: { key: string; answer: { version: number } }[] }[];
    };
    const question = plan.stages[0]?.questions[0];
    if (!question) throw new Error('The demo plan has no question');

    const saves = Array.from({ length: 10 }, (_, i) =>
      fetch(`${(i % 2 === 0 ? first : second).baseUrl}/api/plans/${planId}/answers/${question.key}`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', Cookie: session.cookie, 'X-CSRF-Token': session.csrf },
        body: JSON.stringify({ text: `Save number ${i}`, version: question.answer.version }),
      }),
    );
    const statuses = (await Promise.all(saves)).map((res) => res.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);

    // Both processes read the one answer that won.
    const winner = statuses.indexOf(200);
    for (const app of [first, second]) {
      const now = (await (await get(app.baseUrl, session, `/api/plans/${planId}`)).json()) as typeof plan;
      expect(now.stages[0]?.questions[0]).toMatchObject({
        answer: { text: `Save number ${winner}`, version: question.answer.version + 1 },
      });
    }
  });
});

describe('SIGTERM while requests are in flight', () => {
  it('finishes them, refuses new ones, and exits cleanly', async () => {
    const app = await startApp({ env: { LOG_LEVEL: 'info' } });
    try {
      await stopsGracefully(app);
    } finally {
      await app.stop();
    }
  });
});

async function stopsGracefully(app: RunningApp): Promise<void> {
  {
    const session = await signIn(app.baseUrl, 'admin@lakeview.test', 'lakeview-demo');
    const planId = await firstPlanId(app.baseUrl, session);

    const inFlight = Array.from({ length: 4 }, () => get(app.baseUrl, session, `/api/plans/${planId}/export.pdf`));
    // Let the server take the requests before it is told to stop.
    await new Promise((r) => setTimeout(r, 150));
    const exited = new Promise<number | null>((resolve) => app.child.once('exit', resolve));
    app.child.kill('SIGTERM');
    while (!app.output().includes('Shutting down')) await new Promise((r) => setTimeout(r, 20));
    // A new connection is refused (the exports still run on theirs).
    await expect(
      new Promise((resolve, reject) => {
        http.get(`${app.baseUrl}/api/health`, { agent: false }, resolve).on('error', reject);
      }),
    ).rejects.toThrow(/ECONNREFUSED/);

    const answers = await Promise.all(inFlight);
    for (const res of answers) {
      expect(res.status).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect(await exited).toBe(0);
    expect(app.output()).toMatch(/Shutting down: finishing requests in flight/);
    expect(app.output()).toMatch(/"msg":"Stopped"/);
  }
}

describe('two server processes on one embedded database folder', () => {
  let first: RunningApp;
  afterAll(() => first?.stop());

  it('the second stops at once, saying the folder is in use, and the first serves on', async () => {
    first = await startApp({ embedded: true });
    const second = spawn(serverCommand.node, [serverCommand.entry], {
      cwd: serverCommand.cwd,
      env: {
        ...process.env,
        DATABASE_URL: '',
        DATA_DIR: first.dataDir,
        PORT: String(await freePort()),
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let printed = '';
    second.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    second.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    expect(code).toBe(1);
    expect(printed).toContain(`The embedded database in ${first.dataDir} is open in another planner process`);
    expect(printed).not.toMatch(/listening on/);

    const session = await signIn(first.baseUrl, 'admin@lakeview.test', 'lakeview-demo');
    expect((await get(first.baseUrl, session, '/api/plans')).status).toBe(200);
  });
});

describe('create-district, run by whoever installs the planner', () => {
  let env: NodeJS.ProcessEnv;
  let cleanup = async () => {};
  beforeAll(async () => {
    env = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', ADMIN_PASSWORD: 'a long enough password' };
    if (await serverAnswers(localServerUrl)) {
      const name = uniqueDatabaseName('e2e');
      await createDatabase(localServerUrl, name);
      env.DATABASE_URL = databaseUrlOn(localServerUrl, name);
      cleanup = () => dropDatabase(localServerUrl, name);
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), 'planner-e2e-'));
      env.DATABASE_URL = '';
      env.DATA_DIR = dir;
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
  });
  afterAll(() => cleanup());

  const createDistrict = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(serverCommand.node, ['server/dist/create-district.js', ...args], {
        cwd: serverCommand.cwd,
        env: { ...env, ...extraEnv },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', reject);
      child.once('exit', (code) => resolve({ code, stdout, stderr }));
    });

  /** What a refusal prints: one sentence on one line, no stack, no zod issues, no SQL. */
  const expectOneSentence = (run: { code: number | null; stdout: string; stderr: string }, sentence: string) => {
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${sentence}\n`);
  };

  const complete = [
    '--district',
    'Maple Valley Schools',
    '--admin-email',
    'ada@maplevalley.test',
    '--admin-name',
    'Ada Brooks',
    '--time-zone',
    'America/Denver',
  ];

  it('--help says how to run it; a missing or bad option, or an email taken, is one sentence and exit code 1', async () => {
    const help = await createDistrict(['--help']);
    expect(help.code).toBe(0);
    expect(help.stderr).toBe('');
    for (const said of [
      'Usage:',
      '--district',
      '--admin-email',
      '--admin-name',
      '--time-zone',
      '--allow-same-name',
      'ADMIN_PASSWORD',
    ]) {
      expect(help.stdout).toContain(said);
    }

    expectOneSentence(
      await createDistrict([]),
      'Missing --district, --admin-email and --admin-name: run create-district --help to see what each is.',
    );
    expectOneSentence(
      await createDistrict([
        '--district',
        'Maple Valley Schools',
        '--admin-name',
        'Ada Brooks',
        '--admin-email',
        'ada',
      ]),
      '--admin-email must be an email address, not “ada”.',
    );
    expectOneSentence(
      await createDistrict([...complete.slice(0, 6), '--time-zone', 'Mountain']),
      '--time-zone must be a time zone of the IANA database, such as America/Chicago, not “Mountain”.',
    );
    expectOneSentence(
      await createDistrict([...complete, '--admin-mail', 'ada@maplevalley.test']),
      '--admin-mail is not an option of create-district: run create-district --help to see them.',
    );
    expectOneSentence(
      await createDistrict(complete, { ADMIN_PASSWORD: '' }),
      'Set ADMIN_PASSWORD to the first administrator’s password, at least 12 characters.',
    );

    const created = await createDistrict(complete);
    expect(created).toEqual({
      code: 0,
      stdout:
        'Created Maple Valley Schools (time zone America/Denver) with the district administrator ada@maplevalley.test.\n',
      stderr: '',
    });
    // The same email again, whatever its case, for a second district.
    expectOneSentence(
      await createDistrict([
        '--district',
        'Pine Ridge Schools',
        '--admin-email',
        'ADA@maplevalley.test',
        '--admin-name',
        'Ada Brooks',
      ]),
      'ADA@maplevalley.test is already the email of a person in the planner: give the first administrator another.',
    );
  });

  it('refuses a district name already in the planner, whatever its case and spaces, unless --allow-same-name says to go ahead', async () => {
    const first = ['--district', 'Riverbend USD', '--admin-email', 'ana@riverbend.test', '--admin-name', 'Ana Ruiz'];
    expect((await createDistrict(first)).code).toBe(0);
    // Run again to mend a typo in the administrator's email: a second Riverbend USD is not what was meant.
    const again = ['--district', '  riverbend usd ', '--admin-email', 'ana.ruiz@riverbend.test', '--admin-name', 'Ana'];
    expectOneSentence(
      await createDistrict(again),
      'A district named “Riverbend USD” is in the planner already: run create-district again with --allow-same-name if a second district of this name is meant.',
    );
    expect(await createDistrict([...again, '--allow-same-name'])).toEqual({
      code: 0,
      stdout:
        'Created riverbend usd (time zone America/New_York) with the district administrator ana.ruiz@riverbend.test.\n',
      stderr: '',
    });
  });

  it('saves the names as the API saves a one-line name: line breaks and tabs a space, hidden controls and direction overrides left out', async () => {
    const created = await createDistrict([
      '--district',
      'Birch\tCreek\nSchools\u202E',
      '--admin-email',
      'bo@birchcreek.test',
      '--admin-name',
      '\u202EBo\u0007  Reyes\r\n',
    ]);
    expect(created).toEqual({
      code: 0,
      stdout:
        'Created Birch Creek Schools (time zone America/New_York) with the district administrator bo@birchcreek.test.\n',
      stderr: '',
    });
    // Names of nothing to see are refused as empty.
    expectOneSentence(
      await createDistrict(['--district', '\u202E\u2066', '--admin-email', 'cy@birchcreek.test', '--admin-name', 'Cy']),
      '--district must not be empty.',
    );
    if (!env.DATABASE_URL) return; // The embedded database opens in one process only: what it printed says enough.
    const db = new pg.Client({ connectionString: env.DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query<{ district: string; admin: string }>(
        'select d.name as district, u.name as admin from users u join districts d on d.id = u.district_id where u.email = $1',
        ['bo@birchcreek.test'],
      );
      expect(rows).toEqual([{ district: 'Birch Creek Schools', admin: 'Bo  Reyes' }]);
    } finally {
      await db.end();
    }
  });
});
