import { useEffect, useState, type ReactNode } from 'react';
import { useFoldedSections } from '../lib/use-folded-sections';

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
}

const headingId = (id: string) => `section-${id}-heading`;

/** Moves focus to a section's heading, such as after the item focus was on is removed. */
export function focusSection(id: string): void {
  document.getElementById(headingId(id))?.focus();
}

/** The section at the top of the window: the last whose top has passed a quarter of the way down. */
function useCurrentSection(ids: string[]): string | null {
  const [current, setCurrent] = useState<string | null>(ids[0] ?? null);
  const key = ids.join(' ');
  useEffect(() => {
    const list = key.split(' ');
    const update = () => {
      let found = list[0] ?? null;
      for (const id of list) {
        const element = document.getElementById(`section-${id}`);
        if (element && element.getBoundingClientRect().top <= window.innerHeight / 4) found = id;
      }
      setCurrent(found);
    };
    update();
    window.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      window.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  }, [key]);
  return current;
}

/**
 * A long page in sections, with a navigation of them (sticky beside the content on wide screens)
 * that shows where the person is and jumps to a section; each section can be folded away, and the
 * choice is remembered for the plan on this device.
 */
export function PageSections({ sections, foldKey, intro }: PageSectionsProps) {
  const { isFolded, setFolded } = useFoldedSections(foldKey);
  const current = useCurrentSection(sections.map((section) => section.id));

  const jump = (id: string) => {
    setFolded(id, false);
    // After the section has unfolded: bring it into view and start reading at its heading.
    requestAnimationFrame(() => {
      document.getElementById(`section-${id}`)?.scrollIntoView();
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
      <div className="page-sections__content">
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
