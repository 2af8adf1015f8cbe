import { useEffect, useRef } from 'react';
import { SaveIndicator } from '../../components/SaveIndicator';

/**
 * The plan's save state, kept in view at the top of the page as it scrolls. The page scrolls what gets
 * focus to below it (`--sticky-offset`, the html's scroll padding); on a narrow screen a long state (a
 * conflict, being offline) takes three or four lines, so the offset follows the bar's height as it changes.
 */
export function SaveBar() {
  const barRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const bar = barRef.current;
    if (!bar || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => {
      // Its height with a little room below, as the stylesheet's 4rem leaves for one line.
      const { marginBottom } = getComputedStyle(bar);
      root.style.setProperty('--sticky-offset', `${bar.offsetHeight + parseFloat(marginBottom)}px`);
    });
    observer.observe(bar);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--sticky-offset');
    };
  }, []);
  return (
    <div className="save-bar" ref={barRef}>
      <SaveIndicator />
    </div>
  );
}
