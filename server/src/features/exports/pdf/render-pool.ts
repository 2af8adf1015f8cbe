import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as Esbuild from 'esbuild';
import { Piscina } from 'piscina';
import { AppError } from '../../../http/app-error';
import type { PlanExportData } from '../plan-export-data';
import type { RenderOutcome } from './render-worker';

export interface PdfPoolOptions {
  /** Worker threads at most; by default one per core. */
  threads?: number;
  /** Renders that may wait for a thread; beyond threads + queue, the answer is 503. */
  queue?: number;
  /** The bundled worker; by default `pdf-worker.js` beside the running bundle. */
  workerFile?: string;
}

/** Seconds a client is told to wait when every thread and queue place is taken: about one render. */
export const retryAfterSeconds = 5;

/**
 * The worker runs as JavaScript: from the built server it sits beside the bundle (`dist/pdf-worker.js`).
 * Run from the TypeScript sources (the tests, with ts-jest), it is bundled once per process the way
 * server/build.mjs bundles it, with esbuild (a development dependency, loaded only then).
 */
function defaultWorkerFile(): string {
  const built = path.join(__dirname, 'pdf-worker.js');
  if (existsSync(built)) return built;
  const source = path.join(__dirname, 'render-worker.ts');
  if (!existsSync(source)) throw new Error(`The PDF worker is missing: no ${built}. Run npm run build -w server.`);
  /* eslint-disable @typescript-eslint/no-require-imports */
  const esbuild = require('esbuild') as typeof Esbuild;
  const serverRoot = path.resolve(__dirname, '../../../..');
  const pkg = require(path.join(serverRoot, 'package.json')) as { dependencies: Record<string, string> };
  /* eslint-enable @typescript-eslint/no-require-imports */
  // Inside the repository's node_modules, so that the bundle finds the packages it leaves external.
  const cache = path.resolve(serverRoot, '../node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const outfile = path.join(mkdtempSync(path.join(cache, 'planner-pdf-worker-')), 'pdf-worker.js');
  esbuild.buildSync({
    entryPoints: [source],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@planner/')),
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * PDF rendering off the request loop: a pool of worker threads bounded by the cores, with a short
 * queue. A render waits for a thread or is refused at once (503, Retry-After) when all are taken, and
 * is stopped (its thread ended) when the client that asked for it goes away.
 */
export class PdfRenderPool {
  private pool: Piscina<PlanExportData, RenderOutcome> | undefined;
  private readonly threads: number;
  private readonly capacity: number;
  private inFlight = 0;
  private onThreads = 0;

  constructor(private readonly options: PdfPoolOptions = {}) {
    this.threads = Math.max(1, options.threads ?? os.availableParallelism());
    this.capacity = this.threads + Math.max(0, options.queue ?? 2 * this.threads);
  }

  /** Threads start with the first export, not with the server. */
  private get workers(): Piscina<PlanExportData, RenderOutcome> {
    this.pool ??= new Piscina({
      filename: this.options.workerFile ?? defaultWorkerFile(),
      minThreads: 0,
      maxThreads: this.threads,
      // Admission is counted here (threads + queue); Piscina's own queue never refuses.
      maxQueue: Infinity,
      idleTimeout: 60_000,
      // A render past this heap stops with an error instead of taking the machine's memory.
      resourceLimits: { maxOldGenerationSizeMb: 384 },
    });
    return this.pool;
  }

  /** Worker threads alive: running a render or idle (they end after a minute idle, or when a render is stopped). */
  get threadCount(): number {
    return this.pool?.threads.length ?? 0;
  }

  /** Renders handed to the threads (laid out, or waiting for a thread to be free or to start). */
  get rendering(): number {
    return this.onThreads;
  }

  /** Renders taken and not yet finished: reading their data, running or waiting for a thread. */
  get busy(): number {
    return this.inFlight;
  }

  /**
   * Takes a place (or answers 503 at once, before any reading), reads the export's data with `load` on
   * this thread, and renders it on a worker. Aborting `signal` ends the render and its thread.
   */
  async render(load: () => Promise<PlanExportData>, signal: AbortSignal): Promise<Buffer> {
    if (this.inFlight >= this.capacity) {
      throw new AppError(
        'service_unavailable',
        'Every PDF export slot is taken just now. Try again in a few seconds.',
        {
          retryAfter: retryAfterSeconds,
        },
      );
    }
    this.inFlight++;
    try {
      const data = await load();
      signal.throwIfAborted();
      this.onThreads++;
      const outcome = await this.workers.run(data, { signal }).finally(() => this.onThreads--);
      if (!(outcome instanceof Uint8Array)) {
        throw new AppError(
          'payload_too_large',
          `This export would run past ${outcome.tooLarge.pages} pages, more than one PDF may hold. Export one stage at a time.`,
        );
      }
      return Buffer.from(outcome.buffer, outcome.byteOffset, outcome.byteLength);
    } finally {
      this.inFlight--;
    }
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}
