import { useEffect, type RefObject } from 'react';
import { useLocation } from 'react-router';

/**
 * After each client-side navigation, moves focus to the new page's h1 (or the main region),
 * so keyboard and screen reader users start at the new content rather than the old link.
 * The first page of a visit is left alone: the browser already starts at the top.
 */
export function useRouteFocus(mainRef: RefObject<HTMLElement | null>): void {
  const location = useLocation();

  useEffect(() => {
    if (location.key === 'default') return;
    const main = mainRef.current;
    if (!main) return;
    const heading = main.querySelector<HTMLElement>('h1');
    const target = heading ?? main;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  }, [location.key, mainRef]);
}
