import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Plan } from '@planner/shared/plan';
import { api } from '../../lib/api';
import { planApiPath, planQueryKey } from '../../lib/plan-cache';

export function fetchPlan(planId: string, signal?: AbortSignal): Promise<Plan> {
  return api.get<Plan>(planApiPath(planId), { signal });
}

/** GET /api/plans/:planId: the whole plan, loaded once by the plan layout (or as the page starts). */
export const planQuery = (planId: string) =>
  queryOptions({
    queryKey: planQueryKey(planId),
    queryFn: ({ signal }) => fetchPlan(planId, signal),
    // Asked as the page starts (AppProviders), it is not asked again when the layout mounts moments later.
    staleTime: 10_000,
  });

export function usePlan(planId: string) {
  return useQuery(planQuery(planId));
}
