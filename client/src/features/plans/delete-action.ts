import { useMutation, useQueryClient } from '@tanstack/react-query';
import { highImpactActionSchema, type HighImpactAction } from '@planner/shared/plan';
import { useAutosaveRegistry } from '../../lib/autosave/registry-context';
import { api, type ApiError } from '../../lib/api';
import { planListQueryKey, updateCachedAction, updateCachedStage } from '../../lib/plan-cache';
import { atSeenVersion, changedSince } from '../../lib/row-delete';
import { actionEditKey } from './edit-keys';
import { actionApiPath } from './update-action';

export function deleteAction(planId: string, actionId: string, version: number): Promise<undefined> {
  return api.delete<undefined>(atSeenVersion(actionApiPath(planId, actionId), version));
}

/** Removes a custom action at the version shown (the server refuses a template one); one changed since is shown as it is now. */
export function useDeleteAction(planId: string, action: HighImpactAction) {
  const queryClient = useQueryClient();
  const registry = useAutosaveRegistry();
  return useMutation<undefined, ApiError, number>({
    mutationFn: (version) => deleteAction(planId, action.id, version),
    onSuccess: () => {
      registry.edits.remove(actionEditKey(registry.userId, planId, action.id));
      updateCachedStage(queryClient, planId, action.stageKey, (stage) => ({
        ...stage,
        actions: stage.actions.filter((a) => a.id !== action.id),
      }));
      void queryClient.invalidateQueries({ queryKey: planListQueryKey });
    },
    onError: (error) => {
      const now = changedSince(error, highImpactActionSchema);
      if (now) updateCachedAction(queryClient, planId, action, () => now);
    },
  });
}
