import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BroughtBack } from '@planner/shared/history';
import { api, type ApiError } from '../../lib/api';
import { planApiPath, refreshPlan } from '../../lib/plan-cache';
import { historyQueryKey } from './history';

export const restoreChangePath = (planId: string, changeId: string) =>
  `${planApiPath(planId)}/history/${encodeURIComponent(changeId)}/restore`;

export interface RestoreInput {
  changeId: string;
  /** The item's version as the page shows it; none when bringing back a removed item. */
  version?: number | undefined;
}

/**
 * POST /api/plans/:planId/history/:changeId/restore: nothing for a value restored, what was left out for an
 * item brought back. Whatever the answer (restored, or refused because
 * the item changed meanwhile), the plan and its history are asked for again, so the page shows what is so now.
 */
export function useRestoreChange(planId: string, onRestored?: () => void) {
  const queryClient = useQueryClient();
  const refresh = () => {
    refreshPlan(queryClient, planId);
    void queryClient.invalidateQueries({ queryKey: historyQueryKey(planId) });
    onRestored?.();
  };
  return useMutation<BroughtBack | undefined, ApiError, RestoreInput>({
    mutationFn: ({ changeId, version }) =>
      api.post<BroughtBack | undefined>(restoreChangePath(planId, changeId), version === undefined ? {} : { version }),
    onSuccess: refresh,
    onError: (error) => {
      if (error.status === 409) refresh();
    },
  });
}
