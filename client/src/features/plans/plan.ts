import { useQuery } from '@tanstack/react-query';
import type { Plan } from '@planner/shared/plan';
import { api } from '../../lib/api';
import { planApiPath, planQueryKey } from '../../lib/plan-cache';

export function fetchPlan(planId: string, signal?: AbortSignal): Promise<Plan> {
  return api.get<Plan>(planApiPath(planId), { signal });
}

/** GET /api/plans/:planId: the whole plan, loaded once by the plan layout. */
export function usePlan(planId: string) {
  return useQuery({ queryKey: planQueryKey(planId), queryFn: ({ signal }) => fetchPlan(planId, signal) });
}
