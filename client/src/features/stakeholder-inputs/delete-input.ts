import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { StakeholderInput } from '@planner/shared/stakeholder-input';
import { api, type ApiError } from '../../lib/api';
import { atSeenVersion } from '../../lib/row-delete';
import { inputsApiPath, inputsQueryKey } from './stakeholder-inputs';

/**
 * DELETE /api/plans/:planId/stakeholder-inputs/:inputId at the version shown; the list is read again either way,
 * so an input changed since (409) is shown as it is now.
 */
export function useDeleteInput(planId: string) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, Pick<StakeholderInput, 'id' | 'version'>>({
    mutationFn: (input) =>
      api.delete<void>(atSeenVersion(`${inputsApiPath(planId)}/${encodeURIComponent(input.id)}`, input.version)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inputsQueryKey(planId) }),
  });
}
