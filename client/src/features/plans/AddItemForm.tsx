import { useEffect, useId, useRef, useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import type { ApiError } from '../../lib/api';
import { bodyFieldErrors, fieldMessage, generalErrorMessage } from './field-errors';

interface AddItemFormProps {
  heading: string;
  label: string;
  submitLabel: string;
  maxLength: number;
  /** Validates with the shared create schema, narrowed to its text. */
  resolver: Resolver<{ text: string }>;
  isPending: boolean;
  error: ApiError | null;
  onAdd: (text: string) => Promise<unknown>;
  /** Said once the item is on the page. */
  addedMessage: string;
}

/** "Add a question" / "Add an action" at the end of a stage's section. */
export function AddItemForm({
  heading,
  label,
  submitLabel,
  maxLength,
  resolver,
  isPending,
  error,
  onAdd,
  addedMessage,
}: AddItemFormProps) {
  const headingId = useId();
  const alertRef = useRef<HTMLDivElement>(null);
  const [added, setAdded] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm<{ text: string }>({ resolver, defaultValues: { text: '' } });

  const generalError = error ? generalErrorMessage(error, ['text']) : null;
  useEffect(() => {
    if (error && generalError) alertRef.current?.focus();
  }, [error, generalError]);

  const submit = handleSubmit(async ({ text }) => {
    setAdded(false);
    try {
      await onAdd(text);
      reset({ text: '' });
      setAdded(true);
    } catch (caught) {
      const apiError = caught as ApiError;
      if (apiError.status !== 400) return;
      bodyFieldErrors(apiError, ['text'] as const).forEach(({ message }) => {
        setError('text', { type: 'server', message }, { shouldFocus: true });
      });
    }
  });

  return (
    <form className="add-item" aria-labelledby={headingId} noValidate onSubmit={(event) => void submit(event)}>
      <h4 id={headingId} className="add-item__heading">
        {heading}
      </h4>
      {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
      <div className="add-item__row">
        <TextField
          label={label}
          maxLength={maxLength}
          error={fieldMessage(label, errors.text?.message)}
          {...register('text')}
        />
        <button type="submit" className="button button--primary" disabled={isPending}>
          {isPending ? 'Adding…' : submitLabel}
        </button>
      </div>
      <p className="add-item__done" aria-live="polite">
        {added ? addedMessage : ''}
      </p>
    </form>
  );
}
