import { useMutation, useQueryClient } from '@tanstack/react-query';
import { measureSchema, type Measure } from '@planner/shared/measure';
import { stageTableRowSchemas, type StageTableName } from '@planner/shared/stage-tables';
import { api, type ApiError } from '../../lib/api';
import { useAutosaveRegistry } from '../../lib/autosave/registry-context';
import { updateCachedRow, updateCachedTable } from '../../lib/plan-cache';
import { atSeenVersion, changedSince } from '../../lib/row-delete';
import type { StageRow } from './table-fields';
import { rowApiPath, rowEditKey } from './tables-cache';

/**
 * At the version shown; a measure also with how many readings were shown and when the latest of them
 * changed, since a reading recorded, corrected or removed since changes no version of the measure.
 */
export function deleteRow(planId: string, name: StageTableName, row: StageRow): Promise<undefined> {
  const path = atSeenVersion(rowApiPath(planId, name, row.id), row.version);
  if (name !== 'measures') return api.delete<undefined>(path);
  const { readings } = row as unknown as Pick<Measure, 'readings'>;
  const latestChange = readings.reduce<string | null>(
    (latest, r) => (latest && latest > r.updatedAt ? latest : r.updatedAt),
    null,
  );
  const changedAt = latestChange === null ? '' : `&readingsChangedAt=${encodeURIComponent(latestChange)}`;
  return api.delete<undefined>(`${path}&readings=${readings.length}${changedAt}`);
}

/** Removes the row as shown (the mutation's variable); one changed since is shown as it is now. */
export function useDeleteRow(planId: string, name: StageTableName, rowId: string) {
  const queryClient = useQueryClient();
  const registry = useAutosaveRegistry();
  return useMutation<undefined, ApiError, StageRow>({
    mutationFn: (row) => deleteRow(planId, name, row),
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
