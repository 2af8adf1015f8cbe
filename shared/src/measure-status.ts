import { asShown, listOf } from './format';
import type { MeasureStatus } from './measure';

export interface MeasurePath {
  baseline: number | null;
  /** Where the straight path starts. */
  baselineDate: string | null;
  target: number | null;
  targetDate: string | null;
}

export interface Reading {
  date: string;
  value: number;
}

/** Shortfall, as a share of the whole distance from baseline to target, still counted as at risk. */
export const atRiskTolerance = 0.1;

const dayOf = (isoDate: string) => Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / 86_400_000;

export function latestReading<R extends Reading>(readings: readonly R[]): R | undefined {
  return readings.reduce<R | undefined>((latest, r) => (!latest || r.date >= latest.date ? r : latest), undefined);
}

/** The value the straight path from baseline to target expects on a day: baseline before it starts, target after it ends. */
export function expectedValue(
  path: Required<{ [K in keyof MeasurePath]: NonNullable<MeasurePath[K]> }>,
  date: string,
): number {
  const start = dayOf(path.baselineDate);
  const end = dayOf(path.targetDate);
  const day = dayOf(date);
  if (end <= start || day >= end) return day >= end ? path.target : path.baseline;
  if (day <= start) return path.baseline;
  return path.baseline + ((path.target - path.baseline) * (day - start)) / (end - start);
}

/**
 * What a measure lacks for a path to judge its readings by, in words for a sentence ("the baseline's date");
 * none when it has a baseline, a target and both their dates.
 */
export function missingForPath(path: MeasurePath): string[] {
  const missing: string[] = [];
  if (path.baseline === null) missing.push('a baseline');
  if (path.baselineDate === null) missing.push(path.baseline === null ? 'a baseline date' : "the baseline's date");
  if (path.target === null) missing.push('a target');
  if (path.targetDate === null) missing.push(path.target === null ? 'a target date' : "the target's date");
  return missing;
}

/**
 * Why a measure with readings is not judged, in words for a sentence: "its baseline and target are the same,
 * so there is no direction to judge readings by"; null when it can be judged.
 */
export function notJudgedReason(path: MeasurePath): string | null {
  const missing = missingForPath(path);
  if (missing.length > 0) return `without ${listOf(missing)} there is no path to judge readings by`;
  return path.baseline === path.target
    ? 'its baseline and target are the same, so there is no direction to judge readings by'
    : null;
}

/**
 * On track, at risk or off track: the latest reading against the value the straight path from baseline to
 * target expects on its date, both at the two decimals the pages show them with (a reading shown equal to
 * what the path expects is on track). Works for targets below the baseline (reduce absences, say): what
 * counts is the shortfall in the direction of the target. At risk is a shortfall of at most 10% of the
 * whole distance; more is off track. A measure without readings has no data; one with readings is not
 * judged without a baseline, a target and both their dates, or when its target equals its baseline (no
 * direction says whether a higher reading is better or worse).
 */
export function measureStatus(path: MeasurePath, readings: readonly Reading[]): MeasureStatus {
  const latest = latestReading(readings);
  if (!latest) return 'no_data';
  const { baseline, baselineDate, target, targetDate } = path;
  if (baseline === null || baselineDate === null || target === null || targetDate === null) return 'not_judged';
  if (baseline === target) return 'not_judged';
  const distance = Math.abs(target - baseline);
  const expected = asShown(expectedValue({ baseline, baselineDate, target, targetDate }, latest.date));
  const shortfall = (Math.sign(target - baseline) * (expected - asShown(latest.value))) / distance;
  if (shortfall <= 1e-9) return 'on_track';
  return shortfall <= atRiskTolerance + 1e-9 ? 'at_risk' : 'off_track';
}
