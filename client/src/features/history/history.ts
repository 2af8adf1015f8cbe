import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { historyPageSchema, type HistoryPage, type HistoryQuery } from '@planner/shared/history';
import { api } from '../../lib/api';
import { planApiPath } from '../../lib/plan-cache';

/** Every history query of a plan starts with this, so a restore refreshes them all. */
export const historyQueryKey = (planId: string) => ['history', planId] as const;

/** The filters a reader chooses; paging is the query's own. */
export type HistoryFilters = Partial<Pick<HistoryQuery, 'actor' | 'stage' | 'kind' | 'item' | 'from' | 'to'>>;

export async function fetchHistory(
  planId: string,
  filters: HistoryFilters,
  options: { before?: string | undefined; limit: number; signal?: AbortSignal },
): Promise<HistoryPage> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
  if (options.before) query.set('before', options.before);
  query.set('limit', String(options.limit));
  const page = await api.get<unknown>(`${planApiPath(planId)}/history?${query.toString()}`, {
    signal: options.signal,
  });
  return historyPageSchema.parse(page);
}

/**
 * GET /api/plans/:planId/history, newest first, a page at a time: each further page starts after the
 * last change shown (the server's cursor), so nothing is skipped or shown twice while people keep editing.
 * `freshness` is part of the key: when the item changes (its version), its history is asked for again.
 */
export function useHistory(
  planId: string,
  filters: HistoryFilters,
  { limit = 50, enabled = true, freshness = '' }: { limit?: number; enabled?: boolean; freshness?: string } = {},
) {
  return useInfiniteQuery({
    queryKey: [...historyQueryKey(planId), filters, limit, freshness],
    queryFn: ({ pageParam, signal }) => fetchHistory(planId, filters, { before: pageParam, limit, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
    // An item's own history stays on screen while it is asked for again after an edit of the item.
    placeholderData: freshness === '' ? undefined : keepPreviousData,
  });
}
