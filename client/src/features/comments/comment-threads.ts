import { useQuery } from '@tanstack/react-query';
import type { CommentQuery, CommentSubjectKind, ThreadList } from '@planner/shared/comment';
import { api } from '../../lib/api';
import { commentsQueryKey } from './comments-cache';

/** Which threads to list: the query parameters of GET /api/plans/:planId/comments. */
export type ThreadFilter = Partial<CommentQuery> & { subjectKind?: CommentSubjectKind };

export function fetchThreads(planId: string, filter: ThreadFilter, signal?: AbortSignal): Promise<ThreadList> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) if (value !== undefined) params.set(name, value);
  const query = params.toString();
  return api.get<ThreadList>(`/api/plans/${encodeURIComponent(planId)}/comments${query ? `?${query}` : ''}`, {
    signal,
  });
}

/** A plan's threads, newest activity first, as filtered; `enabled` waits until they are wanted (a panel opened). */
export function useThreads(planId: string, filter: ThreadFilter, enabled = true) {
  return useQuery({
    queryKey: [...commentsQueryKey(planId), 'threads', filter],
    queryFn: ({ signal }) => fetchThreads(planId, filter, signal),
    enabled,
  });
}
