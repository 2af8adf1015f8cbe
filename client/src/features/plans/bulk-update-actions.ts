import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  bulkUpdateActionsResultSchema,
  highImpactActionSchema,
  type BulkUpdateActions,
  type HighImpactAction,
} from '@planner/shared/plan';
import { api, type ApiError } from '../../lib/api';
import { planApiPath, planListQueryKey, refreshPlan, updateCachedAction } from '../../lib/plan-cache';

const conflictSchema = z.object({ actions: z.array(highImpactActionSchema) });

/** On a 409: each action named, as it is now on the server; empty when the answer cannot be read. */
export function actionsNow(error: ApiError): HighImpactAction[] {
  return conflictSchema.safeParse(error.current).data?.actions ?? [];
}

/**
 * PATCH /api/plans/:planId/actions: one status or owner for several actions, all or none. A stale one
 * (changed since the page loaded it) saves none; the plan is then asked for again.
 */
export function useBulkUpdateActions(planId: string) {
  const queryClient = useQueryClient();
  return useMutation<HighImpactAction[], ApiError, BulkUpdateActions>({
    mutationFn: async (body) =>
      bulkUpdateActionsResultSchema.parse(await api.patch<unknown>(`${planApiPath(planId)}/actions`, body)).actions,
    onSuccess: (actions) => {
      for (const action of actions) updateCachedAction(queryClient, planId, action, () => action);
      void queryClient.invalidateQueries({ queryKey: planListQueryKey });
    },
    onError: (error) => {
      if (error.status === 409) refreshPlan(queryClient, planId);
    },
  });
}
