import { Piscina } from 'piscina';
import type { PlanExportData } from '../plan-export-data';
import { renderPlanPdf } from './plan-pdf';
import { PdfTooLargeError } from './writer';

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
