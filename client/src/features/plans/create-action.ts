import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateAction, HighImpactAction } from '@planner/shared/plan';
import { api, type ApiError } from '../../lib/api';
import { planApiPath, planListQueryKey, updateCachedStage } from '../../lib/plan-cache';

export function createAction(planId: string, input: CreateAction): Promise<HighImpactAction> {
  return api.post<HighImpactAction>(`${planApiPath(planId)}/actions`, input);
}

export function useCreateAction(planId: string) {
  const queryClient = useQueryClient();
  return useMutation<HighImpactAction, ApiError, CreateAction>({
    mutationFn: (input) => createAction(planId, input),
    onSuccess: (action) => {
      updateCachedStage(queryClient, planId, action.stageKey, (stage) => ({
        ...stage,
        actions: [...stage.actions, action],
      }));
      void queryClient.invalidateQueries({ queryKey: planListQueryKey });
    },
  });
}
