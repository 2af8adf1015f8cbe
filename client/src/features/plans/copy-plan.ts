import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CopyPlan, Plan } from '@planner/shared/plan';
import { api, type ApiError } from '../../lib/api';
import { planApiPath, planListQueryKey, planQueryKey } from '../../lib/plan-cache';

export function copyPlan(planId: string, input: CopyPlan): Promise<Plan> {
  return api.post<Plan>(`${planApiPath(planId)}/copy`, input);
}

export function useCopyPlan(planId: string) {
  const queryClient = useQueryClient();
  return useMutation<Plan, ApiError, CopyPlan>({
    mutationFn: (input) => copyPlan(planId, input),
    onSuccess: (plan) => {
      queryClient.setQueryData(planQueryKey(plan.id), plan);
      void queryClient.invalidateQueries({ queryKey: planListQueryKey });
    },
  });
}
