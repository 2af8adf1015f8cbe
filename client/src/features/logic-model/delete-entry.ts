import { useMutation, useQueryClient } from '@tanstack/react-query';
import { logicModelEntrySchema } from '@planner/shared/logic-model';
import { api, type ApiError } from '../../lib/api';
import { useAutosaveRegistry } from '../../lib/autosave/registry-context';
import { atSeenVersion, changedSince } from '../../lib/row-delete';
import { entryApiPath, updateCachedEntries } from './logic-model';
import { entryEditKey } from './update-entry';

export function deleteEntry(planId: string, entryId: string, version: number): Promise<undefined> {
  return api.delete<undefined>(atSeenVersion(entryApiPath(planId, entryId), version));
}

/** DELETE /api/plans/:planId/logic-model/entries/:entryId at the version shown; one changed since is shown as it is now. */
export function useDeleteEntry(planId: string, entryId: string) {
  const queryClient = useQueryClient();
  const registry = useAutosaveRegistry();
  return useMutation<undefined, ApiError, number>({
    mutationFn: (version) => deleteEntry(planId, entryId, version),
    onSuccess: () => {
      registry.edits.remove(entryEditKey(registry.userId, planId, entryId));
      updateCachedEntries(queryClient, planId, (entries) => entries.filter((e) => e.id !== entryId));
    },
    onError: (error) => {
      const now = changedSince(error, logicModelEntrySchema);
      if (now) updateCachedEntries(queryClient, planId, (entries) => entries.map((e) => (e.id === entryId ? now : e)));
    },
  });
}
