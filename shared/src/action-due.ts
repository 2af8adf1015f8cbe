/** What "overdue" means for a high-impact action: applicable, not done, and due before `today` (YYYY-MM-DD). */
export function isOverdue(
  action: { notApplicable: boolean; status: string; dueDate: string | null },
  today: string,
): boolean {
  return !action.notApplicable && action.status !== 'done' && action.dueDate !== null && action.dueDate < today;
}

/**
 * The first day an action due on `dueDate` (YYYY-MM-DD) is overdue: the day after, once its due day is over.
 * "Overdue since" names this day, not the due day itself.
 */
export function overdueSince(dueDate: string): string {
  return new Date(Date.parse(`${dueDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
