import { measureStatus, latestReading } from '@planner/shared/measure-status';
import type { Measure, MeasureReading } from '@planner/shared/measure';
import type { StageTableName } from '@planner/shared/stage-tables';
import type { PlanTables } from '@planner/shared/plan';
import { toIsoDate, toIsoDateTime } from '../../db/values';
import { presentRow, type DbRow } from './columns';
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
export function presentMeasure(row: DbRow, readingRows: ReadingRow[]): Measure {
  const fields = presentRow('measures', row) as unknown as Omit<Measure, 'readings' | 'status' | 'latestReading'>;
  const readings = readingRows.map(presentReading);
  const definedOn = toIsoDateTime(row.created_at).slice(0, 10);
  return {
    ...fields,
    readings,
    latestReading: latestReading(readings) ?? null,
    status: measureStatus(fields, readings, definedOn),
  };
}

export function presentTables(rows: Record<StageTableName, DbRow[]>, readings: ReadingRow[]): PlanTables {
  const present = (name: Exclude<StageTableName, 'measures'>) => rows[name].map((row) => presentRow(name, row));
  return {
    priorities: present('priorities'),
    stakeholders: present('stakeholders'),
    fundingSources: present('fundingSources'),
    dataSystems: present('dataSystems'),
    expertise: present('expertise'),
    collaborationAreas: present('collaborationAreas'),
    decisions: present('decisions'),
    partners: present('partners'),
    measures: rows.measures.map((m) =>
      presentMeasure(
        m,
        readings.filter((r) => r.measure_id === m.id),
      ),
    ),
  } as PlanTables;
}
