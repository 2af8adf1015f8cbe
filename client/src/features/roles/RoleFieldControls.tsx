import { useId, useState, type ReactNode } from 'react';
import { fieldModes, roleFieldLabels, roleFields, type RoleFieldName } from '@planner/shared/role';
import { fieldModeLabels } from './role-values';
import type { RoleValue } from './update-role';

/** What every control of the role page needs: the role as shown, and how to change it. */
export interface RoleEditing {
  value: RoleValue;
  /** Text saves after a pause in typing; choices ('now') at once. */
  edit: (changes: Partial<RoleValue>, when?: 'debounced' | 'now') => void;
  flush: () => void;
}

type FieldsOfType<T> = { [K in RoleFieldName]: RoleValue[K] extends T ? K : never }[RoleFieldName];

/** One field's change, typed by the field. */
export const change = <K extends RoleFieldName>(field: K, value: RoleValue[K]) =>
  ({ [field]: value }) as Partial<RoleValue>;

/** Whether the district sets the field for every school ("tight") or each school may adapt it ("loose"). */
export function FieldModeSelect({ field, editing }: { field: RoleFieldName; editing: RoleEditing }) {
  const id = useId();
  const modes = editing.value.fieldModes;
  return (
    <div className="field-mode">
      <label className="field-mode__label" htmlFor={id}>
        Set by<span className="visually-hidden"> ({roleFieldLabels[field]})</span>
      </label>
      <select
        id={id}
        className="field__input field-mode__select"
        value={modes[field] ?? ''}
        onChange={(event) => {
          const mode = fieldModes.find((candidate) => candidate === event.target.value);
          const rest = Object.fromEntries(Object.entries(modes).filter(([name]) => name !== field));
          editing.edit({ fieldModes: mode ? { ...rest, [field]: mode } : rest }, 'now');
        }}
      >
        <option value="">Not decided</option>
        {fieldModes.map((mode) => (
          <option key={mode} value={mode}>
            {fieldModeLabels[mode]}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A field with its "Set by" choice beside it. */
export function RoleFieldRow({
  field,
  editing,
  children,
}: {
  field: RoleFieldName;
  editing: RoleEditing;
  children: ReactNode;
}) {
  return (
    <div className="role-field">
      <div className="role-field__control">{children}</div>
      <FieldModeSelect field={field} editing={editing} />
    </div>
  );
}

interface TextRowProps {
  field: FieldsOfType<string> &
    (
      | 'purpose'
      | 'teachingLoad'
      | 'eligibility'
      | 'selectionProcess'
      | 'selectedBy'
      | 'term'
      | 'renewal'
      | 'reportsTo'
      | 'teacherLeaderEvaluation'
      | 'training'
      | 'principalRole'
      | 'unionConstraints'
    );
  editing: RoleEditing;
  maxLength: number;
  multiline?: boolean;
  hint?: string;
}

export function TextRow({ field, editing, maxLength, multiline = false, hint }: TextRowProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const common = {
    id,
    className: 'field__input',
    value: editing.value[field],
    maxLength,
    'aria-describedby': hint ? hintId : undefined,
    onBlur: editing.flush,
  };
  return (
    <RoleFieldRow field={field} editing={editing}>
      <div className="field">
        <label className="field__label" htmlFor={id}>
          {roleFieldLabels[field]}
        </label>
        {hint ? (
          <p className="field__hint" id={hintId}>
            {hint}
          </p>
        ) : null}
        {multiline ? (
          <textarea {...common} rows={3} onChange={(event) => editing.edit(change(field, event.target.value))} />
        ) : (
          <input {...common} onChange={(event) => editing.edit(change(field, event.target.value))} />
        )}
      </div>
    </RoleFieldRow>
  );
}

/** Reads what was typed: the number to save, or the message saying why it cannot be saved. */
export type NumberParser = (text: string) => number | string;

const numberFormat = new Intl.NumberFormat('en-US');

export const wholeNumberParser =
  (label: string, max: number): NumberParser =>
  (text) => {
    const t = text.trim().replace(/,/g, '');
    if (!/^\d+$/.test(t)) return `${label} must be a whole number, such as 3.`;
    const n = Number(t);
    return n > max ? `${label} must be at most ${numberFormat.format(max)}.` : n;
  };

export const percentParser =
  (label: string): NumberParser =>
  (text) => {
    const t = text.trim().replace(/%$/, '').trim();
    if (!/^\d+(\.\d{1,2})?$/.test(t)) return `${label} must be a number from 0 to 100, such as 20.`;
    const n = Number(t);
    return n > 100 ? `${label} must be at most 100.` : n;
  };

/** Dollars as people type them ("$5,000.50"), to whole cents. */
export const dollarsParser =
  (label: string, maxCents: number): NumberParser =>
  (text) => {
    const t = text.trim().replace(/^\$/, '').replace(/,/g, '').trim();
    if (!/^\d+(\.\d{1,2})?$/.test(t)) return `${label} must be an amount in dollars, such as 5000 or 5000.50.`;
    const cents = Math.round(Number(t) * 100);
    return cents > maxCents ? `${label} must be at most $${numberFormat.format(maxCents / 100)}.` : cents;
  };

export const centsToDollarsText = (cents: number) =>
  cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);

interface NumberRowProps {
  /** A field that may be unknown (null) is emptied to null; any other keeps its last number. */
  field: FieldsOfType<number | null>;
  editing: RoleEditing;
  parse: NumberParser;
  /** The saved number as the input shows it. */
  display?: (value: number) => string;
  /** Such as "dollars a year" or "% of the week", read with the label. */
  unit?: string;
  hint?: string;
  inputMode?: 'numeric' | 'decimal';
}

/** A number typed as text: saved while it reads as a valid number, else the message says why not. */
export function NumberRow({
  field,
  editing,
  parse,
  display = String,
  unit,
  hint,
  inputMode = 'numeric',
}: NumberRowProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  // What was typed when it is not (yet) a valid number; the saved number stays until it is.
  const [draft, setDraft] = useState<string | null>(null);
  const optional = editing.value[field] === null || roleFields.shape[field].safeParse(null).success;
  const read = (text: string) => (optional && text.trim() === '' ? null : parse(text));
  const parsed = draft === null ? null : read(draft);
  const error = typeof parsed === 'string' ? parsed : null;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <RoleFieldRow field={field} editing={editing}>
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor={id}>
          {roleFieldLabels[field]}
          {unit ? <span className="field__unit"> ({unit})</span> : null}
        </label>
        {hint ? (
          <p className="field__hint" id={hintId}>
            {hint}
          </p>
        ) : null}
        {error ? (
          <p className="field__error" id={errorId}>
            <span className="visually-hidden">Error: </span>
            {error} The last saved value is kept until then.
          </p>
        ) : null}
        <input
          id={id}
          className="field__input field__input--number"
          inputMode={inputMode}
          autoComplete="off"
          value={draft ?? (editing.value[field] === null ? '' : display(editing.value[field]))}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(event) => {
            const text = event.target.value;
            setDraft(text);
            const next = read(text);
            if (typeof next !== 'string') editing.edit(change(field, next as number));
          }}
          onBlur={() => {
            if (!error) setDraft(null);
            editing.flush();
          }}
        />
      </div>
    </RoleFieldRow>
  );
}

export function DateRow({ field, editing }: { field: 'applicationOpens' | 'applicationCloses'; editing: RoleEditing }) {
  const id = useId();
  return (
    <RoleFieldRow field={field} editing={editing}>
      <div className="field">
        <label className="field__label" htmlFor={id}>
          {roleFieldLabels[field]}
        </label>
        <input
          id={id}
          type="date"
          className="field__input field__input--date"
          value={editing.value[field] ?? ''}
          onChange={(event) => {
            const date = event.target.value;
            // A date typed part by part reads as empty until it is whole: clearing waits a moment.
            editing.edit(change(field, date === '' ? null : date), date === '' ? 'debounced' : 'now');
          }}
          onBlur={editing.flush}
        />
      </div>
    </RoleFieldRow>
  );
}

export function CheckRow({
  field,
  editing,
  hint,
}: {
  field: FieldsOfType<boolean>;
  editing: RoleEditing;
  hint?: string;
}) {
  const hintId = useId();
  return (
    <RoleFieldRow field={field} editing={editing}>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={editing.value[field]}
          aria-describedby={hint ? hintId : undefined}
          onChange={(event) => editing.edit(change(field, event.target.checked), 'now')}
        />
        <span>{roleFieldLabels[field]}</span>
      </label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </RoleFieldRow>
  );
}

interface RadioRowProps<K extends 'payKind' | 'payFunding'> {
  field: K;
  editing: RoleEditing;
  options: { value: RoleValue[K]; label: string }[];
}

export function RadioRow<K extends 'payKind' | 'payFunding'>({ field, editing, options }: RadioRowProps<K>) {
  const name = useId();
  return (
    <RoleFieldRow field={field} editing={editing}>
      <fieldset className="choice-group">
        <legend className="field__label">{roleFieldLabels[field]}</legend>
        {options.map((option) => (
          <label key={option.value} className="checkbox">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={editing.value[field] === option.value}
              onChange={() => editing.edit(change(field, option.value), 'now')}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </fieldset>
    </RoleFieldRow>
  );
}

interface IdChecklistProps {
  field: 'priorityIds' | 'measureIds' | 'schoolIds';
  editing: RoleEditing;
  options: { id: string; name: string; detail?: string }[];
  /** Said when there is nothing to choose from, with where to add some. */
  empty: ReactNode;
}

/** Rows of the plan (priorities, measures) or the district's schools the role is linked to. */
export function IdChecklist({ field, editing, options, empty }: IdChecklistProps) {
  const selected = editing.value[field];
  return (
    <RoleFieldRow field={field} editing={editing}>
      <fieldset className="choice-group">
        <legend className="field__label">{roleFieldLabels[field]}</legend>
        {options.length === 0 ? <p className="field__hint">{empty}</p> : null}
        {options.map((option) => (
          <label key={option.id} className="checkbox">
            <input
              type="checkbox"
              checked={selected.includes(option.id)}
              onChange={(event) => {
                const next = event.target.checked
                  ? [...selected, option.id]
                  : selected.filter((id) => id !== option.id);
                editing.edit(change(field, next), 'now');
              }}
            />
            <span>
              {option.name}
              {option.detail ? <span className="checkbox__detail"> {option.detail}</span> : null}
            </span>
          </label>
        ))}
      </fieldset>
    </RoleFieldRow>
  );
}
