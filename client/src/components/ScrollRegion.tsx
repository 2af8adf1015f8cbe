import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A wide table or chart that scrolls sideways inside itself on a narrow screen, so the page never
 * does; labelled, and focusable while it scrolls so keyboard users can scroll it too (not otherwise: a
 * stop in the tab order that does nothing).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useLayoutEffect(() => {
    const region = ref.current;
    if (!region) return;
    const measure = () => setScrolls(region.scrollWidth > region.clientWidth + 1);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    // The region's width follows the window's; its content's, what it shows (a chart draws itself again at
    // its new width after the region's has changed).
    const resized = new ResizeObserver(measure);
    resized.observe(region);
    const changed = new MutationObserver(measure);
    changed.observe(region, { subtree: true, childList: true, attributes: true, characterData: true });
    return () => {
      resized.disconnect();
      changed.disconnect();
    };
  }, []);
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must take focus to be scrolled by keyboard
    <div ref={ref} className="scroll-region" role="region" aria-label={label} tabIndex={scrolls ? 0 : undefined}>
      {children}
    </div>
  );
}
