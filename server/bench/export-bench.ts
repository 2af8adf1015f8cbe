import { performance } from 'node:perf_hooks';
import PDFDocument from 'pdfkit';
import { openDatabase, type Db } from '../src/db/knex';
import { migrateToLatest } from '../src/db/migrations';
import type { SignedInUser } from '../src/http/auth';
import { exportCsv, exportPlanPdf } from '../src/commands/export-plan';
import { loadPlan } from '../src/commands/load-plan';
import { limits } from '@planner/shared/plan';
import { maxRowsPerTable } from '@planner/shared/stage-tables';
import { writeSamplePlan } from './sample-plan';
import { buildWorstPlan } from './worst-plan';

/**
 * Time and memory to export a large plan: every key question answered with 2,000 characters, 40
 * high-impact actions with owners, due dates and notes, 20 role definitions, 15 measures with 12
 * readings each. Runs on the embedded Postgres in memory, so it needs nothing installed. Goal: under
 * 1 s and 150 MiB per export.
 */
const runs = Number(process.env.BENCH_RUNS ?? 20);
const goalMs = 1000;
const goalMiB = 150;

const mib = (bytes: number) => bytes / 1024 / 1024;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function buildLargePlan(db: Db): Promise<{ user: SignedInUser; planId: string }> {
  const [district] = (await db('districts')
    .insert({ name: 'Lakeview School District' })
    .returning(['id', 'name', 'time_zone'])) as {
    id: string;
    name: string;
    time_zone: string;
  }[];
  const people = (await db('users')
    .insert(
      ['Zoë Nguyễn', 'Łucja Wójcik', 'Андрей Учитель', 'Maria Ελληνικά', 'Sam Rivera'].map((name, i) => ({
        district_id: district!.id,
        email: `person${i}@lakeview.bench`,
        name,
        role: i === 0 ? 'district_admin' : 'viewer',
        password_hash: 'not used: the benchmark never signs in',
      })),
    )
    .returning(['id', 'name', 'email'])) as { id: string; name: string; email: string }[];
  const admin = people[0]!;
  const user: SignedInUser = {
    id: admin.id,
    email: admin.email,
    name: admin.name,
    role: 'district_admin',
    districtId: district!.id,
    districtName: district!.name,
    districtTimeZone: district!.time_zone,
  };

  const schools = (await db('schools')
    .insert(['North', 'South', 'East', 'West'].map((n) => ({ district_id: district!.id, name: `${n} School` })))
    .returning('id')) as { id: string }[];
  return { user, planId: await writeSamplePlan(db, user, { people, schools, rowsPerTable: 0 }) };
}

interface Timing {
  wallMs: number;
  cpuMs: number;
}

async function time(run: () => Promise<unknown>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await run();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

function summary(label: string, timings: Timing[]) {
  const stats = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { median: sorted[Math.floor(sorted.length / 2)]!, max: sorted.at(-1)! };
  };
  const wall = stats(timings.map((t) => t.wallMs));
  const cpu = stats(timings.map((t) => t.cpuMs));
  const ms = (n: number) => `${n.toFixed(0).padStart(5)} ms`;
  return {
    line: `${label.padEnd(18)} median ${ms(wall.median)}   max ${ms(wall.max)}   (CPU median ${ms(cpu.median)}, max ${ms(cpu.max)})`,
    maxMs: wall.max,
  };
}

