import { useCallback, useState } from 'react';

/**
 * The width of the element the chart is drawn in, in CSS pixels, kept current as it resizes: a chart is
 * laid out in pixels so that its text keeps its size on a phone. Null until measured, which happens as the
 * element is attached (before the first paint), so the chart never shows at a wrong width. A ref callback,
 * not an effect: the element may come later than the component (a measure's first reading).
 */
export function useChartWidth(): [(element: HTMLDivElement | null) => (() => void) | undefined, number | null] {
  const [width, setWidth] = useState<number | null>(null);
  const ref = useCallback((element: HTMLDivElement | null) => {
    if (!element) return undefined;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.round(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
