import { useId, useState } from 'react';
import { asSentence } from '@planner/shared/format';
import { fieldMessage } from '../lib/forms';
import { CharacterCount, useCharacterLimit } from './CharacterCount';

interface ItemTextFieldProps {
  label: string;
  value: string;
  maxLength: number;
  onChange: (text: string) => void;
  onBlur: () => void;
  /** Why the server refused the text it holds (it stays, not saved, until changed). */
  refused?: string;
}

/** The text of a custom question or action: autosaved, and never saved empty. */
export function ItemTextField({ label, value, maxLength, onChange, onBlur, refused }: ItemTextFieldProps) {
  // Holds an emptied field, which is not saved; the saved text stays until something is typed.
  const [emptyDraft, setEmptyDraft] = useState<string | null>(null);
  const id = useId();
  const errorId = `${id}-error`;
  const empty = emptyDraft !== null;
  const invalid = empty || refused !== undefined;
  const shown = emptyDraft ?? value;
  const limit = useCharacterLimit(shown.length, maxLength);

  return (
    <div className={`field${invalid ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {invalid ? (
        <p className="field__error" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {empty
            ? `${fieldMessage(label, 'must not be empty') ?? ''} The last saved text is kept until you type a new one.`
            : `${asSentence(refused ?? '')} What you typed stays here, not saved, until you change it.`}
        </p>
      ) : null}
      <input
        id={id}
        className="field__input"
        value={shown}
        maxLength={maxLength}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? `${errorId} ${limit.id}` : limit.id}
        {...limit.controlProps}
        onChange={(event) => {
          const text = event.target.value;
          if (text.trim() === '') {
            setEmptyDraft(text);
          } else {
            setEmptyDraft(null);
            onChange(text);
          }
        }}
        onBlur={onBlur}
      />
      <CharacterCount limit={limit} onlyAtLimit />
    </div>
  );
}
