import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

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
    // No <link rel=modulepreload> per chunk: inserting some sixty of them while the first page starts cost a
    // phone about a third of a second of blocked main thread (Lighthouse: total blocking time on the stage
    // page 2.1 -> 1.1 s), and its largest paint came no later without them. Lazy pages' CSS still loads first.
    modulePreload: false,
    rollupOptions: {
      // Building a zod schema changes nothing outside it, so a shared module's schemas that a page does
      // not use stay out of its chunks (the app shell imports shared constants and labels, not zod).
      treeshake: { manualPureFunctions: ['z'] },
    },
  },
});
