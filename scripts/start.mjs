// `npm start`: builds the app only when a source changed since the last build, then runs the server in
// this process. An unchanged, built tree starts at once.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => path.join(root, ...parts);

/** What the build reads, and what it writes. */
const sources = [
  'client/src',
  'client/index.html',
  'client/vite.config.ts',
  'client/package.json',
  'shared/src',
  'server/src',
  'server/build.mjs',
  'server/package.json',
  'migrations',
  'package-lock.json',
];
const outputs = ['client/dist/index.html', 'server/dist/main.js'];

function newestIn(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestIn(path.join(target, entry)));
  return newest;
}

const built = outputs.every((file) => existsSync(at(file)))
  ? Math.min(...outputs.map((file) => statSync(at(file)).mtimeMs))
  : 0;
const changed = Math.max(...sources.map((source) => newestIn(at(source))));
if (changed > built) {
  console.log(built === 0 ? 'Building the planner (first start)…' : 'Sources changed since the last build: building…');
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
await import(pathToFileURL(at('server/dist/main.js')).href);
