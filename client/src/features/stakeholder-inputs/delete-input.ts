import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type ApiError } from '../../lib/api';
import { inputsApiPath, inputsQueryKey } from './stakeholder-inputs';

/** DELETE /api/plans/:planId/stakeholder-inputs/:inputId */
export function useDeleteInput(planId: string) {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (inputId) => api.delete<void>(`${inputsApiPath(planId)}/${encodeURIComponent(inputId)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inputsQueryKey(planId) }),
  });
}
