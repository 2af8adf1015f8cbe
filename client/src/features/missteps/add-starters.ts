import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MisstepList } from '@planner/shared/misstep';
import type { StageKey } from '@planner/shared/roadmap';
import { api, type ApiError } from '../../lib/api';
import { misstepsApiPath, misstepsQueryKey } from './missteps';

/** POST /api/plans/:planId/missteps/starters: the starters into a stage that has none. */
export function useAddStarters(planId: string) {
  const queryClient = useQueryClient();
  return useMutation<MisstepList, ApiError, StageKey>({
    mutationFn: (stageKey) => api.post<MisstepList>(`${misstepsApiPath(planId)}/starters`, { stageKey }),
    onSuccess: (added) => {
      queryClient.setQueryData<MisstepList>(misstepsQueryKey(planId), (list) =>
        list ? { missteps: [...list.missteps, ...added.missteps] } : list,
      );
    },
    // Someone else took them first: show the stage as it is.
    onError: () => void queryClient.invalidateQueries({ queryKey: misstepsQueryKey(planId) }),
  });
}
