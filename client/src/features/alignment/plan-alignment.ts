import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { planAlignmentSchema, type PlanAlignment } from '@planner/shared/alignment';
import { api } from '../../lib/api';
import { planApiPath } from '../../lib/plan-cache';

/** Under the roles' key (`roles`), so what refreshes a plan's roles refreshes their alignment too. */
export const planAlignmentQueryKey = (planId: string) => ['roles', planId, 'alignment'] as const;

export async function fetchPlanAlignment(planId: string, signal?: AbortSignal): Promise<PlanAlignment> {
  return planAlignmentSchema.parse(await api.get<unknown>(`${planApiPath(planId)}/alignment`, { signal }));
}

/** GET /api/plans/:planId/alignment: the standards the roles serve, and each role's factors. */
export function usePlanAlignment(planId: string) {
  return useQuery({
    queryKey: planAlignmentQueryKey(planId),
    queryFn: ({ signal }) => fetchPlanAlignment(planId, signal),
    placeholderData: keepPreviousData,
  });
}
