import { Link } from 'react-router';
import { latestReading } from '@planner/shared/measure-status';
import type { Measure } from '@planner/shared/measure';
import { planMeasurePath } from '../../app/paths';
import { formatDay } from '../stage-tables/format-values';
import { formatMeasureValue, liveMeasureStatus } from './measure-status-text';
import { MeasureStatusBadge } from './MeasureStatusBadge';

/** A measure's status and latest reading on its stage card, with the way to its chart and readings. */
export function MeasureSummary({ planId, measure }: { planId: string; measure: Measure }) {
  const latest = latestReading(measure.readings);
  return (
    <div className="measure-summary">
      <p className="measure-summary__status">
        <span className="measure-summary__label">Status:</span>{' '}
        <MeasureStatusBadge status={liveMeasureStatus(measure)} />
      </p>
      <p className="measure-summary__latest">
        {latest
          ? `Latest reading: ${formatMeasureValue(latest.value, measure.unit)} on ${formatDay(latest.date)}`
          : 'No readings yet'}
      </p>
      <p className="measure-summary__link">
        <Link to={planMeasurePath(planId, measure.id)}>
          Chart and readings<span className="visually-hidden"> of {measure.name}</span>
        </Link>
      </p>
    </div>
  );
}
