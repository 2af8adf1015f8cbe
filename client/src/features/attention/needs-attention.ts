import { useQuery } from '@tanstack/react-query';
import type { NeedsAttention } from '@planner/shared/attention';
import { todayIso } from '@planner/shared/format';
import { api } from '../../lib/api';
import { useCurrentUser } from '../../lib/current-user';
import { needsAttentionQueryKey } from '../../lib/shared-query-keys';

export function fetchNeedsAttention(
  planId: string | undefined,
  today: string,
  signal?: AbortSignal,
): Promise<NeedsAttention> {
  const params = new URLSearchParams({ today });
  if (planId) params.set('planId', planId);
  return api.get<NeedsAttention>(`/api/needs-attention?${params.toString()}`, { signal });
}

/** What needs the signed-in person now: across the district's plans, or in one plan. */
export function useNeedsAttention(planId?: string) {
  // "Overdue" is by the district's calendar day, as in its reminders.
  const today = todayIso(useCurrentUser().district.timeZone);
  return useQuery({
    queryKey: [...needsAttentionQueryKey, planId ?? 'all', today],
    queryFn: ({ signal }) => fetchNeedsAttention(planId, today, signal),
  });
}
