import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateMisstep, Misstep, MisstepList } from '@planner/shared/misstep';
import { api, type ApiError } from '../../lib/api';
import { needsAttentionQueryKey } from '../../lib/shared-query-keys';
import { misstepsApiPath, misstepsQueryKey } from './missteps';

/** POST /api/plans/:planId/missteps: a misstep in the district's own words. */
export function useCreateMisstep(planId: string) {
  const queryClient = useQueryClient();
  return useMutation<Misstep, ApiError, CreateMisstep>({
    mutationFn: (input) => api.post<Misstep>(misstepsApiPath(planId), input),
    onSuccess: (misstep) => {
      queryClient.setQueryData<MisstepList>(misstepsQueryKey(planId), (list) =>
        list ? { missteps: [...list.missteps, misstep] } : list,
      );
      void queryClient.invalidateQueries({ queryKey: needsAttentionQueryKey });
    },
  });
}
