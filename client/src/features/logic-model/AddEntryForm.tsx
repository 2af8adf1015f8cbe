import { useEffect, useId, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import {
  entryTextSchema,
  logicModelEntryNouns,
  maxEntryTextLength,
  outputHorizonLabels,
  outputHorizons,
  type LogicModelEntry,
  type LogicModelSection,
  type OutputHorizon,
} from '@planner/shared/logic-model';
import { useCharacterLimit } from '../../components/CharacterCount';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import type { ApiError } from '../../lib/api';
import { applyServerErrors, generalErrorMessage, labelledResolver, useSingleSubmit } from '../../lib/forms';
import type { ListNews } from '../../lib/list-news';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';
import { useCreateEntry } from './create-entry';

const article = (noun: string) => (/^[aeiou]/.test(noun) ? 'an' : 'a');

/** "Add an output" at the end of a section of the logic model; outputs choose when they are expected. */
export function AddEntryForm({
  planId,
  section,
  news,
  onAdded,
}: {
  planId: string;
  section: LogicModelSection;
  /** The section's live region, shown under the form: it also says what was removed. */
  news: ListNews;
  onAdded?: (entry: LogicModelEntry) => void;
}) {
  const headingId = useId();
  const horizonId = useId();
  const alertRef = useRef<HTMLDivElement>(null);
  const create = useCreateEntry(planId);
  const noun = logicModelEntryNouns[section];
  const label = `New ${noun}`;
  const labels = { text: label, horizon: 'Expected' };
  const [resolver] = useState(() =>
    labelledResolver(z.object({ text: entryTextSchema, horizon: z.enum(['1', '3', '12']) }), labels),
  );
  const {
    register,
    handleSubmit,
    setError,
    reset,
    control,
    formState: { errors, isDirty },
  } = useForm({ resolver, defaultValues: { text: '', horizon: '1' as '1' | '3' | '12' } });
  const textLimit = useCharacterLimit(useWatch({ control, name: 'text' }).length, maxEntryTextLength);

  const error = create.error;
  const generalError = error ? generalErrorMessage(error, labels) : null;
  useEffect(() => {
    if (error && generalError) alertRef.current?.focus();
  }, [error, generalError]);

  const { onSubmit, busy } = useSingleSubmit(
    handleSubmit(async ({ text, horizon }) => {
      news.clear();
      try {
        const entry = await create.mutateAsync({
          section,
          text,
          horizon: section === 'output' ? (Number(horizon) as OutputHorizon) : null,
          links: [],
        });
        reset({ text: '', horizon });
        news.say(`Added: ${entry.text}. Link it below.`);
        onAdded?.(entry);
      } catch (caught) {
        applyServerErrors(caught as ApiError, labels, setError);
      }
    }),
  );
  useUnsavedChanges(`the new ${noun}`, isDirty && !busy);

  return (
    <form className="add-item" aria-labelledby={headingId} noValidate onSubmit={onSubmit}>
      <h3 id={headingId} className="add-item__heading">
        Add {article(noun)} {noun}
      </h3>
      {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
      <div className="add-item__row">
        <TextField label={label} limit={textLimit} error={errors.text?.message} {...register('text')} />
        {section === 'output' ? (
          <div className="field">
            <label className="field__label" htmlFor={horizonId}>
              Expected
            </label>
            <select id={horizonId} className="field__input" {...register('horizon')}>
              {outputHorizons.map((h) => (
                <option key={h} value={String(h)}>
                  {outputHorizonLabels[h]}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <SubmitButton busy={busy} label={`Add ${noun}`} busyLabel="Adding…" />
      </div>
      <p className="add-item__done" aria-live="polite">
        {news.text}
      </p>
    </form>
  );
}
