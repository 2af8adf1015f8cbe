import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sortEntries, type CreateLogicModelEntry, type LogicModelEntry } from '@planner/shared/logic-model';
import { api, type ApiError } from '../../lib/api';
import { logicModelApiPath, updateCachedEntries } from './logic-model';

export function createEntry(planId: string, input: CreateLogicModelEntry): Promise<LogicModelEntry> {
  return api.post<LogicModelEntry>(`${logicModelApiPath(planId)}/entries`, input);
}

/** POST /api/plans/:planId/logic-model/entries: the new entry takes its place in the chain. */
export function useCreateEntry(planId: string) {
  const queryClient = useQueryClient();
  return useMutation<LogicModelEntry, ApiError, CreateLogicModelEntry>({
    mutationFn: (input) => createEntry(planId, input),
    onSuccess: (entry) => {
      updateCachedEntries(queryClient, planId, (entries) => sortEntries([...entries, entry]));
    },
  });
}
