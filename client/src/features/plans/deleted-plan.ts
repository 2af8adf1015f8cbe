/** What the plans page is sent after a plan is deleted (the history entry's state), to say which. */
export const deletedPlanState = (title: string) => ({ deletedPlan: title });

export function deletedPlanTitle(state: unknown): string | null {
  if (typeof state !== 'object' || state === null || !('deletedPlan' in state)) return null;
  return typeof state.deletedPlan === 'string' ? state.deletedPlan : null;
}
