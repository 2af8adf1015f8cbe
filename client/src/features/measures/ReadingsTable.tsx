import type { Measure, MeasureReading } from '@planner/shared/measure';
import { ScrollRegion } from '../../components/ScrollRegion';
import { formatDate, formatWithUnit } from '@planner/shared/format';
import { listItemProps } from '../../lib/list-news';
import { expectedOn, readingsByDate } from './measure-status-text';
import styles from './measures.module.css';

interface ReadingsTableProps {
  measure: Measure;
  /** Offered to administrators: correct or remove a reading. */
  onEdit?: (reading: MeasureReading) => void;
  onRemove?: (reading: MeasureReading) => void;
  /** Whether to give what the straight path expects on each reading's day (a share link's table, as its PDF, does not). */
  pathColumn?: boolean;
}

/** Every reading as text: what the chart shows, for anyone who does not see it. */
export function ReadingsTable({ measure, onEdit, onRemove, pathColumn = true }: ReadingsTableProps) {
  const readings = readingsByDate(measure);
  const canChange = onEdit !== undefined || onRemove !== undefined;
  if (readings.length === 0) return <p className="muted">No readings yet.</p>;
  return (
    <ScrollRegion label={`Readings of ${measure.name}`}>
      <table className="data-table readings-table">
        <caption>Readings of {measure.name}, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Value</th>
            {pathColumn ? <th scope="col">The path expects</th> : null}
            <th scope="col">Note</th>
            {canChange ? (
              <th scope="col">
                <span className="visually-hidden">Change</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {readings.map((reading) => {
            const expected = expectedOn(measure, reading.date);
            const day = formatDate(reading.date);
            return (
              <tr key={reading.id} {...listItemProps(reading.id)}>
                <th scope="row">{day}</th>
                <td>{formatWithUnit(reading.value, measure.unit)}</td>
                {pathColumn ? <td>{expected === null ? '—' : formatWithUnit(expected, measure.unit)}</td> : null}
                <td>{reading.note}</td>
                {canChange ? (
                  <td>
                    <div className={styles['data-table__actions']}>
                      {onEdit ? (
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          onClick={() => onEdit(reading)}
                          data-edit-reading={reading.id}
                        >
                          Edit<span className="visually-hidden"> the reading of {day}</span>
                        </button>
                      ) : null}
                      {onRemove ? (
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          onClick={() => onRemove(reading)}
                        >
                          Remove<span className="visually-hidden"> the reading of {day}</span>
                        </button>
                      ) : null}
                    </div>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
