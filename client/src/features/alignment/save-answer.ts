import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AnswerableFactor, RoleAlignment, SaveAlignmentAnswer } from '@planner/shared/alignment';
import { api, type ApiError } from '../../lib/api';
import { planAlignmentQueryKey } from './plan-alignment';
import { roleAlignmentApiPath, roleAlignmentQueryKey } from './role-alignment';

/** PUT /api/plans/:planId/roles/:roleId/alignment/:factor: the district's answer on a factor. */
export function useSaveAnswer(planId: string, roleId: string, roleVersion: number, factor: AnswerableFactor) {
  const queryClient = useQueryClient();
  return useMutation<RoleAlignment, ApiError, SaveAlignmentAnswer>({
    mutationFn: (input) =>
      api.put<RoleAlignment>(`${roleAlignmentApiPath(planId, roleId)}/${encodeURIComponent(factor)}`, input),
    onSuccess: (alignment) => {
      queryClient.setQueryData(roleAlignmentQueryKey(planId, roleId, roleVersion), alignment);
      void queryClient.invalidateQueries({ queryKey: planAlignmentQueryKey(planId), exact: true });
    },
    // Someone answered first, or since: load what they answered.
    onError: () => void queryClient.invalidateQueries({ queryKey: roleAlignmentQueryKey(planId, roleId, roleVersion) }),
  });
}
