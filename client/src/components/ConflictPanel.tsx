import { useEffect, useId, useLayoutEffect, useRef, type RefObject } from 'react';
import type { ConflictField } from '../lib/autosave/conflict-fields';
import { useDistrictDateTime } from '../lib/district-time';
import { useAnnounce } from './Announcer';

interface ConflictPanelProps {
  /** What changed, such as "this answer" or "this action", read in place. */
  subject: string;
  /** The item named, for the announcement made while the person is elsewhere: "the answer to “…”". */
  named: string;
  fields: ConflictField[];
  /** Who saved their version; null when the item does not record it (it may be this person, in another tab). */
  changedBy: string | null;
  changedAt: string | null;
  onKeepMine: () => void;
  onUseTheirs: () => void;
  /** Offered where there is text to combine. */
  onMerge?: () => void;
  /** The item in conflict, whose fields focus may leave for the panel: the element the panel is in unless given. */
  itemRef?: RefObject<HTMLElement | null>;
  /** Gives focus back to the item's fields once a choice is made, as the panel that had it goes. */
  returnFocusTo?: () => void;
}

/** Whether focus is in a field outside the item in conflict, such as the next answer being typed. */
function typingElsewhere(item: Element | null): boolean {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement)) return false;
  const editable = active.matches('input, textarea, select') || active.isContentEditable;
  return editable && !(item?.contains(active) ?? false);
}

function VersionText({ text }: { text: string }) {
  return text.trim() === '' ? (
    <em className="conflict__empty">(empty)</em>
  ) : (
    <span className="conflict__text">{text}</span>
  );
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Sent (bubbling) by a conflict as it is shown: what folds it away unfolds. */
export const revealEvent = 'planner:reveal';

/** Shown instead of overwriting when someone else saved the same item first. */
export function ConflictPanel({
  subject,
  named,
  fields,
  changedBy,
  changedAt,
  onKeepMine,
  onUseTheirs,
  onMerge,
  itemRef,
  returnFocusTo,
}: ConflictPanelProps) {
  const dateTime = useDistrictDateTime();
  const headingId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const announce = useAnnounce();
  const choose = (choice: () => void) => () => {
    choice();
    returnFocusTo?.();
  };
  const when = changedAt ? ` on ${dateTime(changedAt)}` : '';
  // Not known who saved it, it is not said to be someone else: often it is this person in another tab.
  const said =
    changedBy === null
      ? {
          heading: `Conflict: ${subject} was changed elsewhere`,
          firstHeading: `Conflict: ${named} was changed elsewhere`,
          lede: `${capitalized(subject)} was changed elsewhere since you opened it${changedAt ? ` (saved${when})` : ''}.`,
          theirs: changedAt ? `Their version (saved${when})` : 'Their version',
        }
      : {
          heading: `Conflict: ${changedBy} changed ${subject}`,
          firstHeading: `Conflict: ${changedBy} changed ${named}`,
          lede: `${changedBy} saved a newer version${when} while you were editing.`,
          theirs: `Their version (${changedBy}${when})`,
        };

  // The person must decide before anything is saved, so they are taken straight to the choice; unless they
  // are typing in another field by now: that is not taken from them, and the conflict is read out instead,
  // naming the item, as they are not at it.
  const firstHeading = useRef(said.firstHeading);
  // In a section folded away (kept mounted, hidden), the choice could not be seen: the section is asked to unfold
  // before the heading takes focus.
  useLayoutEffect(() => {
    rootRef.current?.dispatchEvent(new Event(revealEvent, { bubbles: true }));
  }, []);
  useEffect(() => {
    const item = itemRef?.current ?? rootRef.current?.parentElement ?? null;
    if (typingElsewhere(item)) {
      announce(`${firstHeading.current}. Nothing has been overwritten: choose what to keep where you edited it.`);
    } else headingRef.current?.focus();
  }, [announce, itemRef]);

  return (
    <div className="conflict" role="group" aria-labelledby={headingId} ref={rootRef}>
      <h3 className="conflict__heading" id={headingId} ref={headingRef} tabIndex={-1}>
        {said.heading}
      </h3>
      <p>{said.lede} Nothing has been overwritten: choose what to keep.</p>
      {fields.map((field) => (
        <div className="conflict__field" key={field.label}>
          {fields.length > 1 ? <p className="conflict__field-label">{field.label}</p> : null}
          {field.note ? <p className="conflict__note">{field.note}</p> : null}
          <dl className="conflict__versions">
            <div className="conflict__version">
              <dt>Your version</dt>
              <dd>
                <VersionText text={field.mine} />
              </dd>
            </div>
            <div className="conflict__version">
              <dt>{said.theirs}</dt>
              <dd>
                <VersionText text={field.theirs} />
              </dd>
            </div>
          </dl>
        </div>
      ))}
      <div className="conflict__actions">
        <button type="button" className="button button--primary" onClick={choose(onKeepMine)}>
          Keep mine
        </button>
        <button type="button" className="button button--secondary" onClick={choose(onUseTheirs)}>
          Use theirs
        </button>
        {onMerge ? (
          <button type="button" className="button button--secondary" onClick={choose(onMerge)}>
            Merge
          </button>
        ) : null}
      </div>
    </div>
  );
}
