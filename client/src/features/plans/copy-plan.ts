import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreatePlan, Plan } from '@planner/shared/plan';
import { api, type ApiError } from '../../lib/api';
import { planApiPath, planQueryKey } from './plan';
import { planListQueryKey } from './plans';

export function copyPlan(planId: string, input: CreatePlan): Promise<Plan> {
  return api.post<Plan>(`${planApiPath(planId)}/copy`, input);
}

export function useCopyPlan(planId: string) {
  const queryClient = useQueryClient();
  return useMutation<Plan, ApiError, CreatePlan>({
    mutationFn: (input) => copyPlan(planId, input),
    onSuccess: (plan) => {
      queryClient.setQueryData(planQueryKey(plan.id), plan);
      void queryClient.invalidateQueries({ queryKey: planListQueryKey });
    },
  });
}
