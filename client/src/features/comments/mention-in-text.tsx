import { useId, useState, type KeyboardEvent, type RefObject } from 'react';
import { matchingPeople, type MentionablePerson } from './MentionPicker';
import styles from './comments.module.css';

/** "@" and what follows it up to the caret, when the caret ends such a word: the person being named. */
function mentionAt(text: string, caret: number): { start: number; typed: string } | null {
  const match = /(?:^|\s)@([^\s@]{0,40})$/.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[1]!.length - 1, typed: match[1]! };
}

interface MentionInTextOptions {
  textarea: RefObject<HTMLTextAreaElement | null>;
  people: readonly MentionablePerson[];
  chosen: readonly MentionablePerson[];
  /** The text with "@" and the letters typed replaced by the person's name, the caret after it. */
  onChoose: (person: MentionablePerson, text: string, caret: number) => void;
}

/**
 * Typing "@" and part of a name in a comment offers the matching people in a list under the text box:
 * arrows move, Enter or Tab chooses (the name replaces what was typed, and the person is told), Escape
 * closes. The text box says so to screen readers (`aria-autocomplete`, the option in focus), and a status
 * line tells how many people match. The "Mention someone" field beside it does the same without typing "@".
 */
export function useMentionInText({ textarea, people, chosen, onChoose }: MentionInTextOptions) {
  const id = useId();
  const listId = `${id}-suggestions`;
  const [mention, setMention] = useState<{ start: number; typed: string } | null>(null);
  const [active, setActive] = useState(0);
  const matches = mention ? matchingPeople(people, chosen, mention.typed) : [];
  const open = mention !== null && matches.length > 0;
  const activeIndex = Math.min(active, matches.length - 1);

  /** Reads what is typed before the caret: a word starting with "@" opens the list. */
  const follow = () => {
    const box = textarea.current;
    if (!box || box.selectionStart !== box.selectionEnd) return setMention(null);
    const found = mentionAt(box.value, box.selectionStart);
    if (found?.start !== mention?.start || found?.typed !== mention?.typed) setActive(0);
    setMention(found);
  };

  const choose = (person: MentionablePerson) => {
    const box = textarea.current;
    if (!box || !mention) return;
    const caret = mention.start + 1 + mention.typed.length;
    const tag = `@${person.name} `;
    const text = `${box.value.slice(0, mention.start)}${tag}${box.value.slice(caret).replace(/^ /, '')}`;
    setMention(null);
    onChoose(person, text, mention.start + tag.length);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + matches.length) % matches.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      const person = matches[activeIndex];
      if (person) choose(person);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setMention(null);
    }
  };

  const textareaProps = {
    'aria-autocomplete': 'list' as const,
    'aria-controls': listId,
    'aria-activedescendant': open ? `${id}-option-${String(activeIndex)}` : undefined,
    onKeyDown,
    onKeyUp: (event: KeyboardEvent<HTMLTextAreaElement>) => {
      // Choosing, closing and moving within the list are no typing: Escape keeps the list closed.
      if (['Enter', 'Tab', 'Escape'].includes(event.key)) return;
      if (open && ['ArrowDown', 'ArrowUp'].includes(event.key)) return;
      follow();
    },
    onClick: follow,
    onBlur: () => setMention(null),
  };

  const suggestions = (
    <>
      <ul id={listId} role="listbox" aria-label="People to mention" className={styles['mention__list']} hidden={!open}>
        {open
          ? matches.map((person, index) => (
              <li
                key={person.id}
                id={`${id}-option-${String(index)}`}
                role="option"
                aria-selected={index === activeIndex}
                className={`${styles['mention__option']}${index === activeIndex ? ` ${styles['mention__option--active']}` : ''}`}
                // Chosen on mouse down, before the text box's blur closes the list.
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(person);
                }}
              >
                {person.name} <span className={styles['mention__email']}>{person.email}</span>
              </li>
            ))
          : null}
      </ul>
      <p className="visually-hidden" role="status">
        {open
          ? `${String(matches.length)} ${matches.length === 1 ? 'person matches' : 'people match'}: up and down arrows to move, Enter to mention.`
          : ''}
      </p>
    </>
  );
  return { textareaProps, suggestions, follow };
}
