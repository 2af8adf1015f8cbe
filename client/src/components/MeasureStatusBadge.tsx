import { measureStatusLabels, type MeasureStatus } from '@planner/shared/measure';

/** The status in words, with a symbol and a border for those who cannot tell the colours apart. */
export function MeasureStatusBadge({ status }: { status: MeasureStatus }) {
  return (
    <span className={`status-badge measure-status measure-status--${status}`}>
      <span className="measure-status__symbol" aria-hidden="true">
        {status === 'on_track' ? '✓' : status === 'at_risk' ? '!' : status === 'off_track' ? '✕' : '–'}
      </span>{' '}
      {measureStatusLabels[status]}
    </span>
  );
}
