import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { StageTableName } from '@planner/shared/stage-tables';
import { api, type ApiError } from '../../lib/api';
import { useAutosaveRegistry } from '../../lib/autosave/registry-context';
import { updateCachedTable } from '../../lib/plan-cache';
import type { StageRow } from './table-fields';
import { rowApiPath, rowEditKey } from './tables-cache';

export function deleteRow(planId: string, name: StageTableName, rowId: string): Promise<undefined> {
  return api.delete<undefined>(rowApiPath(planId, name, rowId));
}

export function useDeleteRow(planId: string, name: StageTableName, rowId: string) {
  const queryClient = useQueryClient();
  const registry = useAutosaveRegistry();
  return useMutation<undefined, ApiError>({
    mutationFn: () => deleteRow(planId, name, rowId),
    onSuccess: () => {
      registry.edits.remove(rowEditKey(registry.userId, planId, name, rowId));
      updateCachedTable<StageRow>(queryClient, planId, name, (rows) => rows.filter((row) => row.id !== rowId));
    },
  });
}
