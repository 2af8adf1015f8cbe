import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from 'recharts';
import { formatNumber } from '@planner/shared/format';
import type { DomainScore } from '@planner/shared/readiness';
import styles from './readiness.module.css';

// This year solid, last year hatched-light: they differ by fill and outline, not only by colour (3:1 on white).
const colors = { current: '#1c4f8c', previous: '#ffffff', previousStroke: '#4a5361', text: '#1b1f24' };

/** The chart in a sentence, for assistive technology; the table beside it holds every value. */
function chartSummary(scopeName: string, scores: DomainScore[], withPrevious: boolean): string {
  const parts = scores.map(
    (s) =>
      `${s.title} ${s.average === null ? 'not rated' : formatNumber(s.average)}` +
      (withPrevious && s.previousAverage !== null ? ` (last year ${formatNumber(s.previousAverage)})` : ''),
  );
  return `Bar chart of the average readiness rating of ${scopeName} per domain, on a scale of 1 to 4: ${parts.join('; ')}. The table beside it lists every value.`;
}

/** Each domain's average rating of one scope, beside last year's when the plan was copied. */
export function ReadinessChart({ scopeName, scores }: { scopeName: string; scores: DomainScore[] }) {
  const withPrevious = scores.some((s) => s.previousAverage !== null);
  const data = scores.map((s) => ({ title: s.title, current: s.average ?? 0, previous: s.previousAverage ?? 0 }));
  const tick = { fill: colors.text, fontSize: 13 };
  return (
    <figure className={styles['chart']}>
      <div className={styles['chart__canvas']} role="img" aria-label={chartSummary(scopeName, scores, withPrevious)}>
        <BarChart
          responsive
          accessibilityLayer={false}
          data={data}
          style={{ width: '100%', height: 280 }}
          margin={{ top: 16, right: 16, bottom: 8, left: 0 }}
        >
          <CartesianGrid stroke="#dfe5ee" vertical={false} />
          <XAxis dataKey="title" tick={tick} stroke={colors.previousStroke} interval={0} />
          <YAxis
            type="number"
            domain={[0, 4]}
            ticks={[0, 1, 2, 3, 4]}
            tick={tick}
            stroke={colors.previousStroke}
            width={32}
          />
          <Bar dataKey="current" name="This year" fill={colors.current} isAnimationActive={false} />
          {withPrevious ? (
            <Bar
              dataKey="previous"
              name="Last year"
              fill={colors.previous}
              stroke={colors.previousStroke}
              strokeWidth={2}
              strokeDasharray="4 3"
              isAnimationActive={false}
            />
          ) : null}
        </BarChart>
      </div>
      <figcaption>
        <ul className={styles['chart-legend']}>
          <li>
            <svg width="16" height="16" aria-hidden="true" focusable="false">
              <rect x="1" y="1" width="14" height="14" fill={colors.current} />
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
                  fill={colors.previous}
                  stroke={colors.previousStroke}
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
