import { useQuery } from '@tanstack/react-query';
import type { PlanContents } from '@planner/shared/plan';
import { api } from '../../lib/api';
import { planApiPath, plansQueryKey } from '../../lib/plan-cache';

export function fetchPlanContents(planId: string, signal?: AbortSignal): Promise<PlanContents> {
  return api.get<PlanContents>(`${planApiPath(planId)}/contents`, { signal });
}

export const planContentsQueryKey = (planId: string) => [...plansQueryKey, 'contents', planId] as const;

/** GET /api/plans/:planId/contents: what deleting the plan removes, counted; asked when the person is about to. */
export function usePlanContents(planId: string, enabled: boolean) {
  return useQuery({
    queryKey: planContentsQueryKey(planId),
    queryFn: ({ signal }) => fetchPlanContents(planId, signal),
    enabled,
    staleTime: 0,
  });
}
