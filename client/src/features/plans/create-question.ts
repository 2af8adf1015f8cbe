import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateQuestion, KeyQuestion } from '@planner/shared/plan';
import { api, type ApiError } from '../../lib/api';
import { planApiPath, planListQueryKey, updateCachedStage } from '../../lib/plan-cache';

export function createQuestion(planId: string, input: CreateQuestion): Promise<KeyQuestion> {
  return api.post<KeyQuestion>(`${planApiPath(planId)}/questions`, input);
}

export function useCreateQuestion(planId: string) {
  const queryClient = useQueryClient();
  return useMutation<KeyQuestion, ApiError, CreateQuestion>({
    mutationFn: (input) => createQuestion(planId, input),
    onSuccess: (question) => {
      updateCachedStage(queryClient, planId, question.stageKey, (stage) => ({
        ...stage,
        questions: [...stage.questions, question],
      }));
      void queryClient.invalidateQueries({ queryKey: planListQueryKey });
    },
  });
}
