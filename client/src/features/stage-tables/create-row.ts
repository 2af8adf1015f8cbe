import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { StageTableName } from '@planner/shared/stage-tables';
import type { FieldValues } from '../../lib/autosave/pending-edits';
import { api, type ApiError } from '../../lib/api';
import type { StageRow } from './table-fields';
import { updateCachedTable } from '../../lib/plan-cache';
import { tableApiPath } from './tables-cache';

export function createRow(planId: string, name: StageTableName, fields: FieldValues): Promise<StageRow> {
  return api.post<StageRow>(tableApiPath(planId, name), fields);
}

/** POST /api/plans/:planId/<table>: the new row goes at the end of its table. */
export function useCreateRow(planId: string, name: StageTableName) {
  const queryClient = useQueryClient();
  return useMutation<StageRow, ApiError, FieldValues>({
    mutationFn: (fields) => createRow(planId, name, fields),
    onSuccess: (row) => {
      updateCachedTable<StageRow>(queryClient, planId, name, (rows) => [...rows, row]);
    },
  });
}
