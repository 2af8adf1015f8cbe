import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { HighImpactAction } from '@planner/shared/plan';
import { useAutosaveRegistry } from '../../lib/autosave/registry-context';
import { api, type ApiError } from '../../lib/api';
import { planListQueryKey, updateCachedStage } from '../../lib/plan-cache';
import { actionEditKey } from './edit-keys';
import { actionApiPath } from './update-action';

export function deleteAction(planId: string, actionId: string): Promise<undefined> {
  return api.delete<undefined>(actionApiPath(planId, actionId));
}

/** Removes a custom action (the server refuses a template one). */
export function useDeleteAction(planId: string, action: HighImpactAction) {
  const queryClient = useQueryClient();
  const registry = useAutosaveRegistry();
  return useMutation<undefined, ApiError>({
    mutationFn: () => deleteAction(planId, action.id),
    onSuccess: () => {
      registry.edits.remove(actionEditKey(registry.userId, planId, action.id));
      updateCachedStage(queryClient, planId, action.stageKey, (stage) => ({
        ...stage,
        actions: stage.actions.filter((a) => a.id !== action.id),
      }));
      void queryClient.invalidateQueries({ queryKey: planListQueryKey });
    },
  });
}
