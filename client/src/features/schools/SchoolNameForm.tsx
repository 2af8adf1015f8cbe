import { useEffect, useRef } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { createSchoolSchema, schoolNameMax, type CreateSchool } from '@planner/shared/school';
import { useCharacterLimit } from '../../components/CharacterCount';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import type { ApiError } from '../../lib/api';
import { applyServerErrors, generalErrorMessage, labelledResolver, useSingleSubmit } from '../../lib/forms';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';
import { schoolNameError } from './schools-api';
import styles from './schools.module.css';
import { useEscapeKey } from '../../lib/escape-key';

const resolver = labelledResolver(createSchoolSchema, { name: 'School name' });

interface SchoolNameFormProps {
  label: string;
  /** What the form holds, as leaving it unsaved names it: "the new school". */
  formName: string;
  defaultName: string;
  submitLabel: string;
  pendingLabel: string;
  error: ApiError | null;
  /** A sentence for a version conflict, which is about the whole school rather than its name. */
  conflictMessage?: string;
  /** Resolves when saved; rejects with the server's ApiError. */
  onSubmit: (name: string) => Promise<unknown>;
  onCancel?: () => void;
  focusOnOpen?: boolean;
}

/** A school's name: a new school, or a new name for one; a name the district has already is said at the field. */
export function SchoolNameForm({
  label,
  formName,
  defaultName,
  submitLabel,
  pendingLabel,
  error,
  conflictMessage,
  onSubmit,
  onCancel,
  focusOnOpen = false,
}: SchoolNameFormProps) {
  const labels = { name: label };
  const alertRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    setFocus,
    control,
    formState: { errors, isDirty },
  } = useForm<CreateSchool>({ resolver, defaultValues: { name: defaultName } });
  const nameLimit = useCharacterLimit(useWatch({ control, name: 'name' }).length, schoolNameMax);

  useEffect(() => {
    if (focusOnOpen) setFocus('name');
  }, [focusOnOpen, setFocus]);

  const generalError =
    error && !schoolNameError(error)
      ? error.code === 'version_conflict' && conflictMessage
        ? conflictMessage
        : generalErrorMessage(error, labels)
      : null;
  useEffect(() => {
    if (error && generalError) alertRef.current?.focus();
  }, [error, generalError]);

  const { onSubmit: submit, busy } = useSingleSubmit(
    handleSubmit(async ({ name }) => {
      try {
        await onSubmit(name);
        reset({ name: '' });
      } catch (caught) {
        const apiError = caught as ApiError;
        const taken = schoolNameError(apiError);
        if (taken) setError('name', { type: 'server', message: taken }, { shouldFocus: true });
        else applyServerErrors(apiError, labels, setError);
      }
    }),
  );
  useUnsavedChanges(formName, isDirty && !busy);

  const escapeScope = useEscapeKey<HTMLFormElement>(busy ? undefined : onCancel);
  return (
    <form className={`form ${styles['name-form']}`} noValidate onSubmit={submit} {...escapeScope}>
      {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
      <div className={styles['name-form__row']}>
        <TextField
          label={label}
          required
          limit={nameLimit}
          autoComplete="off"
          error={errors.name?.message}
          {...register('name')}
        />
        <div className="form__actions">
          <SubmitButton busy={busy} label={submitLabel} busyLabel={pendingLabel} />
          {onCancel ? (
            <button type="button" className="button button--secondary" disabled={busy} onClick={onCancel}>
              Cancel
            </button>
          ) : null}
        </div>
      </div>
    </form>
  );
}
