import { useState } from 'react';
import { formatCents, asSentence } from '@planner/shared/format';
import { FieldFrame, fieldDescribedBy } from '../../components/FieldFrame';
import { PersonOptions } from '../../components/PersonOptions';
import { fieldMessage } from '../../lib/forms';
import { parseDollars, parseNumber, parseSchoolYears, parseWholeNumber, type Parsed } from '../../lib/parse';
import { useTypedDate } from '../../lib/use-typed-date';
import type { FieldSpec, PersonChoice } from './table-fields';
import styles from './stage-tables.module.css';

interface RowFieldProps {
  spec: FieldSpec;
  id: string;
  value: unknown;
  /** Marked as required (when adding a row). */
  required?: boolean;
  /** A message from outside, such as the server's answer when adding. */
  error?: string;
  /** The shared schema's message for a value, or undefined when it would be saved. */
  problem: (value: unknown) => string | undefined;
  /** Called with valid values only; text saves after a pause, choices at once. */
  onChange: (value: unknown, when: 'debounced' | 'now') => void;
  onBlur?: () => void;
  /** What is typed cannot be saved (the message, with the label), or can again (null). */
  onProblem?: (message: string | null) => void;
  /** Said after an error, such as that the saved value stays until it is corrected. */
  keptNote?: string;
  /** Why the server refused the value the field holds. */
  refused?: string | undefined;
  /**
   * The autosaver's message for what is typed here (see onProblem): once it lets go of it for another version
   * taken over it in a conflict, what was typed gives way to that version.
   */
  invalid: string | undefined;
  inputRef?: (element: HTMLElement | null) => void;
  /** The district's people, for a field that names one (a measure's responsible person). */
  people?: readonly PersonChoice[];
}

function parse(spec: FieldSpec, text: string): Parsed<unknown> {
  switch (spec.kind) {
    case 'integer':
      return parseWholeNumber(text);
    case 'number':
      return parseNumber(text);
    case 'dollars': {
      // An emptied amount is no money at all rather than a missing value.
      const parsed = parseDollars(text);
      return parsed.ok && parsed.value === null ? { ok: true, value: 0 } : parsed;
    }
    case 'schoolYears':
      return { ok: true, value: parseSchoolYears(text) };
    default:
      return { ok: true, value: text };
  }
}

function inputText(spec: FieldSpec, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (spec.kind === 'dollars') return typeof value === 'number' ? formatCents(value) : '';
  if (spec.kind === 'schoolYears') return Array.isArray(value) ? value.join(', ') : '';
  return String(value);
}

/**
 * One labelled input for one field of a stage table, chosen by the field's kind. What is typed stays as
 * typed while the field has focus (a saved "125000" is not rewritten to "$125,000.00" mid-word); only
 * values the shared schema accepts are passed on, anything else is explained next to the field.
 */
