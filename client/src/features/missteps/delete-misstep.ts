import { useMutation, useQueryClient } from '@tanstack/react-query';
import { misstepSchema, type Misstep, type MisstepList } from '@planner/shared/misstep';
import { api, type ApiError } from '../../lib/api';
import { useAutosaveRegistry } from '../../lib/autosave/registry-context';
import { atSeenVersion, changedSince } from '../../lib/row-delete';
import { needsAttentionQueryKey } from '../../lib/shared-query-keys';
import { misstepsQueryKey } from './missteps';
import { misstepApiPath, misstepEditKey } from './update-misstep';

/** DELETE /api/plans/:planId/missteps/:misstepId at the version shown; one changed since is shown as it is now. */
export function useDeleteMisstep(planId: string, misstep: Misstep) {
  const queryClient = useQueryClient();
  const registry = useAutosaveRegistry();
  const setCached = (update: (list: Misstep[]) => Misstep[]) =>
    queryClient.setQueryData<MisstepList>(misstepsQueryKey(planId), (list) =>
      list ? { missteps: update(list.missteps) } : list,
    );
  return useMutation<undefined, ApiError, number>({
    mutationFn: (version) => api.delete<undefined>(atSeenVersion(misstepApiPath(planId, misstep.id), version)),
    onSuccess: () => {
      registry.edits.remove(misstepEditKey(registry.userId, planId, misstep.id));
      setCached((list) => list.filter((m) => m.id !== misstep.id));
      void queryClient.invalidateQueries({ queryKey: needsAttentionQueryKey });
    },
    onError: (error) => {
      const now = changedSince(error, misstepSchema);
      if (now) setCached((list) => list.map((m) => (m.id === now.id ? now : m)));
    },
  });
}
