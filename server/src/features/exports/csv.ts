import { stringify } from 'csv-stringify/sync';
import { actionStatusLabels } from '@planner/shared/plan';
import type { PlanExportData } from './plan-export-data';

/**
 * RFC 4180 CSV (CRLF between records, fields quoted when they hold a quote, comma or line break),
 * with a UTF-8 byte-order mark so that spreadsheet programs read accented names correctly.
 * Cells that start with = + - @, a tab or a carriage return get a leading apostrophe: a spreadsheet
 * would otherwise run them as formulas (CSV injection).
 */
function toCsv(header: string[], rows: string[][]): string {
  return stringify([header, ...rows], { bom: true, record_delimiter: 'windows', escape_formulas: true });
}

export const actionColumns = [
  'Stage',
  'Action',
  'Own or roadmap',
  'Not applicable',
  'Status',
  'Owner',
  'Due date',
  'Notes',
  'Last updated',
];

/** One row per high-impact action, stage by stage, in the plan's order. */
export function actionsCsv(data: PlanExportData): string {
  const stages = data.plan.stages.filter((stage) => !data.stage || stage.key === data.stage);
  const rows = stages.flatMap((stage) =>
    stage.actions.map((action) => [
      `${stage.order}. ${stage.title}`,
      action.text,
      action.isCustom ? 'Own' : 'Roadmap',
      action.notApplicable ? 'Yes' : 'No',
      actionStatusLabels[action.status],
      data.ownerOf(action) ?? '',
      action.dueDate ?? '',
      action.notes,
      action.updatedAt,
    ]),
  );
  return toCsv(actionColumns, rows);
}
