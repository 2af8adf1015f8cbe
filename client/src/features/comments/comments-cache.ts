import type { QueryClient } from '@tanstack/react-query';
import { needsAttentionQueryKey } from '../../lib/shared-query-keys';

/** Every comment query of a plan (its threads, however filtered, and its counts) starts with this. */
export const commentsQueryKey = (planId: string) => ['comments', planId] as const;

/**
 * After a comment is written, edited, deleted, resolved or reopened: the lists, counts and mentions follow.
 * Settles once the comments shown have come back.
 */
export async function refreshComments(queryClient: QueryClient, planId: string): Promise<void> {
  void queryClient.invalidateQueries({ queryKey: needsAttentionQueryKey });
  await queryClient.invalidateQueries({ queryKey: commentsQueryKey(planId) });
}
