// The gzipped JavaScript each first page of a visit loads, read from the client build's manifest: the
// entry chunk and everything it imports, plus the lazy route modules (layouts and page) of the page
// and everything those import. Run after `npm run build -w client`; prints one line per page.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'client', 'dist');

/** The route modules each page loads after the entry, as the router lazy-loads them. */
export const firstPages = {
  'sign-in': ['src/app/routes/sign-in-route.tsx'],
  plans: ['src/app/routes/home-route.tsx', 'src/app/routes/plans-route.tsx'],
};

export function readManifest() {
  return JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8'));
}

/** The JavaScript files a set of manifest entries loads, following static imports only. */
export function chunksOf(manifest, keys) {
  const files = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`The client manifest has no ${key}; was the route renamed?`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const key of keys) visit(key);
  return [...files].filter((file) => file.endsWith('.js'));
}

export function gzippedBytes(files) {
  return files.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length, 0);
}

/** Gzipped KiB of JavaScript per first page, and of the whole way in (signing in, then the plans list). */
export function firstPageSizes() {
  const manifest = readManifest();
  const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
  const pages = {};
  for (const [name, routes] of Object.entries(firstPages)) {
    pages[name] = gzippedBytes(chunksOf(manifest, [entry, ...routes])) / 1024;
  }
  pages['sign-in then plans'] = gzippedBytes(chunksOf(manifest, [entry, ...Object.values(firstPages).flat()])) / 1024;
  pages.entry = gzippedBytes(chunksOf(manifest, [entry])) / 1024;
  return pages;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [name, kib] of Object.entries(firstPageSizes())) {
    console.log(`first-page-js ${name}: ${kib.toFixed(1)} KiB gzipped`);
  }
}
