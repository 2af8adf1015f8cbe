import { useQuery } from '@tanstack/react-query';
import type { InboxItem } from '@planner/shared/role';
import { api } from '../../lib/api';
import { inboxQueryKey } from '../../lib/shared-query-keys';

export function fetchInbox(signal?: AbortSignal): Promise<{ items: InboxItem[] }> {
  return api.get<{ items: InboxItem[] }>('/api/reviews/inbox', { signal });
}

/** The roles waiting for the signed-in principal; only principals have an inbox (others get 403). */
export function useInbox(enabled: boolean) {
  return useQuery({ queryKey: inboxQueryKey, queryFn: ({ signal }) => fetchInbox(signal), enabled });
}
