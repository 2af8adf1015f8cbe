import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PlanList } from '@planner/shared/plan';
import { api } from '../../lib/api';
import { planListQueryKey } from '../../lib/plan-cache';

export function fetchPlans(signal?: AbortSignal): Promise<PlanList> {
  return api.get<PlanList>('/api/plans', { signal });
}

/** The district's plans; asked as the plans page starts (AppProviders), not again when it mounts. */
export const plansQuery = queryOptions({
  queryKey: planListQueryKey,
  queryFn: ({ signal }) => fetchPlans(signal),
  staleTime: 10_000,
});

export function usePlans() {
  return useQuery(plansQuery);
}
