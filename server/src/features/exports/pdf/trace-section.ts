import { countOf, formatDate } from '@planner/shared/format';
import { inputKindLabels, shapedKindLabels, type TraceEntry } from '@planner/shared/stakeholder-input';
import type { PlanExportData } from '../plan-export-data';
import { palette, type AccessiblePdf } from './writer';

/**
 * How much of the trace a PDF holds, so that its size keeps a bound: a plan may hold 1,000 inputs of
 * 5,000 characters, ten times the rest of the worst plan's text. The newest inputs come first; a long
 * summary is cut at a word, and the PDF says where the rest is.
 */
export const traceLimits = { inputs: 200, summary: 1_200 } as const;

/** A summary cut at a word near `max` characters, marked as cut. */
export function shortSummary(summary: string, max: number = traceLimits.summary): string {
  const text = summary.trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const atWord = cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 40)).trimEnd();
  return `${atWord}… (shortened here; the full text is in the planner)`;
}

/** The trace as the PDF holds it: the newest inputs up to the limit, each stakeholder's in date order. */
export function traceForPdf(trace: readonly TraceEntry[]): { entries: TraceEntry[]; shown: number; total: number } {
  const all = trace.flatMap((entry, stakeholder) => entry.inputs.map((input) => ({ stakeholder, input })));
  const kept = new Set(
    [...all].sort((a, b) => b.input.heardOn.localeCompare(a.input.heardOn)).slice(0, traceLimits.inputs),
  );
  const entries = trace
    .map((entry, stakeholder) => ({
      ...entry,
      inputs: all
        .filter((item) => item.stakeholder === stakeholder && kept.has(item))
        .map((item) => item.input)
        .sort((a, b) => a.heardOn.localeCompare(b.heardOn)),
    }))
    .filter((entry) => entry.inputs.length > 0);
  return { entries, shown: kept.size, total: all.length };
}

/** Whether this export holds the stakeholder trace: the whole plan's, when it was read. */
export const hasTrace = (data: PlanExportData): data is PlanExportData & { trace: TraceEntry[] } =>
  data.trace !== undefined && !data.stage && !data.roleId;

/**
 * What the stakeholders said and what the district did with it, as the share link shows it: under each
 * stakeholder (a heading), each input with its kind, day and source, then the items of the plan it shaped.
 */
export function renderTrace(pdf: AccessiblePdf, trace: readonly TraceEntry[]): void {
  const { entries, shown, total } = traceForPdf(trace);
  if (total === 0) {
    pdf.paragraph('No stakeholder input recorded yet.', { font: 'italic', color: palette.muted });
    return;
  }
  pdf.paragraph(
    shown < total
      ? `The ${countOf(shown, 'newest input')} of ${String(total)}; the planner holds them all.`
      : `${countOf(total, 'input')} from ${countOf(entries.length, 'stakeholder')}.`,
  );
  for (const entry of entries) {
    pdf.heading(3, `${entry.stakeholder.name} (${entry.stakeholder.kind})`);
    for (const input of entry.inputs) {
      const heard = `${inputKindLabels[input.kind]}, ${formatDate(input.heardOn)}${input.source ? ` (${input.source})` : ''}`;
      pdf.labelledParagraph(heard, shortSummary(input.summary));
      if (input.shaped.length === 0) {
        pdf.paragraph('Not yet linked to the plan.', { font: 'italic', color: palette.muted });
      } else {
        pdf.paragraph('What we did with it:', { font: 'semibold' }, { spaceAfter: 2 });
        pdf.list(input.shaped.map((s) => `${shapedKindLabels[s.kind]}: ${s.label}`));
      }
      pdf.moveDown(6);
    }
  }
}
