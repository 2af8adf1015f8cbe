import { scaleBand, scaleLinear } from 'd3-scale';
import { formatNumber } from '@planner/shared/format';
import type { DomainScore } from '@planner/shared/readiness';
import { BottomAxis, ChartSurface, HorizontalGrid, LeftAxis, type Box } from '../../components/charts/chart-parts';
import { useChartWidth } from '../../components/charts/use-chart-width';
import styles from './readiness.module.css';

// This year solid, last year outlined and dashed: they differ by fill and outline, not only by colour (the
// classes', 3:1 on white).
const bars = { current: styles['bar--current'], previous: styles['bar--previous'] };

/** The chart in a sentence, for assistive technology; the table beside it holds every value. */
function chartSummary(scopeName: string, scores: DomainScore[], withPrevious: boolean): string {
  const parts = scores.map(
    (s) =>
      `${s.title} ${s.average === null ? 'not rated' : formatNumber(s.average)}` +
      (withPrevious && s.previousAverage !== null ? ` (last year ${formatNumber(s.previousAverage)})` : ''),
  );
  return `Bar chart of the average readiness rating of ${scopeName} per domain, on a scale of 1 to 4: ${parts.join('; ')}. The table beside it lists every value.`;
}

const height = 280;
/** About the width of a character of the axis's 13 px text: a domain's name wraps to the room under its bars. */
const characterWidth = 7.5;

/** A name in lines of at most `room` characters, broken between words. */
function wrap(text: string, room: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= room) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

interface Bars {
  title: string;
  current: number;
  previous: number;
}

/** The chart drawn at a width: d3 places the bands and the scale, React the SVG. */
function ReadinessPlot({ width, data, withPrevious }: { width: number; data: Bars[]; withPrevious: boolean }) {
  const probe = scaleBand<string>()
    .domain(data.map((d) => d.title))
    .range([32, width - 16])
    .paddingInner(0.2)
    .paddingOuter(0.1);
  const labels = data.map((d) => wrap(d.title, Math.max(6, Math.floor(probe.bandwidth() / characterWidth))));
  const lineCount = Math.max(1, ...labels.map((lines) => lines.length));
  const box: Box = { top: 16, right: 16, bottom: 18 + 16 * lineCount, left: 32 };
  const x = probe.copy().range([box.left, width - box.right]);
  const series = withPrevious ? (['current', 'previous'] as const) : (['current'] as const);
  const inner = scaleBand<string>().domain(series).range([0, x.bandwidth()]).padding(0.1);
  const y = scaleLinear()
    .domain([0, 4])
    .range([height - box.bottom, box.top]);
  const yTicks = [0, 1, 2, 3, 4].map((value) => ({ y: y(value), label: String(value) }));
  const xTicks = data.map((d, index) => ({ x: (x(d.title) ?? 0) + x.bandwidth() / 2, lines: labels[index] ?? [] }));

  return (
    <ChartSurface width={width} height={height}>
      <HorizontalGrid ys={yTicks.map((tick) => tick.y)} box={box} width={width} />
      {data.map((d) =>
        series.map((key) => {
          const value = d[key];
          const top = y(value);
          const previous = key === 'previous';
          return (
            <rect
              key={`${d.title}-${key}`}
              x={(x(d.title) ?? 0) + (inner(key) ?? 0)}
              y={top}
              width={inner.bandwidth()}
              height={Math.max(0, y(0) - top)}
              className={bars[key]}
              strokeWidth={previous ? 2 : undefined}
              strokeDasharray={previous ? '4 3' : undefined}
            />
          );
        }),
      )}
      <LeftAxis ticks={yTicks} box={box} height={height} />
      <BottomAxis ticks={xTicks} box={box} width={width} height={height} />
    </ChartSurface>
  );
}

/** Each domain's average rating of one scope, beside last year's when the plan was copied. */
export function ReadinessChart({ scopeName, scores }: { scopeName: string; scores: DomainScore[] }) {
  const withPrevious = scores.some((s) => s.previousAverage !== null);
  const [canvas, width] = useChartWidth();
  const data = scores.map((s) => ({ title: s.title, current: s.average ?? 0, previous: s.previousAverage ?? 0 }));
  return (
    <figure className={styles['chart']}>
      <div
        ref={canvas}
        className={styles['chart__canvas']}
        role="img"
        aria-label={chartSummary(scopeName, scores, withPrevious)}
      >
        {width ? <ReadinessPlot width={width} data={data} withPrevious={withPrevious} /> : null}
      </div>
      <figcaption>
        <ul className={styles['chart-legend']}>
          <li>
            <svg width="16" height="16" aria-hidden="true" focusable="false">
              <rect x="1" y="1" width="14" height="14" className={bars.current} />
            </svg>{' '}
            This year
          </li>
          {withPrevious ? (
            <li>
              <svg width="16" height="16" aria-hidden="true" focusable="false">
                <rect
                  x="1"
                  y="1"
                  width="14"
                  height="14"
                  className={bars.previous}
                  strokeWidth="2"
                  strokeDasharray="4 3"
                />
              </svg>{' '}
              Last year
            </li>
          ) : null}
        </ul>
      </figcaption>
    </figure>
  );
}
