// `npm run bench`: bundles the export benchmark like server/build.mjs bundles the server, then runs it
// in processes of their own (with --expose-gc, so memory is measured from a collected heap).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const pkg = JSON.parse(readFileSync(here('../package.json'), 'utf8'));
// esbuild too: the PDF pool loads it only when it runs from the TypeScript sources.
const external = [...Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@planner/')), 'esbuild'];
const outfile = here('./dist/export-bench.js');

await build({
  entryPoints: [here('./export-bench.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external,
  logLevel: 'warning',
});

// Node lets garbage pile up while memory is plentiful, which says little about what an export needs;
// the second run caps the JavaScript heap (the embedded Postgres lives outside it) to show that.
const cappedHeapMiB = 96;
// The plan at the API's limits is exported in the first run only (a worker thread's heap is not capped so).
const runs = [
  { title: 'default Node settings', flags: [], worst: '1' },
  {
    title: `JavaScript heap capped at ${cappedHeapMiB} MiB`,
    flags: [`--max-old-space-size=${cappedHeapMiB}`],
    worst: '',
  },
];
for (const { title, flags, worst } of runs) {
  console.log(`\n== Export benchmark, ${title} ==`);
  const args = ['--expose-gc', '--enable-source-maps', ...flags, outfile, ...process.argv.slice(2)];
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, BENCH_WORST: worst } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
