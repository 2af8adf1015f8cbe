import { z } from 'zod';
import {
  deleteRowQuerySchema,
  isoDateSchema,
  lineSchema,
  measureNumberSchema,
  queryWholeNumberSchema,
  requiredDateSchema,
  versionSchema,
  withFieldToChange,
} from './common';
import { latestTodayIso } from './format';
import { formatFieldValue, rowMetaSchema, stageTables } from './stage-tables';

/**
 * Measures of success (stage 3): a stage table whose rows also carry readings over time and a status on
 * the straight path from baseline to target (measure-status.ts).
 */

/**
 * `not_judged`: readings, but no path to judge them by (a baseline, a target and both their dates), or a baseline
 * equal to the target; `no_data`: no readings.
 */
export const measureStatuses = ['on_track', 'at_risk', 'off_track', 'not_judged', 'no_data'] as const;
export type MeasureStatus = (typeof measureStatuses)[number];
export const measureStatusLabels: Record<MeasureStatus, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  not_judged: 'Not judged',
  no_data: 'No data',
};

/** Readings are of what has happened: dated today or earlier, wherever the person is. */
const readingDate = requiredDateSchema.refine((date) => date <= latestTodayIso(), {
  error: 'must be today or earlier: a reading records what has happened',
  // Only a real date: one message per mistake.
  when: (payload) => payload.issues.length === 0,
});
const readingValue = measureNumberSchema;
const readingNote = lineSchema(1000);

export const measureReadingFields = z.object({ date: readingDate, value: readingValue, note: readingNote.default('') });
export type MeasureReadingInput = z.input<typeof measureReadingFields>;

/** The words people see for a reading's fields. */
export const readingFieldLabels = { date: 'Date', value: 'Value', note: 'Note' } as const;

export const measureReadingSchema = z
  .object({ date: isoDateSchema, value: z.number(), note: z.string() })
  .extend(rowMetaSchema.shape)
  .meta({ id: 'MeasureReading' });
export type MeasureReading = z.infer<typeof measureReadingSchema>;

export const createMeasureReadingSchema = measureReadingFields.meta({
  id: 'CreateMeasureReading',
  example: { date: '2026-06-01', value: 52, note: 'Spring state assessment' },
});
export const updateMeasureReadingSchema = withFieldToChange(
  z.object({
    date: readingDate.optional(),
    value: readingValue.optional(),
    note: readingNote.optional(),
    version: versionSchema,
  }),
).meta({ id: 'UpdateMeasureReading', example: { value: 53, version: 1 } });
export type UpdateMeasureReading = z.infer<typeof updateMeasureReadingSchema>;

/** A measure as the API answers it: its fields, its readings (oldest first), the latest one and its status. */
export const measureSchema = stageTables.measures.schema
  .extend(rowMetaSchema.shape)
  .extend({
    readings: z.array(measureReadingSchema),
    status: z.enum(measureStatuses),
    latestReading: measureReadingSchema.nullable(),
  })
  .meta({ id: 'Measure' });
export type Measure = z.infer<typeof measureSchema>;

/** A measure's target in words, with the side of it that is good once a direction is set: "at or below 12%". */
export const targetInWords = (measure: Pick<Measure, 'target' | 'unit' | 'direction'>): string =>
  formatFieldValue(stageTables.measures.fields.target, measure.target, measure);

const addDays = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** The same day some months later, or the month's last day when it is shorter (Jan 31 + 1 month is Feb 28). */
const addMonths = (isoDate: string, months: number) => {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay))).toISOString().slice(0, 10);
};

/** A date some way along how often a measure is collected; null for 'other', which has no rhythm. */
function afterInterval(frequency: Measure['frequency'], date: string): string | null {
  switch (frequency) {
    case 'weekly':
      return addDays(date, 7);
    case 'monthly':
      return addMonths(date, 1);
    case 'quarterly':
      return addMonths(date, 3);
    case 'semester':
      return addMonths(date, 6);
    case 'annually':
      return addMonths(date, 12);
    case 'other':
      return null;
  }
}

/**
 * When a measure's next reading is due: its last reading plus how often it is collected. The first is due
 * that long after the baseline date, but never before the plan's school year begins (`yearStart`, July 1: a
 * baseline measured last spring, or a long-term measure's kept in a copy, owes nothing in the plan before
 * its year); without a baseline date, that long after the year begins.
 */
export function nextReadingDue(
  measure: Pick<Measure, 'frequency' | 'readings' | 'baselineDate'>,
  yearStart: string,
): string | null {
  const last = measure.readings.at(-1)?.date;
  if (last) return afterInterval(measure.frequency, last);
  if (!measure.baselineDate) return afterInterval(measure.frequency, yearStart);
  const first = afterInterval(measure.frequency, measure.baselineDate);
  return first && first < yearStart ? yearStart : first;
}

/**
 * Removing a measure names its version, how many readings the page showed and when the latest of them last
 * changed: a reading recorded, corrected or removed since changes no version of the measure, and is not
 * removed with it unseen.
 */
export const deleteMeasureQuerySchema = deleteRowQuerySchema.extend({
  readings: queryWholeNumberSchema(0, 'send how many readings of the measure you saw'),
  readingsChangedAt: z.iso
    .datetime({ offset: true, error: 'must be the latest updatedAt of the readings you saw, as the API gave it' })
    .optional()
    .meta({
      description:
        'The latest `updatedAt` of the readings you saw (none without readings): with it, a reading corrected since also stops the removal.',
    }),
});
export type DeleteMeasureQuery = z.infer<typeof deleteMeasureQuerySchema>;
