// A plan's statuses, their names on the screen and the limits of its texts, apart from the schemas in
// plan.ts so that a page can show them (the plans list) without loading zod.

export const planStatuses = ['draft', 'active', 'archived'] as const;

export type PlanStatus = (typeof planStatuses)[number];
export const planStatusLabels: Record<PlanStatus, string> = { draft: 'Draft', active: 'Active', archived: 'Archived' };

export const actionStatuses = ['not_started', 'in_progress', 'done', 'blocked'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export const actionStatusLabels: Record<ActionStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
  blocked: 'Blocked',
};

export const limits = {
  title: 200,
  answer: 20_000,
  questionText: 1_000,
  actionText: 1_000,
  notes: 5_000,
  ownerName: 200,
  /** Custom questions or actions a plan may hold, across its stages. */
  customItemsPerPlan: 200,
} as const;
