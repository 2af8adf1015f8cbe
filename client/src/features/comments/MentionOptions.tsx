import type { MentionablePerson } from './mentions';
import styles from './comments.module.css';

interface MentionOptionsProps {
  /** The list's id, which the text box's `aria-controls` names; option n's id is `<idPrefix>-option-<n>`. */
  listId: string;
  idPrefix: string;
  people: readonly MentionablePerson[];
  activeIndex: number;
  open: boolean;
  onChoose: (person: MentionablePerson) => void;
}

/** The people offered to mention, under the box they are typed in: one is active, a click chooses. */
export function MentionOptions({ listId, idPrefix, people, activeIndex, open, onChoose }: MentionOptionsProps) {
  return (
    <ul id={listId} role="listbox" aria-label="People to mention" className={styles['mention__list']} hidden={!open}>
      {open
        ? people.map((person, index) => (
            <li
              key={person.id}
              id={`${idPrefix}-option-${String(index)}`}
              role="option"
              aria-selected={index === activeIndex}
              className={`${styles['mention__option']}${index === activeIndex ? ` ${styles['mention__option--active']}` : ''}`}
              // Chosen on mouse down, before the box's blur closes the list.
              onMouseDown={(event) => {
                event.preventDefault();
                onChoose(person);
              }}
            >
              {person.name} <span className={styles['mention__email']}>{person.email}</span>
            </li>
          ))
        : null}
    </ul>
  );
}
