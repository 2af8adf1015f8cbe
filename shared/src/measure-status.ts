import type { MeasureStatus } from './measure';

export interface MeasurePath {
  baseline: number | null;
  /** Where the straight path starts; without it, the day the measure was defined. */
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
 * On track, at risk or off track: the latest reading against the value the straight path from baseline to
 * target expects on its date. Works for targets below the baseline (reduce absences, say): what counts is
 * the shortfall in the direction of the target. At risk is a shortfall of at most 10% of the whole
 * distance; more is off track. A measure without readings has no data; one with readings but without a
 * baseline, a target and a target date is not judged (there is no path to judge its readings by).
 */
export function measureStatus(path: MeasurePath, readings: readonly Reading[], definedOn: string): MeasureStatus {
  const latest = latestReading(readings);
  if (!latest) return 'no_data';
  if (path.baseline === null || path.target === null || path.targetDate === null) return 'not_judged';
  const full = {
    baseline: path.baseline,
    target: path.target,
    targetDate: path.targetDate,
    baselineDate: path.baselineDate ?? definedOn,
  };
  const distance = Math.abs(full.target - full.baseline);
  if (distance === 0) {
    // Hold the line: anything at or beyond the target is on track.
    const shortfall = (full.target - latest.value) / Math.max(Math.abs(full.target), 1);
    return shortfall <= 0 ? 'on_track' : shortfall <= atRiskTolerance + 1e-9 ? 'at_risk' : 'off_track';
  }
  const direction = Math.sign(full.target - full.baseline);
  const shortfall = (direction * (expectedValue(full, latest.date) - latest.value)) / distance;
  if (shortfall <= 1e-9) return 'on_track';
  return shortfall <= atRiskTolerance + 1e-9 ? 'at_risk' : 'off_track';
}
