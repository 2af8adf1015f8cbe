import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { StageTableName } from '@planner/shared/stage-tables';
import { removePendingEdit } from '../../components/autosave/pending-edits';
import { api, type ApiError } from '../../lib/api';
import { useCurrentUser } from '../auth/current-user';
import { rowApiPath, rowEditKey, updateCachedTable } from './tables-cache';

export function deleteRow(planId: string, name: StageTableName, rowId: string): Promise<undefined> {
  return api.delete<undefined>(rowApiPath(planId, name, rowId));
}

export function useDeleteRow(planId: string, name: StageTableName, rowId: string) {
  const queryClient = useQueryClient();
  const { user } = useCurrentUser();
  return useMutation<undefined, ApiError>({
    mutationFn: () => deleteRow(planId, name, rowId),
    onSuccess: () => {
      removePendingEdit(rowEditKey(user.id, planId, name, rowId));
      updateCachedTable(queryClient, planId, name, (rows) => rows.filter((row) => row.id !== rowId));
    },
  });
}
