import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { earliestYear, latestYear } from '@planner/shared/common';
import { autosaveDelayMs } from './autosave/autosaver';
import { fieldMessage } from './form-errors';

const incompleteMessage = 'must be a whole date: month, day and a four-digit year';
const rangeMessage = `must be between ${earliestYear} and ${latestYear}`;

/**
 * What the input holds and the field has not taken: a date being typed, with parts of it blank or a short year
 * ('partial') or whole as the keys go on ('typed'), or a whole one it cannot save ('whole').
 */
interface Draft {
  text: string;
  state: 'partial' | 'typed' | 'whole';
}

export interface TypedDateOptions {
  /** The date the field holds (saved, or on its way), or null. */
  value: string | null;
  /** The field's name, which starts its messages. */
  label: string;
  /** Why the field cannot take a whole date (or null, emptied), in the shared schemas' words; undefined when it can. */
  problem?: (date: string | null) => string | undefined;
  /** Takes a date the field can save: a whole one at once, an emptied one (null) after a pause. */
  onDate: (date: string | null, when: 'debounced' | 'now') => void;
  /** The field holds what cannot be saved (the message, with the label), or no longer does (null). */
  onProblem?: (message: string | null) => void;
  onBlur?: () => void;
  /** Why the server refused the date the field holds, shown until something else is typed. */
  refused?: string | undefined;
}

export interface TypedDate {
  /** For the `<input type="date">`. */
  inputProps: {
    value: string;
    onChange: (event: ChangeEvent<HTMLInputElement>) => void;
    onKeyDown: () => void;
    onKeyUp: () => void;
    onBlur: () => void;
  };
  /** The field's message, with its label, or undefined. */
  error: string | undefined;
}

/**
 * Whether a date input in this language puts the year last (en-US's 03/15/2027, en-GB's 15/03/2027), as
 * browsers order its parts by the language's short date. Where the year comes first (en-CA's 2027-03-15,
 * sv-SE, ja-JP), its fourth digit is not the end of a date retyped: the month and day come after it.
 */
export function yearIsLastIn(language: string): boolean {
  try {
    const parts = new Intl.DateTimeFormat(language).formatToParts(new Date(2000, 10, 22));
    return parts.filter((part) => part.type !== 'literal').at(-1)?.type === 'year';
  } catch {
    return true;
  }
}

let yearIsLastHere: boolean | undefined;
const yearIsLast = () => (yearIsLastHere ??= yearIsLastIn(navigator.language));

/**
 * A date input that saves as it changes. Typed from the keyboard, Chromium gives a value at each digit of the
 * year (0002-09-01, 0020-09-01, 0202-09-01, then 2026-09-01), and nothing while a part is empty: until the
 * year has four digits the date is being typed, kept in the field and not saved, with no error unless the
 * person leaves it so. A filled date retyped from its month passes through whole dates with the old day and
 * year (03/01/2026 on the way to 03/15/2027): a date typed is taken once its year is typed (where the year
 * is the last part), the person leaves the field, or they stop typing for the autosave's pause; one picked is
 * taken at once. A whole date the field
 * cannot take stays in the field with the reason, and is saved once it can be (when the day it depends on moves).
 */
export function useTypedDate({
  value,
  label,
  problem,
  onDate,
  onProblem,
  onBlur,
  refused,
}: TypedDateOptions): TypedDate {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [left, setLeft] = useState(false);
  // A key is down in the input: the change it makes is typed, not picked.
  const keyed = useRef(false);
  const pause = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stopPause = () => {
    if (pause.current !== null) clearTimeout(pause.current);
    pause.current = null;
  };
  useEffect(() => stopPause, []);
  // A typed date is finished with: taken as a whole one (saved, or kept with its reason).
  const finish = () => setDraft((typed) => (typed?.state === 'typed' ? { ...typed, state: 'whole' } : typed));

  const wholeProblem = (text: string) => {
    if (text !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(text)) return rangeMessage;
    if (text !== '' && (text < `${earliestYear}-01-01` || text > `${latestYear}-12-31`)) return rangeMessage;
    return problem?.(text === '' ? null : text);
  };

  const message =
    draft?.state === 'whole'
      ? wholeProblem(draft.text)
      : draft?.state === 'partial' && left
        ? incompleteMessage
        : undefined;
  const own = fieldMessage(label, message);

  // A held date that fits now (the day it was checked against moved) is saved; once saved, the field shows it.
  const fits = draft?.state === 'whole' && message === undefined;
  if (fits && draft.text === (value ?? '')) setDraft(null);
  useEffect(() => {
    if (fits) onDate(draft.text === '' ? null : draft.text, 'now');
    // What asks for this is the held date's fate, not every new callback.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fits]);

  const reported = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (reported.current === own) return;
    reported.current = own;
    onProblem?.(own ?? null);
  });

  const changed = (event: ChangeEvent<HTMLInputElement>) => {
    const text = event.target.value;
    setLeft(false);
    // Empty while a part of it is still blank (badInput), or with a year of fewer than four digits: being typed.
    const typing = text === '' ? event.target.validity.badInput : Number(text.slice(0, -'-MM-DD'.length)) < 1000;
    if (typing) {
      setDraft({ text, state: 'partial' });
      return;
    }
    // Typed, it is taken once its year, the last part, gets a fourth digit (its short year was held); until then it waits.
    const yearTyped = draft?.state === 'partial' && draft.text !== '' && yearIsLast();
    if (keyed.current && text !== '' && !yearTyped) {
      setDraft({ text, state: 'typed' });
      return;
    }
    if (wholeProblem(text) !== undefined) {
      setDraft({ text, state: 'whole' });
      return;
    }
    setDraft(null);
    // Emptied part by part in a browser that does not say so: clearing waits a moment.
    onDate(text === '' ? null : text, text === '' ? 'debounced' : 'now');
  };

  return {
    inputProps: {
      value: draft?.text ?? value ?? '',
      onChange: changed,
      onKeyDown: () => {
        stopPause();
        keyed.current = true;
      },
      onKeyUp: () => {
        keyed.current = false;
        stopPause();
        if (draft?.state === 'typed') pause.current = setTimeout(finish, autosaveDelayMs);
      },
      onBlur: () => {
        stopPause();
        keyed.current = false;
        if (draft?.state === 'partial') setLeft(true);
        finish();
        onBlur?.();
      },
    },
    error: own ?? (draft === null ? refused : undefined),
  };
}
