import { misstepsForReading, misstepStatusLabels } from '@planner/shared/misstep';
import type { PlanStage } from '@planner/shared/plan';
import type { PlanExportData } from '../plan-export-data';
import { palette, type AccessiblePdf, type TableRow } from './writer';

/** A stage's missteps to avoid, with their status; those happening first, as they need the reader most. */
export function renderMissteps(pdf: AccessiblePdf, stage: PlanStage, data: PlanExportData): void {
  const missteps = misstepsForReading(data.missteps ?? [], stage.key);
  if (missteps.length === 0) {
    pdf.paragraph('No missteps to avoid listed yet.', { font: 'italic', color: palette.muted });
    return;
  }
  const happening = missteps.filter((m) => m.status === 'happening').length;
  if (happening > 0) {
    pdf.paragraph(`${happening} of ${missteps.length} marked happening: the district is acting on them.`, {
      font: 'semibold',
    });
  }
  pdf.table({
    columns: [
      { header: 'Misstep', width: 'rest' },
      { header: 'Status', width: 90 },
    ],
    rowHeaders: true,
    rows: missteps.flatMap((m): TableRow[] => {
      const row: TableRow = { cells: [m.text, misstepStatusLabels[m.status]] };
      return m.note.trim() ? [row, { note: `Note: ${m.note.trim()}` }] : [row];
    }),
  });
}
