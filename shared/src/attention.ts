import { z } from 'zod';
import { isoDateSchema } from './common';
import { attentionKinds } from './attention-labels';

export { attentionKindLabels, attentionKinds, type AttentionKind } from './attention-labels';

export const attentionItemSchema = z
  .object({
    kind: z.enum(attentionKinds),
    planId: z.uuid(),
    planTitle: z.string(),
    /** The item in words: the role's title, the action's text, the measure's name, the thread's subject. */
    title: z.string(),
    /** One line on why: who asked for changes, when it was due, who mentioned you and what they said. */
    detail: z.string(),
    /** Where in the planner to act on it. */
    link: z.string(),
    /** Since when it waits: a date (YYYY-MM-DD) or a moment (ISO 8601). */
    since: z.string(),
  })
  .meta({ id: 'AttentionItem' });
export type AttentionItem = z.infer<typeof attentionItemSchema>;

export const needsAttentionSchema = z
  .object({
    /** In the order to show them: for a principal reviews then mentions; for an admin as the kinds are listed. */
    items: z.array(attentionItemSchema),
    counts: z.record(z.enum(attentionKinds), z.number().int()),
  })
  .meta({ id: 'NeedsAttention' });
export type NeedsAttention = z.infer<typeof needsAttentionSchema>;

export const needsAttentionQuerySchema = z.object({
  /** One plan's (the dashboard's); by default every plan that is not archived. */
  planId: z.uuid({ error: 'must be a plan id (a UUID)' }).optional(),
  /** Today (YYYY-MM-DD) as "overdue" counts it; by default the district's, in its time zone (the app sends that). */
  today: isoDateSchema.optional(),
});
