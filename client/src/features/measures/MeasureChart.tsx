import { CartesianGrid, Line, LineChart, ReferenceLine, XAxis, YAxis } from 'recharts';
import { measureStatusLabels, type Measure } from '@planner/shared/measure';
import { formatDate, formatMonth, formatNumber, formatWithUnit } from '@planner/shared/format';
import { liveMeasureStatus, readingsByDate } from './measure-status-text';
import styles from './measures.module.css';

// Each series differs by its dash and markers, not only by colour; every colour is 3:1 or more on white.
const colors = { readings: '#1c4f8c', path: '#4a5361', baseline: '#7a4a00', target: '#1d6b34', text: '#1b1f24' };
const dashes = { path: '8 5', baseline: '2 4', target: '12 4 2 4' };

const dayOf = (isoDate: string) => Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / 86_400_000;
const tickOfDay = (day: number) => formatMonth(new Date(day * 86_400_000).toISOString());

interface Point {
  day: number;
  value: number;
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

function LegendSample({ color, dash, dot = false }: { color: string; dash?: string; dot?: boolean }) {
  return (
    <svg className="chart-legend__sample" width="36" height="12" aria-hidden="true" focusable="false">
      <line x1="0" y1="6" x2="36" y2="6" stroke={color} strokeWidth="2" strokeDasharray={dash} />
      {dot ? <circle cx="18" cy="6" r="4" fill="#ffffff" stroke={color} strokeWidth="2" /> : null}
    </svg>
  );
}

/** The readings over time against the baseline, the target and the straight path between them. */
export function MeasureChart({ measure }: { measure: Measure }) {
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

  const days = [...points, ...path].map((p) => p.day);
  const [firstDay, lastDay] = [Math.min(...days), Math.max(...days)];
  const dayPad = firstDay === lastDay ? 30 : 0;
  const tick = { fill: colors.text, fontSize: 13 };

  return (
    <figure className={styles['measure-chart']}>
      <div className={styles['measure-chart__canvas']} role="img" aria-label={summary}>
        <LineChart
          responsive
          accessibilityLayer={false}
          style={{ width: '100%', height: 320 }}
          margin={{ top: 16, right: 24, bottom: 8, left: 8 }}
        >
          <CartesianGrid stroke="#dfe5ee" />
          <XAxis
            type="number"
            dataKey="day"
            domain={[firstDay - dayPad, lastDay + dayPad]}
            tickFormatter={tickOfDay}
            tick={tick}
            stroke={colors.path}
          />
          <YAxis
            type="number"
            domain={['auto', 'auto']}
            tickFormatter={formatNumber}
            tick={tick}
            stroke={colors.path}
            width={56}
          />
          {baseline !== null ? (
            <ReferenceLine
              y={baseline}
              ifOverflow="extendDomain"
              stroke={colors.baseline}
              strokeWidth={2}
              strokeDasharray={dashes.baseline}
              label={{
                value: `Baseline ${formatWithUnit(baseline, measure.unit)}`,
                position: 'insideBottomLeft',
                fill: colors.text,
              }}
            />
          ) : null}
          {target !== null ? (
            <ReferenceLine
              y={target}
              ifOverflow="extendDomain"
              stroke={colors.target}
              strokeWidth={2}
              strokeDasharray={dashes.target}
              label={{
                value: `Target ${formatWithUnit(target, measure.unit)}`,
                position: 'insideTopLeft',
                fill: colors.text,
              }}
            />
          ) : null}
          {path.length > 0 ? (
            <Line
              data={path}
              dataKey="value"
              name="Path from baseline to target"
              stroke={colors.path}
              strokeWidth={2}
              strokeDasharray={dashes.path}
              dot={false}
              activeDot={false}
              isAnimationActive={false}
            />
          ) : null}
          <Line
            data={points}
            dataKey="value"
            name="Readings"
            stroke={colors.readings}
            strokeWidth={3}
            dot={{ r: 5, fill: '#ffffff', stroke: colors.readings, strokeWidth: 2 }}
            activeDot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </div>
      <figcaption>
        <ul className={styles['chart-legend']}>
          <li>
            <LegendSample color={colors.readings} dot /> Readings
          </li>
          {path.length > 0 ? (
            <li>
              <LegendSample color={colors.path} dash={dashes.path} /> Straight path from baseline to target
            </li>
          ) : null}
          {baseline !== null ? (
            <li>
              <LegendSample color={colors.baseline} dash={dashes.baseline} /> Baseline
            </li>
          ) : null}
          {target !== null ? (
            <li>
              <LegendSample color={colors.target} dash={dashes.target} /> Target
            </li>
          ) : null}
        </ul>
      </figcaption>
    </figure>
  );
}
