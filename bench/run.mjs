// `npm run bench`: the HTTP benchmark on a throwaway database of the local Postgres, then the export
// benchmark. Bundles the benchmark like server/build.mjs bundles the server; prints the figures and
// writes them to bench/results.json.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const packages = ['../package.json', '../server/package.json'].map((p) => JSON.parse(readFileSync(here(p), 'utf8')));
const external = packages
  .flatMap((p) => Object.keys({ ...p.dependencies, ...p.devDependencies }))
  .filter((name) => !name.startsWith('@planner/'));

const run = (command, args, env = {}) => {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run('npm', ['run', 'build', '-w', 'server']);
await build({
  entryPoints: [here('./http-bench.ts'), here('./baseline-server.ts')],
  outdir: here('./dist'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external,
  logLevel: 'warning',
});

const serverUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `planner_bench_${Date.now()}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`create database ${name}`);
try {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  console.log(`== HTTP benchmark (database ${name}) ==`);
  run(process.execPath, ['--enable-source-maps', here('./dist/http-bench.js')], { DATABASE_URL: url.toString() });
} finally {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}

// BENCH_ONLY picks runs of the HTTP benchmark (and BENCH_PROFILE profiles its server): the export benchmark stays out.
if (process.env.BENCH_ONLY) process.exit(0);
console.log('\n== Export benchmark ==');
run(process.execPath, [here('../server/bench/run.mjs')]);
