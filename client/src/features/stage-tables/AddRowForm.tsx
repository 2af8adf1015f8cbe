import { useEffect, useId, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { fieldsOf, stageTables, type StageTableName } from '@planner/shared/stage-tables';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubmitButton } from '../../components/SubmitButton';
import type { ApiError } from '../../lib/api';
import { applyServerErrors, generalErrorMessage, labelledResolver, useSingleSubmit } from '../../lib/forms';
import type { ListNews } from '../../lib/list-news';
import { useKeepAdditionIfArchived } from '../../lib/plan-editing';
import { useKeptDraft, useKeptFormDraft, type KeptFormDraft } from '../../lib/use-kept-draft';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';
import { useCreateRow } from './create-row';
import { requiredFields, type FieldSpec } from './table-fields';
import styles from './stage-tables.module.css';

type Texts = Record<string, string>;

/** The fields a row cannot do without, read from what is typed and checked by the shared schema. */
function addRowForm(name: StageTableName) {
  const required = requiredFields(name);
  const fields = fieldsOf(name).filter((field) => required.has(field.name));
  const specs: FieldSpec[] = fields.map(({ name: field, schema: _schema, ...spec }) => ({ field, ...spec }));
  // A choice not made is missing (undefined), so its message asks to choose one.
  const shape = Object.fromEntries(
    fields.map((field) => [
      field.name,
      field.kind === 'choice'
        ? z.preprocess((text) => (text === '' ? undefined : text), field.schema)
        : z.string().pipe(field.schema as z.ZodType<unknown, string>),
    ]),
  );
  const labels = Object.fromEntries(specs.map((spec) => [spec.field, spec.label]));
  return { specs, labels, resolver: labelledResolver(z.object(shape) as z.ZodType<Texts, Texts>, labels) };
}

interface AddRowFormProps {
  planId: string;
  name: StageTableName;
  /** Said once the row is on the page. */
  addedMessage: string;
  /** The table's live region, shown under the form: it also says what was removed. */
  news: ListNews;
}

/** "Add a priority": the fields a row cannot do without; the rest are filled in on its card. */
export function AddRowForm({ planId, name, addedMessage, news }: AddRowFormProps) {
  const def = stageTables[name];
  const [{ specs, labels, resolver }] = useState(() => addRowForm(name));
  const createRow = useCreateRow(planId, name);
  const id = useId();
  const alertRef = useRef<HTMLDivElement>(null);
  const blank = Object.fromEntries(specs.map((spec) => [spec.field, '']));
  const keptAs = `new-row:${planId}:${name}`;
  const kept = useKeptDraft<KeptFormDraft<Texts>>(keptAs);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    reset,
    setFocus,
    control,
    formState: { errors, isDirty },
  } = useForm<Texts>({ resolver, defaultValues: blank });
  useKeptFormDraft(keptAs, kept, { control, setValue, isDirty });
  const values = useWatch({ control });
  useKeepAdditionIfArchived({ planId, form: keptAs, item: `the ${def.rowNoun} you were adding` }, values);

  const error = createRow.error;
  const generalError = error ? generalErrorMessage(error, labels) : null;
  useEffect(() => {
    if (error && generalError) alertRef.current?.focus();
  }, [error, generalError]);

  const { onSubmit, busy } = useSingleSubmit(
    handleSubmit(async (values) => {
      news.clear();
      try {
        await createRow.mutateAsync(values);
        // Ready for the next one; focused before reset, which lets go of the fields until they render again.
        const first = specs[0];
        if (first) setFocus(first.field);
        reset(blank);
        news.say(addedMessage);
      } catch (caught) {
        applyServerErrors(caught as ApiError, labels, setError);
      }
    }),
  );
  useUnsavedChanges(`the new ${def.rowNoun}`, isDirty && !busy);

  return (
    <form className="add-item add-row" aria-labelledby={`${id}-heading`} noValidate onSubmit={onSubmit}>
      <h3 id={`${id}-heading`} className="add-item__heading">
        Add {/^[aeiou]/i.test(def.rowNoun) ? 'an' : 'a'} {def.rowNoun}
      </h3>
      {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
      <div className={styles['add-row__fields']}>
        {specs.map((spec) => {
          const fieldId = `${id}-${spec.field}`;
          const message = errors[spec.field]?.message;
          const describedBy =
            [spec.hint ? `${fieldId}-hint` : null, message ? `${fieldId}-error` : null].filter(Boolean).join(' ') ||
            undefined;
          const common = {
            id: fieldId,
            className: 'field__input',
            'aria-required': true,
            'aria-invalid': message ? true : undefined,
            'aria-describedby': describedBy,
            ...register(spec.field),
          };
          return (
            <div key={spec.field} className={`field${message ? ' field--invalid' : ''}`}>
              <label className="field__label" htmlFor={fieldId}>
                {spec.label}
                <span className="field__required"> (required)</span>
              </label>
              {spec.hint ? (
                <p className="field__hint" id={`${fieldId}-hint`}>
                  {spec.hint}
                </p>
              ) : null}
              {message ? (
                <p className="field__error" id={`${fieldId}-error`}>
                  <span className="visually-hidden">Error: </span>
                  {message}
                </p>
              ) : null}
              {spec.kind === 'choice' ? (
                <select {...common}>
                  <option value="">Choose…</option>
                  {Object.entries(spec.choices ?? {}).map(([choice, words]) => (
                    <option key={choice} value={choice}>
                      {words}
                    </option>
                  ))}
                </select>
              ) : (
                <input {...common} type="text" autoComplete="off" />
              )}
            </div>
          );
        })}
        <SubmitButton busy={busy} label={`Add ${def.rowNoun}`} busyLabel="Adding…" />
      </div>
      <p className="add-item__done" aria-live="polite">
        {news.text}
      </p>
    </form>
  );
}
