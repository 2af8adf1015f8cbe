import { useEffect, useId, useRef, type ReactNode, type Ref } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { todayIso } from '@planner/shared/format';
import { measureReadingFields, readingFieldLabels, type MeasureReadingInput } from '@planner/shared/measure';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FieldFrame, fieldDescribedBy } from '../../components/FieldFrame';
import { SubmitButton } from '../../components/SubmitButton';
import { isApiError, type ApiError } from '../../lib/api';
import { useCurrentUser } from '../../lib/current-user';
import { applyServerErrors, fromText, generalErrorMessage, labelledResolver, useSingleSubmit } from '../../lib/forms';
import type { ListNews } from '../../lib/list-news';
import { useKeptDraft, useKeptFormDraft, type KeptFormDraft } from '../../lib/use-kept-draft';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';
import styles from './measures.module.css';
import { useEscapeKey } from '../../lib/escape-key';

type ReadingField = 'date' | 'value' | 'note';

export interface ReadingDraft {
  date: string;
  value: string;
  note: string;
}

const { date, value, note } = measureReadingFields.shape;
const resolver = labelledResolver(
  z.object({ date, value: fromText.number(value), note }) as z.ZodType<MeasureReadingInput, ReadingDraft>,
  readingFieldLabels,
);

interface ReadingFormProps {
  heading: string;
  /** What the form holds, as leaving it unsaved names it: "the new reading". */
  formName: string;
  /**
   * Which form this is ("new-reading:<measure id>", "correct-reading:<reading id>"): its words are kept under it
   * if the session ends, with `keptWith` (a correction's version and what it changes from).
   */
  keptAs: string;
  keptWith?: { version: number; base: unknown };
  headingRef?: Ref<HTMLHeadingElement>;
  submitLabel: string;
  initial: ReadingDraft;
  unit: string;
  /** The last failed save, shown above the fields unless the fields show it all. */
  error: ApiError | null;
  /** Resolves true once saved; a 400's field errors are shown next to their fields. */
  onSave: (input: MeasureReadingInput) => Promise<boolean>;
  onCancel?: () => void;
  /** Empties the fields after a save (adding), or keeps them (editing). */
  clearOnSave?: boolean;
  /** The readings' one live region, shown by the page: emptied as a save begins. */
  news: ListNews;
  /** Said there once saved; a correction's is said by the page as it closes the form. */
  savedMessage?: string;
  children?: ReactNode;
}

/** Date, value and note of one reading: used to add a reading and to correct one. */
export function ReadingForm({
  heading,
  formName,
  keptAs,
  keptWith,
  headingRef,
  submitLabel,
  initial,
  unit,
  error,
  onSave,
  onCancel,
  clearOnSave = false,
  news,
  savedMessage,
  children,
}: ReadingFormProps) {
  const id = useId();
  // Today as the server judges a reading's date: in the district's time zone.
  const { timeZone } = useCurrentUser().district;
  const alertRef = useRef<HTMLDivElement>(null);
  const kept = useKeptDraft<KeptFormDraft<ReadingDraft, unknown>>(keptAs);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    reset,
    setFocus,
    control,
    formState: { errors, isDirty },
  } = useForm<ReadingDraft, unknown, MeasureReadingInput>({ resolver, defaultValues: initial });
  useKeptFormDraft(keptAs, kept, { control, setValue, isDirty, version: keptWith?.version, base: keptWith?.base });

  const generalError =
    error && error.code !== 'version_conflict' ? generalErrorMessage(error, readingFieldLabels) : null;
  useEffect(() => {
    if (error && generalError) alertRef.current?.focus();
  }, [error, generalError]);

  const { onSubmit, busy } = useSingleSubmit(
    handleSubmit(async (input) => {
      news.clear();
      try {
        if (!(await onSave(input))) return;
        if (clearOnSave) {
          // Ready for the next one; focused before reset, which lets go of the fields until they render again.
          setFocus('date');
          reset({ date: '', value: '', note: '' });
        }
        if (savedMessage) news.say(savedMessage);
      } catch (caught) {
        if (isApiError(caught)) applyServerErrors(caught, readingFieldLabels, setError);
      }
    }),
  );
  useUnsavedChanges(formName, isDirty && !busy);

  const frame = (field: ReadingField, control: ReactNode, required: boolean, hint?: string) => (
    <FieldFrame
      controlId={`${id}-${field}`}
      label={readingFieldLabels[field]}
      required={required}
      hint={hint}
      error={errors[field]?.message}
      wide={field === 'note'}
    >
      {control}
    </FieldFrame>
  );

  const inputProps = (field: ReadingField, hint: boolean) => ({
    id: `${id}-${field}`,
    className: 'field__input',
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': fieldDescribedBy(`${id}-${field}`, { hint, error: errors[field] }),
    ...register(field),
  });

  const escapeScope = useEscapeKey<HTMLFormElement>(onCancel);
  return (
    <form
      className={`add-item ${styles['reading-form']}`}
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={onSubmit}
      {...escapeScope}
    >
      <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1} className="add-item__heading">
        {heading}
      </h3>
      {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
      <div className={styles['reading-form__fields']}>
        {frame(
          'date',
          <input type="date" max={todayIso(timeZone)} aria-required {...inputProps('date', true)} />,
          true,
          'Today or earlier',
        )}
        {frame(
          'value',
          <input type="text" inputMode="decimal" autoComplete="off" aria-required {...inputProps('value', true)} />,
          true,
          unit.trim() ? `A number, in ${unit.trim()}` : 'A number',
        )}
        {frame('note', <input type="text" autoComplete="off" {...inputProps('note', false)} />, false)}
      </div>
      {children}
      <div className="form__actions">
        <SubmitButton busy={busy} label={submitLabel} busyLabel="Saving…" />
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
