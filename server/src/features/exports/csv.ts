import { stringify } from 'csv-stringify/sync';
import { actionStatusLabels } from '@planner/shared/plan';
import { measureStatusLabels } from '@planner/shared/measure';
import { fieldsOf } from '@planner/shared/stage-tables';
import { isOverdue } from '@planner/shared/action-due';
import { isoDateTimeIn, todayIso } from '@planner/shared/format';
import { ownerOf, type PlanExportData } from './plan-export-data';

/**
 * A text cell a spreadsheet would run as a formula (CSV injection) gets a leading apostrophe: one that
 * starts with = + - @, a tab or a carriage return, also after leading spaces and zero-width characters.
 */
const formulaStart = /^[\s\u200B-\u200D\u2060\uFEFF]*[=+\-@\t\r]/;
export const neutralise = (text: string) => (formulaStart.test(text) ? `'${text}` : text);

/**
 * RFC 4180 CSV: CRLF between records; a field quoted when it holds a quote, a comma, or a line break of
 * either kind (a bare LF would start a new record in most readers); a UTF-8 byte-order mark, so
 * spreadsheet programs read accented names right. Numbers stay numbers.
 */
function toCsv(header: string[], rows: (string | number)[][]): string {
  return stringify([header, ...rows], {
    bom: true,
    record_delimiter: 'windows',
    quoted_match: /[\r\n",]/,
    cast: { string: neutralise },
  });
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
  // Overdue by the district's day of the export, as the actions page and the PDF say it.
  const today = todayIso(data.timeZone, data.exportedAt);
  const rows = stages.flatMap((stage) =>
    stage.actions.map((action) => [
      `${stage.order}. ${stage.title}`,
      action.text,
      action.isCustom ? 'Own' : 'Roadmap',
      action.notApplicable ? 'Yes' : 'No',
      `${actionStatusLabels[action.status]}${isOverdue(action, today) ? ', overdue' : ''}`,
      ownerOf(data, action) ?? '',
      action.dueDate ?? '',
      action.notes,
      // Where the district is, as its dates are.
      isoDateTimeIn(action.updatedAt, data.timeZone),
    ]),
  );
  return toCsv(actionColumns, rows);
}

const measureFields = fieldsOf('measures');

/** The measure's declared fields (as the screen labels them), its status, then one reading. */
export const measureColumns = [
  ...measureFields.map((f) => f.label),
  'Status',
  'Reading date',
  'Reading value',
  'Reading note',
];

// Numbers stay numbers: csv-stringify spares them from formula escaping, so -5 is not written as '-5.
const numberCell = (value: number | null) => (value === null ? '' : value);

/** A field as a spreadsheet wants it: choices in words, numbers as numbers, dates as YYYY-MM-DD. */
function cellOf(
  field: (typeof measureFields)[number],
  value: unknown,
  people: ReadonlyMap<string, string>,
): string | number {
  if (value === null || value === undefined) return '';
  if (field.kind === 'person') return people.get(String(value)) ?? '';
  if (field.kind === 'number' || field.kind === 'integer') return numberCell(value as number);
  if (field.kind === 'choice') return field.choices?.[String(value)] ?? String(value);
  return String(value);
}

/** One row per reading, oldest first, each with its measure's definition; a measure without readings has one row. */
export function measuresCsv(data: PlanExportData): string {
  const rows = data.plan.tables.measures.flatMap((m) => {
    const values = m as unknown as Record<string, unknown>;
    const definition = [
      ...measureFields.map((f) => cellOf(f, values[f.name], data.people)),
      measureStatusLabels[m.status],
    ];
    return m.readings.length === 0
      ? [[...definition, '', '', '']]
      : m.readings.map((r) => [...definition, r.date, r.value, r.note]);
  });
  return toCsv(measureColumns, rows);
}
