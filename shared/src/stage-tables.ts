import { z } from 'zod';
import {
  choiceSchema,
  isoDateSchema,
  lineSchema,
  measureNumberSchema,
  schoolYearSchema,
  textSchema,
  versionSchema,
  withFieldToChange,
} from './common';
import { formatCents, formatDate, formatNumber, formatWithUnit } from './format';
import type { StageKey } from './roadmap';

/**
 * The structured tables of each roadmap stage (priorities, stakeholders, funding, measures, ...), each
 * declared once: its fields with their label, kind, help text and schema, its place in the roadmap and
 * its columns on paper. The request and response schemas, the server's SQL mapping and routes, the
 * client's forms and the PDF's tables are all built from these declarations (docs/decisions/006).
 */

/** Rows one table of one plan may hold. */
export const maxRowsPerTable = 200;

/** How a field is typed, shown and stored: each kind has its input, its formatting and its column type. */
export type FieldKind =
  'text' | 'longText' | 'choice' | 'integer' | 'number' | 'date' | 'dollars' | 'schoolYears' | 'person';

export interface FieldDeclaration<S extends z.ZodType = z.ZodType> {
  schema: S;
  label: string;
  kind: FieldKind;
  /** Help text under the label. */
  hint?: string;
  /** The words for each choice, in the order offered. */
  choices?: Readonly<Record<string, string>>;
  /** A numeric field's unit is the value of this other field (a measure's "%" or "students"). */
  unitField?: string;
  /** A choice offered as radio buttons under a legend rather than a list: few choices, read side by side. */
  radios?: boolean;
  /**
   * A number's words say which side of it is good, from this field's value ('higher' or 'lower'): a
   * measure's target "at or below 12%".
   */
  goodSideField?: string;
  /**
   * The field names a person or how to reach one (a name, an email, a phone): a share link, which names
   * none of the district's people, leaves it out.
   */
  namesPeople?: boolean;
}

// ---- Field builders: the schema and its messages come with the words people see ---------------------

const text = (label: string, options: { max: number; hint?: string; namesPeople?: boolean }) => ({
  schema: lineSchema(options.max).default(''),
  label,
  kind: 'text' as const,
  hint: options.hint,
  namesPeople: options.namesPeople,
});
const requiredText = (label: string, options: { max: number; hint?: string }) => ({
  schema: lineSchema(options.max).min(1, { error: 'must not be empty' }),
  label,
  kind: 'text' as const,
  hint: options.hint,
});
const longText = (label: string, options: { max: number; hint?: string }) => ({
  schema: textSchema(options.max).default(''),
  label,
  kind: 'longText' as const,
  hint: options.hint,
});

const choice = <const T extends readonly [string, ...string[]]>(
  label: string,
  values: T,
  labels: Record<T[number], string>,
  options: { hint?: string } = {},
) => ({ schema: choiceSchema(values, labels), label, kind: 'choice' as const, choices: labels, hint: options.hint });
const choiceWithDefault = <const T extends readonly [string, ...string[]]>(
  label: string,
  values: T,
  labels: Record<T[number], string>,
  fallback: T[number],
  options: { hint?: string } = {},
) => ({ ...choice(label, values, labels, options), schema: choiceSchema(values, labels).default(fallback) });
/** A choice that may stay unmade (null), shown as radio buttons. */
const optionalRadios = <const T extends readonly [string, ...string[]]>(
  label: string,
  values: T,
  labels: Record<T[number], string>,
  options: { hint?: string } = {},
) => ({
  ...choice(label, values, labels, options),
  schema: choiceSchema(values, labels).nullable().default(null),
  radios: true,
});

