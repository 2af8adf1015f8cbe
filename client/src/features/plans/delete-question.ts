import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { KeyQuestion } from '@planner/shared/plan';
import { removePendingEdit } from '../../components/autosave/pending-edits';
import { api, type ApiError } from '../../lib/api';
import { useCurrentUser } from '../auth/current-user';
import { updateCachedStage } from './plan';
import { answerEditKey, questionEditKey } from './pending-edit-keys';
import { planListQueryKey } from './plans';
import { questionApiPath } from './update-question';

export function deleteQuestion(planId: string, questionKey: string): Promise<undefined> {
  return api.delete<undefined>(questionApiPath(planId, questionKey));
}

/** Removes a custom question (the server refuses a template one with 409). */
export function useDeleteQuestion(planId: string, question: KeyQuestion) {
  const queryClient = useQueryClient();
  const { user } = useCurrentUser();
  return useMutation<undefined, ApiError>({
    mutationFn: () => deleteQuestion(planId, question.key),
    onSuccess: () => {
      removePendingEdit(answerEditKey(user.id, planId, question.key));
      removePendingEdit(questionEditKey(user.id, planId, question.key));
      updateCachedStage(queryClient, planId, question.stageKey, (stage) => ({
        ...stage,
        questions: stage.questions.filter((q) => q.key !== question.key),
      }));
      void queryClient.invalidateQueries({ queryKey: planListQueryKey });
    },
  });
}
