import {
  expectedValue,
  latestReading,
  measureStatus,
  missingForPath,
  notJudgedReason,
} from '@planner/shared/measure-status';
import { targetInWords, type Measure, type MeasureReading, type MeasureStatus } from '@planner/shared/measure';
import { formatDate, formatWithUnit, listOf } from '@planner/shared/format';

/** The readings, oldest first. */
export function readingsByDate(measure: Pick<Measure, 'readings'>): MeasureReading[] {
  return [...measure.readings].sort((a, b) => a.date.localeCompare(b.date));
}

/** The status as the page shows it now, unsaved edits and new readings included: the server's own rule. */
export function liveMeasureStatus(measure: Measure): MeasureStatus {
  return measureStatus(measure, measure.readings);
}

/** The value the straight path expects on a day, when baseline, target and both dates are set. */
export function expectedOn(measure: Measure, date: string): number | null {
  const { baseline, baselineDate, target, targetDate } = measure;
  if (baseline === null || baselineDate === null || target === null || targetDate === null) return null;
  return expectedValue({ baseline, baselineDate, target, targetDate }, date);
}

/** One line on why the measure has its status: "Latest reading 38 on Mar 2, 2027; the path expects 50 by then." */
export function explainStatus(measure: Measure): string {
  const latest = latestReading(measure.readings);
  if (!latest) return 'No readings yet: add one to see whether the measure is on track.';
  const reading = `Latest reading ${formatWithUnit(latest.value, measure.unit)} on ${formatDate(latest.date)}`;
  const { baseline, baselineDate, target, targetDate } = measure;
  if (baseline === null || baselineDate === null || target === null || targetDate === null) {
    return `${reading}; add ${listOf(missingForPath(measure))} to judge it against the path.`;
  }
  const unjudged = notJudgedReason(measure);
  if (unjudged !== null) return `${reading}; ${unjudged}.`;
  if (baseline === target) return `${reading}; the aim is to keep it ${targetInWords(measure)}.`;
  const expected = expectedValue({ baseline, baselineDate, target, targetDate }, latest.date);
  return `${reading}; the path expects ${formatWithUnit(expected, measure.unit)} by then.`;
}
