import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreatePlan, Plan } from '@planner/shared/plan';
import { api, type ApiError } from '../../lib/api';
import { planListQueryKey, planQueryKey } from '../../lib/plan-cache';

export function createPlan(input: CreatePlan): Promise<Plan> {
  return api.post<Plan>('/api/plans', input);
}

export function useCreatePlan() {
  const queryClient = useQueryClient();
  return useMutation<Plan, ApiError, CreatePlan>({
    mutationFn: createPlan,
    onSuccess: (plan) => {
      queryClient.setQueryData(planQueryKey(plan.id), plan);
      void queryClient.invalidateQueries({ queryKey: planListQueryKey });
    },
  });
}
