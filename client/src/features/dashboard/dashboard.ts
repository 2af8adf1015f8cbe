import { useQuery } from '@tanstack/react-query';
import type { Dashboard } from '@planner/shared/dashboard';
import { todayIso } from '@planner/shared/format';
import { api } from '../../lib/api';
import { planApiPath, plansQueryKey } from '../../lib/plan-cache';

/** Under the plans' key: every change to a plan makes its dashboard stale too. */
export const dashboardQueryKey = (planId: string, today: string) =>
  [...plansQueryKey, 'dashboard', planId, today] as const;

export function fetchDashboard(planId: string, today: string, signal?: AbortSignal): Promise<Dashboard> {
  return api.get<Dashboard>(`${planApiPath(planId)}/dashboard?today=${encodeURIComponent(today)}`, { signal });
}

/** GET /api/plans/:planId/dashboard, with the reader's today: "overdue" means what it means where they are. */
export function useDashboard(planId: string) {
  const today = todayIso();
  return useQuery({
    queryKey: dashboardQueryKey(planId, today),
    queryFn: ({ signal }) => fetchDashboard(planId, today, signal),
  });
}
