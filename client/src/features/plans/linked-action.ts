import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { actionAnchor } from '@planner/shared/notification';

/**
 * The title of an action a link leads to (a reminder of it): it carries the action's anchor, and once the page
 * is shown (its section unfolded by the page) the action is scrolled to and its title takes focus.
 */
export function useLinkedAction<T extends HTMLElement>(actionId: string) {
  const anchor = actionAnchor(actionId);
  const linkedHere = useLocation().hash === `#${anchor}`;
  const ref = useRef<T>(null);
  useEffect(() => {
    if (!linkedHere) return;
    // After the page has put focus on its heading: the action is what the link was for.
    const frame = requestAnimationFrame(() => {
      ref.current?.closest('li')?.scrollIntoView({ block: 'start' });
      ref.current?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [linkedHere]);
  return { ref, id: anchor, tabIndex: -1 };
}
