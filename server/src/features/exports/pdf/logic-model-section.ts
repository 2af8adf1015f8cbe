import {
  entryPlace,
  linkWords,
  noLinksWords,
  type LogicModel,
  type LogicModelEntry,
} from '@planner/shared/logic-model';
import { countOf } from '@planner/shared/format';
import { shortened } from './bounds';
import type { PlanExportData } from '../plan-export-data';
import { palette, type AccessiblePdf } from './writer';

/** How much of an entry's links the PDF lists: an entry may link 20 items named in up to 1,000 characters. */
export const linkLimits = { listed: 5, label: 120 } as const;

/** An entry's links, one a line: the first few, each name cut to its limit, then how many more there are. */
function linksInWords(entry: LogicModelEntry): string {
  const { links } = entry;
  if (links.length === 0) return noLinksWords(entry);
  const listed = links
    .slice(0, linkLimits.listed)
    .map((link) => linkWords({ ...link, label: shortened(link.label, linkLimits.label) }));
  const more = links.length - listed.length;
  return [...listed, ...(more > 0 ? [`and ${countOf(more, 'more item')}`] : [])].join('\n');
}

/**
 * The logic model on a landscape page: the problem and the goal, then one table of the entries in the
 * chain's order (inputs, activities, outputs by horizon, outcomes), each row named by its text, with
 * its part and what it links to (a broken link says so, with the name it last had). Type keeps the
 * size of the rest of the document; a model too long for one page runs on to a second landscape page,
 * the table's header repeated, so nothing is cut.
 */
export function renderLogicModel(pdf: AccessiblePdf, model: LogicModel): void {
  const { canvas, entries } = model;
  pdf.labelledParagraph('Problem statement', canvas.problemStatement.trim() || 'Not written yet.');
  pdf.labelledParagraph('Goal', canvas.goal.trim() || 'Not written yet.');
  pdf.moveDown(6);
  if (entries.length === 0) {
    pdf.paragraph('No inputs, activities, outputs or outcomes yet.', { font: 'italic', color: palette.muted });
    return;
  }
  pdf.table({
    columns: [
      { header: 'Entry', width: 'rest' },
      { header: 'Part of the model', width: 130 },
      { header: 'Linked to', width: 250 },
    ],
    rowHeaders: true,
    rows: entries.map((entry) => ({
      cells: [entry.text, entryPlace(entry), linksInWords(entry)],
    })),
  });
}

/** Whether this export holds the logic model: the whole plan's, when it was read. */
export const hasLogicModel = (data: PlanExportData): data is PlanExportData & { logicModel: LogicModel } =>
  data.logicModel !== undefined && !data.stage && !data.roleId;
