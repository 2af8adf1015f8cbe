import { useId, useRef, useState, type ReactNode } from 'react';
import { limits, type KeyQuestion } from '@planner/shared/plan';
import { isAnswered } from '@planner/shared/progress';
import { formatNumber } from '@planner/shared/format';
import { CharacterCount, useCharacterLimit } from '../../components/CharacterCount';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ConflictPanel } from '../../components/ConflictPanel';
import { ItemNow } from '../../components/ItemNow';
import { FieldSaveState } from '../../components/FieldSaveState';
import { ItemHistorySlot } from '../../components/ItemHistorySlot';
import { ItemTextField } from '../../components/ItemTextField';
import { conflictFields, type ConflictFieldSpec } from '../../lib/autosave/conflict-fields';
import { listItemProps } from '../../lib/list-news';
import { useDeleteQuestion } from './delete-question';
import { useAnswerAutosave } from './save-answer';
import { useQuestionAutosave, type QuestionValue } from './update-question';
import styles from './plans.module.css';
import { useDistrictDateTime } from '../../lib/district-time';

interface KeyQuestionItemProps {
  planId: string;
  question: KeyQuestion;
  /** Where focus goes once the question is removed. */
  onRemoved: () => void;
  /** Shown at the foot of the question, such as its comments. */
  footer?: ReactNode;
}

const questionSpecs: ConflictFieldSpec<QuestionValue>[] = [
  { label: 'Question text', fields: ['text'], format: (v) => v.text },
  {
    label: 'Not applicable',
    fields: ['notApplicable'],
    format: (v) => (v.notApplicable ? 'Not applicable' : 'Applicable'),
  },
];

