import { scaleLinear, scaleUtc } from 'd3-scale';
import { line } from 'd3-shape';
import { utcMonth, utcYear } from 'd3-time';
import { schoolYearEnd, schoolYearStart } from '@planner/shared/common';
import { measureStatusLabels, type Measure } from '@planner/shared/measure';
import { formatDate, formatMonth, formatNumber, formatWithUnit } from '@planner/shared/format';
import {
  BottomAxis,
  ChartSurface,
  chartText,
  gridClass,
  HorizontalGrid,
  LeftAxis,
  type Box,
} from '../../components/charts/chart-parts';
import { clearPlace, segmentsOf, type Rect } from '../../components/charts/label-placement';
import { useChartWidth } from '../../components/charts/use-chart-width';
import { liveMeasureStatus, readingsByDate } from './measure-status-text';
import styles from './measures.module.css';

// Each series differs by its dash and markers, not only by colour (its class's, 3:1 or more on white).
const lineClass = {
  readings: styles['line--readings'],
  path: styles['line--path'],
  baseline: styles['line--baseline'],
  target: styles['line--target'],
};
const dashes = { path: '8 5', baseline: '2 4', target: '12 4 2 4' };
/** An outline in the background's colour behind a label, so a line drawn through it leaves it legible. */
const haloed = {
  className: `${chartText.className} ${styles['halo']}`,
  strokeWidth: 4,
  paintOrder: 'stroke',
  strokeLinejoin: 'round',
} as const;

const dayMs = 86_400_000;
const dayOf = (isoDate: string) => Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / dayMs;
const height = 320;
const box: Box = { top: 16, right: 24, bottom: 32, left: 56 };
/** Room each month's label needs along the time axis ("Sep 2026" at 13 px, and a gap). */
const monthLabelWidth = 84;
/** Room a reference line's label takes at 13 px: no character is wider than this on average. */
const labelCharWidth = 8;

interface Point {
  day: number;
  value: number;
}

/**
 * The days the time axis spans: the readings and the path, with a little room at each end so that no point
 * sits on an axis, and the plan's whole school year (July to June) around them, as the plan's PDF draws it.
 */
function timeSpan(days: number[], schoolYear: string): [number, number] {
  let [first, last] = [Math.min(...days), Math.max(...days)];
  if (first === last) [first, last] = [first - 30, last + 30];
  const pad = Math.max(3, (last - first) * 0.03);
  return [
    Math.min(first - pad, dayOf(schoolYearStart(schoolYear))),
    Math.max(last + pad, dayOf(schoolYearEnd(schoolYear))),
  ];
}

/** What the chart shows, in a sentence: its name for assistive technology (the table below holds every value). */
function chartSummary(measure: Measure, points: Point[]): string {
  const unit = measure.unit;
  const parts = [`Line chart of ${measure.name}`];
  const sorted = readingsByDate(measure);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first && last) {
    parts.push(
      `${String(sorted.length)} ${sorted.length === 1 ? 'reading' : 'readings'} from ${formatDate(first.date)} to ${formatDate(last.date)}, ` +
        `the latest ${formatWithUnit(last.value, unit)}`,
    );
  } else {
    parts.push('no readings yet');
  }
  if (measure.baseline !== null) {
    parts.push(
      `baseline ${formatWithUnit(measure.baseline, unit)}${measure.baselineDate ? ` on ${formatDate(measure.baselineDate)}` : ''}`,
    );
  }
  if (measure.target !== null) {
    parts.push(
      `target ${formatWithUnit(measure.target, unit)}${measure.targetDate ? ` by ${formatDate(measure.targetDate)}` : ''}`,
    );
  }
  const status = measureStatusLabels[liveMeasureStatus(measure)];
  return `${parts.join('; ')}. Status: ${status}.${points.length > 0 ? ' Every reading is listed in the table that follows.' : ''}`;
}

function LegendSample({ line, dash, dot = false }: { line: string | undefined; dash?: string; dot?: boolean }) {
  return (
    <svg className="chart-legend__sample" width="36" height="12" aria-hidden="true" focusable="false">
      <line x1="0" y1="6" x2="36" y2="6" className={line} strokeWidth="2" strokeDasharray={dash} />
      {dot ? <circle cx="18" cy="6" r="4" className={`${line} ${styles['dot']}`} strokeWidth="2" /> : null}
    </svg>
  );
}

