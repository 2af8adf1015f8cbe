import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
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
} from '../../../server/test/support/test-database';

const root = path.resolve(__dirname, '../../..');

export interface RunningApp {
  baseUrl: string;
  /** The Postgres the server uses (unset on the embedded database), for a test that queues a job itself. */
  databaseUrl: string | undefined;
  /** The embedded database's folder (unset on Postgres). */
  dataDir: string | undefined;
  /** The server's process, for tests of how it stops. */
  child: ChildProcess;
  /** What the server printed so far. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Ends a person's sessions under them, as when a session runs out while they work: their next request is refused. */
export async function endSessionsOf(app: RunningApp, email: string): Promise<void> {
  if (!app.databaseUrl) throw new Error('Ending a session needs the local Postgres.');
  const db = new pg.Client({ connectionString: app.databaseUrl });
  await db.connect();
  try {
    await db.query(
      "update sessions set expires_at = now() - interval '1 second' where user_id = (select id from users where email = $1)",
      [email],
    );
  } finally {
    await db.end();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server did not become healthy within 60 s:\n${output()}`);
}

/** Node and the built server's entry, to start a process of it by hand. */
export const serverCommand = { node: process.execPath, entry: 'server/dist/main.js', cwd: root };

/**
 * The built server (npm run build first) as a person runs it, on a fresh database with the demo seeded:
 * a throwaway database on the local Postgres when one answers, else the embedded one in a temp folder.
 */
export async function startApp(
  options: {
    env?: Record<string, string>;
    /** A second process on this database (it stays to its first). */ databaseUrl?: string;
    /** The embedded database in a temp folder, even when a local Postgres answers. */ embedded?: boolean;
  } = {},
): Promise<RunningApp> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...options.env,
  };
  let cleanup = async () => {};
  if (options.databaseUrl) {
    env.DATABASE_URL = options.databaseUrl;
  } else if (!options.embedded && (await serverAnswers(localServerUrl))) {
    const name = uniqueDatabaseName('e2e');
    await createDatabase(localServerUrl, name);
    env.DATABASE_URL = databaseUrlOn(localServerUrl, name);
    cleanup = () => dropDatabase(localServerUrl, name);
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'planner-e2e-'));
    delete env.DATABASE_URL;
    env.DATA_DIR = dir;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const child = spawn(serverCommand.node, [serverCommand.entry], {
    cwd: serverCommand.cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child, () => log);
  } catch (err) {
    child.kill('SIGKILL');
    await cleanup();
    throw err;
  }
  return {
    baseUrl,
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATABASE_URL ? undefined : env.DATA_DIR,
    child,
    output: () => log,
    stop: async () => {
      // A graceful shutdown: on SIGTERM the server finishes, closes its database and exits with 0.
      let code = child.exitCode;
      if (code === null) {
        const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        code = await exited;
      }
      await cleanup();
      if (code !== 0) throw new Error(`The server exited with ${code} on SIGTERM:\n${log}`);
    },
  };
}
