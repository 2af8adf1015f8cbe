import { useEffect, useId, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { useCharacterLimit } from '../../components/CharacterCount';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import type { ApiError } from '../../lib/api';
import { applyServerErrors, generalErrorMessage, labelledResolver, useSingleSubmit } from '../../lib/forms';
import type { ListNews } from '../../lib/list-news';
import { useKeepAdditionIfArchived } from '../../lib/plan-editing';
import { useKeptDraft, useKeptFormDraft, type KeptFormDraft } from '../../lib/use-kept-draft';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';

interface AddItemFormProps {
  planId: string;
  heading: string;
  /** Where its words are kept if the session ends before they are added (see useKeptFormDraft). */
  keptAs: string;
  label: string;
  submitLabel: string;
  maxLength: number;
  /** The shared create schema's rule for the text. */
  textSchema: z.ZodType<string, string>;
  error: ApiError | null;
  onAdd: (text: string) => Promise<unknown>;
  /** Said once the item is on the page. */
  addedMessage: string;
  /** The list's live region, shown under the form: it also says what was removed. */
  news: ListNews;
}

/** "Add a question" / "Add an action" at the end of a stage's section. */
export function AddItemForm({
  planId,
  heading,
  keptAs,
  label,
  submitLabel,
  maxLength,
  textSchema,
  error,
  onAdd,
  addedMessage,
  news,
}: AddItemFormProps) {
  const headingId = useId();
  const alertRef = useRef<HTMLDivElement>(null);
  const [resolver] = useState(() => labelledResolver(z.object({ text: textSchema }), { text: label }));
  const kept = useKeptDraft<KeptFormDraft<{ text: string }>>(keptAs);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    reset,
    setFocus,
    control,
    formState: { errors, isDirty },
  } = useForm({ resolver, defaultValues: { text: '' } });
  useKeptFormDraft(keptAs, kept, { control, setValue, isDirty });
  const text = useWatch({ control, name: 'text' });
  useKeepAdditionIfArchived({ planId, form: keptAs, item: `the ${label.toLowerCase()} you were adding` }, { text });
  const textLimit = useCharacterLimit(text.length, maxLength);

  const generalError = error ? generalErrorMessage(error, { text: label }) : null;
  useEffect(() => {
    if (error && generalError) alertRef.current?.focus();
  }, [error, generalError]);

  const { onSubmit, busy } = useSingleSubmit(
    handleSubmit(async ({ text }) => {
      news.clear();
      try {
        await onAdd(text);
        // Ready for the next one; focused before reset, which lets go of the field until it renders again.
        setFocus('text');
        reset({ text: '' });
        news.say(addedMessage);
      } catch (caught) {
        applyServerErrors(caught as ApiError, { text: label }, setError);
      }
    }),
  );
  useUnsavedChanges(`the new ${label.toLowerCase()}`, isDirty && !busy);

  return (
    <form className="add-item" aria-labelledby={headingId} noValidate onSubmit={onSubmit}>
      <h3 id={headingId} className="add-item__heading">
        {heading}
      </h3>
      {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
      <div className="add-item__row">
        <TextField label={label} limit={textLimit} error={errors.text?.message} {...register('text')} />
        <SubmitButton busy={busy} label={submitLabel} busyLabel="Adding…" />
      </div>
      <p className="add-item__done" aria-live="polite">
        {news.text}
      </p>
    </form>
  );
}
