import { z } from 'zod';
import { isoDateSchema, versionSchema } from './common';
import { stageKeys } from './roadmap';

/** What a change of the plan's history is about. */
export const historyKinds = [
  'plan',
  'question',
  'answer',
  'action',
  'row',
  'measure',
  'reading',
  'role',
  'misstep',
  'alignment',
  'logic_model',
  'logic_model_entry',
  'readiness',
  'input',
] as const;
export type HistoryKind = (typeof historyKinds)[number];
export const historyKindLabels: Record<HistoryKind, string> = {
  plan: 'Plan settings',
  question: 'Key questions',
  answer: 'Answers',
  action: 'High-impact actions',
  row: 'Stage-table rows',
  measure: 'Measures',
  reading: 'Readings',
  role: 'Teacher-leader roles',
  misstep: 'Missteps to avoid',
  alignment: 'Framework alignment answers',
  logic_model: 'Logic model: problem and goal',
  logic_model_entry: 'Logic model: entries',
  readiness: 'Readiness ratings',
  input: 'Stakeholder input',
};

export const historyEntrySchema = z
  .object({
    /** The change's place in the order changes were made (a number, as text). */
    id: z.string(),
    at: z.iso.datetime(),
    actor: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    kind: z.enum(historyKinds),
    /** The stage table of a row or measure (`priorities`, ...), else null. */
    table: z.string().nullable(),
    itemId: z.string(),
    /** The item in words: the question, the action, the row's title, the role's title. */
    itemLabel: z.string(),
    stageKey: z.enum(stageKeys).nullable(),
    operation: z.enum(['created', 'changed', 'removed']),
    /** Each field that changed, in words, as it was and as it became. */
    changes: z.array(z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string() })),
    /** Whether an admin may bring this value (or, for a removal, the item) back. */
    restorable: z.boolean(),
  })
  .meta({ id: 'HistoryEntry' });
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const historyPageSchema = z
  .object({
    entries: z.array(historyEntrySchema),
    /** Pass as `before` for the next (older) page; null on the last page. */
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'HistoryPage' });
export type HistoryPage = z.infer<typeof historyPageSchema>;

const cursor = z.string().regex(/^\d{1,18}$/, { error: 'must be a cursor this history gave' });

export const historyQuerySchema = z.object({
  actor: z.uuid({ error: 'must be a person id' }).optional(),
  stage: z.enum(stageKeys, { error: `must be one of ${stageKeys.join(', ')}` }).optional(),
  kind: z.enum(historyKinds, { error: `must be one of ${historyKinds.join(', ')}` }).optional(),
  /** One item's history: its id (a question's key for an answer or question). */
  item: z
    .string({ error: 'must be text' })
    .min(1, { error: 'must not be empty' })
    .max(100, { error: 'must be at most 100 characters' })
    .optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  before: cursor.optional(),
  limit: z.coerce
    .number({ error: 'must be a number from 1 to 200' })
    .int({ error: 'must be a number from 1 to 200' })
    .min(1, { error: 'must be a number from 1 to 200' })
    .max(200, { error: 'must be a number from 1 to 200' })
    .default(50),
});
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

export const historyChangeParamsSchema = z.object({
  planId: z.uuid({ error: 'must be a plan id (a UUID)' }),
  changeId: cursor,
});

/** Restoring an earlier value goes through the usual version check: send the version of the item as you see it. */
export const restoreChangeSchema = z
  .object({
    version: versionSchema.optional(),
  })
  .meta({ id: 'RestoreChange', example: { version: 3 } });
export type RestoreChange = z.infer<typeof restoreChangeSchema>;

/**
 * What bringing back a removed item answers. A link of the item to a role comes back unless principals have
 * been asked to review the role, or have reviewed it, since the removal, and it is in review or approved now:
 * put back, the link would change what they saw or approved without a review. Those links are listed here.
 */
export const broughtBackSchema = z
  .object({
    linksLeftOut: z.array(
      z.object({
        roleId: z.uuid(),
        roleTitle: z.string(),
        roleStatus: z.enum(['in_review', 'approved']),
      }),
    ),
  })
  .meta({ id: 'BroughtBack' });
export type BroughtBack = z.infer<typeof broughtBackSchema>;
