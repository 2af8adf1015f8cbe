import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { formatCents, asSentence } from '@planner/shared/format';
import {
  applicationWindowProblem,
  fieldModes,
  notYetDecided,
  roleFieldLabels,
  roleFields,
  type RoleFieldName,
} from '@planner/shared/role';
import { CharacterCount, useCharacterLimit } from '../../components/CharacterCount';
import { fieldMessage } from '../../lib/forms';
import { parseDollars, parsePercent, parseWholeNumber, type Parsed } from '../../lib/parse';
import { useTypedDate } from '../../lib/use-typed-date';
import { fieldModeLabels } from './role-values';
import { modeKey, type RoleValue } from './update-role';
import styles from './roles.module.css';

/** What every control of the role page needs: the role as shown, and how to change it. */
export interface RoleEditing {
  value: RoleValue;
  /** Text saves after a pause in typing; choices ('now') at once. */
  edit: (changes: Partial<RoleValue>, when?: 'debounced' | 'now') => void;
  /** A field holds what cannot be saved (the message says why), or no longer does (null). */
  setInvalid: (field: string, message: string | null) => void;
  flush: () => void;
  /** Fields the server refused, with why. */
  refused: Readonly<Record<string, string>>;
  /** The server's reasons by the part of a field they name (`responsibilities.2.text`). */
  refusedAt: Readonly<Record<string, string>>;
  /** Fields holding what cannot be saved (see setInvalid), until another version is taken over them. */
  invalid: Readonly<Record<string, string>>;
  /**
   * Set while the role's first edit needs the person's go-ahead: asks for it before a date is typed, as a
   * question in the middle of it would take the rest of its digits.
   */
  askBeforeTyping: (() => void) | null;
}

type FieldsOfType<T> = { [K in RoleFieldName]: RoleValue[K] extends T ? K : never }[RoleFieldName];

/** One field's change, typed by the field. */
export const change = <K extends RoleFieldName>(field: K, value: RoleValue[K]) =>
  ({ [field]: value }) as Partial<RoleValue>;

