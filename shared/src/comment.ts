import { z } from 'zod';
import { choiceSchema, trimText, typeError, versionSchema, withoutHiddenControls } from './common';
import { formatNumber } from './format';
import { stageKeys } from './roadmap';

/**
 * What a thread is about: an answer (named by its question's key), an action, a stage-table row, a measure,
 * a role, a misstep, a readiness rating, a stakeholder's input, an entry of the logic model, or one factor
 * of a role's framework alignment (named `<role id>:<factor>`, see `alignmentSubjectId`).
 */
export const commentSubjectKinds = [
  'answer',
  'action',
  'row',
  'measure',
  'role',
  'misstep',
  'readiness',
  'input',
  'logic_model_entry',
  'alignment',
] as const;
export type CommentSubjectKind = (typeof commentSubjectKinds)[number];
export const commentSubjectKindLabels: Record<CommentSubjectKind, string> = {
  answer: 'Answer',
  action: 'High-impact action',
  row: 'Row of a stage table',
  measure: 'Measure',
  role: 'Teacher-leader role',
  misstep: 'Misstep to avoid',
  readiness: 'Readiness rating',
  input: 'Stakeholder input',
  logic_model_entry: 'Entry of the logic model',
  alignment: 'Framework alignment of a role',
};

export const maxCommentLength = 5000;

const body = z
  .string({ error: 'must be text' })
  .overwrite((text) => trimText(withoutHiddenControls(text)))
  .min(1, { error: 'must not be empty' })
  .max(maxCommentLength, { error: `must be at most ${formatNumber(maxCommentLength)} characters` });
const mentions = z
  .array(z.uuid({ error: 'must list people (ids)' }), { error: 'must be a list of people' })
  .max(20, { error: 'must name at most 20 people' })
  .refine((ids) => new Set(ids).size === ids.length, { error: 'must not name a person twice' });

export const commentSubjectSchema = z.object({
  kind: choiceSchema(commentSubjectKinds, commentSubjectKindLabels),
  id: z
    .string({ error: typeError('must be text') })
    .min(1, { error: 'is required' })
    .max(100, { error: 'must be at most 100 characters' }),
});
export type CommentSubject = z.infer<typeof commentSubjectSchema>;

/** A new thread on a subject, or a reply in a thread; the people it mentions are told. */
export const createCommentSchema = z
  .object({
    subject: commentSubjectSchema.optional(),
    threadId: z.uuid({ error: 'must be a thread id' }).optional(),
    body,
    mentions: mentions.default([]),
  })
  .refine((c) => (c.subject === undefined) !== (c.threadId === undefined), {
    path: ['subject'],
    error: 'give either the subject of a new thread or the thread to reply in',
  })
  .meta({
    id: 'CreateComment',
    example: { subject: { kind: 'answer', id: 'design.q1' }, body: 'Could we name the schools?', mentions: [] },
  });
export type CreateComment = z.infer<typeof createCommentSchema>;

export const updateCommentSchema = z
  .object({ body, mentions: mentions.optional(), version: versionSchema })
  .meta({ id: 'UpdateComment', example: { body: 'Could we name the three schools?', version: 1 } });
export type UpdateComment = z.infer<typeof updateCommentSchema>;

const person = z.object({ id: z.uuid(), name: z.string() });

export const commentSchema = z
  .object({
    id: z.uuid(),
    threadId: z.uuid(),
    author: person,
    /** Plain text with line breaks; empty once deleted. */
    body: z.string(),
    mentions: z.array(person),
    createdAt: z.iso.datetime(),
    editedAt: z.iso.datetime().nullable(),
    deleted: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'Comment' });
export type Comment = z.infer<typeof commentSchema>;

export const threadSchema = z
  .object({
    id: z.uuid(),
    subject: z.object({
      kind: z.enum(commentSubjectKinds),
      id: z.string(),
      /** The stage table of a row (`priorities`, ...), else null. */
      table: z.string().nullable(),
      label: z.string(),
      stageKey: z.enum(stageKeys),
    }),
    resolved: z.boolean(),
    resolvedBy: person.nullable(),
    resolvedAt: z.iso.datetime().nullable(),
    comments: z.array(commentSchema),
    lastActivityAt: z.iso.datetime(),
  })
  .meta({ id: 'CommentThread' });
export type CommentThread = z.infer<typeof threadSchema>;

/** Open threads of the whole plan: in all, per stage, per item. */
export const commentCountsSchema = z
  .object({
    open: z.number().int(),
    byStage: z.record(z.string(), z.number().int()),
    byItem: z.array(z.object({ kind: z.enum(commentSubjectKinds), id: z.string(), open: z.number().int() })),
  })
  .meta({ id: 'CommentCounts' });
export type CommentCounts = z.infer<typeof commentCountsSchema>;

export const threadListSchema = z
  .object({
    threads: z.array(threadSchema),
    counts: commentCountsSchema,
  })
  .meta({ id: 'CommentThreadList' });
export type ThreadList = z.infer<typeof threadListSchema>;

export const commentQuerySchema = z.object({
  subjectKind: z.enum(commentSubjectKinds, { error: `must be one of ${commentSubjectKinds.join(', ')}` }).optional(),
  subjectId: z
    .string({ error: 'must be text' })
    .min(1, { error: 'must not be empty' })
    .max(100, { error: 'must be at most 100 characters' })
    .optional(),
  stage: z.enum(stageKeys, { error: `must be one of ${stageKeys.join(', ')}` }).optional(),
  status: z.enum(['open', 'resolved', 'all'], { error: 'must be open, resolved or all' }).default('open'),
  mentions: z.literal('me', { error: 'must be me' }).optional(),
});
export type CommentQuery = z.infer<typeof commentQuerySchema>;

export const commentParamsSchema = z.object({
  planId: z.uuid({ error: 'must be a plan id (a UUID)' }),
  commentId: z.uuid({ error: 'must be a comment id (a UUID)' }),
});
