import { useId, useState, type ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import {
  alignmentAnswerLabels,
  alignmentAnswers,
  alignmentFactorLabels,
  alignmentFactorSources,
  alignmentNoteMax,
  factorStateLabels,
  factorStateReportLabels,
  saveAlignmentAnswerSchema,
  type AlignmentFactor,
  type AnswerableFactor,
  type FactorResult,
} from '@planner/shared/alignment';
import { CharacterCount, useCharacterLimit } from '../../components/CharacterCount';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadError } from '../../components/LoadError';
import { LoadingState } from '../../components/LoadingState';
import { SubmitButton } from '../../components/SubmitButton';
import type { ApiError } from '../../lib/api';
import { applyServerErrors, generalErrorMessage, labelledResolver, useSingleSubmit } from '../../lib/forms';
import { useKeptDraft, useKeptFormDraft, type KeptFormDraft } from '../../lib/use-kept-draft';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';
import { useRoleAlignment } from './role-alignment';
import { useSaveAnswer } from './save-answer';
import styles from './alignment.module.css';

const formSchema = saveAlignmentAnswerSchema.pick({ answer: true, note: true });
const labels = { answer: 'Answer', note: 'Note' };
type AnswerDraft = z.infer<typeof formSchema>;

/** A factor's state; to one who cannot answer (not an admin, or the plan archived), without asking them. */
export function FactorState({ state, canAnswer }: { state: FactorResult['state']; canAnswer: boolean }) {
  const label = (canAnswer ? factorStateLabels : factorStateReportLabels)[state];
  return <span className={`status-badge ${styles[`state--${state}`] ?? ''}`}>{label}</span>;
}

interface AnswerFormProps {
  planId: string;
  roleId: string;
  roleVersion: number;
  result: FactorResult & { factor: AnswerableFactor };
}

