import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { KeyQuestion } from '@planner/shared/plan';
import { useAutosaveRegistry } from '../../lib/autosave/registry-context';
import { api, type ApiError } from '../../lib/api';
import { planListQueryKey, updateCachedStage } from '../../lib/plan-cache';
import { answerEditKey, questionEditKey } from './edit-keys';
import { questionApiPath } from './update-question';

export function deleteQuestion(planId: string, questionKey: string): Promise<undefined> {
  return api.delete<undefined>(questionApiPath(planId, questionKey));
}

/** Removes a custom question (the server refuses a template one with 409). */
export function useDeleteQuestion(planId: string, question: KeyQuestion) {
  const queryClient = useQueryClient();
  const registry = useAutosaveRegistry();
  return useMutation<undefined, ApiError>({
    mutationFn: () => deleteQuestion(planId, question.key),
    onSuccess: () => {
      registry.edits.remove(answerEditKey(registry.userId, planId, question.key));
      registry.edits.remove(questionEditKey(registry.userId, planId, question.key));
      updateCachedStage(queryClient, planId, question.stageKey, (stage) => ({
        ...stage,
        questions: stage.questions.filter((q) => q.key !== question.key),
      }));
      void queryClient.invalidateQueries({ queryKey: planListQueryKey });
    },
  });
}
