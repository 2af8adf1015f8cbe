// Bundles the server (and the shared/ and migrations/ code it imports) into server/dist.
// Packages from node_modules stay external: some load native or wasm files next to themselves.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@planner/'));

await build({
  entryPoints: ['src/main.ts', 'src/migrate.ts', 'src/create-district.ts'],
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external,
  logLevel: 'warning',
});
