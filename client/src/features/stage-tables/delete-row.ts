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
 * What goes with a row when it is removed that the page loads apart from it (a stakeholder's inputs), which
 * changes no version of the row: said in the dialog, and sent with the removal as seen.
 */
export interface RemovedWithRow {
  /** In the dialog's words ("its 2 inputs"); empty when there is nothing. */
  words: string;
  /** What the page showed of it, sent with the removal (`inputs`, `inputsChangedAt`). */
  seen: Record<string, string | number>;
  /** Loads it again: once it has gone with the row, or when a removal was refused because it changed. */
  refresh: () => unknown;
  /** It could not be loaded: the removal cannot say what it saw of it, so it waits for another try. */
  failed?: boolean;
}

/**
 * At the version shown; a measure also with how many readings were shown and when the latest of them
 * changed, since a reading recorded, corrected or removed since changes no version of the measure; a row
 * with what goes with it as seen.
 */
export function deleteRow(
  planId: string,
  name: StageTableName,
  row: StageRow,
  seen: RemovedWithRow['seen'] = {},
): Promise<undefined> {
  const path = atSeenVersion(rowApiPath(planId, name, row.id), row.version);
  if (name !== 'measures') {
    const more = new URLSearchParams(Object.entries(seen).map(([key, value]) => [key, String(value)])).toString();
    return api.delete<undefined>(more === '' ? path : `${path}&${more}`);
  }
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
  return useMutation<undefined, ApiError, { row: StageRow; removedWith?: RemovedWithRow | undefined }>({
    mutationFn: ({ row, removedWith }) => deleteRow(planId, name, row, removedWith?.seen),
    onSuccess: (_, { removedWith }) => {
      registry.edits.remove(rowEditKey(registry.userId, planId, name, rowId));
      updateCachedTable<StageRow>(queryClient, planId, name, (rows) => rows.filter((row) => row.id !== rowId));
      removedWith?.refresh();
    },
    onError: (error, { removedWith }) => {
      const now = changedSince(error, name === 'measures' ? measureSchema : stageTableRowSchemas[name]);
      if (now) updateCachedRow(queryClient, planId, name, rowId, () => now as StageRow);
      if (error.code === 'version_conflict') removedWith?.refresh();
    },
  });
}
