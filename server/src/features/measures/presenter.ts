import { latestReading, measureStatus } from '@planner/shared/measure-status';
import type { Measure, MeasureReading } from '@planner/shared/measure';
import { isoDayIn } from '@planner/shared/format';
import { toIsoDate, toIsoDateTime } from '../../db/values';
import type { DbRow } from '../stage-tables/service';
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

/**
 * A measure with its readings (oldest first), its latest reading and its status on the straight path.
 * `timeZone`: the district's, whose day the measure was defined on.
 */
export function presentMeasure(
  fields: Omit<Measure, 'readings' | 'status' | 'latestReading'>,
  row: DbRow,
  readingRows: ReadingRow[],
  timeZone: string,
): Measure {
  const readings = readingRows.map(presentReading);
  // Without a baseline date the path starts on the day the measure was defined, where the district is.
  const definedOn = isoDayIn(toIsoDateTime(row.created_at), timeZone);
  return {
    ...fields,
    readings,
    latestReading: latestReading(readings) ?? null,
    status: measureStatus(fields, readings, definedOn),
  };
}
