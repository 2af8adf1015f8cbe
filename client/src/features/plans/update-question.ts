import { useQueryClient } from '@tanstack/react-query';
import { keyQuestionSchema, type KeyQuestion } from '@planner/shared/plan';
import { itemNamed } from '../../lib/autosave/refusals';
import { useAutosave } from '../../lib/autosave/use-autosave';
import { useCurrentUser } from '../../lib/current-user';
import { planApiPath, planListQueryKey, updateCachedQuestion } from '../../lib/plan-cache';
import { questionEditKey } from './edit-keys';

/** The question itself, apart from its answer: the text (custom questions only) and "not applicable". */
export interface QuestionValue extends Record<string, unknown> {
  text: string;
  notApplicable: boolean;
}

export const questionApiPath = (planId: string, questionKey: string) =>
  `${planApiPath(planId)}/questions/${encodeURIComponent(questionKey)}`;

const readQuestion = (question: KeyQuestion) => ({
  value: { text: question.text, notApplicable: question.notApplicable },
  version: question.version,
});

/** PATCH /api/plans/:planId/questions/:questionKey, as the person edits. */
export function useQuestionAutosave(planId: string, question: KeyQuestion) {
  const queryClient = useQueryClient();
  const { user } = useCurrentUser();
  return useAutosave<QuestionValue, KeyQuestion>({
    storageKey: questionEditKey(user.id, planId, question.key),
    method: 'PATCH',
    path: questionApiPath(planId, question.key),
    server: readQuestion(question),
    read: readQuestion,
    parseCurrent: (current) => keyQuestionSchema.safeParse(current).data ?? null,
    item: itemNamed('question', question.text),
    onChange: (shown) => {
      updateCachedQuestion(queryClient, planId, question, (q) => ({ ...q, ...shown }));
    },
    onSaved: (row, shown) => {
      // The answer has its own saver and version: keep the one the cache has.
      updateCachedQuestion(queryClient, planId, question, (q) => ({ ...row, ...shown, answer: q.answer }));
      void queryClient.invalidateQueries({ queryKey: planListQueryKey });
    },
  });
}
