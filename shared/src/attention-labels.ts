// Apart from attention.ts's schemas, so that the plans list names each kind without loading zod.

/**
 * What needs a person now, across the district's plans that are not archived: a principal's reviews
 * waiting and the open threads that mention them; an admin's roles sent back with changes requested,
 * overdue actions and readings due, missteps marked happening, the threads that mention them, and what a
 * deactivated person left behind (their actions and measures, reviews no active principal can give).
 */
export const attentionKinds = [
  'review_waiting',
  'mention',
  'changes_requested',
  'action_overdue',
  'reading_due',
  'misstep_happening',
  'needs_new_owner',
] as const;
export type AttentionKind = (typeof attentionKinds)[number];
export const attentionKindLabels: Record<AttentionKind, string> = {
  review_waiting: 'Waiting for your review',
  mention: 'Mentions you',
  changes_requested: 'Changes requested',
  action_overdue: 'Overdue action',
  reading_due: 'Reading due',
  misstep_happening: 'Misstep happening',
  needs_new_owner: 'Needs a new owner',
};
