import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { quotedAtSentenceEnd } from '@planner/shared/format';
import { MentionOptions } from './MentionOptions';
import { matchingPeople, type MentionablePerson } from './mentions';
import styles from './comments.module.css';

export type { MentionablePerson } from './mentions';

interface MentionPickerProps {
  people: readonly MentionablePerson[];
  chosen: readonly MentionablePerson[];
  onChoose: (person: MentionablePerson) => void;
  onRemove: (person: MentionablePerson) => void;
  error?: string;
}

/**
 * "Mention someone": a combobox over the district's people (type part of a name or email, arrows to move,
 * Enter to choose, Escape to close), and the people chosen so far, each removable: focus then goes to the
 * next one's Remove button, or back to the field after the last.
 */
export function MentionPicker({ people, chosen, onChoose, onRemove, error }: MentionPickerProps) {
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [announcement, setAnnouncement] = useState<{ text: string; toldId?: string }>({ text: '' });
  // "Will be told" stands while the person is mentioned: not once the comment is sent and the form emptied.
  const said = announcement.toldId && !chosen.some((m) => m.id === announcement.toldId) ? '' : announcement.text;
  const matches = matchingPeople(people, chosen, text);
  const inputRef = useRef<HTMLInputElement>(null);
  const chipsRef = useRef<HTMLUListElement>(null);
  // The place of the chip just removed: the one now there (the next) takes focus, or the field.
  const removedAt = useRef<number | null>(null);
  useEffect(() => {
    if (removedAt.current === null) return;
    const next = chipsRef.current?.querySelectorAll('button')[removedAt.current];
    removedAt.current = null;
    (next ?? inputRef.current)?.focus();
  }, [chosen]);
  const expanded = open && matches.length > 0;
  const activeIndex = Math.min(active, matches.length - 1);

  const choose = (person: MentionablePerson) => {
    onChoose(person);
    setText('');
    setOpen(false);
    setActive(0);
    setAnnouncement({ text: `${person.name} will be told of this comment.`, toldId: person.id });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) setOpen(true);
      else setActive((activeIndex + 1) % Math.max(matches.length, 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      setActive((activeIndex - 1 + matches.length) % Math.max(matches.length, 1));
    } else if (event.key === 'Enter') {
      // Enter chooses a person; it never sends the comment from here.
      event.preventDefault();
      const person = expanded ? matches[activeIndex] : undefined;
      if (person) choose(person);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    }
  };

  return (
    <div className={`field ${styles['mention']}${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={`${id}-input`}>
        Mention someone
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        Type part of a name, then choose the person: they are told of your comment.
      </p>
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <div className={styles['mention__box']}>
        <input
          id={`${id}-input`}
          ref={inputRef}
          className="field__input"
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded ? `${id}-option-${String(activeIndex)}` : undefined}
          aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ')}
          aria-invalid={error ? true : undefined}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setActive(0);
          }}
          onFocus={() => setOpen(text.trim() !== '')}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        <MentionOptions
          listId={listId}
          idPrefix={id}
          people={matches}
          activeIndex={activeIndex}
          open={expanded}
          onChoose={choose}
        />
      </div>
      {open && text.trim() !== '' && matches.length === 0 ? (
        <p className="field__hint">Nobody of your district matches {quotedAtSentenceEnd(text.trim())}</p>
      ) : null}
      <p className="visually-hidden" role="status">
        {said}
      </p>
      {chosen.length > 0 ? (
        <ul className={styles['mention__chosen']} aria-label="People mentioned" ref={chipsRef}>
          {chosen.map((person, index) => (
            <li key={person.id} className={styles['mention__chip']}>
              <span>@{person.name}</span>
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => {
                  removedAt.current = index;
                  onRemove(person);
                  setAnnouncement({ text: `${person.name} will not be told.` });
                }}
              >
                Remove<span className="visually-hidden"> mention of {person.name}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
