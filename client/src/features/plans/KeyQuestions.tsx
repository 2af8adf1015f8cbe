import type { ReactNode } from 'react';
import { createQuestionSchema, limits, type KeyQuestion, type PlanStage } from '@planner/shared/plan';
import { useListNews } from '../../lib/list-news';
import { AddItemForm } from './AddItemForm';
import { useCreateQuestion } from './create-question';
import { KeyQuestionEditor, KeyQuestionView } from './KeyQuestionItem';
import styles from './plans.module.css';

const byPosition = <T extends { position: number }>(a: T, b: T) => a.position - b.position;

interface KeyQuestionsProps {
  planId: string;
  stage: PlanStage;
  canEdit: boolean;
  /** Where focus goes once the last question is removed. */
  onRemoved: () => void;
  /** Shown at the foot of each question, such as its comments. */
  questionFooter?: (question: KeyQuestion) => ReactNode;
}

/** A stage's key questions, answered in place, and the district's own added after them. */
export function KeyQuestions({ planId, stage, canEdit, onRemoved, questionFooter }: KeyQuestionsProps) {
  const createQuestion = useCreateQuestion(planId);
  const questions = [...stage.questions].sort(byPosition);
  const { news, removed } = useListNews(onRemoved);
  const keys = questions.map((question) => question.key);
  return (
    <>
      {questions.length === 0 ? <p className="muted">This stage has no key questions.</p> : null}
      <ol className={styles['question-list']}>
        {questions.map((question) =>
          canEdit ? (
            <KeyQuestionEditor
              key={question.key}
              planId={planId}
              question={question}
              onRemoved={() => removed(keys, question.key, `Question “${question.text}” removed.`)}
              footer={questionFooter?.(question)}
            />
          ) : (
            <KeyQuestionView key={question.key} question={question} footer={questionFooter?.(question)} />
          ),
        )}
      </ol>
      {canEdit ? (
        <AddItemForm
          planId={planId}
          heading="Add a question"
          keptAs={`new-question:${planId}:${stage.key}`}
          label="Question"
          submitLabel="Add question"
          maxLength={limits.questionText}
          textSchema={createQuestionSchema.shape.text}
          error={createQuestion.error}
          onAdd={(text) => createQuestion.mutateAsync({ stageKey: stage.key, text })}
          addedMessage="Question added at the end of the list."
          news={news}
        />
      ) : null}
    </>
  );
}
