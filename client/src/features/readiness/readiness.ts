import { useQuery } from '@tanstack/react-query';
import type { Readiness } from '@planner/shared/readiness';
import { api } from '../../lib/api';

export const readinessApiPath = (planId: string) => `/api/plans/${encodeURIComponent(planId)}/readiness`;
export const readinessQueryKey = (planId: string) => ['plans', 'readiness', planId] as const;

/** GET /api/plans/:planId/readiness */
export function useReadiness(planId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: readinessQueryKey(planId),
    queryFn: ({ signal }) => api.get<Readiness>(readinessApiPath(planId), { signal }),
    enabled: options.enabled ?? true,
  });
}