interface PlotProps {
  width: number;
  points: Point[];
  path: Point[];
  measure: Measure;
  /** The first and last day of the time axis. */
  span: [number, number];
}

/** The chart drawn at a width: d3 places the ticks and draws the lines, React the SVG. */
function MeasurePlot({ width, points, path, measure, span }: PlotProps) {
  const { baseline, target, unit } = measure;
  const [firstDay, lastDay] = span;
  const x = scaleUtc()
    .domain([new Date(firstDay * dayMs), new Date(lastDay * dayMs)])
    .range([box.left, width - box.right]);
  const values = [...points, ...path].map((p) => p.value);
  if (baseline !== null) values.push(baseline);
  if (target !== null) values.push(target);
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const yPad = low === high ? Math.max(1, Math.abs(low) * 0.1) : (high - low) * 0.12;
  const y = scaleLinear()
    .domain([low - yPad, high + yPad])
    .nice()
    .range([height - box.bottom, box.top]);
  const day = (p: Point) => x(new Date(p.day * dayMs));
  const draw = line<Point>(day, (p) => y(p.value));

  // Month starts, every 1, 2, 3, 6 or 12 months: as many as the width has room for; one label per month.
  const months = utcMonth.count(x.domain()[0] ?? new Date(), x.domain()[1] ?? new Date()) + 1;
  const room = Math.max(1, Math.floor((width - box.left - box.right) / monthLabelWidth));
  const step = [1, 2, 3, 6, 12, 24].find((candidate) => months / candidate <= room) ?? 48;
  // Past a year, whole years: a month interval of 24 would still fall on every January.
  const monthTicks = x.ticks((step < 12 ? utcMonth.every(step) : utcYear.every(step / 12)) ?? utcMonth);
  const xTicks = (monthTicks.length > 0 ? monthTicks : [new Date(((firstDay + lastDay) / 2) * dayMs)]).map((date) => ({
    x: x(date),
    lines: [formatMonth(date.toISOString())],
  }));
  const yTicks = y.ticks(5).map((value) => ({ y: y(value), label: formatNumber(value) }));

  const referenceLines = [
    baseline !== null
      ? {
          key: 'baseline',
          value: baseline,
          label: `Baseline ${formatWithUnit(baseline, unit)}`,
          line: lineClass.baseline,
          dash: dashes.baseline,
        }
      : null,
    target !== null
      ? {
          key: 'target',
          value: target,
          label: `Target ${formatWithUnit(target, unit)}`,
          line: lineClass.target,
          dash: dashes.target,
        }
      : null,
  ].filter((reference) => reference !== null);
  // Each reference line is labelled beside itself, above or below, at the left or the right: the first of these
  // that no line runs through and no other label or point covers, so that every label stays legible.
  const pathLine = path.map((p) => ({ x: day(p), y: y(p.value) }));
  const readingPoints = points.map((p) => ({ x: day(p), y: y(p.value) }));
  const lines = [
    ...segmentsOf(pathLine),
    ...segmentsOf(readingPoints),
    ...referenceLines.map(
      (reference) =>
        [
          { x: box.left, y: y(reference.value) },
          { x: width - box.right, y: y(reference.value) },
        ] as const,
    ),
  ];
  const taken: Rect[] = readingPoints.map((p) => ({ left: p.x - 6, right: p.x + 6, top: p.y - 6, bottom: p.y + 6 }));
  const within = { left: box.left, right: width - box.right, top: 0, bottom: height - box.bottom };
  const labels = referenceLines.map((reference) => {
    const at = y(reference.value);
    const textWidth = reference.label.length * labelCharWidth;
    const places = (['left', 'right'] as const).flatMap((side) =>
      (['above', 'below'] as const).map((where) => {
        const x = side === 'left' ? box.left + 6 : width - box.right - 6;
        const left = side === 'left' ? x : x - textWidth;
        // The text reaches about 13 px above its baseline and 4 below; a hanging one starts a little above its y.
        const [top, bottom] = where === 'above' ? [at - 6 - 13, at - 6 + 4] : [at + 6 - 3, at + 6 + 15];
        return {
          key: reference.key,
          label: reference.label,
          x,
          y: where === 'above' ? at - 6 : at + 6,
          side,
          where,
          rect: { left: left - 2, right: left + textWidth + 2, top, bottom },
        };
      }),
    );
    const place = clearPlace(places, lines, taken, within);
    taken.push(place.rect);
    return place;
  });

  return (
    <ChartSurface width={width} height={height}>
      <HorizontalGrid ys={yTicks.map((tick) => tick.y)} box={box} width={width} />
      {xTicks.map((tick) => (
        <line key={tick.x} x1={tick.x} x2={tick.x} y1={box.top} y2={height - box.bottom} className={gridClass} />
      ))}
      <LeftAxis ticks={yTicks} box={box} height={height} />
      <BottomAxis ticks={xTicks} box={box} width={width} height={height} />
      {referenceLines.map((reference) => (
        <line
          key={reference.key}
          x1={box.left}
          x2={width - box.right}
          y1={y(reference.value)}
          y2={y(reference.value)}
          className={reference.line}
          strokeWidth={2}
          strokeDasharray={reference.dash}
        />
      ))}
      {path.length > 0 ? (
        <path
          d={draw(path) ?? undefined}
          fill="none"
          className={lineClass.path}
          strokeWidth={2}
          strokeDasharray={dashes.path}
        />
      ) : null}
      <path d={draw(points) ?? undefined} fill="none" className={lineClass.readings} strokeWidth={3} />
      {points.map((point, index) => (
        <circle
          key={index}
          cx={day(point)}
          cy={y(point.value)}
          r={5}
          className={`${lineClass.readings} ${styles['dot']}`}
          strokeWidth={2}
        />
      ))}
      {labels.map((label) => (
        <text
          key={label.key}
          x={label.x}
          y={label.y}
          textAnchor={label.side === 'left' ? 'start' : 'end'}
          dominantBaseline={label.where === 'above' ? 'auto' : 'hanging'}
          {...chartText}
          {...haloed}
        >
          {label.label}
        </text>
      ))}
    </ChartSurface>
  );
}

