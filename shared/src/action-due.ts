/** What "overdue" means for a high-impact action: applicable, not done, and due before `today` (YYYY-MM-DD). */
export function isOverdue(
  action: { notApplicable: boolean; status: string; dueDate: string | null },
  today: string,
): boolean {
  return !action.notApplicable && action.status !== 'done' && action.dueDate !== null && action.dueDate < today;
}
