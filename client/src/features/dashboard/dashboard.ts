import { useQuery } from '@tanstack/react-query';
import type { Dashboard } from '@planner/shared/dashboard';
import { todayIso } from '@planner/shared/format';
import { api } from '../../lib/api';
import { useCurrentUser } from '../../lib/current-user';
import { planApiPath, plansQueryKey } from '../../lib/plan-cache';

/** Under the plans' key: every change to a plan makes its dashboard stale too. */
export const dashboardQueryKey = (planId: string, today: string) =>
  [...plansQueryKey, 'dashboard', planId, today] as const;

export function fetchDashboard(planId: string, today: string, signal?: AbortSignal): Promise<Dashboard> {
  return api.get<Dashboard>(`${planApiPath(planId)}/dashboard?today=${encodeURIComponent(today)}`, { signal });
}

/**
 * GET /api/plans/:planId/dashboard, with the district's today: "overdue" means what it means where the
 * district is, as in its reminders, wherever the reader is.
 */
export function useDashboard(planId: string) {
  const today = todayIso(useCurrentUser().district.timeZone);
  return useQuery({
    queryKey: dashboardQueryKey(planId, today),
    queryFn: ({ signal }) => fetchDashboard(planId, today, signal),
  });
}
