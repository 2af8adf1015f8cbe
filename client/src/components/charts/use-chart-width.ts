import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * The width of the element the chart is drawn in, in CSS pixels, kept current as it resizes: a chart is
 * laid out in pixels so that its text keeps its size on a phone. Null until measured, which happens
 * before the first paint, so the chart never shows at a wrong width.
 */
export function useChartWidth(): [RefObject<HTMLDivElement | null>, number | null] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.round(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
