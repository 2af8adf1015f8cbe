import { useId, useRef, type ReactNode } from 'react';
import { zodResolver } from '@hookform/resolvers/zod';
import { createActionSchema, createQuestionSchema, limits, type PlanStage } from '@planner/shared/plan';
import type { PlanProgress } from '@planner/shared/progress';
import { ProgressMeter } from '../../components/ProgressMeter';
import { useDistrictUsers } from '../users/district-users';
import { ActionCard, ActionView } from './ActionCard';
import { AddItemForm } from './AddItemForm';
import { useCreateAction } from './create-action';
import { useCreateQuestion } from './create-question';
import { KeyQuestionEditor, KeyQuestionView } from './KeyQuestionItem';
import { describeStageProgress } from './plan-progress';

const questionTextResolver = zodResolver(createQuestionSchema.pick({ text: true }));
const actionTextResolver = zodResolver(createActionSchema.pick({ text: true }));

interface StageWorksheetProps {
  planId: string;
  stage: PlanStage;
  progress: PlanProgress['stages'][number];
  canEdit: boolean;
  /** The stage's own tables, after its questions and actions. */
  children?: ReactNode;
}

const byPosition = <T extends { position: number }>(a: T, b: T) => a.position - b.position;

/** One stage of the roadmap: its key questions and its high-impact actions. */
export function StageWorksheet({ planId, stage, progress, canEdit, children }: StageWorksheetProps) {
  const id = useId();
  const questionsHeadingRef = useRef<HTMLHeadingElement>(null);
  const actionsHeadingRef = useRef<HTMLHeadingElement>(null);
  const users = useDistrictUsers();
  const createQuestion = useCreateQuestion(planId);
  const createAction = useCreateAction(planId);
  const districtUsers = users.data?.users ?? [];
  const questions = [...stage.questions].sort(byPosition);
  const actions = [...stage.actions].sort(byPosition);

  return (
    <section className="stage" aria-labelledby={`${id}-stage`}>
      <h2 id={`${id}-stage`}>
        Stage {stage.order}: {stage.title}
      </h2>
      <p className="stage__summary">{stage.summary}</p>
      <div className="stage__progress">
        <ProgressMeter progress={progress} />
        <p className="stage__progress-detail">{describeStageProgress(progress)}</p>
      </div>

      <section className="stage__section" aria-labelledby={`${id}-questions`}>
        <h3 id={`${id}-questions`} ref={questionsHeadingRef} tabIndex={-1}>
          Key questions
        </h3>
        {questions.length === 0 ? <p className="muted">This stage has no key questions.</p> : null}
        <ol className="question-list">
          {questions.map((question) =>
            canEdit ? (
              <KeyQuestionEditor
                key={question.key}
                planId={planId}
                question={question}
                onRemoved={() => questionsHeadingRef.current?.focus()}
              />
            ) : (
              <KeyQuestionView key={question.key} question={question} />
            ),
          )}
        </ol>
        {canEdit ? (
          <AddItemForm
            heading="Add a question"
            label="Question"
            submitLabel="Add question"
            maxLength={limits.questionText}
            resolver={questionTextResolver}
            isPending={createQuestion.isPending}
            error={createQuestion.error}
            onAdd={(text) => createQuestion.mutateAsync({ stageKey: stage.key, text })}
            addedMessage="Question added at the end of the list."
          />
        ) : null}
      </section>

      <section className="stage__section" aria-labelledby={`${id}-actions`}>
        <h3 id={`${id}-actions`} ref={actionsHeadingRef} tabIndex={-1}>
          High-impact actions
        </h3>
        {actions.length === 0 ? <p className="muted">This stage has no high-impact actions.</p> : null}
        <ul className="action-list">
          {actions.map((action) =>
            canEdit ? (
              <ActionCard
                key={action.id}
                planId={planId}
                action={action}
                users={districtUsers}
                onRemoved={() => actionsHeadingRef.current?.focus()}
              />
            ) : (
              <ActionView key={action.id} action={action} users={districtUsers} />
            ),
          )}
        </ul>
        {canEdit ? (
          <AddItemForm
            heading="Add an action"
            label="Action"
            submitLabel="Add action"
            maxLength={limits.actionText}
            resolver={actionTextResolver}
            isPending={createAction.isPending}
            error={createAction.error}
            onAdd={(text) => createAction.mutateAsync({ stageKey: stage.key, text })}
            addedMessage="Action added at the end of the list."
          />
        ) : null}
      </section>
      {children}
    </section>
  );
}
