import { nextReadingDue } from './measure';

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
  it('counts from the last reading by how often it is collected', () => {
    expect(nextReadingDue(measure('weekly', ['2026-10-01', '2026-10-28']))).toBe('2026-11-04');
    expect(nextReadingDue(measure('monthly', ['2026-10-15']))).toBe('2026-11-15');
    expect(nextReadingDue(measure('quarterly', ['2026-11-30']))).toBe('2027-02-28');
    expect(nextReadingDue(measure('semester', ['2026-09-01']))).toBe('2027-03-01');
    expect(nextReadingDue(measure('annually', ['2024-02-29']))).toBe('2025-02-28');
  });

  it('counts from the baseline before the first reading, and not at all without a date or a rhythm', () => {
    expect(nextReadingDue(measure('monthly', [], '2026-01-31'))).toBe('2026-02-28');
    expect(nextReadingDue(measure('monthly', []))).toBeNull();
    expect(nextReadingDue(measure('other', ['2026-10-01']))).toBeNull();
  });

  it("counts the first reading from the later of the baseline and the school year's start", () => {
    expect(nextReadingDue(measure('monthly', [], '2026-09-01'), '2027-07-01')).toBe('2027-08-01');
    expect(nextReadingDue(measure('monthly', [], '2027-09-01'), '2027-07-01')).toBe('2027-10-01');
    expect(nextReadingDue(measure('monthly', ['2027-07-15'], '2026-09-01'), '2027-07-01')).toBe('2027-08-15');
    expect(nextReadingDue(measure('monthly', []), '2027-07-01')).toBeNull();
  });
});
