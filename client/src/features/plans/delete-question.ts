import { useMutation, useQueryClient } from '@tanstack/react-query';
import { keyQuestionSchema, type KeyQuestion } from '@planner/shared/plan';
import { useAutosaveRegistry } from '../../lib/autosave/registry-context';
import { api, type ApiError } from '../../lib/api';
import { planListQueryKey, updateCachedQuestion, updateCachedStage } from '../../lib/plan-cache';
import { atSeenVersion, changedSince } from '../../lib/row-delete';
import { answerEditKey, questionEditKey } from './edit-keys';
import { questionApiPath } from './update-question';

/** Removes a question as it was shown: its wording's version and its answer's (one answered since stays). */
export function deleteQuestion(planId: string, question: KeyQuestion): Promise<undefined> {
  const path = atSeenVersion(questionApiPath(planId, question.key), question.version);
  return api.delete<undefined>(`${path}&answerVersion=${question.answer.version}`);
}

/** Removes a custom question (the server refuses a template one with 409); one changed since is shown as it is now. */
export function useDeleteQuestion(planId: string, question: KeyQuestion) {
  const queryClient = useQueryClient();
  const registry = useAutosaveRegistry();
  return useMutation<undefined, ApiError, KeyQuestion>({
    mutationFn: (shown) => deleteQuestion(planId, shown),
    onSuccess: () => {
      registry.edits.remove(answerEditKey(registry.userId, planId, question.key));
      registry.edits.remove(questionEditKey(registry.userId, planId, question.key));
      updateCachedStage(queryClient, planId, question.stageKey, (stage) => ({
        ...stage,
        questions: stage.questions.filter((q) => q.key !== question.key),
      }));
      void queryClient.invalidateQueries({ queryKey: planListQueryKey });
    },
    onError: (error) => {
      const now = changedSince(error, keyQuestionSchema);
      if (now) updateCachedQuestion(queryClient, planId, question, () => now);
    },
  });
}
