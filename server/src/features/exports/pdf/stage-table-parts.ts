import { formatCents } from '@planner/shared/budget';
import type { PlanStage, PlanTables } from '@planner/shared/plan';
import {
  collaborationStateLabels,
  decisionLevelLabels,
  expertiseSourceLabels,
  flexibilityLabels,
  frequencyLabels,
  fundingKindLabels,
  fundingStatusLabels,
  measureStatusLabels,
  measureTermLabels,
  partnerKindLabels,
  rigorLabels,
  stageTables,
  stakeholderKindLabels,
  stanceLabels,
  type StageTableName,
} from '@planner/shared/stage-tables';
import type { PlanExportData } from '../plan-export-data';
import { palette, type AccessiblePdf, type TableColumn } from './writer';

const shortDate = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
export const formatDay = (isoDate: string | null) =>
  isoDate ? shortDate.format(new Date(`${isoDate}T00:00:00Z`)) : '';
const withUnit = (value: number | null, unit: string) =>
  value === null ? 'Not set' : `${value}${unit ? ` ${unit}` : ''}`;

interface TableLayout<N extends StageTableName> {
  columns: TableColumn[];
  cells(row: PlanTables[N][number]): string[];
}

/** How each stage table reads on paper: its columns, the first naming the row. */
const layouts: { [N in StageTableName]: TableLayout<N> } = {
  priorities: {
    columns: [
      { header: 'Priority', width: 'rest' },
      { header: 'Rank', width: 50 },
      { header: 'Description', width: 220 },
    ],
    cells: (r) => [r.title, r.rank === null ? '' : String(r.rank), r.description],
  },
  stakeholders: {
    columns: [
      { header: 'Stakeholder', width: 'rest' },
      { header: 'Kind', width: 90 },
      { header: 'Stance', width: 70 },
      { header: 'How and when engaged', width: 170 },
    ],
    cells: (r) => [
      r.name,
      stakeholderKindLabels[r.kind],
      stanceLabels[r.stance],
      [r.engagement, formatDay(r.engagedOn)].filter(Boolean).join(', '),
    ],
  },
  fundingSources: {
    columns: [
      { header: 'Funding source', width: 'rest' },
      { header: 'Kind', width: 100 },
      { header: 'Amount', width: 90 },
      { header: 'School years', width: 90 },
      { header: 'Status', width: 60 },
    ],
    cells: (r) => [
      r.name,
      fundingKindLabels[r.kind],
      formatCents(r.amountCents),
      r.schoolYears.join(', '),
      fundingStatusLabels[r.status],
    ],
  },
  dataSystems: {
    columns: [
      { header: 'Data system', width: 'rest' },
      { header: 'What it measures', width: 180 },
      { header: 'Rigor', width: 80 },
      { header: 'Owner', width: 90 },
    ],
    cells: (r) => [r.name, r.measures, rigorLabels[r.rigor], r.owner],
  },
  expertise: {
    columns: [
      { header: 'Area of expertise', width: 'rest' },
      { header: 'Source', width: 80 },
      { header: 'Contact', width: 180 },
    ],
    cells: (r) => [r.area, expertiseSourceLabels[r.source], r.contact],
  },
  collaborationAreas: {
    columns: [
      { header: 'Area', width: 'rest' },
      { header: 'Collaboration and trust', width: 150 },
      { header: 'Notes', width: 170 },
    ],
    cells: (r) => [r.area, collaborationStateLabels[r.state], r.notes],
  },
  measures: {
    columns: [
      { header: 'Measure', width: 'rest' },
      { header: 'Baseline', width: 80 },
      { header: 'Target', width: 95 },
      { header: 'Latest reading', width: 95 },
      { header: 'Status', width: 60 },
    ],
    cells: (m) => [
      `${m.name} (${measureTermLabels[m.term].toLowerCase()}; ${frequencyLabels[m.frequency].toLowerCase()}${m.dataSource ? `; ${m.dataSource}` : ''})`,
      [withUnit(m.baseline, m.unit), formatDay(m.baselineDate)].filter(Boolean).join(', '),
      [withUnit(m.target, m.unit), m.targetDate ? `by ${formatDay(m.targetDate)}` : ''].filter(Boolean).join(' '),
      m.latestReading ? `${withUnit(m.latestReading.value, m.unit)}, ${formatDay(m.latestReading.date)}` : 'None yet',
      measureStatusLabels[m.status],
    ],
  },
  decisions: {
    columns: [
      { header: 'Feature', width: 'rest' },
      { header: 'Decided at', width: 120 },
      { header: 'Flexibility', width: 70 },
      { header: 'Why', width: 170 },
    ],
    cells: (r) => [r.feature, decisionLevelLabels[r.level], flexibilityLabels[r.flexibility], r.rationale],
  },
  partners: {
    columns: [
      { header: 'Partner', width: 'rest' },
      { header: 'Kind', width: 100 },
      { header: 'What they do', width: 170 },
      { header: 'Contact', width: 110 },
    ],
    cells: (r) => [r.name, partnerKindLabels[r.kind], r.role, r.contact],
  },
};

function renderTable<N extends StageTableName>(pdf: AccessiblePdf, name: N, rows: PlanTables[N]): void {
  if (rows.length === 0) {
    pdf.paragraph(`No ${stageTables[name].title.toLowerCase()} listed yet.`, { font: 'italic', color: palette.muted });
    return;
  }
  const layout = layouts[name];
  pdf.table({ columns: layout.columns, rowHeaders: true, rows: rows.map((row) => ({ cells: layout.cells(row) })) });
}

/** The tables of a stage, each under its own heading, in the registry's order. */
export function tablesOfStage(stage: PlanStage): { name: StageTableName; title: string }[] {
  return (Object.keys(stageTables) as StageTableName[])
    .filter((name) => stageTables[name].stageKey === stage.key)
    .map((name) => ({ name, title: stageTables[name].title }));
}

export function renderStageTable(pdf: AccessiblePdf, name: StageTableName, data: PlanExportData): void {
  renderTable(pdf, name, data.plan.tables[name] as never);
}