/** A key question with its answer, autosaved as it is typed. */
export function KeyQuestionEditor({ planId, question, onRemoved, footer }: KeyQuestionItemProps) {
  const answer = useAnswerAutosave(planId, question);
  const meta = useQuestionAutosave(planId, question);
  const deleteQuestion = useDeleteQuestion(planId, question);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const stateId = `${id}-state`;
  const text = answer.value.text;
  const limit = useCharacterLimit(text.length, limits.answer);
  const questionText = meta.value.text;

  const backToField = () => textareaRef.current?.focus();
  const optionsRef = useRef<HTMLDivElement>(null);
  const backToOptions = () => optionsRef.current?.querySelector('input')?.focus();
  const questionConflict = meta.conflict
    ? conflictFields(questionSpecs, meta.conflict.mine, meta.value, meta.conflict.theirs, meta.conflict.base)
    : null;

  return (
    <li
      className={`${styles['question']}${meta.value.notApplicable ? ` ${styles['question--not-applicable']}` : ''}`}
      {...listItemProps(question.key)}
    >
      <div className="field">
        <label className={`field__label ${styles['question__label']}`} htmlFor={id}>
          {questionText}
        </label>
        {meta.value.notApplicable ? (
          <p className="field__hint">Marked not applicable: it does not count toward progress.</p>
        ) : null}
        <textarea
          ref={textareaRef}
          id={id}
          className={`field__input ${styles['question__answer']}`}
          rows={5}
          maxLength={limits.answer}
          value={text}
          aria-describedby={`${limit.id} ${stateId}`}
          {...limit.controlProps}
          onChange={(event) => answer.edit({ text: event.target.value })}
          onBlur={answer.flush}
        />
        <div className={styles['field__footer']}>
          <CharacterCount limit={limit} />
          <FieldSaveState id={stateId} status={answer.status} error={answer.error} />
        </div>
      </div>

      {answer.conflict ? (
        <ConflictPanel
          subject="this answer"
          named={`the answer to “${questionText}”`}
          fields={[{ label: 'Answer', mine: text, theirs: answer.conflict.theirs.text }]}
          changedBy={answer.conflict.current.answer.updatedBy?.name ?? null}
          changedAt={answer.conflict.current.answer.updatedAt}
          onKeepMine={answer.keepMine}
          onUseTheirs={() => answer.takeTheirs()}
          onMerge={() => {
            const theirs = answer.conflict?.theirs.text ?? '';
            answer.merge({ text: `${text}\n\n${theirs}` });
          }}
          returnFocusTo={backToField}
        />
      ) : null}

      <div className="item-options" ref={optionsRef}>
        {question.isCustom ? (
          <>
            <ItemTextField
              label="Question text"
              value={questionText}
              maxLength={limits.questionText}
              onChange={(newText) => meta.edit({ text: newText })}
              onBlur={meta.flush}
            />
            <button type="button" className="button button--secondary" onClick={() => setConfirmingRemove(true)}>
              Remove<span className="visually-hidden"> question: {questionText}</span>
            </button>
          </>
        ) : (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={meta.value.notApplicable}
              onChange={(event) => meta.edit({ notApplicable: event.target.checked }, 'now')}
            />
            <span>
              Not applicable<span className="visually-hidden"> to our district: {questionText}</span>
            </span>
          </label>
        )}
        <FieldSaveState status={meta.status} error={meta.error} />
      </div>
      <ItemHistorySlot
        itemId={question.key}
        label={questionText}
        versions={{ answer: question.answer.version, question: question.version }}
      />

      {questionConflict ? (
        <ConflictPanel
          subject="this question"
          named={`the question “${questionText}”`}
          fields={questionConflict.fields}
          changedBy={null}
          changedAt={null}
          onKeepMine={meta.keepMine}
          onUseTheirs={() => meta.takeTheirs(questionConflict.kept)}
          returnFocusTo={backToOptions}
        />
      ) : null}

      {footer}

      <ConfirmDialog
        open={confirmingRemove}
        title="Remove this question?"
        confirmLabel="Remove question"
        busy={deleteQuestion.isPending}
        busyLabel="Removing…"
        error={deleteQuestion.error?.detail}
        onCancel={() => {
          setConfirmingRemove(false);
          deleteQuestion.reset();
        }}
        onConfirm={() =>
          // As shown, refreshed by a refusal: a second confirm removes the question as it is now.
          deleteQuestion.mutate(question, {
            onSuccess: () => {
              setConfirmingRemove(false);
              onRemoved();
            },
          })
        }
      >
        <p>
          “{questionText}” and its answer{isAnswered(text) ? ` (${formatNumber(text.length)} characters)` : ''} will be
          removed from this plan for everyone; the plan's history keeps them, from where they can be brought back.
        </p>
        {deleteQuestion.error?.code === 'version_conflict' ? (
          <ItemNow
            facts={[
              { label: 'Question', value: question.text },
              { label: 'Answer', value: question.answer.text },
            ]}
          />
        ) : null}
      </ConfirmDialog>
    </li>
  );
}

/** A key question and its answer, for people who read the plan. */
export function KeyQuestionView({ question, footer }: { question: KeyQuestion; footer?: ReactNode }) {
  const dateTime = useDistrictDateTime();
  const { answer } = question;
  return (
    <li
      className={`${styles['question']} question--readonly${question.notApplicable ? ` ${styles['question--not-applicable']}` : ''}`}
    >
      <h3 className="question__text">{question.text}</h3>
      {question.notApplicable ? <p className="field__hint">Marked not applicable.</p> : null}
      {isAnswered(answer.text) ? (
        <p className="answer-text">{answer.text}</p>
      ) : (
        <p className="muted">Not answered yet.</p>
      )}
      {answer.updatedBy && answer.updatedAt ? (
        <p className={styles['item-meta']}>
          Last changed by {answer.updatedBy.name} on {dateTime(answer.updatedAt)}
        </p>
      ) : null}
      <ItemHistorySlot
        itemId={question.key}
        label={question.text}
        versions={{ answer: question.answer.version, question: question.version }}
      />
      {footer}
    </li>
  );
}