const optionalNumber = (
  label: string,
  options: { hint?: string; unitField?: string; goodSideField?: string } = {},
) => ({
  schema: measureNumberSchema.nullable().default(null),
  label,
  kind: 'number' as const,
  ...options,
});
const optionalWholeNumber = (label: string, options: { min: number; max: number; hint?: string }) => ({
  schema: z
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(options.min, { error: `must be at least ${options.min}` })
    .max(options.max, { error: `must be at most ${options.max}` })
    .nullable()
    .default(null),
  label,
  kind: 'integer' as const,
  hint: options.hint,
});
const optionalDate = (label: string, options: { hint?: string } = {}) => ({
  schema: isoDateSchema.nullable().default(null),
  label,
  kind: 'date' as const,
  hint: options.hint,
});
/** Money travels and is stored as whole cents; people type dollars. */
const dollarsField = (label: string, options: { hint?: string } = {}) => ({
  schema: z
    .number({ error: 'must be an amount in dollars, such as 125,000.50' })
    .int({ error: 'must be an amount in whole cents' })
    .min(0, { error: 'must not be negative' })
    .max(100_000_000_000_00, { error: 'must be at most 100 billion dollars' })
    .default(0),
  label,
  kind: 'dollars' as const,
  hint: options.hint,
});
/** A person of the district, by id (or nobody): who is reminded of what the row needs. */
const personField = (label: string, options: { hint?: string } = {}) => ({
  schema: z.uuid({ error: 'must be a person of your district' }).nullable().default(null),
  label,
  kind: 'person' as const,
  hint: options.hint,
  namesPeople: true,
});
const schoolYearsField = (label: string, options: { hint?: string } = {}) => ({
  schema: z
    .array(schoolYearSchema, { error: 'must be a list of school years such as 2026-27' })
    .max(10, { error: 'must list at most 10 school years' })
    .default([]),
  label,
  kind: 'schoolYears' as const,
  hint: options.hint,
});

// ---- Choices, with the words people see -------------------------------------------------------------

export const stakeholderKinds = [
  'teachers',
  'union',
  'principals',
  'central_office',
  'board',
  'families',
  'community_partner',
] as const;
export const stakeholderKindLabels: Record<(typeof stakeholderKinds)[number], string> = {
  teachers: 'Teachers',
  union: 'Union',
  principals: 'Principals',
  central_office: 'Central office',
  board: 'School board',
  families: 'Families',
  community_partner: 'Community partner',
};
export const stances = ['champion', 'supportive', 'neutral', 'skeptical', 'opposed', 'unknown'] as const;
export const stanceLabels: Record<(typeof stances)[number], string> = {
  champion: 'Champion',
  supportive: 'Supportive',
  neutral: 'Neutral',
  skeptical: 'Skeptical',
  opposed: 'Opposed',
  unknown: 'Not yet known',
};
export const fundingKinds = ['existing', 'redistributed', 'new_grant'] as const;
export const fundingKindLabels: Record<(typeof fundingKinds)[number], string> = {
  existing: 'Existing funds',
  redistributed: 'Re-distributed funds',
  new_grant: 'New grant',
};
export const fundingStatuses = ['secured', 'pending', 'idea'] as const;
export const fundingStatusLabels: Record<(typeof fundingStatuses)[number], string> = {
  secured: 'Secured',
  pending: 'Pending',
  idea: 'Idea',
};
export const rigorLevels = ['high', 'moderate', 'low', 'unknown'] as const;
export const rigorLabels: Record<(typeof rigorLevels)[number], string> = {
  high: 'High',
  moderate: 'Moderate',
  low: 'Low',
  unknown: 'Not yet assessed',
};
export const expertiseSources = ['internal', 'external'] as const;
export const expertiseSourceLabels: Record<(typeof expertiseSources)[number], string> = {
  internal: 'Internal',
  external: 'External',
};
export const collaborationStates = ['exists', 'emerging', 'missing'] as const;
export const collaborationStateLabels: Record<(typeof collaborationStates)[number], string> = {
  exists: 'Collaboration and trust exist',
  emerging: 'Emerging',
  missing: 'Missing: a barrier to plan for',
};
export const measureTerms = ['short', 'long'] as const;
export const measureTermLabels: Record<(typeof measureTerms)[number], string> = {
  short: 'Short-term',
  long: 'Long-term',
};
/** Which readings are better: a measure to raise (higher is better) or to reduce or hold down (lower). */
export const measureDirections = ['higher', 'lower'] as const;
export type MeasureDirection = (typeof measureDirections)[number];
export const measureDirectionLabels: Record<MeasureDirection, string> = {
  higher: 'Higher is better',
  lower: 'Lower is better',
};
export const frequencies = ['weekly', 'monthly', 'quarterly', 'semester', 'annually', 'other'] as const;
export const frequencyLabels: Record<(typeof frequencies)[number], string> = {
  weekly: 'Weekly',
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  semester: 'Each semester',
  annually: 'Annually',
  other: 'Other',
};
export const decisionLevels = ['system', 'school'] as const;
export const decisionLevelLabels: Record<(typeof decisionLevels)[number], string> = {
  system: 'System level ("tight")',
  school: 'School level ("loose")',
};
export const flexibilityLevels = ['none', 'limited', 'moderate', 'full'] as const;
export const flexibilityLabels: Record<(typeof flexibilityLevels)[number], string> = {
  none: 'None',
  limited: 'Limited',
  moderate: 'Moderate',
  full: 'Full',
};
export const partnerKinds = ['internal_team', 'external_organization'] as const;
export const partnerKindLabels: Record<(typeof partnerKinds)[number], string> = {
  internal_team: 'Internal team',
  external_organization: 'External organization',
};

