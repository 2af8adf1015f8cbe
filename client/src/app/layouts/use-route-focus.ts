import { useEffect, useRef, type RefObject } from 'react';
import { useLocation, useNavigationType, type Location } from 'react-router';

/** How long a page may take to show its heading before focus stays on the main region. */
const headingWaitMs = 10_000;

function focusOn(target: HTMLElement): void {
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus();
}

/**
 * After each client-side navigation, moves focus to the new page's h1 (or the main region),
 * so keyboard and screen reader users start at the new content rather than the old link.
 * A page that loads its data first shows its h1 only then: focus waits on the main region and
 * moves to the h1 when it appears, so the page is announced by its name, unless the person has
 * moved focus meanwhile.
 * The first page of a visit is left alone: the browser already starts at the top, where the skip link is first;
 * so is the page an address redirects to as it loads (a plan's address to its first stage), before the person
 * has pressed a key or clicked. So is the same page
 * with other search params only, or replaced in place (a filter that the address follows): focus stays
 * on the filter, so arrow keys go on through a select's options.
 */
export function useRouteFocus(mainRef: RefObject<HTMLElement | null>): void {
  const location = useLocation();
  const navigationType = useNavigationType();
  // The location last seen, whether it is a new page, and whether it is still the visit's first: decided once
  // per location, as effects may run twice.
  const seen = useRef<{ location: Location; newPage: boolean; first: boolean } | null>(null);
  // Whether the person has pressed a key or clicked since the visit began: a redirect before that is part of loading.
  const acted = useRef(false);

  useEffect(() => {
    const note = () => {
      acted.current = true;
    };
    window.addEventListener('keydown', note, { capture: true, once: true });
    window.addEventListener('pointerdown', note, { capture: true, once: true });
    // Voice control and other assistive technology may click without a pointerdown.
    window.addEventListener('click', note, { capture: true, once: true });
    return () => {
      window.removeEventListener('keydown', note, { capture: true });
      window.removeEventListener('pointerdown', note, { capture: true });
      window.removeEventListener('click', note, { capture: true });
    };
  }, []);

  useEffect(() => {
    const before = seen.current;
    if (before?.location.key !== location.key) {
      const samePath = before !== null && before.location.pathname === location.pathname;
      const inPlace = samePath && (navigationType === 'REPLACE' || before.location.hash === location.hash);
      const first =
        location.key === 'default' || (before?.first === true && navigationType === 'REPLACE' && !acted.current);
      seen.current = { location, newPage: !inPlace, first };
    }
    if (seen.current?.first || !seen.current?.newPage) return;
    const main = mainRef.current;
    if (!main) return;
    const heading = main.querySelector<HTMLElement>('h1');
    if (heading) {
      focusOn(heading);
      return;
    }
    focusOn(main);
    const observer = new MutationObserver(() => {
      if (document.activeElement !== main) {
        observer.disconnect();
        return;
      }
      const loaded = main.querySelector<HTMLElement>('h1');
      if (!loaded) return;
      observer.disconnect();
      focusOn(loaded);
    });
    observer.observe(main, { childList: true, subtree: true });
    const timer = window.setTimeout(() => observer.disconnect(), headingWaitMs);
    return () => {
      observer.disconnect();
      window.clearTimeout(timer);
    };
  }, [location, navigationType, mainRef]);
}
