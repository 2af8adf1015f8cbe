import { useEffect, useId, useRef, useState } from 'react';
import { stageTableCreateSchemas, stageTables, type StageTableName } from '@planner/shared/stage-tables';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { FieldValues } from '../../components/autosave/pending-edits';
import { fieldMessage } from '../plans/field-errors';
import { useCreateRow } from './create-row';
import { problemMessage } from './problem-message';
import { RowField } from './RowField';
import { fieldProblem, fieldSpecs, requiredFields } from './table-fields';

const isBlank = (value: unknown) => value === undefined || value === null || value === '';

/** "Add a priority": the fields a row cannot do without; the rest are filled in on its card. */
export function AddRowForm({ planId, name }: { planId: string; name: StageTableName }) {
  const def = stageTables[name];
  const required = requiredFields(name);
  const specs = fieldSpecs(name).filter((spec) => required.has(spec.field));
  const createRow = useCreateRow(planId, name);
  const id = useId();
  const alertRef = useRef<HTMLDivElement>(null);
  const [values, setValues] = useState<FieldValues>({});
  const [untakeable, setUntakeable] = useState<ReadonlySet<string>>(new Set());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [added, setAdded] = useState('');
  // A new key empties the fields after each row added.
  const [round, setRound] = useState(0);

  const fieldId = (field: string) => `${id}-${round}-${field}`;
  const focusField = (field: string | undefined) => {
    if (field) document.getElementById(fieldId(field))?.focus();
  };

  const error = createRow.error;
  const generalError = error
    ? problemMessage(
        error,
        specs.map((spec) => spec.field),
      )
    : null;
  useEffect(() => {
    if (error && generalError) alertRef.current?.focus();
  }, [error, generalError]);

  const submit = () => {
    setAdded('');
    const firstUntakeable = specs.find((spec) => untakeable.has(spec.field));
    if (firstUntakeable) {
      focusField(firstUntakeable.field);
      return;
    }
    const parsed = stageTableCreateSchemas[name].safeParse(values);
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        const spec = specs.find((s) => s.field === field);
        found[field] ??= fieldMessage(spec?.label ?? field, issue.message) ?? issue.message;
      }
      setErrors(found);
      focusField(specs.find((spec) => found[spec.field])?.field);
      return;
    }
    setErrors({});
    createRow.mutate(values, {
      onSuccess: () => {
        setValues({});
        setUntakeable(new Set());
        setRound((n) => n + 1);
        setAdded(`${def.rowNoun.charAt(0).toUpperCase()}${def.rowNoun.slice(1)} added at the end of the list.`);
        requestAnimationFrame(() => focusField(specs[0]?.field));
      },
      onError: (apiError) => {
        if (apiError.status !== 400) return;
        const found: Record<string, string> = {};
        for (const fieldError of apiError.fieldErrors) {
          const spec = specs.find((s) => s.field === fieldError.field);
          if (spec) found[spec.field] ??= fieldMessage(spec.label, fieldError.message) ?? fieldError.message;
        }
        setErrors(found);
        focusField(specs.find((spec) => found[spec.field])?.field);
      },
    });
  };

  return (
    <form
      className="add-item add-row"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h4 id={`${id}-heading`} className="add-item__heading">
        Add {/^[aeiou]/i.test(def.rowNoun) ? 'an' : 'a'} {def.rowNoun}
      </h4>
      {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
      <div className="add-row__fields" key={round}>
        {specs.map((spec) => (
          <RowField
            key={spec.field}
            spec={spec}
            id={fieldId(spec.field)}
            value={values[spec.field]}
            required
            error={errors[spec.field]}
            // Empty is fine while typing: adding says what is missing.
            problem={(candidate) => (isBlank(candidate) ? undefined : fieldProblem(name, spec.field, candidate))}
            onChange={(changed) => {
              setValues((current) => ({ ...current, [spec.field]: changed }));
              setErrors(({ [spec.field]: _dropped, ...rest }) => rest);
            }}
            onValidityChange={(invalid) =>
              setUntakeable((current) => {
                const next = new Set(current);
                if (invalid) next.add(spec.field);
                else next.delete(spec.field);
                return next;
              })
            }
          />
        ))}
        <button type="submit" className="button button--primary" disabled={createRow.isPending}>
          {createRow.isPending ? 'Adding…' : `Add ${def.rowNoun}`}
        </button>
      </div>
      <p className="add-item__done" aria-live="polite">
        {added}
      </p>
    </form>
  );
}
