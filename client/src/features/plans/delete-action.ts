import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { HighImpactAction } from '@planner/shared/plan';
import { removePendingEdit } from '../../components/autosave/pending-edits';
import { api, type ApiError } from '../../lib/api';
import { useCurrentUser } from '../auth/current-user';
import { updateCachedStage } from './plan';
import { actionEditKey } from './pending-edit-keys';
import { planListQueryKey } from './plans';
import { actionApiPath } from './update-action';

export function deleteAction(planId: string, actionId: string): Promise<undefined> {
  return api.delete<undefined>(actionApiPath(planId, actionId));
}

/** Removes a custom action (the server refuses a template one). */
export function useDeleteAction(planId: string, action: HighImpactAction) {
  const queryClient = useQueryClient();
  const { user } = useCurrentUser();
  return useMutation<undefined, ApiError>({
    mutationFn: () => deleteAction(planId, action.id),
    onSuccess: () => {
      removePendingEdit(actionEditKey(user.id, planId, action.id));
      updateCachedStage(queryClient, planId, action.stageKey, (stage) => ({
        ...stage,
        actions: stage.actions.filter((a) => a.id !== action.id),
      }));
      void queryClient.invalidateQueries({ queryKey: planListQueryKey });
    },
  });
}
