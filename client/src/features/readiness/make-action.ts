import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { HighImpactAction } from '@planner/shared/plan';
import type { Readiness, ReadinessRating } from '@planner/shared/readiness';
import { api, type ApiError } from '../../lib/api';
import { refreshPlan } from '../../lib/plan-cache';
import { readinessApiPath, readinessQueryKey } from './readiness';

/** POST /api/plans/:planId/readiness/ratings/:ratingId/action: a low rating as a stage-2 action. */
export function useMakeAction(planId: string) {
  const queryClient = useQueryClient();
  return useMutation<{ action: HighImpactAction; rating: ReadinessRating }, ApiError, string>({
    mutationFn: (ratingId) => api.post(`${readinessApiPath(planId)}/ratings/${encodeURIComponent(ratingId)}/action`),
    onSuccess: ({ rating }) => {
      queryClient.setQueryData<Readiness>(readinessQueryKey(planId), (old) =>
        old ? { ...old, ratings: old.ratings.map((r) => (r.id === rating.id ? rating : r)) } : old,
      );
      refreshPlan(queryClient, planId);
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: readinessQueryKey(planId) }),
  });
}
