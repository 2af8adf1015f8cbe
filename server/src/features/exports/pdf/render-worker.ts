import { readlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { PlanExportData } from '../plan-export-data';
import { renderPlanPdf } from './plan-pdf';
import { PdfTooLargeError } from './writer';

/** The nice value of a render's thread: above the request loop's (0), so requests get the cores first. */
export const renderThreadNice = 10;

/**
 * Renders yield the CPU to the request loop: on Linux each thread has a nice value of its own, and a
 * worker lowers its own (`/proc/thread-self` names the thread). Elsewhere it keeps the process's.
 */
function yieldToRequests(): void {
  if (isMainThread) return;
  try {
    os.setPriority(Number(path.basename(readlinkSync('/proc/thread-self'))), renderThreadNice);
  } catch {
    // No /proc/thread-self (not Linux): the render runs at the process's priority.
  }
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
