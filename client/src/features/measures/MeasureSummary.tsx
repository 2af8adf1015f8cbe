import { Link } from 'react-router';
import { latestReading } from '@planner/shared/measure-status';
import type { Measure } from '@planner/shared/measure';
import { formatDate, formatWithUnit } from '@planner/shared/format';
import { liveMeasureStatus } from './measure-status-text';
import { MeasureStatusBadge } from '../../components/MeasureStatusBadge';
import styles from './measures.module.css';

/** A measure's status and latest reading on its stage card, with the way to its chart and readings. */
export function MeasureSummary({ measure, href }: { measure: Measure; href: string }) {
  const latest = latestReading(measure.readings);
  return (
    <div className={styles['measure-summary']}>
      <p className="measure-summary__status">
        <span className={styles['measure-summary__label']}>Status:</span>{' '}
        <MeasureStatusBadge status={liveMeasureStatus(measure)} />
      </p>
      <p className="measure-summary__latest">
        {latest
          ? `Latest reading: ${formatWithUnit(latest.value, measure.unit)} on ${formatDate(latest.date)}`
          : 'No readings yet'}
      </p>
      <p className={styles['measure-summary__link']}>
        <Link to={href}>
          Chart and readings<span className="visually-hidden"> of {measure.name}</span>
        </Link>
      </p>
    </div>
  );
}
