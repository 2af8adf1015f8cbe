import { useEffect, useId, useRef, useState, type ReactNode, type Ref } from 'react';
import { createMeasureReadingSchema, type MeasureReadingInput } from '@planner/shared/measure';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isApiError, type ApiError } from '../../lib/api';
import { fieldMessage } from '../plans/field-errors';
import { parseNumber } from '../stage-tables/format-values';
import { problemMessage } from '../stage-tables/problem-message';

const fields = ['date', 'value', 'note'] as const;
type ReadingField = (typeof fields)[number];
const labels: Record<ReadingField, string> = { date: 'Date', value: 'Value', note: 'Note' };

export interface ReadingDraft {
  date: string;
  value: string;
  note: string;
}

interface ReadingFormProps {
  heading: string;
  headingRef?: Ref<HTMLHeadingElement>;
  submitLabel: string;
  initial: ReadingDraft;
  unit: string;
  busy: boolean;
  /** The last failed save, shown above the fields unless the fields show it all. */
  error: ApiError | null;
  /** Resolves true once saved; a 400's field errors are shown next to their fields. */
  onSave: (input: MeasureReadingInput) => Promise<boolean>;
  onCancel?: () => void;
  /** Empties the fields after a save (adding), or keeps them (editing). */
  clearOnSave?: boolean;
  savedMessage: string;
  children?: ReactNode;
}

/** Date, value and note of one reading: used to add a reading and to correct one. */
export function ReadingForm({
  heading,
  headingRef,
  submitLabel,
  initial,
  unit,
  busy,
  error,
  onSave,
  onCancel,
  clearOnSave = false,
  savedMessage,
  children,
}: ReadingFormProps) {
  const id = useId();
  const alertRef = useRef<HTMLDivElement>(null);
  const [draft, setDraft] = useState<ReadingDraft>(initial);
  const [errors, setErrors] = useState<Partial<Record<ReadingField, string>>>({});
  const [saved, setSaved] = useState('');

  const generalError = error && error.code !== 'version_conflict' ? problemMessage(error, fields) : null;
  useEffect(() => {
    if (error && generalError) alertRef.current?.focus();
  }, [error, generalError]);

  const showErrors = (found: Partial<Record<ReadingField, string>>) => {
    setErrors(found);
    const first = fields.find((field) => found[field]);
    if (first) document.getElementById(`${id}-${first}`)?.focus();
  };

  const submit = async () => {
    setSaved('');
    const value = parseNumber(draft.value);
    if (!value.ok || value.value === null) {
      showErrors({ value: fieldMessage(labels.value, value.ok ? 'must not be empty' : value.message) });
      return;
    }
    const parsed = createMeasureReadingSchema.safeParse({ date: draft.date, value: value.value, note: draft.note });
    if (!parsed.success) {
      const found: Partial<Record<ReadingField, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = fields.find((f) => f === issue.path[0]);
        if (field) found[field] ??= fieldMessage(labels[field], issue.message);
      }
      showErrors(found);
      return;
    }
    setErrors({});
    try {
      if (!(await onSave(parsed.data))) return;
      if (clearOnSave) setDraft({ date: '', value: '', note: '' });
      setSaved(savedMessage);
    } catch (caught) {
      if (!isApiError(caught) || caught.status !== 400) return;
      const found: Partial<Record<ReadingField, string>> = {};
      for (const fieldError of caught.fieldErrors) {
        const field = fields.find((f) => f === fieldError.field);
        if (field) found[field] ??= fieldMessage(labels[field], fieldError.message);
      }
      showErrors(found);
    }
  };

  const fieldProps = (field: ReadingField, hasHint = false) => {
    const describedBy = [hasHint ? `${id}-${field}-hint` : null, errors[field] ? `${id}-${field}-error` : null].filter(
      Boolean,
    );
    return {
      id: `${id}-${field}`,
      className: 'field__input',
      value: draft[field],
      'aria-invalid': errors[field] ? true : undefined,
      'aria-describedby': describedBy.join(' ') || undefined,
      onChange: (event: { target: { value: string } }) => {
        const text = event.target.value;
        setDraft((current) => ({ ...current, [field]: text }));
      },
    };
  };

  const fieldFrame = (field: ReadingField, control: ReactNode, required: boolean, hint?: string) => (
    <div className={`field${errors[field] ? ' field--invalid' : ''}${field === 'note' ? ' field--wide' : ''}`}>
      <label className="field__label" htmlFor={`${id}-${field}`}>
        {labels[field]}
        {required ? <span className="field__required"> (required)</span> : null}
      </label>
      {hint ? (
        <p className="field__hint" id={`${id}-${field}-hint`}>
          {hint}
        </p>
      ) : null}
      {errors[field] ? (
        <p className="field__error" id={`${id}-${field}-error`}>
          <span className="visually-hidden">Error: </span>
          {errors[field]}
        </p>
      ) : null}
      {control}
    </div>
  );

  return (
    <form
      className="add-item reading-form"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1} className="add-item__heading">
        {heading}
      </h3>
      {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
      <div className="reading-form__fields">
        {fieldFrame('date', <input type="date" aria-required {...fieldProps('date')} />, true)}
        {fieldFrame(
          'value',
          <input type="text" inputMode="decimal" autoComplete="off" aria-required {...fieldProps('value', true)} />,
          true,
          unit.trim() ? `A number, in ${unit.trim()}` : 'A number',
        )}
        {fieldFrame('note', <input type="text" autoComplete="off" {...fieldProps('note')} />, false)}
      </div>
      {children}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
      <p className="add-item__done" aria-live="polite">
        {saved}
      </p>
    </form>
  );
}
