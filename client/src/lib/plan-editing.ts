import { createContext, useContext, useSyncExternalStore } from 'react';
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

/**
 * How many changes the server has refused because their plan was archived meanwhile (by someone else, in
 * another tab). The page turns read-only as the plan is loaded again, and its fields go with what was typed
 * in them: the plan's notice counts on this to say that the last change was not saved.
 */
let archivedRefusals = 0;
const refusalListeners = new Set<() => void>();

export function noteChangeRefusedAsArchived(): void {
  archivedRefusals += 1;
  for (const listener of refusalListeners) listener();
}

function subscribeToRefusals(listener: () => void): () => void {
  refusalListeners.add(listener);
  return () => refusalListeners.delete(listener);
}

export function useArchivedRefusals(): number {
  return useSyncExternalStore(subscribeToRefusals, () => archivedRefusals);
}