// ---- The declaration of a table ----------------------------------------------------------------------

/** A column of the table on paper: the fields it shows, the first one's label as its header by default. */
export interface PdfColumn<F extends string = string> {
  fields: readonly F[];
  header?: string;
  /** Points, or the rest of the page's width (one column per table). */
  width: number | 'rest';
  /** How the values of several fields are joined: "a, b" by default, or "a (b; c)" for details of a name. */
  join?: 'comma' | 'details';
}

type FieldMap = Record<string, FieldDeclaration>;
type ShapeOf<F extends FieldMap> = { [K in keyof F]: F[K]['schema'] };

interface TableInput<F extends FieldMap> {
  /** Path segment of its routes and key in the plan's `tables`. */
  key: string;
  stageKey: StageKey;
  title: string;
  /** One row, in words: "priority". */
  rowNoun: string;
  /** Name of the row's schema in the API documents: "Priority". */
  schemaName: string;
  /** The fields, in the order forms show them. */
  fields: F;
  /** The field that names a row: a card's title, a table's row header. */
  titleField: keyof F & string;
  /** How rows are listed: by this field (nulls last), then in the order they were added. */
  orderBy?: keyof F & string;
  pdf: readonly PdfColumn<keyof F & string>[];
  example: z.input<z.ZodObject<ShapeOf<F>>>;
  /** Two dates of a row that must come in order, each with what is said at it when they do not. */
  datesInOrder?: DatesInOrder<keyof F & string>;
  /** Which readings are better (`field`), which must agree with the way from one number to another. */
  direction?: { field: keyof F & string; from: keyof F & string; to: keyof F & string };
}

export interface DatesInOrder<F extends string = string> {
  earlier: F;
  later: F;
  /** Said at the earlier date when only it was changed, such as "must be before the target date". */
  earlierMessage: string;
  /** Said at the later date otherwise, such as "must be after the baseline date". */
  laterMessage: string;
}

export interface StageTableDeclaration<F extends FieldMap = FieldMap> extends TableInput<F> {
  /** The request shape of a new row: every field, with the defaults filled in. */
  schema: z.ZodObject<ShapeOf<F>>;
}

function declare<F extends FieldMap>(input: TableInput<F>): StageTableDeclaration<F> {
  const shape = Object.fromEntries(Object.entries(input.fields).map(([name, f]) => [name, f.schema])) as ShapeOf<F>;
  return { ...input, schema: z.object(shape) };
}