/** The district's answer on a factor the fields leave open: yes, no or not yet, with a note. */
function AnswerForm({ planId, roleId, roleVersion, result }: AnswerFormProps) {
  const id = useId();
  const save = useSaveAnswer(planId, roleId, roleVersion, result.factor);
  const [saved, setSaved] = useState(false);
  const [resolver] = useState(() => labelledResolver(formSchema, labels));
  const keptAs = `alignment-answer:${roleId}:${result.factor}`;
  const kept = useKeptDraft<KeptFormDraft<AnswerDraft>>(keptAs);
  // Given back after a new sign-in: saved against the answer as it was when typed, so that one given meanwhile
  // is met (409) rather than overwritten. Their next save ends it.
  const [keptVersion, setKeptVersion] = useState(kept?.version);
  const version = keptVersion === undefined ? (result.answer?.version ?? null) : keptVersion;
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    reset,
    control,
    formState: { errors, isDirty },
  } = useForm({
    resolver,
    defaultValues: { answer: result.answer?.answer ?? 'not_yet', note: result.answer?.note ?? '' },
  });
  const note = useWatch({ control, name: 'note' });
  useKeptFormDraft(keptAs, kept, { control, setValue, isDirty, version });
  const noteLimit = useCharacterLimit(note?.length ?? 0, alignmentNoteMax);
  const conflict = save.error?.code === 'version_conflict';
  const generalError = save.error && !conflict ? generalErrorMessage(save.error, labels) : null;
  const { onSubmit, busy } = useSingleSubmit(
    handleSubmit(async (values) => {
      setSaved(false);
      setKeptVersion(undefined);
      try {
        await save.mutateAsync({ ...values, version });
        reset(values);
        setSaved(true);
      } catch (caught) {
        applyServerErrors(caught as ApiError, labels, setError);
      }
    }),
  );
  useUnsavedChanges(`your answer on “${alignmentFactorLabels[result.factor]}”`, isDirty && !busy);
  const label = alignmentFactorLabels[result.factor];
  return (
    <form className={styles['answer']} noValidate onSubmit={onSubmit} aria-label={`Your answer: ${label}`}>
      {conflict ? (
        <ErrorAlert>
          Someone else answered this meanwhile:{' '}
          {result.answer
            ? `${alignmentAnswerLabels[result.answer.answer]}${result.answer.note ? ` (“${result.answer.note}”)` : ''}`
            : 'no answer'}
          . Your answer is still in the form: save it again to put it in place of theirs, or change it.
        </ErrorAlert>
      ) : null}
      {generalError ? <ErrorAlert>{generalError}</ErrorAlert> : null}
      <fieldset aria-describedby={errors.answer ? `${id}-answer-error` : undefined}>
        <legend>Your answer</legend>
        <div className={styles['choices']}>
          {alignmentAnswers.map((answer) => (
            <label key={answer} className="checkbox">
              <input type="radio" value={answer} {...register('answer')} />
              <span>{alignmentAnswerLabels[answer]}</span>
            </label>
          ))}
        </div>
        {errors.answer?.message ? (
          <p className="field__error" id={`${id}-answer-error`}>
            {errors.answer.message}
          </p>
        ) : null}
      </fieldset>
      <div className={`field${errors.note ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor={`${id}-note`}>
          Note<span className="visually-hidden"> on {label}</span>
        </label>
        {errors.note?.message ? (
          <p className="field__error" id={`${id}-note-error`}>
            {errors.note.message}
          </p>
        ) : null}
        <textarea
          id={`${id}-note`}
          className="field__input"
          rows={2}
          maxLength={alignmentNoteMax}
          aria-describedby={errors.note ? `${id}-note-error ${noteLimit.id}` : noteLimit.id}
          {...noteLimit.controlProps}
          {...register('note')}
        />
        <CharacterCount limit={noteLimit} />
      </div>
      <div className="item-options">
        <SubmitButton className="button button--secondary" busy={busy} label="Save answer" busyLabel="Saving…">
          <span className="visually-hidden"> on {label}</span>
        </SubmitButton>
        <p aria-live="polite" className="muted">
          {saved ? 'Answer saved.' : ''}
        </p>
      </div>
    </form>
  );
}

interface RoleAlignmentSectionProps {
  planId: string;
  role: { id: string; version: number };
  canEdit: boolean;
  /** A factor's comments, composed by the route from the comments feature. */
  factorComments?: (factor: AlignmentFactor) => ReactNode;
}

/** A role against Opportunity Culture's principles and Public Impact's factors, each with why. */
export function RoleAlignmentSection({ planId, role, canEdit, factorComments }: RoleAlignmentSectionProps) {
  const query = useRoleAlignment(planId, role.id, role.version);
  if (query.isPending) return <LoadingState label="Checking the role against the frameworks…" />;
  if (query.isError) {
    return <LoadError title="The framework alignment could not be loaded" query={query} />;
  }
  return (
    <>
      <p className="page__lede">
        Checked against Opportunity Culture’s principles and Public Impact’s factors of high-impact roles: from the
        role’s own fields where they decide it, and from {canEdit ? 'your' : 'the district’s'} answer where they do not.
      </p>
      <ul className={styles['factors']}>
        {query.data.factors.map((f) => (
          <li key={f.factor} className={`${styles['factor']} ${styles[`factor--${f.state}`] ?? ''}`}>
            <h3 className={styles['factor__title']}>
              {alignmentFactorLabels[f.factor]} <FactorState state={f.state} canAnswer={canEdit} />
            </h3>
            <p className={styles['factor__source']}>{alignmentFactorSources[f.factor]}</p>
            <p className={styles['factor__reason']}>{f.reason}</p>
            {canEdit && f.answerable && f.decidedBy === 'district' ? (
              <AnswerForm
                // One form per factor, kept across reloads: a conflict must not swap the person's answer away.
                key={f.factor}
                planId={planId}
                roleId={role.id}
                roleVersion={role.version}
                result={f as FactorResult & { factor: AnswerableFactor }}
              />
            ) : null}
            {factorComments?.(f.factor)}
          </li>
        ))}
      </ul>
    </>
  );
}
