import { nextReadingDue, targetInWords } from './measure';
import { rowProblems } from './stage-tables';

const measure = (
  frequency: Parameters<typeof nextReadingDue>[0]['frequency'],
  dates: string[],
  baselineDate: string | null = null,
) => ({
  frequency,
  baselineDate,
  readings: dates.map((date) => ({ date })) as Parameters<typeof nextReadingDue>[0]['readings'],
});

describe('when the next reading of a measure is due', () => {
  const yearStart = '2026-07-01';
  it('counts from the last reading by how often it is collected', () => {
    expect(nextReadingDue(measure('weekly', ['2026-10-01', '2026-10-28']), yearStart)).toBe('2026-11-04');
    expect(nextReadingDue(measure('monthly', ['2026-10-15']), yearStart)).toBe('2026-11-15');
    expect(nextReadingDue(measure('quarterly', ['2026-11-30']), yearStart)).toBe('2027-02-28');
    expect(nextReadingDue(measure('semester', ['2026-09-01']), yearStart)).toBe('2027-03-01');
    expect(nextReadingDue(measure('annually', ['2024-02-29']), yearStart)).toBe('2025-02-28');
    expect(nextReadingDue(measure('other', ['2026-10-01']), yearStart)).toBeNull();
  });

  it("counts the first reading from the baseline, or without a baseline date from the school year's start", () => {
    expect(nextReadingDue(measure('monthly', [], '2027-01-31'), yearStart)).toBe('2027-02-28');
    // "PLC meetings held", monthly, no baseline, in a 2026-27 plan: due from Aug 1.
    expect(nextReadingDue(measure('monthly', []), yearStart)).toBe('2026-08-01');
    expect(nextReadingDue(measure('annually', []), yearStart)).toBe('2027-07-01');
    expect(nextReadingDue(measure('other', []), yearStart)).toBeNull();
  });

  it("never asks for the first reading before the school year begins, nor pushes it past the year's end", () => {
    // Measured in the fall before a plan made for the next year: due on the day that year begins.
    expect(nextReadingDue(measure('monthly', [], '2026-09-01'), '2027-07-01')).toBe('2027-07-01');
    expect(nextReadingDue(measure('monthly', [], '2027-09-01'), '2027-07-01')).toBe('2027-10-01');
    expect(nextReadingDue(measure('monthly', ['2027-07-15'], '2026-09-01'), '2027-07-01')).toBe('2027-08-15');
    // "Teacher retention", annual, baseline Jun 1, 2025, in a 2025-26 plan: due within that year, Jun 1, 2026.
    expect(nextReadingDue(measure('annually', [], '2025-06-01'), '2025-07-01')).toBe('2026-06-01');
  });
});

describe("a measure's direction", () => {
  const measure = { baseline: 48, target: 65, direction: 'higher', unit: '%' };

  it('refuses a direction pointing away from the target, at the field that was changed', () => {
    expect(rowProblems('measures', { ...measure, direction: 'lower' }, ['direction'])).toEqual([
      { field: 'direction', message: 'must be "Higher is better": the target is above the baseline' },
    ]);
    expect(rowProblems('measures', { ...measure, target: 40 }, ['target'])).toEqual([
      { field: 'target', message: 'must be at or above the baseline: higher is better' },
    ]);
    expect(rowProblems('measures', { ...measure, baseline: 70 }, ['baseline'])).toEqual([
      { field: 'baseline', message: 'must be at or below the target: higher is better' },
    ]);
  });

  it('takes either direction for a level to keep, and none at all', () => {
    expect(rowProblems('measures', { ...measure, target: 48, direction: 'lower' }, ['target', 'direction'])).toEqual(
      [],
    );
    expect(rowProblems('measures', { ...measure, target: 40, direction: null }, ['target'])).toEqual([]);
  });

  it('says on which side of the target readings are good', () => {
    expect(targetInWords({ target: 12, unit: '%', direction: 'lower' })).toBe('at or below 12%');
    expect(targetInWords({ target: 65, unit: '%', direction: 'higher' })).toBe('at or above 65%');
    expect(targetInWords({ target: 65, unit: 'students', direction: null })).toBe('65 students');
  });
});