export const stageTables = {
  priorities: declare({
    key: 'priorities',
    stageKey: 'design',
    title: 'District priorities',
    rowNoun: 'priority',
    schemaName: 'Priority',
    fields: {
      title: requiredText('Priority', { max: 200 }),
      rank: optionalWholeNumber('Rank', { min: 1, max: 999, hint: '1 is the most important' }),
      description: longText('Description', { max: 5000 }),
    },
    titleField: 'title',
    orderBy: 'rank',
    pdf: [
      { fields: ['title'], width: 'rest' },
      { fields: ['rank'], width: 50 },
      { fields: ['description'], width: 220 },
    ],
    example: { title: 'Early literacy', description: 'All third graders reading on grade level', rank: 1 },
  }),
  stakeholders: declare({
    key: 'stakeholders',
    stageKey: 'design',
    title: 'Stakeholders',
    rowNoun: 'stakeholder',
    schemaName: 'Stakeholder',
    fields: {
      name: requiredText('Stakeholder', { max: 200, hint: 'A person or a group' }),
      kind: choice('Kind', stakeholderKinds, stakeholderKindLabels),
      stance: choiceWithDefault('Stance', stances, stanceLabels, 'unknown'),
      engagedOn: optionalDate('Engaged on'),
      engagement: longText('How they are engaged', { max: 2000 }),
    },
    titleField: 'name',
    pdf: [
      { fields: ['name'], width: 'rest' },
      { fields: ['kind'], width: 90 },
      { fields: ['stance'], width: 70 },
      { fields: ['engagement', 'engagedOn'], header: 'How and when engaged', width: 170 },
    ],
    example: {
      name: 'Lakeview Education Association',
      kind: 'union',
      engagement: 'Joint design committee',
      engagedOn: '2026-09-15',
      stance: 'supportive',
    },
  }),
  fundingSources: declare({
    key: 'funding-sources',
    stageKey: 'context',
    title: 'Funding sources',
    rowNoun: 'funding source',
    schemaName: 'FundingSource',
    fields: {
      name: requiredText('Funding source', { max: 200 }),
      kind: choice('Kind', fundingKinds, fundingKindLabels),
      // Counted in full in every year of schoolYears (computeBudget): a year's amount, never a total.
      amountCents: dollarsField('Amount a year', {
        hint: 'In dollars, such as 125,000.00. It counts in full in each school year listed: for a grant over several years, enter what it gives a year.',
      }),
      status: choiceWithDefault('Status', fundingStatuses, fundingStatusLabels, 'idea'),
      schoolYears: schoolYearsField('School years', { hint: 'Separated by commas, such as 2026-27, 2027-28' }),
    },
    titleField: 'name',
    pdf: [
      { fields: ['name'], width: 'rest' },
      { fields: ['kind'], width: 100 },
      { fields: ['amountCents'], width: 90 },
      { fields: ['schoolYears'], width: 90 },
      { fields: ['status'], width: 60 },
    ],
    example: {
      name: 'Title II, Part A',
      kind: 'redistributed',
      amountCents: 12_500_000,
      schoolYears: ['2026-27'],
      status: 'secured',
    },
  }),
  dataSystems: declare({
    key: 'data-systems',
    stageKey: 'context',
    title: 'Data systems on teacher effectiveness',
    rowNoun: 'data system',
    schemaName: 'DataSystem',
    fields: {
      name: requiredText('Data system', { max: 200 }),
      rigor: choiceWithDefault('How rigorous', rigorLevels, rigorLabels, 'unknown'),
      // Often a person's name, as a measure's owner may be.
      owner: text('Owner', { max: 200, namesPeople: true }),
      measures: longText('What it measures', { max: 2000 }),
    },
    titleField: 'name',
    pdf: [
      { fields: ['name'], width: 'rest' },
      { fields: ['measures'], width: 180 },
      { fields: ['rigor'], width: 80 },
      { fields: ['owner'], width: 90 },
    ],
    example: {
      name: 'Educator evaluation system',
      measures: 'Observation ratings and student growth',
      rigor: 'moderate',
      owner: 'HR',
    },
  }),
  expertise: declare({
    key: 'expertise',
    stageKey: 'context',
    title: 'Expertise available',
    rowNoun: 'source of expertise',
    schemaName: 'Expertise',
    fields: {
      area: requiredText('Area of expertise', { max: 500 }),
      source: choice('Internal or external', expertiseSources, expertiseSourceLabels),
      contact: text('Contact', { max: 500, namesPeople: true }),
    },
    titleField: 'area',
    pdf: [
      { fields: ['area'], width: 'rest' },
      { fields: ['source'], width: 80 },
      { fields: ['contact'], width: 180 },
    ],
    example: { source: 'external', area: 'Coaching cycles', contact: 'State literacy center' },
  }),
  collaborationAreas: declare({
    key: 'collaboration-areas',
    stageKey: 'context',
    title: 'Collaboration and trust',
    rowNoun: 'area',
    schemaName: 'CollaborationArea',
    fields: {
      area: requiredText('Area', { max: 500 }),
      state: choice('Collaboration and trust', collaborationStates, collaborationStateLabels),
      notes: longText('Notes', { max: 2000 }),
    },
    titleField: 'area',
    pdf: [
      { fields: ['area'], width: 'rest' },
      { fields: ['state'], width: 150 },
      { fields: ['notes'], width: 170 },
    ],
    example: { area: 'Grade-level PLCs at Northside', state: 'exists', notes: 'Weekly, teacher-led' },
  }),
  measures: declare({
    key: 'measures',
    stageKey: 'measures',
    title: 'Measures of success',
    rowNoun: 'measure',
    schemaName: 'MeasureFields',
    fields: {
      name: requiredText('Measure', { max: 200 }),
      term: choice('Term', measureTerms, measureTermLabels),
      unit: text('Unit', { max: 50, hint: 'Such as %, students or days' }),
      baseline: optionalNumber('Baseline', { unitField: 'unit' }),
      baselineDate: optionalDate('Baseline date'),
      target: optionalNumber('Target', { unitField: 'unit', goodSideField: 'direction' }),
      targetDate: optionalDate('Target date'),
      direction: optionalRadios('Direction', measureDirections, measureDirectionLabels, {
        hint: 'Whether a higher or a lower reading is better. Set from the baseline and target when they differ; choose it when they are the same, to keep a level.',
      }),
      dataSource: text('Data source', { max: 500 }),
      frequency: choiceWithDefault('How often collected', frequencies, frequencyLabels, 'quarterly'),
      owner: text('Owner', { max: 200, hint: 'The office or team that collects it', namesPeople: true }),
      ownerUserId: personField('Responsible person', { hint: 'Reminded when a reading is due' }),
    },
    titleField: 'name',
    pdf: [
      { fields: ['name', 'term', 'frequency', 'dataSource'], width: 'rest', join: 'details' },
      { fields: ['baseline', 'baselineDate'], width: 80 },
      { fields: ['target', 'targetDate'], width: 95 },
    ],
    example: {
      name: 'Third graders reading on grade level',
      term: 'long',
      unit: '%',
      baseline: 48,
      baselineDate: '2026-09-01',
      target: 65,
      targetDate: '2028-06-01',
      direction: 'higher',
      dataSource: 'State assessment',
      frequency: 'annually',
      owner: 'Assessment office',
    },
    // The path from the baseline to the target runs forward in time: a status is judged along it.
    datesInOrder: {
      earlier: 'baselineDate',
      later: 'targetDate',
      earlierMessage: 'must be before the target date',
      laterMessage: 'must be after the baseline date',
    },
    // A direction says which side of the target is good: it cannot point away from the target.
    direction: { field: 'direction', from: 'baseline', to: 'target' },
  }),
  decisions: declare({
    key: 'decisions',
    stageKey: 'build',
    title: 'Tight and loose decisions',
    rowNoun: 'decision',
    schemaName: 'Decision',
    fields: {
      feature: requiredText('Feature of the program', { max: 500 }),
      level: choice('Decided at', decisionLevels, decisionLevelLabels),
      flexibility: choiceWithDefault('Flexibility for schools', flexibilityLevels, flexibilityLabels, 'limited'),
      rationale: longText('Why', { max: 2000 }),
    },
    titleField: 'feature',
    pdf: [
      { fields: ['feature'], width: 'rest' },
      { fields: ['level'], width: 120 },
      { fields: ['flexibility'], width: 80 },
      { fields: ['rationale'], width: 170 },
    ],
    example: {
      feature: 'Coaching cycle length',
      level: 'school',
      flexibility: 'moderate',
      rationale: 'Schools know their calendars',
    },
  }),
  partners: declare({
    key: 'partners',
    stageKey: 'build',
    title: 'Partners',
    rowNoun: 'partner',
    schemaName: 'Partner',
    fields: {
      name: requiredText('Partner', { max: 200 }),
      kind: choice('Internal or external', partnerKinds, partnerKindLabels),
      contact: text('Contact', { max: 500, namesPeople: true }),
      role: longText('What they do', { max: 1000 }),
    },
    titleField: 'name',
    pdf: [
      { fields: ['name'], width: 'rest' },
      { fields: ['kind'], width: 100 },
      { fields: ['role'], width: 170 },
      { fields: ['contact'], width: 110 },
    ],
    example: {
      name: 'Leading Educators',
      kind: 'external_organization',
      role: 'Teacher-leader training',
      contact: 'partnerships@example.org',
    },
  }),
};

