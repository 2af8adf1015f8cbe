import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { CreateReadinessRating, Readiness, ReadinessRating } from '@planner/shared/readiness';
import { api, type ApiError } from '../../lib/api';
import { readinessApiPath, readinessQueryKey } from './readiness';

export interface RatingInput {
  rating: number;
  evidence: string;
}

/** The saved rating in place of the one the cache holds (or beside them, when new). */
function keepSaved(queryClient: QueryClient, planId: string, saved: ReadinessRating): void {
  queryClient.setQueryData<Readiness>(readinessQueryKey(planId), (old) =>
    old
      ? {
          ...old,
          ratings: old.ratings.some((r) => r.id === saved.id)
            ? old.ratings.map((r) => (r.id === saved.id ? saved : r))
            : [...old.ratings, saved],
        }
      : old,
  );
}

/**
 * POST /api/plans/:planId/readiness/ratings for a first rating, or PATCH .../ratings/:ratingId with the
 * version loaded when the indicator has a row already (a later rating, or a copied plan's last year).
 */
export function useSaveRating(
  planId: string,
  scope: string | null,
  indicatorKey: CreateReadinessRating['indicatorKey'],
) {
  const queryClient = useQueryClient();
  return useMutation<ReadinessRating, ApiError, RatingInput & { current: ReadinessRating | undefined }>({
    mutationFn: ({ current, ...input }) =>
      current
        ? api.patch<ReadinessRating>(`${readinessApiPath(planId)}/ratings/${encodeURIComponent(current.id)}`, {
            ...input,
            version: current.version,
          })
        : api.post<ReadinessRating>(`${readinessApiPath(planId)}/ratings`, { schoolId: scope, indicatorKey, ...input }),
    onSuccess: (saved) => keepSaved(queryClient, planId, saved),
    // A conflict or a duplicate means the list is stale: load it again.
    onError: () => void queryClient.invalidateQueries({ queryKey: readinessQueryKey(planId) }),
  });
}

/** PATCH .../ratings/:ratingId with `rating: null`: this year's rating and its evidence cleared. */
export function useClearRating(planId: string) {
  const queryClient = useQueryClient();
  return useMutation<ReadinessRating, ApiError, ReadinessRating>({
    mutationFn: (current) =>
      api.patch<ReadinessRating>(`${readinessApiPath(planId)}/ratings/${encodeURIComponent(current.id)}`, {
        rating: null,
        version: current.version,
      }),
    onSuccess: (saved) => keepSaved(queryClient, planId, saved),
    onError: () => void queryClient.invalidateQueries({ queryKey: readinessQueryKey(planId) }),
  });
}
