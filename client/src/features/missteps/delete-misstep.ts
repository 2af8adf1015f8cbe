import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Misstep, MisstepList } from '@planner/shared/misstep';
import { api, type ApiError } from '../../lib/api';
import { useAutosaveRegistry } from '../../lib/autosave/registry-context';
import { needsAttentionQueryKey } from '../../lib/shared-query-keys';
import { misstepsQueryKey } from './missteps';
import { misstepApiPath, misstepEditKey } from './update-misstep';

/** DELETE /api/plans/:planId/missteps/:misstepId. */
export function useDeleteMisstep(planId: string, misstep: Misstep) {
  const queryClient = useQueryClient();
  const registry = useAutosaveRegistry();
  return useMutation<undefined, ApiError>({
    mutationFn: () => api.delete<undefined>(misstepApiPath(planId, misstep.id)),
    onSuccess: () => {
      registry.edits.remove(misstepEditKey(registry.userId, planId, misstep.id));
      queryClient.setQueryData<MisstepList>(misstepsQueryKey(planId), (list) =>
        list ? { missteps: list.missteps.filter((m) => m.id !== misstep.id) } : list,
      );
      void queryClient.invalidateQueries({ queryKey: needsAttentionQueryKey });
    },
  });
}