export type StageTableName = keyof typeof stageTables;
export const stageTableNames = Object.keys(stageTables) as StageTableName[];
/** The tables whose rows are plain rows; measures add readings and a status (see measure.ts). */
export type PlainTableName = Exclude<StageTableName, 'measures'>;
export const plainTableNames = stageTableNames.filter((n): n is PlainTableName => n !== 'measures');

/** A table's declaration, seen without its particular fields (for code that handles every table alike). */
export const declarationOf = (name: StageTableName): StageTableDeclaration =>
  stageTables[name] as StageTableDeclaration;

/** The fields of a table, in the order forms show them. */
export function fieldsOf(name: StageTableName): ({ name: string } & FieldDeclaration)[] {
  return Object.entries(declarationOf(name).fields).map(([field, declaration]) => ({ name: field, ...declaration }));
}

/** The tables of one stage, in declaration order. */
export const tablesOfStage = (stageKey: StageKey): StageTableName[] =>
  stageTableNames.filter((name) => stageTables[name].stageKey === stageKey);

// ---- Responses ---------------------------------------------------------------------------------------

/** What the API answers for a row: the fields plus its id, version and last change. */
export const rowMetaSchema = z.object({ id: z.uuid(), version: z.number().int(), updatedAt: z.iso.datetime() });
export type RowMeta = z.infer<typeof rowMetaSchema>;
export type StageTableFields<N extends StageTableName> = z.output<(typeof stageTables)[N]['schema']>;
export type StageTableRow<N extends StageTableName> = StageTableFields<N> & RowMeta;

