import { z } from 'zod';
import { isoDateSchema, schoolYearSchema, versionSchema } from './common';
import type { StageKey } from './roadmap';

/**
 * The structured tables of each roadmap stage (priorities, stakeholders, funding, ...). One definition
 * per table: its fields (the request shape), and where it sits in the roadmap. The server builds its
 * routes and SQL from these; the client its forms; the PDF its tables.
 */

/** Rows one table of one plan may hold. */
export const maxRowsPerTable = 200;

const text = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .max(max, { error: `must be at most ${max} characters` });
const requiredText = (max: number) => text(max).min(1, { error: 'must not be empty' });
const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(', ')}` });
const number = z.number({ error: 'must be a number' }).finite({ error: 'must be a finite number' });
/** Money travels and is stored as whole cents. */
const cents = z
  .number({ error: 'must be a whole number of cents' })
  .int({ error: 'must be a whole number of cents' })
  .min(0, { error: 'must not be negative' })
  .max(100_000_000_000_00, { error: 'must be at most 100 billion dollars' });

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
  external_organization: 'External organisation',
};

// ---- Fields of each table (what a person sends) -----------------------------------------------------

export const priorityFields = z.object({
  title: requiredText(200),
  description: text(5000).default(''),
  rank: z
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(1)
    .max(999)
    .nullable()
    .default(null),
});
export const stakeholderFields = z.object({
  name: requiredText(200),
  kind: choice(stakeholderKinds),
  engagement: text(2000).default(''),
  engagedOn: isoDateSchema.nullable().default(null),
  stance: choice(stances).default('unknown'),
});
export const fundingSourceFields = z.object({
  name: requiredText(200),
  kind: choice(fundingKinds),
  amountCents: cents.default(0),
  schoolYears: z.array(schoolYearSchema).max(10, { error: 'must list at most 10 school years' }).default([]),
  status: choice(fundingStatuses).default('idea'),
});
export const dataSystemFields = z.object({
  name: requiredText(200),
  measures: text(2000).default(''),
  rigor: choice(rigorLevels).default('unknown'),
  owner: text(200).default(''),
});
export const expertiseFields = z.object({
  source: choice(expertiseSources),
  area: requiredText(500),
  contact: text(500).default(''),
});
export const collaborationAreaFields = z.object({
  area: requiredText(500),
  state: choice(collaborationStates),
  notes: text(2000).default(''),
});
export const measureFields = z.object({
  name: requiredText(200),
  term: choice(measureTerms),
  unit: text(50).default(''),
  baseline: number.nullable().default(null),
  baselineDate: isoDateSchema.nullable().default(null),
  target: number.nullable().default(null),
  targetDate: isoDateSchema.nullable().default(null),
  dataSource: text(500).default(''),
  frequency: choice(frequencies).default('quarterly'),
  owner: text(200).default(''),
});
export const decisionFields = z.object({
  feature: requiredText(500),
  level: choice(decisionLevels),
  flexibility: choice(flexibilityLevels).default('limited'),
  rationale: text(2000).default(''),
});
export const partnerFields = z.object({
  name: requiredText(200),
  kind: choice(partnerKinds),
  role: text(1000).default(''),
  contact: text(500).default(''),
});

export const measureReadingFields = z.object({
  date: isoDateSchema,
  value: number,
  note: text(1000).default(''),
});
export type MeasureReadingInput = z.input<typeof measureReadingFields>;

// ---- The registry ------------------------------------------------------------------------------------

export interface StageTableDefinition<F extends z.ZodObject = z.ZodObject> {
  /** Path segment and key in the plan's `tables`. */
  key: string;
  stageKey: StageKey;
  title: string;
  /** One row, in words: "priority". */
  rowNoun: string;
  /** Name of the row's schema in the API documents: "Priority". */
  schemaName: string;
  fields: F;
  example: z.input<F>;
}

const define = <F extends z.ZodObject>(d: StageTableDefinition<F>) => d;

export const stageTables = {
  priorities: define({
    key: 'priorities',
    stageKey: 'design',
    title: 'District priorities',
    rowNoun: 'priority',
    schemaName: 'Priority',
    fields: priorityFields,
    example: { title: 'Early literacy', description: 'All third graders reading on grade level', rank: 1 },
  }),
  stakeholders: define({
    key: 'stakeholders',
    stageKey: 'design',
    title: 'Stakeholders',
    rowNoun: 'stakeholder',
    schemaName: 'Stakeholder',
    fields: stakeholderFields,
    example: {
      name: 'Lakeview Education Association',
      kind: 'union',
      engagement: 'Joint design committee',
      engagedOn: '2026-09-15',
      stance: 'supportive',
    },
  }),
  fundingSources: define({
    key: 'funding-sources',
    stageKey: 'context',
    title: 'Funding sources',
    rowNoun: 'funding source',
    schemaName: 'FundingSource',
    fields: fundingSourceFields,
    example: {
      name: 'Title II, Part A',
      kind: 'redistributed',
      amountCents: 12_500_000,
      schoolYears: ['2026-27'],
      status: 'secured',
    },
  }),
  dataSystems: define({
    key: 'data-systems',
    stageKey: 'context',
    title: 'Data systems on teacher effectiveness',
    rowNoun: 'data system',
    schemaName: 'DataSystem',
    fields: dataSystemFields,
    example: {
      name: 'Educator evaluation system',
      measures: 'Observation ratings and student growth',
      rigor: 'moderate',
      owner: 'HR',
    },
  }),
  expertise: define({
    key: 'expertise',
    stageKey: 'context',
    title: 'Expertise available',
    rowNoun: 'source of expertise',
    schemaName: 'Expertise',
    fields: expertiseFields,
    example: { source: 'external', area: 'Coaching cycles', contact: 'State literacy center' },
  }),
  collaborationAreas: define({
    key: 'collaboration-areas',
    stageKey: 'context',
    title: 'Collaboration and trust',
    rowNoun: 'area',
    schemaName: 'CollaborationArea',
    fields: collaborationAreaFields,
    example: { area: 'Grade-level PLCs at Northside', state: 'exists', notes: 'Weekly, teacher-led' },
  }),
  measures: define({
    key: 'measures',
    stageKey: 'measures',
    title: 'Measures of success',
    rowNoun: 'measure',
    schemaName: 'Measure',
    fields: measureFields,
    example: {
      name: 'Third graders reading on grade level',
      term: 'long',
      unit: '%',
      baseline: 48,
      baselineDate: '2026-09-01',
      target: 65,
      targetDate: '2028-06-01',
      dataSource: 'State assessment',
      frequency: 'annually',
      owner: 'Assessment office',
    },
  }),
  decisions: define({
    key: 'decisions',
    stageKey: 'build',
    title: 'Tight and loose decisions',
    rowNoun: 'decision',
    schemaName: 'Decision',
    fields: decisionFields,
    example: {
      feature: 'Coaching cycle length',
      level: 'school',
      flexibility: 'moderate',
      rationale: 'Schools know their calendars',
    },
  }),
  partners: define({
    key: 'partners',
    stageKey: 'build',
    title: 'Partners',
    rowNoun: 'partner',
    schemaName: 'Partner',
    fields: partnerFields,
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

/** What the API answers for a row: the fields plus its id, version and last change. */
export const rowMetaSchema = z.object({ id: z.uuid(), version: z.number().int(), updatedAt: z.iso.datetime() });
export type RowMeta = z.infer<typeof rowMetaSchema>;
export type StageTableRow<N extends StageTableName> = z.output<(typeof stageTables)[N]['fields']> & RowMeta;

export const measureStatuses = ['on_track', 'at_risk', 'off_track', 'no_data'] as const;
export type MeasureStatus = (typeof measureStatuses)[number];
export const measureStatusLabels: Record<MeasureStatus, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  no_data: 'No data',
};

export const measureReadingSchema = measureReadingFields.extend(rowMetaSchema.shape).meta({ id: 'MeasureReading' });
export type MeasureReading = z.infer<typeof measureReadingSchema>;

export const measureSchema = measureFields
  .extend(rowMetaSchema.shape)
  .extend({
    readings: z.array(measureReadingSchema),
    status: z.enum(measureStatuses),
    latestReading: measureReadingSchema.nullable(),
  })
  .meta({ id: 'Measure' });
export type Measure = z.infer<typeof measureSchema>;

const rowOf = <Shape extends z.ZodRawShape>(d: StageTableDefinition<z.ZodObject<Shape>>) =>
  d.fields.extend(rowMetaSchema.shape).meta({ id: d.schemaName });

/** The row each table answers with: its fields, id, version and last change (a measure adds its readings). */
export const stageTableRowSchemas = {
  priorities: rowOf(stageTables.priorities),
  stakeholders: rowOf(stageTables.stakeholders),
  fundingSources: rowOf(stageTables.fundingSources),
  dataSystems: rowOf(stageTables.dataSystems),
  expertise: rowOf(stageTables.expertise),
  collaborationAreas: rowOf(stageTables.collaborationAreas),
  measures: measureSchema,
  decisions: rowOf(stageTables.decisions),
  partners: rowOf(stageTables.partners),
};

function createSchemaFor(name: StageTableName): z.ZodObject {
  const d = stageTables[name] as StageTableDefinition;
  return d.fields.meta({ id: `Create${d.schemaName}`, example: d.example });
}

/** An update sends only the fields it changes (no defaults filled in), and the version it was based on. */
function updateSchemaFor(name: StageTableName): z.ZodObject {
  const d = stageTables[name] as StageTableDefinition;
  const partial = Object.fromEntries(
    Object.entries(d.fields.shape as Record<string, z.ZodType>).map(([field, schema]) => [
      field,
      unwrapDefault(schema).optional(),
    ]),
  );
  const [firstField, firstValue] = Object.entries(d.example)[0]!;
  return z
    .object({ ...partial, version: versionSchema })
    .meta({ id: `Update${d.schemaName}`, example: { [firstField]: firstValue, version: 1 } });
}

// Built once: a schema id may name only one schema in a document.
const byName = <T>(build: (name: StageTableName) => T) =>
  Object.fromEntries(stageTableNames.map((name) => [name, build(name)])) as Record<StageTableName, T>;
export const stageTableCreateSchemas = byName(createSchemaFor);
export const stageTableUpdateSchemas = byName(updateSchemaFor);

export const createMeasureReadingSchema = measureReadingFields.meta({
  id: 'CreateMeasureReading',
  example: { date: '2027-06-01', value: 52, note: 'Spring state assessment' },
});
export const updateMeasureReadingSchema = z
  .object({
    date: isoDateSchema.optional(),
    value: number.optional(),
    note: text(1000).optional(),
    version: versionSchema,
  })
  .meta({ id: 'UpdateMeasureReading', example: { value: 53, version: 1 } });

function unwrapDefault(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema;
}
