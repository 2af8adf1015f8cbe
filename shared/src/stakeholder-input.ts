import { z } from 'zod';
import {
  choiceSchema,
  deleteRowQuerySchema,
  lineSchema,
  queryWholeNumberSchema,
  requiredDateSchema,
  textSchema,
  typeError,
  versionSchema,
  withFieldToChange,
} from './common';
import { latestTodayIso } from './format';
import { stageKeys } from './roadmap';

/**
 * The stakeholder trace: what a stakeholder said (a note, a survey finding, a meeting), recorded once
 * under that stakeholder, and the items of the plan it shaped (answers, actions, roles, tight/loose
 * decisions, measures). A link names its item by kind and id, so an item removed since shows as a
 * broken link rather than vanishing from what the stakeholder was told.
 */

export const inputKinds = ['note', 'survey_finding', 'meeting', 'interview', 'focus_group', 'other'] as const;
export type InputKind = (typeof inputKinds)[number];
export const inputKindLabels: Record<InputKind, string> = {
  note: 'Note',
  survey_finding: 'Survey finding',
  meeting: 'Meeting',
  interview: 'Interview',
  focus_group: 'Focus group',
  other: 'Other',
};

/** What an input may have shaped: an answer (by its question's key), an action, a role, a decision, a measure. */
export const shapedKinds = ['answer', 'action', 'role', 'decision', 'measure'] as const;
export type ShapedKind = (typeof shapedKinds)[number];
export const shapedKindLabels: Record<ShapedKind, string> = {
  answer: 'Answer',
  action: 'High-impact action',
  role: 'Teacher-leader role',
  decision: 'Tight or loose decision',
  measure: 'Measure',
};

/** Items one input may name as shaped by it. */
export const maxShapedPerInput = 50;
/** Inputs one plan may hold. */
export const maxInputsPerPlan = 1000;
export const maxInputSourceLength = 300;
export const maxInputSummaryLength = 5000;

export const shapedRefSchema = z.object({
  kind: choiceSchema(shapedKinds, shapedKindLabels),
  id: z
    .string({ error: typeError('must be text') })
    .trim()
    .min(1, { error: 'is required' })
    .max(100, {
      error: 'must be at most 100 characters',
    }),
});
export type ShapedRef = z.infer<typeof shapedRefSchema>;

const shapedList = z
  .array(shapedRefSchema, { error: 'must be a list of items of the plan' })
  .max(maxShapedPerInput, { error: `must name at most ${maxShapedPerInput} items` })
  .refine((refs) => new Set(refs.map((r) => `${r.kind}:${r.id}`)).size === refs.length, {
    error: 'must name each item once',
  });

const fields = {
  kind: choiceSchema(inputKinds, inputKindLabels),
  // What was heard has happened: dated today or earlier, wherever the person is (as a measure's readings are).
  heardOn: requiredDateSchema.refine((date) => date <= latestTodayIso(), {
    error: 'must be today or earlier: an input records what was heard',
    // Only a real date: one message per mistake.
    when: (payload) => payload.issues.length === 0,
  }),
  source: lineSchema(maxInputSourceLength).default(''),
  summary: textSchema(maxInputSummaryLength).min(1, { error: 'must not be empty' }),
  shaped: shapedList.default([]),
};

export const inputFieldLabels = {
  kind: 'Kind of input',
  heardOn: 'Heard on',
  source: 'Source',
  summary: 'What we heard',
  shaped: 'What it shaped',
} as const;

export const createStakeholderInputSchema = z.object(fields).meta({
  id: 'CreateStakeholderInput',
  example: {
    kind: 'survey_finding',
    heardOn: '2026-10-02',
    source: 'Fall teacher survey, 212 responses',
    summary: 'Teachers want release time protected from substitute coverage.',
    shaped: [{ kind: 'answer', id: 'design.q1' }],
  },
});
export type CreateStakeholderInput = z.infer<typeof createStakeholderInputSchema>;

/** An update sends only what it changes, and the version it was based on. */
export const updateStakeholderInputSchema = withFieldToChange(
  z.object({
    kind: fields.kind.optional(),
    heardOn: fields.heardOn.optional(),
    source: lineSchema(maxInputSourceLength).optional(),
    summary: fields.summary.optional(),
    shaped: shapedList.optional(),
    version: versionSchema,
  }),
).meta({ id: 'UpdateStakeholderInput', example: { summary: 'Teachers want protected release time.', version: 1 } });
export type UpdateStakeholderInput = z.infer<typeof updateStakeholderInputSchema>;

/** A link as answered: the item in words, its stage, and whether it is still in the plan. */
export const shapedItemSchema = z
  .object({
    kind: z.enum(shapedKinds),
    id: z.string(),
    /** The question, the action, the role's title, the decision's feature, the measure's name; empty when broken. */
    label: z.string(),
    stageKey: z.enum(stageKeys).nullable(),
    /** The item has been removed from the plan since it was linked. */
    broken: z.boolean(),
  })
  .meta({ id: 'ShapedItem' });
export type ShapedItem = z.infer<typeof shapedItemSchema>;

