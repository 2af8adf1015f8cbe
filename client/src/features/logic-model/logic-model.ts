import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { LogicModel, LogicModelEntry } from '@planner/shared/logic-model';
import { api } from '../../lib/api';
import { planApiPath, plansQueryKey } from '../../lib/plan-cache';

export const logicModelApiPath = (planId: string) => `${planApiPath(planId)}/logic-model`;
export const entryApiPath = (planId: string, entryId: string) =>
  `${logicModelApiPath(planId)}/entries/${encodeURIComponent(entryId)}`;

/** Under the plans' key: whatever refreshes the plan refreshes its logic model too. */
export const logicModelQueryKey = (planId: string) => [...plansQueryKey, 'logic-model', planId] as const;

export function fetchLogicModel(planId: string, signal?: AbortSignal): Promise<LogicModel> {
  return api.get<LogicModel>(logicModelApiPath(planId), { signal });
}

/** GET /api/plans/:planId/logic-model. Read again on each visit: a removed measure shows as a broken link. */
export function useLogicModel(planId: string) {
  return useQuery({
    queryKey: logicModelQueryKey(planId),
    queryFn: ({ signal }) => fetchLogicModel(planId, signal),
    staleTime: 0,
    refetchOnMount: 'always',
  });
}

export function updateCachedLogicModel(
  queryClient: QueryClient,
  planId: string,
  update: (model: LogicModel) => LogicModel,
): void {
  queryClient.setQueryData<LogicModel>(logicModelQueryKey(planId), (model) => (model ? update(model) : model));
}

export function updateCachedEntries(
  queryClient: QueryClient,
  planId: string,
  update: (entries: LogicModelEntry[]) => LogicModelEntry[],
): void {
  updateCachedLogicModel(queryClient, planId, (model) => ({ ...model, entries: update(model.entries) }));
}
