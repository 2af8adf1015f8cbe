import os from 'node:os';
import { isMainThread } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { PlanExportData } from '../plan-export-data';
import { renderPlanPdf } from './plan-pdf';
import { PdfTooLargeError } from './writer';

/** The nice value of a render's thread: above the request loop's (0), so requests get the cores first. */
export const renderThreadNice = 10;

/**
 * Renders yield the CPU to the request loop: on Linux each thread has a nice value of its own, and
 * setpriority on "this process" (0) sets the calling thread's. Elsewhere it would set the whole
 * process's, so there the render keeps the process's priority.
 */
function yieldToRequests(): void {
  if (isMainThread || process.platform !== 'linux') return;
  os.setPriority(0, renderThreadNice);
}
yieldToRequests();

/** What a render answers: the file, or that it outgrew the bound on a PDF's size. */
export type RenderOutcome = Uint8Array | { tooLarge: { pages: number } };

/**
 * The entry of a PDF worker thread (bundled as `dist/pdf-worker.js`): lays out one export from plain
 * data read on the main thread, and hands the bytes back without a copy.
 */
export default async function render(data: PlanExportData): Promise<RenderOutcome> {
  try {
    const pdf = await renderPlanPdf(data);
    const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    // Moved, not copied: Piscina moves only a value returned whole.
    return Piscina.move(bytes) as unknown as RenderOutcome;
  } catch (err) {
    if (err instanceof PdfTooLargeError) return { tooLarge: { pages: err.pages } };
    throw err;
  }
}
