import { asShown, listOf } from './format';
import type { MeasureStatus } from './measure';
import type { MeasureDirection } from './stage-tables';

export interface MeasurePath {
  baseline: number | null;
  /** Where the straight path starts. */
  baselineDate: string | null;
  target: number | null;
  targetDate: string | null;
  /** Which readings are better; needed only when the target equals the baseline (a level to keep). */
  direction: MeasureDirection | null;
}

/** A path with every point set: where it starts and ends, and when. */
export type PathPoints = { [K in Exclude<keyof MeasurePath, 'direction'>]: NonNullable<MeasurePath[K]> };

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
export function expectedValue(path: PathPoints, date: string): number {
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
 * Why a measure with readings is not judged, in words for a sentence: "its baseline and target are the same:
 * choose whether higher or lower is better to judge readings by"; null when it can be judged.
 */
export function notJudgedReason(path: MeasurePath): string | null {
  const missing = missingForPath(path);
  if (missing.length > 0) return `without ${listOf(missing)} there is no path to judge readings by`;
  return path.baseline === path.target && path.direction === null
    ? 'its baseline and target are the same: choose whether higher or lower is better to judge readings by'
    : null;
}

/**
 * On track, at risk or off track: the latest reading against the value the straight path from baseline to
 * target expects on its date, both at the two decimals the pages show them with (a reading shown equal to
 * what the path expects is on track). Works for targets below the baseline (reduce absences, say): what
 * counts is the shortfall in the direction of the target. At risk is a shortfall of at most 10% of the
 * whole distance; more is off track. A target equal to the baseline is a level to keep, on its good side
 * as the direction says (teacher turnover at 12% or lower): at risk is then a shortfall of at most 10% of
 * the level. A measure without readings has no data; one with readings is not judged without a baseline,
 * a target and both their dates, or when its target equals its baseline and no direction is chosen.
 */
export function measureStatus(path: MeasurePath, readings: readonly Reading[]): MeasureStatus {
  const latest = latestReading(readings);
  if (!latest) return 'no_data';
  const { baseline, baselineDate, target, targetDate, direction } = path;
  if (baseline === null || baselineDate === null || target === null || targetDate === null) return 'not_judged';
  if (baseline === target && direction === null) return 'not_judged';
  const towardTarget = baseline === target ? (direction === 'higher' ? 1 : -1) : Math.sign(target - baseline);
  const distance = baseline === target ? Math.abs(target) : Math.abs(target - baseline);
  const expected = asShown(expectedValue({ baseline, baselineDate, target, targetDate }, latest.date));
  const shortfall = towardTarget * (expected - asShown(latest.value));
  if (shortfall / (distance || 1) <= 1e-9) return 'on_track';
  // Of a level of 0 kept, any shortfall is off track.
  return shortfall / distance <= atRiskTolerance + 1e-9 ? 'at_risk' : 'off_track';
}
