import { useEffect, useRef } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { createPlanSchema, type CreatePlan } from '@planner/shared/plan';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import type { ApiError } from '../../lib/api';
import { fieldMessage, generalErrorMessage, showFieldErrors } from './field-errors';

const formFields = ['title', 'schoolYear'] as const satisfies readonly (keyof CreatePlan)[];

interface PlanFormProps {
  defaultValues: CreatePlan;
  submitLabel: string;
  pendingLabel: string;
  isPending: boolean;
  error: ApiError | null;
  /** Resolves when the server has answered; rejects with its ApiError. */
  onSubmit: (values: CreatePlan) => Promise<unknown>;
  onCancel?: () => void;
}

/** Title and school year: a new plan, or a copy of one for another year. */
export function PlanForm({
  defaultValues,
  submitLabel,
  pendingLabel,
  isPending,
  error,
  onSubmit,
  onCancel,
}: PlanFormProps) {
  const alertRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<CreatePlan>({ resolver: zodResolver(createPlanSchema), defaultValues });

  const generalError = error ? generalErrorMessage(error, formFields) : null;

  useEffect(() => {
    if (error && generalError) alertRef.current?.focus();
  }, [error, generalError]);

  const submit = handleSubmit(async (values) => {
    try {
      await onSubmit(values);
    } catch (caught) {
      showFieldErrors(caught as ApiError, formFields, setError);
    }
  });

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
      <div className="form__row">
        <TextField
          label="Title"
          required
          maxLength={200}
          error={fieldMessage('Title', errors.title?.message)}
          {...register('title')}
        />
        <TextField
          label="School year"
          hint="For example 2027-28"
          required
          autoComplete="off"
          className="field--short"
          error={fieldMessage('School year', errors.schoolYear?.message)}
          {...register('schoolYear')}
        />
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={isPending}>
          {isPending ? pendingLabel : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
