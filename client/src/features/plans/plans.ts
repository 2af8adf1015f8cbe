import { useQuery } from '@tanstack/react-query';
import type { PlanList } from '@planner/shared/plan';
import { api } from '../../lib/api';

/** Every plan query starts with this, so one invalidation reaches them all. */
export const plansQueryKey = ['plans'] as const;
export const planListQueryKey = [...plansQueryKey, 'list'] as const;

export function fetchPlans(signal?: AbortSignal): Promise<PlanList> {
  return api.get<PlanList>('/api/plans', { signal });
}

export function usePlans() {
  return useQuery({ queryKey: planListQueryKey, queryFn: ({ signal }) => fetchPlans(signal) });
}
