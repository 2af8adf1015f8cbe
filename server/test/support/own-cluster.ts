import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * A Postgres cluster of the test's own (Debian's pg_createcluster), for tests that stop and start their
 * database: stopping the shared server would break every other test running meanwhile.
 */
export interface OwnCluster {
  url: string;
  stop(): void;
  start(): void;
  drop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const run = (command: string, args: string[]) => execFileSync(command, args, { stdio: 'pipe' });

export async function createOwnCluster(purpose: string): Promise<OwnCluster> {
  const version = readdirSync('/etc/postgresql')
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a))[0];
  if (!version) throw new Error('No Postgres under /etc/postgresql: this test needs Debian postgresql-common.');
  const name = `${purpose}_${process.pid}_${Date.now().toString(36)}`;
  const port = await freePort();
  run('pg_createcluster', [version, name, '--port', String(port), '--', '--auth=trust']);
  const control = (action: string) =>
    run('pg_ctlcluster', [
      '--skip-systemctl-redirect',
      version,
      name,
      action,
      ...(action === 'stop' ? ['-m', 'fast'] : []),
    ]);
  control('start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => control('stop'),
    start: () => control('start'),
    drop: () => run('pg_dropcluster', ['--stop', version, name]),
  };
}
