// Bundles the server (and the shared/ and migrations/ code it imports) into server/dist.
// Packages from node_modules stay external: some load native or wasm files next to themselves.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
// esbuild too: the PDF pool loads it only when it runs from the TypeScript sources.
const external = [...Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@planner/')), 'esbuild'];

await build({
  // The PDF worker threads load pdf-worker.js from beside main.js.
  entryPoints: {
    main: 'src/main.ts',
    migrate: 'src/migrate.ts',
    'create-district': 'src/create-district.ts',
    'pdf-worker': 'src/features/exports/pdf/render-worker.ts',
  },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external,
  logLevel: 'warning',
});
