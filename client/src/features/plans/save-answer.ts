import { useQueryClient } from '@tanstack/react-query';
import { keyQuestionSchema, type KeyQuestion } from '@planner/shared/plan';
import { itemNamed } from '../../lib/autosave/refusals';
import { useAutosave } from '../../lib/autosave/use-autosave';
import { useCurrentUser } from '../../lib/current-user';
import { planApiPath, planListQueryKey, updateCachedQuestion } from '../../lib/plan-cache';
import { answerEditKey } from './edit-keys';

export interface AnswerValue extends Record<string, unknown> {
  text: string;
}

export const saveAnswerPath = (planId: string, questionKey: string) =>
  `${planApiPath(planId)}/answers/${encodeURIComponent(questionKey)}`;

const readAnswer = (question: KeyQuestion) => ({
  value: { text: question.answer.text },
  version: question.answer.version,
});

/** PUT /api/plans/:planId/answers/:questionKey, as the person types. */
export function useAnswerAutosave(planId: string, question: KeyQuestion) {
  const queryClient = useQueryClient();
  const { user } = useCurrentUser();
  return useAutosave<AnswerValue, KeyQuestion>({
    storageKey: answerEditKey(user.id, planId, question.key),
    method: 'PUT',
    path: saveAnswerPath(planId, question.key),
    server: readAnswer(question),
    read: readAnswer,
    parseCurrent: (current) => keyQuestionSchema.safeParse(current).data ?? null,
    item: itemNamed('answer to', question.text),
    onChange: ({ text }) => {
      // Progress follows the text as it is typed, before the server has it.
      updateCachedQuestion(queryClient, planId, question, (q) => ({ ...q, answer: { ...q.answer, text } }));
    },
    onSaved: (row, { text }) => {
      updateCachedQuestion(queryClient, planId, question, () => ({ ...row, answer: { ...row.answer, text } }));
      void queryClient.invalidateQueries({ queryKey: planListQueryKey });
    },
  });
}