const rowOf = <F extends FieldMap>(d: StageTableDeclaration<F>) =>
  d.schema.extend(rowMetaSchema.shape).meta({ id: d.schemaName });

/** The row each plain table answers with: its fields, id, version and last change. */
export const stageTableRowSchemas = {
  priorities: rowOf(stageTables.priorities),
  stakeholders: rowOf(stageTables.stakeholders),
  fundingSources: rowOf(stageTables.fundingSources),
  dataSystems: rowOf(stageTables.dataSystems),
  expertise: rowOf(stageTables.expertise),
  collaborationAreas: rowOf(stageTables.collaborationAreas),
  decisions: rowOf(stageTables.decisions),
  partners: rowOf(stageTables.partners),
} satisfies Record<PlainTableName, z.ZodObject>;

/** The direction two numbers imply: higher when the second (a target) is above the first (a baseline). */
export function impliedDirection(from: unknown, to: unknown): MeasureDirection | null {
  if (typeof from !== 'number' || typeof to !== 'number' || from === to) return null;
  return to > from ? 'higher' : 'lower';
}

/** The fields a row's rules read together: a change to one is checked against the others as stored. */
export function ruleFieldsOf(name: StageTableName): string[] {
  const { datesInOrder: order, direction } = declarationOf(name);
  return [
    ...(order ? [order.earlier, order.later] : []),
    ...(direction ? [direction.field, direction.from, direction.to] : []),
  ];
}

