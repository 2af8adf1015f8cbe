import { useQuery } from '@tanstack/react-query';
import type { NeedsAttention } from '@planner/shared/attention';
import { todayIso } from '@planner/shared/format';
import { api } from '../../lib/api';
import { needsAttentionQueryKey } from '../../lib/shared-query-keys';

export function fetchNeedsAttention(planId: string | undefined, signal?: AbortSignal): Promise<NeedsAttention> {
  // "Overdue" is by the reader's own calendar day.
  const params = new URLSearchParams({ today: todayIso() });
  if (planId) params.set('planId', planId);
  return api.get<NeedsAttention>(`/api/needs-attention?${params.toString()}`, { signal });
}

/** What needs the signed-in person now: across the district's plans, or in one plan. */
export function useNeedsAttention(planId?: string) {
  return useQuery({
    queryKey: [...needsAttentionQueryKey, planId ?? 'all'],
    queryFn: ({ signal }) => fetchNeedsAttention(planId, signal),
  });
}
