import { useQuery } from '@tanstack/react-query';
import type { PlanList } from '@planner/shared/plan';
import { api } from '../../lib/api';
import { planListQueryKey } from '../../lib/plan-cache';

export function fetchPlans(signal?: AbortSignal): Promise<PlanList> {
  return api.get<PlanList>('/api/plans', { signal });
}

export function usePlans() {
  return useQuery({ queryKey: planListQueryKey, queryFn: ({ signal }) => fetchPlans(signal) });
}
