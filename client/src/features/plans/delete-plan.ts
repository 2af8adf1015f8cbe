import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type ApiError } from '../../lib/api';
import { planApiPath, planListQueryKey, planQueryKey } from '../../lib/plan-cache';

export function deletePlan(planId: string): Promise<undefined> {
  return api.delete<undefined>(planApiPath(planId));
}

export function useDeletePlan(planId: string) {
  const queryClient = useQueryClient();
  return useMutation<undefined, ApiError>({
    mutationFn: () => deletePlan(planId),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: planQueryKey(planId) });
      void queryClient.invalidateQueries({ queryKey: planListQueryKey });
    },
  });
}
