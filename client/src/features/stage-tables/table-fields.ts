import { formatCents } from '@planner/shared/budget';
import {
  collaborationStateLabels,
  decisionLevelLabels,
  expertiseSourceLabels,
  flexibilityLabels,
  frequencyLabels,
  fundingKindLabels,
  fundingStatusLabels,
  measureTermLabels,
  partnerKindLabels,
  rigorLabels,
  stageTableCreateSchemas,
  stageTableUpdateSchemas,
  stageTables,
  stakeholderKindLabels,
  stanceLabels,
  type RowMeta,
  type StageTableName,
  type StageTableRow,
} from '@planner/shared/stage-tables';
import type { FieldValues } from '../../components/autosave/pending-edits';
import { formatDay, formatNumber } from './format-values';

/** How a field is shown and typed: each kind has its input and its way of reading what is typed. */
export type FieldKind =
  'text' | 'longText' | 'choice' | 'integer' | 'number' | 'date' | 'dollars' | 'schoolYears' | 'checkbox';

export interface FieldSpec {
  field: string;
  label: string;
  kind: FieldKind;
  hint?: string;
  /** The words for each choice, in the order offered. */
  choices?: Readonly<Record<string, string>>;
}

type FieldsOf<N extends StageTableName> = Exclude<keyof StageTableRow<N>, keyof RowMeta> & string;

interface TableSpec<N extends StageTableName> {
  /** The field that names a row: the card's title. */
  titleField: FieldsOf<N>;
  /** Every field of the table, in the order shown; the type makes sure none is forgotten. */
  fields: { [F in FieldsOf<N>]: Omit<FieldSpec, 'field'> };
}

const tableSpecs: { [N in StageTableName]: TableSpec<N> } = {
  priorities: {
    titleField: 'title',
    fields: {
      title: { label: 'Title', kind: 'text' },
      rank: { label: 'Rank', kind: 'integer', hint: '1 is the most important' },
      description: { label: 'Description', kind: 'longText' },
    },
  },
  stakeholders: {
    titleField: 'name',
    fields: {
      name: { label: 'Name or group', kind: 'text' },
      kind: { label: 'Kind', kind: 'choice', choices: stakeholderKindLabels },
      stance: { label: 'Stance', kind: 'choice', choices: stanceLabels },
      engagedOn: { label: 'Engaged on', kind: 'date' },
      engagement: { label: 'How they are engaged', kind: 'longText' },
    },
  },
  fundingSources: {
    titleField: 'name',
    fields: {
      name: { label: 'Name', kind: 'text' },
      kind: { label: 'Kind', kind: 'choice', choices: fundingKindLabels },
      amountCents: { label: 'Amount', kind: 'dollars', hint: 'In dollars, such as 125,000.00' },
      status: { label: 'Status', kind: 'choice', choices: fundingStatusLabels },
      schoolYears: {
        label: 'School years',
        kind: 'schoolYears',
        hint: 'Separated by commas, such as 2026-27, 2027-28',
      },
    },
  },
  dataSystems: {
    titleField: 'name',
    fields: {
      name: { label: 'Name', kind: 'text' },
      rigor: { label: 'How rigorous', kind: 'choice', choices: rigorLabels },
      owner: { label: 'Owner', kind: 'text' },
      measures: { label: 'What it measures', kind: 'longText' },
    },
  },
  expertise: {
    titleField: 'area',
    fields: {
      area: { label: 'Area of expertise', kind: 'text' },
      source: { label: 'Internal or external', kind: 'choice', choices: expertiseSourceLabels },
      contact: { label: 'Contact', kind: 'text' },
    },
  },
  collaborationAreas: {
    titleField: 'area',
    fields: {
      area: { label: 'Area', kind: 'text' },
      state: { label: 'Collaboration and trust', kind: 'choice', choices: collaborationStateLabels },
      notes: { label: 'Notes', kind: 'longText' },
    },
  },
  measures: {
    titleField: 'name',
    fields: {
      name: { label: 'Name', kind: 'text' },
      term: { label: 'Term', kind: 'choice', choices: measureTermLabels },
      unit: { label: 'Unit', kind: 'text', hint: 'Such as %, students or days' },
      baseline: { label: 'Baseline', kind: 'number' },
      baselineDate: { label: 'Baseline date', kind: 'date' },
      target: { label: 'Target', kind: 'number' },
      targetDate: { label: 'Target date', kind: 'date' },
      dataSource: { label: 'Data source', kind: 'text' },
      frequency: { label: 'How often collected', kind: 'choice', choices: frequencyLabels },
      owner: { label: 'Owner', kind: 'text' },
    },
  },
  decisions: {
    titleField: 'feature',
    fields: {
      feature: { label: 'Feature of the program', kind: 'text' },
      level: { label: 'Decided at', kind: 'choice', choices: decisionLevelLabels },
      flexibility: { label: 'Flexibility for schools', kind: 'choice', choices: flexibilityLabels },
      rationale: { label: 'Why', kind: 'longText' },
    },
  },
  partners: {
    titleField: 'name',
    fields: {
      name: { label: 'Name', kind: 'text' },
      kind: { label: 'Internal or external', kind: 'choice', choices: partnerKindLabels },
      contact: { label: 'Contact', kind: 'text' },
      role: { label: 'What they do', kind: 'longText' },
    },
  },
};

/** A row of any stage table as the client handles it: its fields, id and version. */
export type StageRow = RowMeta & FieldValues;

export function fieldSpecs(name: StageTableName): FieldSpec[] {
  const fields: Record<string, Omit<FieldSpec, 'field'>> = tableSpecs[name].fields;
  return Object.entries(fields).map(([field, spec]) => ({ field, ...spec }));
}

/** The field that names a row, shown as its title rather than among its facts. */
export const titleFieldOf = (name: StageTableName): string => tableSpecs[name].titleField;

export function titleOf(name: StageTableName, values: FieldValues): string {
  const title = values[tableSpecs[name].titleField];
  return typeof title === 'string' && title.trim() !== '' ? title : `Untitled ${stageTables[name].rowNoun}`;
}

/** The row's editable fields, without its id and version. */
export function fieldValuesOf(name: StageTableName, row: FieldValues): FieldValues {
  return Object.fromEntries(fieldSpecs(name).map(({ field }) => [field, row[field]]));
}

/** Required when adding: the fields the create schema fills no default in for. */
export function requiredFields(name: StageTableName): Set<string> {
  const issues = stageTableCreateSchemas[name].safeParse({}).error?.issues ?? [];
  return new Set(issues.map((issue) => String(issue.path[0])));
}

/** The shared schema's message for one changed field, or undefined when the server would take it. */
export function fieldProblem(name: StageTableName, field: string, value: unknown): string | undefined {
  const result = stageTableUpdateSchemas[name].safeParse({ [field]: value, version: 1 });
  if (result.success) return undefined;
  return result.error.issues.find((issue) => issue.path[0] === field)?.message;
}

/** A field's value in words, for read-only pages and the conflict panel. */
export function formatFieldValue(spec: FieldSpec, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  switch (spec.kind) {
    case 'choice':
      return spec.choices?.[String(value)] ?? String(value);
    case 'dollars':
      return typeof value === 'number' ? formatCents(value) : '';
    case 'date':
      return typeof value === 'string' ? formatDay(value) : '';
    case 'integer':
    case 'number':
      return typeof value === 'number' ? formatNumber(value) : '';
    case 'schoolYears':
      return Array.isArray(value) ? value.join(', ') : '';
    case 'checkbox':
      return value === true ? 'Yes' : 'No';
    case 'text':
    case 'longText':
      return String(value);
  }
}
