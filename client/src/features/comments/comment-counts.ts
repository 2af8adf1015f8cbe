import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CommentCounts, CommentSubjectKind } from '@planner/shared/comment';
import { api } from '../../lib/api';
import { commentsQueryKey } from './comments-cache';

export function fetchCommentCounts(planId: string, signal?: AbortSignal): Promise<CommentCounts> {
  return api.get<CommentCounts>(`/api/plans/${encodeURIComponent(planId)}/comments/counts`, { signal });
}

export const commentCountsQuery = (planId: string) =>
  queryOptions({
    queryKey: [...commentsQueryKey(planId), 'counts'],
    queryFn: ({ signal }) => fetchCommentCounts(planId, signal),
  });

/** The plan's open threads counted in all, per stage and per item; refreshed now and then, as others comment. */
export function useCommentCounts(planId: string) {
  return useQuery({ ...commentCountsQuery(planId), refetchInterval: 60_000 });
}

export const openCountOf = (counts: CommentCounts | undefined, kind: CommentSubjectKind, id: string): number =>
  counts?.byItem.find((item) => item.kind === kind && item.id === id)?.open ?? 0;
