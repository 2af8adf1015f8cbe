import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type ApiError } from '../../lib/api';
import { useAutosaveRegistry } from '../../lib/autosave/registry-context';
import { entryApiPath, updateCachedEntries } from './logic-model';
import { entryEditKey } from './update-entry';

export function deleteEntry(planId: string, entryId: string): Promise<undefined> {
  return api.delete<undefined>(entryApiPath(planId, entryId));
}

/** DELETE /api/plans/:planId/logic-model/entries/:entryId. */
export function useDeleteEntry(planId: string, entryId: string) {
  const queryClient = useQueryClient();
  const registry = useAutosaveRegistry();
  return useMutation<undefined, ApiError>({
    mutationFn: () => deleteEntry(planId, entryId),
    onSuccess: () => {
      registry.edits.remove(entryEditKey(registry.userId, planId, entryId));
      updateCachedEntries(queryClient, planId, (entries) => entries.filter((e) => e.id !== entryId));
    },
  });
}