export function RowField({
  spec,
  id,
  value,
  required = false,
  error,
  problem,
  onChange,
  onBlur,
  onProblem,
  keptNote,
  refused,
  invalid,
  inputRef,
  people = [],
}: RowFieldProps) {
  const [draftTyped, setDraft] = useState<string | null>(null);
  const [errorTyped, setTypedError] = useState<string | undefined>(undefined);
  const givenWay = errorTyped !== undefined && invalid === undefined;
  const draft = givenWay ? null : draftTyped;
  const typedError = givenWay ? undefined : errorTyped;
  // A radio refused against the row (lower is better, over a target above the baseline) stays unchecked: why is
  // said while the row still refuses it, and nothing is held back, as the field keeps a value it can save.
  const [refusedChoice, setRefusedChoice] = useState<string | undefined>(undefined);
  const choiceError =
    refusedChoice !== undefined && refusedChoice !== value
      ? fieldMessage(spec.label, problem(refusedChoice))
      : undefined;
  // Let go of once the row takes it: it would otherwise come back with numbers changed later.
  if (refusedChoice !== undefined && choiceError === undefined) setRefusedChoice(undefined);
  // A date's draft and messages; the other kinds keep theirs in the state above.
  const date = useTypedDate({
    value: typeof value === 'string' ? value : null,
    label: spec.label,
    problem,
    onDate: onChange,
    onProblem,
    onBlur,
    refused,
  });
  const localError = spec.kind === 'date' ? date.error : (typedError ?? choiceError ?? refused);
  const shownError = localError ?? error;
  const describedBy = fieldDescribedBy(id, { hint: spec.hint, error: shownError });
  // The note follows as a sentence of its own: "Target date must be after the baseline date. The last ...".
  const withKeptNote = localError && keptNote ? `${asSentence(localError)} ${keptNote}` : shownError;

  const setProblem = (message: string | undefined) => {
    const labelled = fieldMessage(spec.label, message);
    setTypedError(labelled);
    onProblem?.(labelled ?? null);
  };

  const take = (candidate: unknown, when: 'debounced' | 'now') => {
    const message = problem(candidate);
    setProblem(message);
    if (message === undefined) onChange(candidate, when);
  };

  const typed = (text: string) => {
    setDraft(text);
    const parsed = parse(spec, text);
    if (!parsed.ok) {
      setProblem(parsed.message);
      return;
    }
    take(parsed.value, 'debounced');
  };

  const blurred = () => {
    if (typedError === undefined) setDraft(null);
    onBlur?.();
  };

  const common = {
    id,
    ref: inputRef,
    'aria-invalid': shownError ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': required ? true : undefined,
  };

  if (spec.kind === 'choice' && spec.radios) {
    // A few choices read side by side: radio buttons under a legend, arrow keys moving between them.
    return (
      <fieldset
        className={['field', styles['radio-field'], shownError ? 'field--invalid' : null].filter(Boolean).join(' ')}
        aria-describedby={describedBy}
      >
        <legend className="field__label">{spec.label}</legend>
        {spec.hint ? (
          <p className="field__hint" id={`${id}-hint`}>
            {spec.hint}
          </p>
        ) : null}
        {shownError ? (
          <p className="field__error" id={`${id}-error`}>
            <span className="visually-hidden">Error: </span>
            {withKeptNote}
          </p>
        ) : null}
        <div className={styles['radio-field__choices']}>
          {Object.entries(spec.choices ?? {}).map(([choice, words], index) => (
            <label key={choice} className="checkbox">
              <input
                type="radio"
                id={index === 0 ? id : undefined}
                ref={index === 0 ? inputRef : undefined}
                name={id}
                value={choice}
                checked={value === choice}
                onChange={() => {
                  const refuses = problem(choice) !== undefined;
                  setRefusedChoice(refuses ? choice : undefined);
                  if (!refuses) onChange(choice, 'now');
                }}
                // The checked one chosen again fires no change: it lets go of a choice refused meanwhile.
                onClick={() => {
                  if (value === choice) setRefusedChoice(undefined);
                }}
              />
              <span>{words}</span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  }

  let control;
  switch (spec.kind) {
    case 'choice': {
      const current = typeof value === 'string' ? value : '';
      control = (
        <select
          {...common}
          className="field__input"
          value={current}
          onChange={(event) => take(event.target.value, 'now')}
        >
          {current === '' ? <option value="">Choose…</option> : null}
          {Object.entries(spec.choices ?? {}).map(([choice, words]) => (
            <option key={choice} value={choice}>
              {words}
            </option>
          ))}
        </select>
      );
      break;
    }
    case 'person': {
      const current = typeof value === 'string' ? value : '';
      control = (
        <select
          {...common}
          className="field__input"
          value={current}
          onChange={(event) => take(event.target.value === '' ? null : event.target.value, 'now')}
        >
          <option value="">No one</option>
          <PersonOptions people={people} current={current === '' ? null : current} />
        </select>
      );
      break;
    }
    case 'date':
      control = <input {...common} type="date" className="field__input" {...date.inputProps} />;
      break;
    case 'longText':
      control = (
        <textarea
          {...common}
          className="field__input"
          rows={3}
          value={draft ?? inputText(spec, value)}
          onChange={(event) => typed(event.target.value)}
          onBlur={blurred}
        />
      );
      break;
    default:
      control = (
        <input
          {...common}
          type="text"
          className="field__input"
          inputMode={
            spec.kind === 'integer'
              ? 'numeric'
              : spec.kind === 'number' || spec.kind === 'dollars'
                ? 'decimal'
                : undefined
          }
          autoComplete="off"
          value={draft ?? inputText(spec, value)}
          onChange={(event) => typed(event.target.value)}
          onBlur={blurred}
        />
      );
  }

  return (
    <FieldFrame
      controlId={id}
      label={spec.label}
      required={required}
      hint={spec.hint}
      error={shownError ? withKeptNote : undefined}
      wide={spec.kind === 'longText'}
    >
      {control}
    </FieldFrame>
  );
}
