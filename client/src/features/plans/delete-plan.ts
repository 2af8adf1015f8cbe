import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type ApiError } from '../../lib/api';
import { planApiPath, planListQueryKey, planQueryKey } from '../../lib/plan-cache';

/** Deletes the plan as its contents were counted (`revision`): one saved to since answers 409 with them now. */
export function deletePlan(planId: string, revision: number): Promise<undefined> {
  return api.delete<undefined>(`${planApiPath(planId)}?revision=${revision}`);
}

export function useDeletePlan(planId: string) {
  const queryClient = useQueryClient();
  return useMutation<undefined, ApiError, number>({
    mutationFn: (revision) => deletePlan(planId, revision),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: planQueryKey(planId) });
      void queryClient.invalidateQueries({ queryKey: planListQueryKey });
    },
  });
}