/** Whether the district sets the field for every school ("tight") or each school may adapt it ("loose"). */
export function FieldModeSelect({ field, editing }: { field: RoleFieldName; editing: RoleEditing }) {
  const id = useId();
  const key = modeKey(field);
  return (
    <div className={styles['field-mode']}>
      <label className={styles['field-mode__label']} htmlFor={id}>
        Set by<span className="visually-hidden"> ({roleFieldLabels[field]})</span>
      </label>
      <select
        id={id}
        className={`field__input ${styles['field-mode__select']}`}
        value={editing.value[key] ?? ''}
        onChange={(event) => {
          // This field's mode alone: another person's choice for another field stays theirs.
          const mode = fieldModes.find((candidate) => candidate === event.target.value) ?? null;
          editing.edit({ [key]: mode }, 'now');
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

/** Why the server refused what a field holds, for its control's `aria-describedby`. */
function RefusedReason({ id, reason }: { id: string; reason: string }) {
  return (
    <p className="field__error" id={id}>
      <span className="visually-hidden">Error: </span>
      {asSentence(reason)} What you typed stays here, not saved, until you change it.
    </p>
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
    <div className={styles['role-field']}>
      <div className={styles['role-field__control']}>{children}</div>
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
  const errorId = `${id}-error`;
  const value = editing.value[field];
  const limit = useCharacterLimit(value.length, maxLength);
  // The server's reason, said at the field as well as by its group's save state: the field is what to correct.
  const refused = editing.refused[field];
  const common = {
    id,
    className: 'field__input',
    value,
    maxLength,
    'aria-invalid': refused ? true : undefined,
    'aria-describedby': [hint ? hintId : null, refused ? errorId : null, limit.id].filter(Boolean).join(' '),
    ...limit.controlProps,
    onBlur: editing.flush,
  };
  return (
    <RoleFieldRow field={field} editing={editing}>
      <div className={`field${refused ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor={id}>
          {roleFieldLabels[field]}
        </label>
        {hint ? (
          <p className="field__hint" id={hintId}>
            {hint}
          </p>
        ) : null}
        {refused ? <RefusedReason id={errorId} reason={refused} /> : null}
        {multiline ? (
          <textarea {...common} rows={3} onChange={(event) => editing.edit(change(field, event.target.value))} />
        ) : (
          <input {...common} onChange={(event) => editing.edit(change(field, event.target.value))} />
        )}
        <CharacterCount limit={limit} onlyAtLimit={!multiline} />
      </div>
    </RoleFieldRow>
  );
}

const parsers = { whole: parseWholeNumber, percent: parsePercent, dollars: parseDollars };

/** What was typed, read by the one parser and checked by the shared schema: the number, or the message. */
function readNumber(field: RoleFieldName, kind: keyof typeof parsers, text: string): number | null | string {
  const parsed: Parsed<number | null> = parsers[kind](text);
  const label = roleFieldLabels[field];
  if (!parsed.ok) return fieldMessage(label, parsed.message) ?? parsed.message;
  const checked = roleFields.shape[field].safeParse(parsed.value);
  if (!checked.success) return fieldMessage(label, checked.error.issues[0]?.message) ?? label;
  return parsed.value;
}

interface NumberRowProps {
  /** A field that may be unknown (null) is emptied to null; any other keeps its last number. */
  field: FieldsOfType<number | null>;
  editing: RoleEditing;
  /** How it is typed: a count, a percentage or an amount in dollars. */
  kind?: keyof typeof parsers;
  /** Such as "dollars a year" or "% of the week", read with the label. */
  unit?: string;
  hint?: string;
  inputMode?: 'numeric' | 'decimal';
}

/** A number typed as text: saved while it reads as a valid number, else the message says why not. */
export function NumberRow({ field, editing, kind = 'whole', unit, hint, inputMode = 'numeric' }: NumberRowProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  // What was typed when it is not (yet) a valid number; the saved number stays until it is.
  const [draft, setDraft] = useState<string | null>(null);
  const parsed = draft === null ? null : readNumber(field, kind, draft);
  // Until their version is taken over it in a conflict, which lets go of it.
  const typedError = typeof parsed === 'string' && field in editing.invalid ? parsed : null;
  const refused = editing.refused[field];
  const saved = editing.value[field];
  // A number typed shows as typed while it is the role's ("1.50" stays so); one not taken (Cancel on the question
  // before an approved role goes back to draft, or another version chosen) gives way to the role's.
  const shown = typedError !== null || parsed === saved ? draft : null;
  const display = (value: number) => (kind === 'dollars' ? formatCents(value) : String(value));
  const error = typedError ?? refused ?? null;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <RoleFieldRow field={field} editing={editing}>
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor={id}>
          {roleFieldLabels[field]}
          {unit ? <span className={styles['field__unit']}> ({unit})</span> : null}
        </label>
        {hint ? (
          <p className="field__hint" id={hintId}>
            {hint}
          </p>
        ) : null}
        {typedError ? (
          <p className="field__error" id={errorId}>
            <span className="visually-hidden">Error: </span>
            {typedError} The last saved value is kept until you correct it.
          </p>
        ) : refused ? (
          <RefusedReason id={errorId} reason={refused} />
        ) : null}
        <input
          id={id}
          className={`field__input ${styles['field__input--number']}`}
          inputMode={inputMode}
          autoComplete="off"
          value={shown ?? (saved === null ? '' : display(saved))}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(event) => {
            const text = event.target.value;
            setDraft(text);
            const next = readNumber(field, kind, text);
            editing.setInvalid(field, typeof next === 'string' ? next : null);
            if (typeof next !== 'string') editing.edit(change(field, next as number));
          }}
          onBlur={(event) => {
            // Not rewritten ("3" as "$3.00") under a question that takes focus and gives it back, such as the one
            // before an approved role goes back to draft.
            const asked = event.relatedTarget instanceof Element && event.relatedTarget.closest('dialog') !== null;
            if (!typedError && !asked) setDraft(null);
            editing.flush();
          }}
        />
      </div>
    </RoleFieldRow>
  );
}

/** Keys that change a date input's value (a digit, Backspace, ArrowUp), not those that move through it. */
const changesDate = (event: KeyboardEvent) =>
  !event.ctrlKey &&
  !event.metaKey &&
  !event.altKey &&
  (event.key.length === 1 || ['Backspace', 'Delete', 'ArrowUp', 'ArrowDown'].includes(event.key));

export function DateRow({ field, editing }: { field: 'applicationOpens' | 'applicationCloses'; editing: RoleEditing }) {
  const id = useId();
  const errorId = `${id}-error`;
  const { applicationOpens, applicationCloses } = editing.value;
  // A day that would have applications close before they open stays in the field, checked against the other day
  // as it is now: when that one moves, it may fit (and is saved then), or its message names the other day anew.
  const date = useTypedDate({
    value: editing.value[field],
    label: roleFieldLabels[field],
    problem: (day) => applicationWindowProblem({ applicationOpens, applicationCloses, [field]: day }, field)?.message,
    onDate: (day, when) => editing.edit(change(field, day), when),
    onProblem: (message) => editing.setInvalid(field, message),
    onBlur: editing.flush,
    refused: editing.refused[field],
  });
  const invalid = date.error !== undefined;
  const { askBeforeTyping } = editing;
  return (
    <RoleFieldRow field={field} editing={editing}>
      <div className={`field${invalid ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor={id}>
          {roleFieldLabels[field]}
        </label>
        {invalid ? (
          <p className="field__error" id={errorId}>
            <span className="visually-hidden">Error: </span>
            {asSentence(date.error ?? '')} The last saved day is kept until you correct it.
          </p>
        ) : null}
        <input
          id={id}
          type="date"
          className={`field__input ${styles['field__input--date']}`}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? errorId : undefined}
          {...date.inputProps}
          onKeyDown={(event) => {
            if (askBeforeTyping === null || !changesDate(event)) {
              date.inputProps.onKeyDown();
              return;
            }
            // The key is not taken: once the person says yes, focus comes back here and they type the date.
            event.preventDefault();
            askBeforeTyping();
          }}
        />
      </div>
    </RoleFieldRow>
  );
}

type ChoiceField = 'payKind' | 'payFunding' | 'evaluatesStaff' | 'supervisesStaff' | 'developedJointly';

/** A choice of a few, with "Not yet decided" last: where a role starts, and where the district may go back to. */
interface RadioRowProps<K extends ChoiceField> {
  field: K;
  editing: RoleEditing;
  options: { value: NonNullable<RoleValue[K]>; label: string }[];
  hint?: string;
}

export function RadioRow<K extends ChoiceField>({ field, editing, options, hint }: RadioRowProps<K>) {
  const name = useId();
  return (
    <RoleFieldRow field={field} editing={editing}>
      <fieldset className={styles['choice-group']}>
        <legend className="field__label">{roleFieldLabels[field]}</legend>
        {hint ? <p className="field__hint">{hint}</p> : null}
        {[...options, { value: null, label: notYetDecided }].map((option) => (
          <label key={String(option.value)} className="checkbox">
            <input
              type="radio"
              name={name}
              value={String(option.value)}
              checked={editing.value[field] === option.value}
              onChange={() => editing.edit(change(field, option.value as RoleValue[K]), 'now')}
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
  const errorId = useId();
  const selected = editing.value[field];
  const refused = editing.refused[field];
  return (
    <RoleFieldRow field={field} editing={editing}>
      <fieldset
        className={`${styles['choice-group']}${refused ? ' field--invalid' : ''}`}
        aria-describedby={refused ? errorId : undefined}
      >
        <legend className="field__label">{roleFieldLabels[field]}</legend>
        {options.length === 0 ? <p className="field__hint">{empty}</p> : null}
        {refused ? (
          <p className="field__error" id={errorId}>
            <span className="visually-hidden">Error: </span>
            {refused}
          </p>
        ) : null}
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
              {option.detail ? <span className={styles['checkbox__detail']}> {option.detail}</span> : null}
            </span>
          </label>
        ))}
      </fieldset>
    </RoleFieldRow>
  );
}
