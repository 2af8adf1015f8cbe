export interface ChartPoint {
  x: number;
  y: number;
}

/** A stretch of a line drawn on a chart, from one point to the next. */
export type Segment = readonly [ChartPoint, ChartPoint];

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Whether a segment runs through a rectangle or lies in it (Liang–Barsky clipping). */
export function crosses(rect: Rect, [a, b]: Segment): boolean {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let enter = 0;
  let leave = 1;
  for (const [p, q] of [
    [-dx, a.x - rect.left],
    [dx, rect.right - a.x],
    [-dy, a.y - rect.top],
    [dy, rect.bottom - a.y],
  ] as const) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) enter = Math.max(enter, t);
    else leave = Math.min(leave, t);
    if (enter > leave) return false;
  }
  return true;
}

const overlaps = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The segments joining points in turn, as a line through them is drawn. */
export const segmentsOf = (points: readonly ChartPoint[]): Segment[] =>
  points.slice(1).map((point, index) => [points[index]!, point] as const);

/**
 * The first of the places that leaves the label clear of every line and of the boxes already taken (other labels,
 * markers), within the chart; else the one that crosses the fewest, as a label must go somewhere.
 */
export function clearPlace<P extends { rect: Rect }>(
  places: readonly P[],
  lines: readonly Segment[],
  taken: readonly Rect[],
  within: Rect,
): P {
  const clashes = ({ rect }: P) =>
    lines.filter((segment) => crosses(rect, segment)).length +
    taken.filter((other) => overlaps(rect, other)).length +
    (rect.left < within.left || rect.right > within.right || rect.top < within.top || rect.bottom > within.bottom
      ? 1
      : 0);
  const counted = places.map((place) => ({ place, count: clashes(place) }));
  return counted.reduce((best, next) => (next.count < best.count ? next : best)).place;
}
