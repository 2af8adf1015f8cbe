import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { StakeholderInput, UpdateStakeholderInput } from '@planner/shared/stakeholder-input';
import { api, type ApiError } from '../../lib/api';
import { inputsApiPath, inputsQueryKey } from './stakeholder-inputs';

export function updateInput(planId: string, inputId: string, input: UpdateStakeholderInput) {
  return api.patch<StakeholderInput>(`${inputsApiPath(planId)}/${encodeURIComponent(inputId)}`, input);
}

/** PATCH /api/plans/:planId/stakeholder-inputs/:inputId (a stale version answers 409 with the current input). */
export function useUpdateInput(planId: string, inputId: string) {
  const queryClient = useQueryClient();
  return useMutation<StakeholderInput, ApiError, UpdateStakeholderInput>({
    mutationFn: (input) => updateInput(planId, inputId, input),
    onSuccess: (saved) => {
      queryClient.setQueryData<{ inputs: StakeholderInput[] }>(inputsQueryKey(planId), (list) =>
        list ? { inputs: list.inputs.map((i) => (i.id === saved.id ? saved : i)) } : list,
      );
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: inputsQueryKey(planId) }),
  });
}
