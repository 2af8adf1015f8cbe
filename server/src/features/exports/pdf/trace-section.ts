import { countOf, formatDate } from '@planner/shared/format';
import {
  inputKindLabels,
  newestTrace,
  notShapedWords,
  shapedKindLabels,
  traceInputLimit,
  type ShapedKind,
  type StakeholderInput,
  type TraceEntry,
} from '@planner/shared/stakeholder-input';
import type { PlanExportData } from '../plan-export-data';
import { shortened } from './bounds';
import { palette, type AccessiblePdf } from './writer';

/**
 * How much of the stakeholder trace a PDF holds, so that its size keeps a bound: a plan may hold 1,000
 * inputs of 5,000 characters, each naming 50 items, far more than the rest of the worst plan's text.
 * The newest inputs come first; a long summary or item is cut at a word, and the PDF says where the
 * rest is.
 */
export const traceLimits = { inputs: traceInputLimit, summary: 1_000, shaped: 5, label: 200 } as const;

type TraceInput = TraceEntry['inputs'][number];

/** A stakeholder's inputs as the PDF holds them. */
export interface PdfTraceEntry {
  stakeholder: TraceEntry['stakeholder'];
  /** Each input with how many items it shaped beyond those listed. */
  inputs: (TraceInput & { moreShaped: number })[];
}

/** What the PDF holds of the trace: the newest inputs by stakeholder, and how many there are in all. */
export interface PdfTrace {
  entries: PdfTraceEntry[];
  /** Inputs in the PDF, and in the plan. */
  shown: number;
  total: number;
}

/**
 * The trace as a PDF holds it, from the inputs newest first (as the database lists them): the newest
 * `traceLimits.inputs`, each stakeholder's newest first; summaries and items cut to their limits, and
 * at most `traceLimits.shaped` items an input shaped, with how many more there are. `shows` leaves out
 * items a share link does not show; an input whose items are all left out says so.
 */
export function pdfTraceOf(
  stakeholders: readonly { id: string; name: string; kind: string }[],
  inputsNewestFirst: readonly StakeholderInput[],
  kindLabels: Readonly<Record<string, string>>,
  shows: (item: { kind: ShapedKind; id: string }) => boolean = () => true,
): PdfTrace {
  const { entries: listed, shown, total } = newestTrace(stakeholders, inputsNewestFirst, kindLabels, shows);
  const entries = listed.map((entry): PdfTraceEntry => ({
    ...entry,
    inputs: entry.inputs.map((input) => {
      const summary = input.summary.trim();
      return {
        ...input,
        summary:
          Array.from(summary).length > traceLimits.summary
            ? `${shortened(summary, traceLimits.summary)} (shortened in this PDF)`
            : summary,
        shaped: input.shaped
          .slice(0, traceLimits.shaped)
          .map((s) => ({ ...s, label: shortened(s.label, traceLimits.label) })),
        moreShaped: Math.max(0, input.shaped.length - traceLimits.shaped),
      };
    }),
  }));
  return { entries, shown, total };
}

/** Whether this export holds the stakeholder trace: the whole plan's, when it was read. */
export const hasTrace = (data: PlanExportData): data is PlanExportData & { trace: PdfTrace } =>
  data.trace !== undefined && !data.stage && !data.roleId;

type Bookmark = ReturnType<AccessiblePdf['heading']>;

/**
 * What the stakeholders said and what the district did with it, as the share link shows it: under each
 * stakeholder (a heading, listed and bookmarked), each input with its kind, day and source, then the
 * items of the plan it shaped.
 */
export function renderTrace(pdf: AccessiblePdf, trace: PdfTrace, bookmark: Bookmark): void {
  const { entries, shown, total } = trace;
  if (total === 0) {
    pdf.paragraph('No stakeholder input recorded yet.', { font: 'italic', color: palette.muted });
    return;
  }
  pdf.paragraph(
    shown < total
      ? `The ${countOf(shown, 'newest input')} of ${String(total)}; the planner holds them all.`
      : `${countOf(total, 'input')} from ${countOf(entries.length, 'stakeholder')}, newest first.`,
  );
  for (const entry of entries) {
    pdf.heading(3, `${entry.stakeholder.name} (${entry.stakeholder.kind})`, { toc: 2, bookmarkParent: bookmark });
    for (const input of entry.inputs) {
      const heard = `${inputKindLabels[input.kind]}, ${formatDate(input.heardOn)}${input.source ? ` (${input.source})` : ''}`;
      pdf.labelledParagraph(heard, input.summary);
      if (input.shaped.length > 0) {
        pdf.list(
          [
            ...input.shaped.map((s) => `${shapedKindLabels[s.kind]}: ${s.label}`),
            ...(input.moreShaped > 0 ? [`and ${countOf(input.moreShaped, 'more item')}`] : []),
          ],
          {},
          { lead: 'What we did with it:' },
        );
      } else {
        pdf.paragraph(notShapedWords(input), { font: 'italic', color: palette.muted });
      }
      pdf.moveDown(6);
    }
  }
}
