import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  stakeholderInputSchema,
  type StakeholderInput,
  type StakeholderInputList,
} from '@planner/shared/stakeholder-input';
import { api, type ApiError } from '../../lib/api';
import { atSeenVersion, changedSince } from '../../lib/row-delete';
import { inputsApiPath, inputsQueryKey } from './stakeholder-inputs';

/**
 * DELETE /api/plans/:planId/stakeholder-inputs/:inputId at the version shown. An input changed since (409) is
 * shown as it is now at once, from the refusal, so that a second confirm sends its new version; the list is
 * read again either way.
 */
export function useDeleteInput(planId: string) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, Pick<StakeholderInput, 'id' | 'version'>>({
    mutationFn: (input) =>
      api.delete<void>(atSeenVersion(`${inputsApiPath(planId)}/${encodeURIComponent(input.id)}`, input.version)),
    onError: (error) => {
      const now = changedSince(error, stakeholderInputSchema);
      if (!now) return;
      queryClient.setQueryData<StakeholderInputList>(inputsQueryKey(planId), (list) =>
        list ? { ...list, inputs: list.inputs.map((input) => (input.id === now.id ? now : input)) } : list,
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: inputsQueryKey(planId) }),
  });
}
