import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { MentionOptions } from './MentionOptions';
import { matchingPeople, mentionAt, type MentionablePerson } from './mentions';

interface MentionInTextOptions {
  textarea: { readonly current: HTMLTextAreaElement | null };
  people: readonly MentionablePerson[];
  chosen: readonly MentionablePerson[];
  /** The text with "@" and the letters typed replaced by the person's name, the caret after it. */
  onChoose: (person: MentionablePerson, text: string, caret: number) => void;
}

type Mention = { start: number; typed: string };
const same = (a: Mention | null, b: Mention | null) => a?.start === b?.start && a?.typed === b?.typed;
/** A key pressed with a modifier (Shift+Tab, Ctrl+Enter) keeps its usual meaning. */
const plain = (event: KeyboardEvent) => !event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey;
/** Keys that confirm a word being composed (Japanese, Chinese, Korean input) are the input method's. */
const composing = (event: KeyboardEvent) => event.nativeEvent.isComposing || event.keyCode === 229;

/**
 * Typing "@" and part of a name in a comment offers the matching people in a list under the text box:
 * up and down arrows move, Enter or Tab chooses (the name replaces what was typed, and the person is
 * told), Escape closes until the word changes. The text box says so to screen readers
 * (`aria-autocomplete`, the option in focus), and a status line tells the matches, the option moved to
 * and the person chosen. The "Mention someone" field beside it does the same without typing "@".
 */
export function useMentionInText({ textarea, people, chosen, onChoose }: MentionInTextOptions) {
  const id = useId();
  const listId = `${id}-suggestions`;
  const [mention, setMention] = useState<Mention | null>(null);
  const [active, setActive] = useState(0);
  const [announcement, setAnnouncement] = useState<{ text: string; toldId?: string }>({ text: '' });
  // "Will be told" stands while the person is mentioned: not once the comment is sent and the form emptied.
  const said = announcement.toldId && !chosen.some((m) => m.id === announcement.toldId) ? '' : announcement.text;
  // The word whose list Escape closed: it stays closed until the word changes.
  const dismissed = useRef<Mention | null>(null);
  const matches = mention ? matchingPeople(people, chosen, mention.typed) : [];
  const open = mention !== null && matches.length > 0;
  const activeIndex = Math.min(active, matches.length - 1);
  const optionId = (index: number) => `${id}-option-${String(index)}`;

  useEffect(() => {
    // The option moved to stays in sight in the list's scrolling box.
    if (open) document.getElementById(`${id}-option-${String(activeIndex)}`)?.scrollIntoView({ block: 'nearest' });
  }, [open, activeIndex, id]);

  const matchesSaid = (count: number) =>
    `${String(count)} ${count === 1 ? 'person matches' : 'people match'}: up and down arrows to move, Enter or Tab to mention, Escape to close.`;

  /** Reads what is typed before the caret: a word starting with "@" opens the list. */
  const follow = () => {
    const box = textarea.current;
    const found = box && box.selectionStart === box.selectionEnd ? mentionAt(box.value, box.selectionStart) : null;
    if (found && same(found, dismissed.current)) return;
    dismissed.current = null;
    if (!same(found, mention)) {
      setActive(0);
      const count = found ? matchingPeople(people, chosen, found.typed).length : 0;
      setAnnouncement({ text: count > 0 ? matchesSaid(count) : '' });
    }
    setMention(found);
  };

  const choose = (person: MentionablePerson) => {
    const box = textarea.current;
    if (!box || !mention) return;
    const caret = mention.start + 1 + mention.typed.length;
    const tag = `@${person.name} `;
    const text = `${box.value.slice(0, mention.start)}${tag}${box.value.slice(caret).replace(/^ /, '')}`;
    setMention(null);
    setAnnouncement({ text: `${person.name} will be told of this comment.`, toldId: person.id });
    onChoose(person, text, mention.start + tag.length);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open || composing(event)) return;
    if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && plain(event)) {
      event.preventDefault();
      const next = (activeIndex + (event.key === 'ArrowDown' ? 1 : -1) + matches.length) % matches.length;
      setActive(next);
      const person = matches[next];
      if (person) setAnnouncement({ text: `${person.name}, ${String(next + 1)} of ${String(matches.length)}` });
    } else if ((event.key === 'Enter' || event.key === 'Tab') && plain(event)) {
      event.preventDefault();
      const person = matches[activeIndex];
      if (person) choose(person);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      dismissed.current = mention;
      setMention(null);
      setAnnouncement({ text: '' });
    }
  };

  const textareaProps = {
    'aria-autocomplete': 'list' as const,
    'aria-controls': listId,
    'aria-activedescendant': open ? optionId(activeIndex) : undefined,
    onKeyDown,
    onKeyUp: (event: KeyboardEvent<HTMLTextAreaElement>) => {
      // Choosing, closing and moving within the list are no typing.
      if (composing(event) || ['Enter', 'Tab', 'Escape'].includes(event.key)) return;
      if (open && ['ArrowDown', 'ArrowUp'].includes(event.key)) return;
      follow();
    },
    onClick: follow,
    onBlur: () => setMention(null),
  };

  const suggestions = (
    <>
      <MentionOptions
        listId={listId}
        idPrefix={id}
        people={matches}
        activeIndex={activeIndex}
        open={open}
        onChoose={choose}
      />
      <p className="visually-hidden" role="status">
        {said}
      </p>
    </>
  );
  return { textareaProps, suggestions, follow };
}
