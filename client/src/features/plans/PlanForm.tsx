import { useEffect, useRef } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { CopyPlan } from '@planner/shared/plan';
import { limits } from '@planner/shared/plan-labels';
import { useCharacterLimit } from '../../components/CharacterCount';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import type { ApiError } from '../../lib/api';
import { applyServerErrors, generalErrorMessage, useSingleSubmit } from '../../lib/form-errors';
import { lazyResolver } from '../../lib/lazy-resolver';
import { useEscapeKey } from '../../lib/escape-key';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';

const labels = { title: 'Title', schoolYear: 'School year', copyRoles: 'Roles' } as const;
const resolver = lazyResolver(() => import('./plan-form-checks').then((checks) => checks.planFormResolver(labels)));

interface PlanFormProps {
  /** What the form makes, as leaving it unsaved names it: "the new plan". */
  formName: string;
  defaultValues: CopyPlan;
  submitLabel: string;
  pendingLabel: string;
  error: ApiError | null;
  /** A copy may bring the plan's teacher-leader roles along, as drafts. */
  offerCopyRoles?: boolean;
  /** Resolves when the server has answered; rejects with its ApiError. */
  onSubmit: (values: CopyPlan) => Promise<unknown>;
  onCancel?: () => void;
}

/** Title and school year: a new plan, or a copy of one for another year. */
export function PlanForm({
  formName,
  defaultValues,
  submitLabel,
  pendingLabel,
  error,
  offerCopyRoles = false,
  onSubmit,
  onCancel,
}: PlanFormProps) {
  const alertRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isDirty },
  } = useForm({ resolver, defaultValues });
  const titleLimit = useCharacterLimit(useWatch({ control, name: 'title' }).length, limits.title);

  // A plan of this title and year already exists (409) or the server refused: said above the fields.
  const generalError = error ? generalErrorMessage(error, labels) : null;
  useEffect(() => {
    if (error && generalError) alertRef.current?.focus();
  }, [error, generalError]);

  const { onSubmit: submit, busy } = useSingleSubmit(
    handleSubmit(async (values) => {
      try {
        await onSubmit(values);
      } catch (caught) {
        applyServerErrors(caught as ApiError, labels, setError);
      }
    }),
  );
  useUnsavedChanges(formName, isDirty && !busy);

  const escapeScope = useEscapeKey<HTMLFormElement>(busy ? undefined : onCancel);
  return (
    <form className="form" noValidate onSubmit={submit} {...escapeScope}>
      {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
      <div className="form__row">
        <TextField
          label={labels.title}
          required
          limit={titleLimit}
          error={errors.title?.message}
          {...register('title')}
        />
        <TextField
          label={labels.schoolYear}
          hint="For example 2027-28"
          required
          autoComplete="off"
          className="field--short"
          error={errors.schoolYear?.message}
          {...register('schoolYear')}
        />
      </div>
      {offerCopyRoles ? (
        <label className="checkbox">
          <input type="checkbox" {...register('copyRoles')} />
          <span>Also copy the teacher-leader roles, as drafts</span>
        </label>
      ) : null}
      <div className="form__actions">
        <SubmitButton busy={busy} label={submitLabel} busyLabel={pendingLabel} />
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
