import { useMutation, useQueryClient } from '@tanstack/react-query';
import { measureSchema } from '@planner/shared/measure';
import { stageTableRowSchemas, type StageTableName } from '@planner/shared/stage-tables';
import { api, type ApiError } from '../../lib/api';
import { useAutosaveRegistry } from '../../lib/autosave/registry-context';
import { updateCachedRow, updateCachedTable } from '../../lib/plan-cache';
import { atSeenVersion, changedSince } from '../../lib/row-delete';
import type { StageRow } from './table-fields';
import { rowApiPath, rowEditKey } from './tables-cache';

export function deleteRow(planId: string, name: StageTableName, rowId: string, version: number): Promise<undefined> {
  return api.delete<undefined>(atSeenVersion(rowApiPath(planId, name, rowId), version));
}

/** Removes the row at the version shown (the mutation's variable); one changed since is shown as it is now. */
export function useDeleteRow(planId: string, name: StageTableName, rowId: string) {
  const queryClient = useQueryClient();
  const registry = useAutosaveRegistry();
  return useMutation<undefined, ApiError, number>({
    mutationFn: (version) => deleteRow(planId, name, rowId, version),
    onSuccess: () => {
      registry.edits.remove(rowEditKey(registry.userId, planId, name, rowId));
      updateCachedTable<StageRow>(queryClient, planId, name, (rows) => rows.filter((row) => row.id !== rowId));
    },
    onError: (error) => {
      const now = changedSince(error, name === 'measures' ? measureSchema : stageTableRowSchemas[name]);
      if (now) updateCachedRow(queryClient, planId, name, rowId, () => now as StageRow);
    },
  });
}
