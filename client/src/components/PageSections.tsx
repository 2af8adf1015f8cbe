import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useFoldedSections } from '../lib/use-folded-sections';
import { revealEvent } from './ConflictPanel';

export interface PageSection {
  /** Unique on the plan's pages: the anchor, and the key its folding is remembered by. */
  id: string;
  title: string;
  content: ReactNode;
}

interface PageSectionsProps {
  sections: PageSection[];
  /** Where folded sections are remembered: one key per plan. */
  foldKey: string;
  /** Content before the sections, in the same column (a page's heading). */
  intro?: ReactNode;
  /** The id of what the address links to (its hash without "#"), unfolded if its section is folded. */
  linkedId?: string;
}

const headingId = (id: string) => `section-${id}-heading`;

/** Moves focus to a section's heading, such as after the item focus was on is removed. */
export function focusSection(id: string): void {
  document.getElementById(headingId(id))?.focus();
}

/**
 * The section the person is reading: the last whose top has passed a quarter of the way down the
 * window, or the one they jumped to while its heading is still in the upper half, or anywhere in view
 * at the foot of the page (near the end of the page a short section cannot scroll up to the top).
 */
function useCurrentSection(ids: string[]): { current: string | null; jumpedTo: (id: string) => void } {
  const [current, setCurrent] = useState<string | null>(ids[0] ?? null);
  const pinned = useRef<string | null>(null);
  const key = ids.join(' ');
  useEffect(() => {
    const list = key.split(' ');
    const topOf = (id: string) => document.getElementById(`section-${id}`)?.getBoundingClientRect().top;
    const update = () => {
      const pinnedTop = pinned.current === null ? undefined : topOf(pinned.current);
      // At the foot of the page a short last section may stay low in a tall window: in view is enough there.
      const atFoot = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
      const highest = atFoot ? window.innerHeight : window.innerHeight / 2;
      if (pinned.current !== null && pinnedTop !== undefined && pinnedTop >= 0 && pinnedTop <= highest) {
        setCurrent(pinned.current);
        return;
      }
      pinned.current = null;
      let found = list[0] ?? null;
      for (const id of list) {
        const top = topOf(id);
        if (top !== undefined && top <= window.innerHeight / 4) found = id;
      }
      setCurrent(found);
    };
    // Measured in the next frame, where the browser lays the page out anyway: measuring at once would
    // lay out the whole new page in the middle of the task that builds it.
    const firstFrame = requestAnimationFrame(update);
    window.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      cancelAnimationFrame(firstFrame);
      window.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  }, [key]);
  const jumpedTo = useCallback((id: string) => {
    pinned.current = id;
    setCurrent(id);
  }, []);
  return { current, jumpedTo };
}

/**
 * A long page in sections, with a navigation of them (sticky beside the content on wide screens)
 * that shows where the person is and jumps to a section; each section can be folded away, and the
 * choice is remembered for the plan on this device.
 */
export function PageSections({ sections, foldKey, intro, linkedId }: PageSectionsProps) {
  const { isFolded, setFolded } = useFoldedSections(foldKey);
  const { current, jumpedTo } = useCurrentSection(sections.map((section) => section.id));

  // A link to something in a folded section (a thread's item) unfolds it, before paint and before the
  // linked item's own effect moves focus there: focus cannot go into a hidden section.
  useLayoutEffect(() => {
    if (!linkedId) return;
    const body = document.getElementById(linkedId)?.closest<HTMLElement>('.page-section__body');
    if (body?.hidden) setFolded(body.id.replace(/^section-(.*)-body$/, '$1'), false);
  }, [linkedId, setFolded]);

  // A conflict shown in a folded section (an edit kept on the device, sent as the page opens): the person must
  // choose what to keep, so its section unfolds at once, in time for the conflict to take focus.
  const contentRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const content = contentRef.current;
    if (!content) return;
    const reveal = (event: Event) => {
      const body = (event.target as Element).closest<HTMLElement>('.page-section__body');
      if (!body?.hidden) return;
      body.hidden = false;
      setFolded(body.id.replace(/^section-(.*)-body$/, '$1'), false);
    };
    content.addEventListener(revealEvent, reveal);
    return () => content.removeEventListener(revealEvent, reveal);
  }, [setFolded]);

  const jump = (id: string) => {
    setFolded(id, false);
    // After the section has unfolded: bring it into view and start reading at its heading. It is marked
    // as current from then on, so a scroll event that comes before the jump's own cannot unmark it.
    requestAnimationFrame(() => {
      document.getElementById(`section-${id}`)?.scrollIntoView();
      jumpedTo(id);
      focusSection(id);
    });
  };

  return (
    <div className="page-sections">
      <nav className="page-sections__nav" aria-label="Sections of this page">
        <ul className="page-sections__list">
          {sections.map((section) => (
            <li key={section.id}>
              <a
                className="page-sections__link"
                href={`#section-${section.id}`}
                aria-current={current === section.id ? 'location' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  jump(section.id);
                }}
              >
                {section.title}
                {isFolded(section.id) ? <span className="page-sections__folded"> (folded)</span> : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="page-sections__content" ref={contentRef}>
        {intro}
        {sections.map((section) => {
          const folded = isFolded(section.id);
          return (
            <section
              key={section.id}
              id={`section-${section.id}`}
              className="page-section"
              aria-labelledby={headingId(section.id)}
            >
              <div className="page-section__head">
                <h2 id={headingId(section.id)} tabIndex={-1}>
                  {section.title}
                </h2>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  aria-expanded={!folded}
                  aria-controls={`section-${section.id}-body`}
                  onClick={() => setFolded(section.id, !folded)}
                >
                  {folded ? 'Show' : 'Fold away'}
                  <span className="visually-hidden"> {section.title}</span>
                </button>
              </div>
              <div id={`section-${section.id}-body`} className="page-section__body" hidden={folded}>
                {section.content}
              </div>
            </section>
          );
        })}
      </div>
    </div>
  );
}
