import { createContext, useContext } from 'react';
import { useCanEditPlans } from './current-user';

/**
 * Whether the plan whose pages are open is archived, provided by the plan's frame. An archived plan is
 * read-only for everyone (the server refuses any change to it with `plan_archived`): its pages show what
 * it holds without the controls that change it.
 */
export const PlanArchivedContext = createContext(false);

export const usePlanIsArchived = (): boolean => useContext(PlanArchivedContext);

/** District administrators change the open plan's content, unless it is archived. */
export function useCanEditPlan(): boolean {
  const canEditPlans = useCanEditPlans();
  const archived = usePlanIsArchived();
  return canEditPlans && !archived;
}
