import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

interface ModuleGraph {
  getModuleInfo(
    id: string,
  ): { importers: readonly string[]; dynamicImporters: readonly string[]; isEntry: boolean } | null;
}

/** The plan's frame and the pages inside it (router.tsx). A page missing here is split as any other page is. */
const planPage =
  /[\\/]src[\\/]app[\\/](layouts[\\/]PlanLayout|routes[\\/](stage|dashboard|measure|roles|readiness|comments|budget|actions|logic-model|history|stakeholder)-routes?)\.tsx$/;

/** The lazily loaded modules (pages, charts) whose static imports reach `id`; null when the entry's do. */
function loadedWith(id: string, graph: ModuleGraph): string[] | null {
  const roots: string[] = [];
  const seen = new Set([id]);
  const queue = [id];
  while (queue.length > 0) {
    const current = queue.pop()!;
    const info = graph.getModuleInfo(current);
    if (!info) continue;
    if (info.isEntry) return null;
    if (info.dynamicImporters.length > 0) roots.push(current);
    for (const importer of info.importers) {
      if (!seen.has(importer)) {
        seen.add(importer);
        queue.push(importer);
      }
    }
  }
  return roots;
}

/**
 * The code that only a plan's pages load, and that the plan's frame or two of its pages share, goes in one
 * chunk: left to itself the bundler cut it into some forty files of a few KiB each, every one a request of its
 * own and most found only once the file importing it had arrived, while the plan's frame and its first page
 * are what a phone waits for. A page's own code stays in its own chunk, and code that other pages (sign-in,
 * the plans list) share stays out, so they load no more than before.
 */
function planChunk(id: string, graph: ModuleGraph): string | null {
  const roots = loadedWith(id, graph);
  if (!roots || roots.length === 0 || !roots.every((root) => planPage.test(root))) return null;
  return roots.length >= 2 || roots.some((root) => root.includes('PlanLayout')) ? 'plan-pages' : null;
}

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:3000',
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // bench/client-size.mjs reads which chunks each page loads from it.
    manifest: true,
    // <link rel=modulepreload> only in index.html, for the chunks the entry imports: the browser asks for
    // them with the entry rather than once the entry has arrived. None is inserted as a page's code loads:
    // inserting some sixty of them while the first page started cost a phone about a third of a second of
    // blocked main thread (Lighthouse: total blocking time on the stage page 2.1 -> 1.1 s). Lazy pages' CSS
    // still loads first.
    modulePreload: {
      polyfill: false,
      resolveDependencies: (_file, dependencies, { hostType }) => (hostType === 'html' ? dependencies : []),
    },
    rollupOptions: {
      // Building a zod schema changes nothing outside it, so a shared module's schemas that a page does
      // not use stay out of its chunks (the app shell imports shared constants and labels, not zod).
      treeshake: { manualPureFunctions: ['z'] },
      output: {
        codeSplitting: {
          // A module's own dependencies are placed on their own: one shared with the plans list stays out.
          groups: [{ name: planChunk, includeDependenciesRecursively: false }],
        },
      },
    },
  },
});
