import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Plan, PlanSummary, UpdatePlan } from '@planner/shared/plan';
import { api, type ApiError } from '../../lib/api';
import { planApiPath, planListQueryKey, planQueryKey } from '../../lib/plan-cache';

export function updatePlan(planId: string, input: UpdatePlan): Promise<PlanSummary> {
  return api.patch<PlanSummary>(planApiPath(planId), input);
}

export function useUpdatePlan(planId: string) {
  const queryClient = useQueryClient();
  return useMutation<PlanSummary, ApiError, UpdatePlan>({
    mutationFn: (input) => updatePlan(planId, input),
    onSuccess: (summary) => {
      queryClient.setQueryData<Plan>(planQueryKey(planId), (plan) => (plan ? { ...plan, ...summary } : plan));
      void queryClient.invalidateQueries({ queryKey: planListQueryKey });
    },
    onError: (error) => {
      // Someone else changed the settings: load theirs so the next save is based on them.
      if (error.code === 'version_conflict') void queryClient.invalidateQueries({ queryKey: planQueryKey(planId) });
    },
  });
}