/**
 * The readings over time against the baseline, the target and the straight path between them, over the
 * plan's school year.
 */
export function MeasureChart({ measure, schoolYear }: { measure: Measure; schoolYear: string }) {
  const [canvas, width] = useChartWidth();
  const points: Point[] = readingsByDate(measure).map((r) => ({ day: dayOf(r.date), value: r.value }));
  const { baseline, baselineDate, target, targetDate } = measure;
  const path: Point[] =
    baseline !== null && baselineDate !== null && target !== null && targetDate !== null
      ? [
          { day: dayOf(baselineDate), value: baseline },
          { day: dayOf(targetDate), value: target },
        ]
      : [];
  const summary = chartSummary(measure, points);

  if (points.length === 0 && path.length === 0) {
    return (
      <p className="muted">
        The chart appears once the measure has a reading, or a baseline and a target with their dates.
      </p>
    );
  }

  const span = timeSpan(
    [...points, ...path].map((p) => p.day),
    schoolYear,
  );

  return (
    <figure className={styles['measure-chart']}>
      <div ref={canvas} className={styles['measure-chart__canvas']} role="img" aria-label={summary}>
        {width ? <MeasurePlot width={width} points={points} path={path} measure={measure} span={span} /> : null}
      </div>
      <figcaption>
        <ul className={styles['chart-legend']}>
          <li>
            <LegendSample line={lineClass.readings} dot /> Readings
          </li>
          {path.length > 0 ? (
            <li>
              <LegendSample line={lineClass.path} dash={dashes.path} /> Straight path from baseline to target
            </li>
          ) : null}
          {baseline !== null ? (
            <li>
              <LegendSample line={lineClass.baseline} dash={dashes.baseline} /> Baseline
            </li>
          ) : null}
          {target !== null ? (
            <li>
              <LegendSample line={lineClass.target} dash={dashes.target} /> Target
            </li>
          ) : null}
        </ul>
      </figcaption>
    </figure>
  );
}
