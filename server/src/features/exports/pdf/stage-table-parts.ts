import { formatDate, formatWithUnit } from '@planner/shared/format';
import { measureStatusLabels, type Measure } from '@planner/shared/measure';
import type { PlanStage } from '@planner/shared/plan';
import {
  pdfCells,
  pdfColumnsOf,
  pdfHeaders,
  stageTables,
  tablesOfStage as tableNamesOfStage,
  type StageTableName,
} from '@planner/shared/stage-tables';
import type { PlanExportData } from '../plan-export-data';
import { drawMeasureChart, measureChartHeight, readingsByDate } from './measure-chart';
import { palette, type AccessiblePdf, type TableColumn } from './writer';

export const formatDay = (isoDate: string | null) => (isoDate ? formatDate(isoDate) : '');

/** What a measure adds to its declared columns: where it stands now. */
const measureExtras = {
  headers: ['Latest reading', 'Status'],
  widths: [95, 60],
  cells: (m: Measure) => [
    m.latestReading
      ? `${formatWithUnit(m.latestReading.value, m.unit)}, ${formatDate(m.latestReading.date)}`
      : 'None yet',
    measureStatusLabels[m.status],
  ],
};

function renderTable(
  pdf: AccessiblePdf,
  name: StageTableName,
  rows: Record<string, unknown>[],
  people: ReadonlyMap<string, string>,
  withoutPeople: boolean,
): void {
  if (rows.length === 0) {
    pdf.paragraph(`No ${stageTables[name].title.toLowerCase()} listed yet.`, { font: 'italic', color: palette.muted });
    return;
  }
  // A share link's PDF has no column naming people, as its page has none: the first column takes the room.
  const declared = pdfColumnsOf(name, withoutPeople);
  const columns: TableColumn[] = pdfHeaders(name, withoutPeople).map((header, i) => ({
    header,
    width: declared[i]!.width,
  }));
  const extras = name === 'measures' ? measureExtras : null;
  if (extras) extras.headers.forEach((header, i) => columns.push({ header, width: extras.widths[i]! }));
  pdf.table({
    columns,
    rowHeaders: true,
    rows: rows.map((row) => ({
      cells: [
        ...pdfCells(name, row, people, withoutPeople),
        ...(extras ? extras.cells(row as unknown as Measure) : []),
      ],
    })),
  });
}

/** The tables of a stage, each under its own heading, in the declarations' order. */
export function tablesOfStage(stage: PlanStage): { name: StageTableName; title: string }[] {
  return tableNamesOfStage(stage.key).map((name) => ({ name, title: stageTables[name].title }));
}

/**
 * Each measure under its own heading (a level below the table's): its chart (a tagged Figure) and the
 * table of its readings, or a sentence when it has none yet.
 */
function renderMeasureReadings(pdf: AccessiblePdf, measures: Measure[], schoolYear: string, level: 3 | 4): void {
  for (const measure of measures) {
    const readings = readingsByDate(measure);
    // The heading goes to the next page with its chart rather than stay alone at the foot of this one.
    pdf.heading(level, measure.name, { keepWithNext: readings.length > 0 ? measureChartHeight(pdf, measure) : 0 });
    if (readings.length === 0) {
      pdf.paragraph('No readings yet.', { font: 'italic', color: palette.muted });
      continue;
    }
    drawMeasureChart(pdf, measure, schoolYear);
    pdf.table({
      columns: [
        { header: 'Date', width: 90 },
        { header: 'Value', width: 90 },
        { header: 'Note', width: 'rest' },
      ],
      rowHeaders: true,
      rows: readings.map((r) => ({ cells: [formatDate(r.date), formatWithUnit(r.value, measure.unit), r.note] })),
    });
  }
}

/** A stage's table, under a heading of level 3 (or 2, a share link's measures section without the stages). */
export function renderStageTable(
  pdf: AccessiblePdf,
  name: StageTableName,
  data: PlanExportData,
  headingLevel: 2 | 3 = 3,
): void {
  const rows = data.plan.tables[name] as unknown as Record<string, unknown>[];
  renderTable(pdf, name, rows, data.people, data.forPublic === true);
  if (name === 'measures') {
    renderMeasureReadings(pdf, data.plan.tables.measures, data.plan.schoolYear, headingLevel === 2 ? 3 : 4);
  }
}