export const stakeholderInputSchema = z
  .object({
    id: z.uuid(),
    stakeholderId: z.uuid(),
    stakeholderName: z.string(),
    kind: z.enum(inputKinds),
    heardOn: z.iso.date(),
    source: z.string(),
    summary: z.string(),
    shaped: z.array(shapedItemSchema),
    version: z.number().int(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'StakeholderInput' });
export type StakeholderInput = z.infer<typeof stakeholderInputSchema>;

export const stakeholderInputListSchema = z
  .object({ inputs: z.array(stakeholderInputSchema) })
  .meta({ id: 'StakeholderInputList' });
export type StakeholderInputList = z.infer<typeof stakeholderInputListSchema>;

const planId = z.uuid({ error: 'must be a plan id (a UUID)' });
export const stakeholderParamsSchema = z.object({
  planId,
  stakeholderId: z.uuid({ error: 'must be a stakeholder id (a UUID)' }),
});
export const stakeholderInputParamsSchema = z.object({
  planId,
  inputId: z.uuid({ error: 'must be an input id (a UUID)' }),
});

/**
 * Removing a stakeholder (a row of the stakeholders table) takes what was heard from them with it: the removal
 * names the row's version, how many of their inputs the page showed and when the latest of them last changed,
 * since an input recorded, corrected or removed since changes no version of the stakeholder.
 */
export const deleteStakeholderQuerySchema = deleteRowQuerySchema.extend({
  inputs: queryWholeNumberSchema(0, 'send how many inputs from the stakeholder you saw'),
  inputsChangedAt: z.iso
    .datetime({ offset: true, error: 'must be the latest updatedAt of the inputs you saw, as the API gave it' })
    .optional()
    .meta({
      description:
        'The latest `updatedAt` of the inputs you saw (none without inputs): with it, an input corrected since also stops the removal.',
    }),
});
export type DeleteStakeholderQuery = z.infer<typeof deleteStakeholderQuerySchema>;

/** An input in a few words (history, comment lists): the start of what was heard. */
export function inputLabel(row: { summary?: unknown }): string {
  const summary = typeof row.summary === 'string' ? row.summary.trim() : '';
  const short = summary.length > 80 ? `${summary.slice(0, 79)}…` : summary;
  return `Input: ${short || 'untitled'}`;
}

/** The inputs behind one item: filter the plan's inputs to those that shaped it. */
export const inputsBehind = (inputs: readonly StakeholderInput[], kind: ShapedKind, id: string): StakeholderInput[] =>
  inputs.filter((input) => input.shaped.some((s) => s.kind === kind && s.id === id));

/** What the board sees of the trace: each stakeholder, what was heard, and what it shaped (no broken links). */
export const traceEntrySchema = z
  .object({
    stakeholder: z.object({ name: z.string(), kind: z.string() }),
    inputs: z.array(
      z.object({
        kind: z.enum(inputKinds),
        heardOn: z.iso.date(),
        source: z.string(),
        summary: z.string(),
        shaped: z.array(z.object({ kind: z.enum(shapedKinds), label: z.string() })),
        /** It also shaped items the share link does not show (left out of `shaped`). */
        shapedNotShown: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'TraceEntry' });
export type TraceEntry = z.infer<typeof traceEntrySchema>;

/**
 * How many inputs, the newest, a trace for the board lists: a plan may hold 1,000 inputs of 5,000
 * characters, each naming 50 items, far more than a board reads or a shared page should carry.
 */
export const traceInputLimit = 100;

/** The board's trace of the newest `traceInputLimit` inputs, and how many inputs it has in all. */
export function newestTrace(
  stakeholders: readonly { id: string; name: string; kind: string }[],
  inputsNewestFirst: readonly StakeholderInput[],
  kindLabels: Readonly<Record<string, string>> = {},
  shows: (item: { kind: ShapedKind; id: string }) => boolean = () => true,
): { entries: TraceEntry[]; shown: number; total: number } {
  // Inputs of a stakeholder since removed are left out, and in no count: the trace names the plan's stakeholders.
  const listed = new Set(stakeholders.map((s) => s.id));
  const inputs = inputsNewestFirst.filter((input) => listed.has(input.stakeholderId));
  const entries = buildTrace(stakeholders, inputs.slice(0, traceInputLimit), kindLabels, shows);
  return { entries, shown: Math.min(inputs.length, traceInputLimit), total: inputs.length };
}

/** What an input whose shaped items none are listed says: not linked yet, or (in a share link) linked to what it does not show. */
export const notShapedWords = (input: Pick<TraceEntry['inputs'][number], 'shapedNotShown'>) =>
  input.shapedNotShown ? 'It shaped parts of the plan this link does not show.' : 'Not yet linked to the plan.';

/** What an input shaped that `shows` lets a reader see (no broken links), and whether it left any out. */
function shapedOf(input: StakeholderInput, shows: (item: { kind: ShapedKind; id: string }) => boolean) {
  const standing = input.shaped.filter((x) => !x.broken);
  const shaped = standing.filter(shows).map((x) => ({ kind: x.kind, label: x.label }));
  return { shaped, shapedNotShown: shaped.length < standing.length };
}

/**
 * Groups inputs by stakeholder, in the order the stakeholders are listed, leaving out broken links and
 * the items `shows` leaves out (what a share link does not show: a draft role, a measure of a link
 * without measures).
 */
export function buildTrace(
  stakeholders: readonly { id: string; name: string; kind: string }[],
  inputs: readonly StakeholderInput[],
  kindLabels: Readonly<Record<string, string>> = {},
  shows: (item: { kind: ShapedKind; id: string }) => boolean = () => true,
): TraceEntry[] {
  return stakeholders
    .map((s) => ({
      stakeholder: { name: s.name, kind: kindLabels[s.kind] ?? s.kind },
      inputs: inputs
        .filter((i) => i.stakeholderId === s.id)
        .map((i) => ({
          kind: i.kind,
          heardOn: i.heardOn,
          source: i.source,
          summary: i.summary,
          ...shapedOf(i, shows),
        })),
    }))
    .filter((entry) => entry.inputs.length > 0);
}