async function main(): Promise<void> {
  const db = openDatabase({});
  try {
    await migrateToLatest(db);
    const { user, planId } = await buildLargePlan(db);
    const plan = await loadPlan(db, user.districtId, planId);
    const questions = plan.stages.flatMap((s) => s.questions).length;
    const actions = plan.stages.flatMap((s) => s.actions).length;

    // A first export warms up fonts, code and the database before anything is measured.
    const first = await exportPlanPdf(db, user, planId);
    const pages = (first.body.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    gc();
    const atRest = process.memoryUsage();
    let peakHeap = atRest.heapUsed;
    let peakRss = atRest.rss;
    let heapToo = true;
    const sample = () => {
      if (!heapToo) {
        // The worst plan's figure is its resident memory alone: reading the heap's too, at each of its
        // thousand pages, cost 3% of its time.
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
        return;
      }
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakRss = Math.max(peakRss, m.rss);
    };
    // Rendering is synchronous, so memory is also sampled inside it, at every new page.
    const addPage = PDFDocument.prototype.addPage;
    PDFDocument.prototype.addPage = function (this: PDFKit.PDFDocument, ...args: Parameters<typeof addPage>) {
      sample();
      return addPage.apply(this, args);
    };
    const measure = async (run: () => Promise<unknown>) => {
      const timings: Timing[] = [];
      for (let i = 0; i < runs; i++) {
        // Each export starts from a collected heap, so a peak is one export's own, not the leftovers of the last.
        gc();
        timings.push(await time(run));
        sample();
      }
      return timings;
    };

    const whole = summary('PDF, whole plan', await measure(() => exportPlanPdf(db, user, planId)));
    const stage = summary('PDF, one stage', await measure(() => exportPlanPdf(db, user, planId, { stage: 'build' })));
    const csv = summary('CSV, actions', await measure(() => exportCsv(db, user, planId, 'actions')));
    peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
    const added = mib(peakRss - atRest.rss);

    console.log(
      `Plan: ${questions} key questions answered with 2,000 characters each, ${actions} high-impact actions with owners, dates and notes`,
    );
    console.log(
      `      20 role definitions, 15 measures with 12 readings each: ${pages} pages, ${(first.body.length / 1024).toFixed(0)} KiB`,
    );
    console.log(`${runs} runs of each export after one warm-up, on the embedded Postgres in memory:`);
    for (const result of [whole, stage, csv]) console.log(`  ${result.line}`);
    console.log(
      `  Heap used: ${mib(atRest.heapUsed).toFixed(0)} MiB at rest, at most ${mib(peakHeap).toFixed(0)} MiB while exporting`,
    );
    console.log(
      `  RSS: ${mib(atRest.rss).toFixed(0)} MiB at rest (Node and the embedded Postgres), at most ${mib(peakRss).toFixed(0)} MiB: ` +
        `exports add at most ${added.toFixed(0)} MiB`,
    );
    const met = Math.max(whole.maxMs, stage.maxMs, csv.maxMs) < goalMs && added < goalMiB;
    console.log(`  Goal (every export under ${goalMs} ms, adding under ${goalMiB} MiB): ${met ? 'met' : 'NOT met'}`);

    // The worst plan the API allows, exported once: what one worker thread needs at most.
    if (process.env.BENCH_WORST !== '1') return;
    console.log('Building a plan at every limit the API allows…');
    const worstId = await buildWorstPlan(db, user);
    await exportPlanPdf(db, user, worstId, { stage: 'design' });
    gc();
    const rest = process.memoryUsage().rss;
    peakRss = rest;
    heapToo = false;
    let worstFile: Awaited<ReturnType<typeof exportPlanPdf>> | undefined;
    const worst = await time(async () => (worstFile = await exportPlanPdf(db, user, worstId)));
    sample();
    const worstAdded = mib(peakRss - rest);
    const worstPages = (worstFile!.body.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    console.log(
      `Plan at the API's limits (every answer 20,000 characters, ${limits.customItemsPerPlan} actions of its own with 2,000-character notes, ` +
        `${maxRowsPerTable} rows in every table, every stage's missteps, the logic model and the stakeholder inputs at their limits): ${worstPages} pages, ${(worstFile!.body.length / 1024 / 1024).toFixed(1)} MiB, ` +
        `${worst.wallMs.toFixed(0)} ms (CPU ${worst.cpuMs.toFixed(0)} ms), adding at most ${worstAdded.toFixed(0)} MiB`,
    );
    const worstMet = worst.wallMs < 5000 && worstAdded < 300;
    console.log(`  Goal (under 5,000 ms and 300 MiB): ${worstMet ? 'met' : 'NOT met'}`);
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
