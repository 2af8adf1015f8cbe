import { useCallback, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ItemHistoryContext, type HistorySubject } from '../../components/ItemHistorySlot';
import { ItemHistoryPanel } from '../../features/history/ItemHistoryPanel';
import { rolesRootKey } from '../../features/roles/role';
import { useCanEditPlan } from '../../lib/plan-editing';

/** After a restore: roles are loaded apart from the plan, so they are asked for again too. */
export function useRefreshAfterRestore(): () => void {
  const queryClient = useQueryClient();
  return useCallback(() => void queryClient.invalidateQueries({ queryKey: rolesRootKey }), [queryClient]);
}

/** Gives every item of the plan's pages its "History" panel (administrators also restore from it). */
export function PlanItemHistory({ planId, children }: { planId: string; children: ReactNode }) {
  const canRestore = useCanEditPlan();
  const onRestored = useRefreshAfterRestore();
  const render = useCallback(
    (subject: HistorySubject) => (
      <ItemHistoryPanel planId={planId} subject={subject} canRestore={canRestore} onRestored={onRestored} />
    ),
    [planId, canRestore, onRestored],
  );
  return <ItemHistoryContext.Provider value={render}>{children}</ItemHistoryContext.Provider>;
}
