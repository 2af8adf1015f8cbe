import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReviewRequest, Role } from '@planner/shared/role';
import { api, type ApiError } from '../../lib/api';
import { inboxQueryKey } from '../../lib/shared-query-keys';
import { roleApiPath, setCachedRole } from './role';

export function reviewRole(planId: string, roleId: string, input: ReviewRequest): Promise<Role> {
  return api.post<Role>(`${roleApiPath(planId, roleId)}/reviews`, input);
}

/** A principal's decision on a role in review. */
export function useReviewRole(planId: string, roleId: string) {
  const queryClient = useQueryClient();
  return useMutation<Role, ApiError, ReviewRequest>({
    mutationFn: (input) => reviewRole(planId, roleId, input),
    onSuccess: (role) => {
      setCachedRole(queryClient, role);
      // The role leaves the inbox: the count in the app shell follows.
      void queryClient.invalidateQueries({ queryKey: inboxQueryKey });
    },
  });
}
