import { latestReading, measureStatus } from '@planner/shared/measure-status';
import type { Measure, MeasureReading } from '@planner/shared/measure';
import { toIsoDate, toIsoDateTime } from '../../db/values';
import type { ReadingRow } from './repo';

export function presentReading(row: ReadingRow): MeasureReading {
  return {
    id: row.id,
    date: toIsoDate(row.date)!,
    value: Number(row.value),
    note: row.note,
    version: row.version,
    updatedAt: toIsoDateTime(row.updated_at),
  };
}

/** A measure with its readings (oldest first), its latest reading and its status on the straight path. */
export function presentMeasure(
  fields: Omit<Measure, 'readings' | 'status' | 'latestReading'>,
  readingRows: ReadingRow[],
): Measure {
  const readings = readingRows.map(presentReading);
  return {
    ...fields,
    readings,
    latestReading: latestReading(readings) ?? null,
    status: measureStatus(fields, readings),
  };
}
