import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateStakeholderInput, StakeholderInput } from '@planner/shared/stakeholder-input';
import { api, type ApiError } from '../../lib/api';
import { inputsQueryKey } from './stakeholder-inputs';

export function createInput(planId: string, stakeholderId: string, input: CreateStakeholderInput) {
  return api.post<StakeholderInput>(
    `/api/plans/${encodeURIComponent(planId)}/stakeholders/${encodeURIComponent(stakeholderId)}/inputs`,
    input,
  );
}

/** POST /api/plans/:planId/stakeholders/:stakeholderId/inputs */
export function useCreateInput(planId: string, stakeholderId: string) {
  const queryClient = useQueryClient();
  return useMutation<StakeholderInput, ApiError, CreateStakeholderInput>({
    mutationFn: (input) => createInput(planId, stakeholderId, input),
    onSuccess: (created) => {
      queryClient.setQueryData<{ inputs: StakeholderInput[] }>(inputsQueryKey(planId), (list) =>
        list ? { inputs: [created, ...list.inputs] } : list,
      );
      void queryClient.invalidateQueries({ queryKey: inputsQueryKey(planId) });
    },
  });
}