/**
 * What a row's fields break together (a measure's target date on or before its baseline date, or a target
 * above the baseline when lower is better), said at a changed field: the later date when it was changed (as
 * when adding), else the earlier one; the direction, else the target, else the baseline. A row kept as it
 * was, such as one saved before the rule, is not held to it while other fields change.
 */
export function rowProblems(
  name: StageTableName,
  values: Record<string, unknown>,
  changed: Iterable<string>,
): { field: string; message: string }[] {
  const { datesInOrder: order, direction, fields } = declarationOf(name);
  const sent = new Set(changed);
  const problems: { field: string; message: string }[] = [];
  const [earlier, later] = order ? [values[order.earlier], values[order.later]] : [];
  if (order && typeof earlier === 'string' && typeof later === 'string' && earlier >= later) {
    if (sent.has(order.later)) problems.push({ field: order.later, message: order.laterMessage });
    else if (sent.has(order.earlier)) problems.push({ field: order.earlier, message: order.earlierMessage });
  }
  const chosen = direction && values[direction.field];
  const implied = direction && impliedDirection(values[direction.from], values[direction.to]);
  if (direction && implied && chosen && chosen !== implied) {
    const [from, to] = [fields[direction.from]!.label.toLowerCase(), fields[direction.to]!.label.toLowerCase()];
    const good = measureDirectionLabels[chosen as MeasureDirection].toLowerCase();
    const [toSide, fromSide] = chosen === 'lower' ? ['below', 'above'] : ['above', 'below'];
    if (sent.has(direction.field)) {
      const side = implied === 'higher' ? 'above' : 'below';
      problems.push({
        field: direction.field,
        message: `must be "${measureDirectionLabels[implied]}": the ${to} is ${side} the ${from}`,
      });
    } else if (sent.has(direction.to)) {
      problems.push({ field: direction.to, message: `must be at or ${toSide} the ${from}: ${good}` });
    } else if (sent.has(direction.from)) {
      problems.push({ field: direction.from, message: `must be at or ${fromSide} the ${to}: ${good}` });
    }
  }
  return problems;
}

const withRowProblems = <S extends z.ZodObject>(name: StageTableName, schema: S): S =>
  schema.superRefine((values, ctx) => {
    const record = values as Record<string, unknown>;
    for (const { field, message } of rowProblems(name, record, Object.keys(record))) {
      ctx.addIssue({ code: 'custom', path: [field], message });
    }
  });

// Built once: a schema id may name only one schema in a document.
const byName = <T>(build: (name: StageTableName) => T) =>
  Object.fromEntries(stageTableNames.map((name) => [name, build(name)])) as Record<StageTableName, T>;

function createSchemaFor(name: StageTableName): z.ZodObject {
  const d = declarationOf(name);
  return withRowProblems(name, d.schema).meta({
    id: `Create${d.schemaName.replace(/Fields$/, '')}`,
    example: d.example,
  });
}

/** An update sends only the fields it changes (no defaults filled in), and the version it was based on. */
function updateSchemaFor(name: StageTableName): z.ZodObject {
  const d = declarationOf(name);
  const partial = Object.fromEntries(
    Object.entries(d.fields).map(([field, f]) => [field, unwrapDefault(f.schema).optional()]),
  );
  const [firstField, firstValue] = Object.entries(d.example)[0]!;
  // Both dates of an order sent are checked here; one sent alone, against the other as stored, by the server.
  return withRowProblems(name, withFieldToChange(z.object({ ...partial, version: versionSchema }))).meta({
    id: `Update${d.schemaName.replace(/Fields$/, '')}`,
    example: { [firstField]: firstValue, version: 1 },
  });
}

export const stageTableCreateSchemas = byName(createSchemaFor);
export const stageTableUpdateSchemas = byName(updateSchemaFor);

function unwrapDefault(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema;
}

// ---- Values in words ---------------------------------------------------------------------------------

/** A field's value in words, as a card, a conflict panel and the PDF show it; empty when not set. */
export function formatFieldValue(
  field: Pick<FieldDeclaration, 'kind' | 'choices' | 'unitField' | 'goodSideField'>,
  value: unknown,
  row: Record<string, unknown> = {},
  people: ReadonlyMap<string, string> = new Map(),
): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field.kind) {
    case 'person':
      return typeof value === 'string' ? (people.get(value) ?? 'A former member of the district') : '';
    case 'choice':
      return field.choices?.[String(value)] ?? String(value);
    case 'dollars':
      return typeof value === 'number' ? formatCents(value) : '';
    case 'date':
      return typeof value === 'string' ? formatDate(value) : '';
    case 'integer':
    case 'number': {
      if (typeof value !== 'number') return '';
      const unit = field.unitField ? row[field.unitField] : undefined;
      const words = typeof unit === 'string' ? formatWithUnit(value, unit) : formatNumber(value);
      const goodSide = field.goodSideField ? row[field.goodSideField] : undefined;
      return goodSide === 'higher' || goodSide === 'lower'
        ? `at or ${goodSide === 'lower' ? 'below' : 'above'} ${words}`
        : words;
    }
    case 'schoolYears':
      return Array.isArray(value) ? value.join(', ') : '';
    case 'text':
    case 'longText':
      return String(value);
  }
}

/** The title of a row: its naming field, or "Untitled priority". */
export function rowTitle(name: StageTableName, row: Record<string, unknown>): string {
  const title = row[declarationOf(name).titleField];
  return typeof title === 'string' && title.trim() !== '' ? title : `Untitled ${declarationOf(name).rowNoun}`;
}

/** The fields of a table that name people or how to reach them, which a share link leaves out. */
export const peopleFieldsOf = (name: StageTableName): string[] =>
  fieldsOf(name)
    .filter((field) => field.namesPeople)
    .map((field) => field.name);

/** A row as a share link shows it: each field naming people as if never filled in. */
export function withoutPeopleFields<R extends object>(name: StageTableName, row: R): R {
  const fields = declarationOf(name).fields;
  const blanks = Object.fromEntries(
    peopleFieldsOf(name).map((field) => [field, fields[field]!.kind === 'person' ? null : '']),
  );
  return { ...row, ...blanks };
}

/**
 * A table's columns on paper; for a share link (`withoutPeople`), without the fields that name people,
 * and without a column left with none, as its page shows no such column.
 */
export function pdfColumnsOf(name: StageTableName, withoutPeople = false): PdfColumn[] {
  const people = new Set(withoutPeople ? peopleFieldsOf(name) : []);
  return declarationOf(name)
    .pdf.map((column) => ({ ...column, fields: column.fields.filter((field) => !people.has(field)) }))
    .filter((column) => column.fields.length > 0);
}

/** The header and text of each of a table's columns on paper, for one row. */
export function pdfCells(
  name: StageTableName,
  row: Record<string, unknown>,
  people: ReadonlyMap<string, string> = new Map(),
  withoutPeople = false,
): string[] {
  const d = declarationOf(name);
  return pdfColumnsOf(name, withoutPeople).map((column) => {
    const values = column.fields
      .map((field) => formatFieldValue(d.fields[field]!, row[field], row, people))
      .filter((value) => value !== '');
    if (column.join === 'details' && values.length > 1) return `${values[0]} (${values.slice(1).join('; ')})`;
    return values.join(', ');
  });
}

export const pdfHeaders = (name: StageTableName, withoutPeople = false): string[] =>
  pdfColumnsOf(name, withoutPeople).map(
    (column) => column.header ?? declarationOf(name).fields[column.fields[0]!]!.label,
  );
