import { expectedValue, latestReading, measureStatus } from './measure-status';

// From 40 on 1 Sep 2026 to 60 on 1 Sep 2027: the path expects 50 on 2 Mar 2027, half-way.
const rising = { baseline: 40, baselineDate: '2026-09-01', target: 60, targetDate: '2027-09-01' };
const halfway = '2027-03-02';

describe('measureStatus', () => {
  it('has no data without readings', () => {
    expect(measureStatus(rising, [], '2026-09-01')).toBe('no_data');
  });

  it('is not judged with readings but without a baseline, a target or a target date', () => {
    const readings = [{ date: halfway, value: 55 }];
    expect(measureStatus({ ...rising, baseline: null }, readings, '2026-09-01')).toBe('not_judged');
    expect(measureStatus({ ...rising, target: null }, readings, '2026-09-01')).toBe('not_judged');
    expect(measureStatus({ ...rising, targetDate: null }, readings, '2026-09-01')).toBe('not_judged');
  });

  it('is on track when the latest reading is at or above the path', () => {
    expect(measureStatus(rising, [{ date: halfway, value: 50 }], '2026-09-01')).toBe('on_track');
    expect(measureStatus(rising, [{ date: halfway, value: 57 }], '2026-09-01')).toBe('on_track');
  });

  it('is at risk when it falls short of the path by at most 10% of the distance', () => {
    // 10% of 20 points is 2: 48 is exactly at the edge, 48.5 inside it.
    expect(measureStatus(rising, [{ date: halfway, value: 48.5 }], '2026-09-01')).toBe('at_risk');
    expect(measureStatus(rising, [{ date: halfway, value: 48 }], '2026-09-01')).toBe('at_risk');
  });

  it('is off track when it falls further short', () => {
    expect(measureStatus(rising, [{ date: halfway, value: 47.9 }], '2026-09-01')).toBe('off_track');
  });

  it('judges by the latest reading by date, not by the order given', () => {
    const readings = [
      { date: halfway, value: 42 },
      { date: '2026-10-01', value: 60 },
    ];
    expect(latestReading(readings)).toEqual({ date: halfway, value: 42 });
    expect(measureStatus(rising, readings, '2026-09-01')).toBe('off_track');
  });

  it('works when the target is below the baseline (a measure to reduce)', () => {
    const falling = { baseline: 20, baselineDate: '2026-09-01', target: 10, targetDate: '2027-09-01' }; // expects 15 half-way
    expect(measureStatus(falling, [{ date: halfway, value: 14 }], '2026-09-01')).toBe('on_track');
    expect(measureStatus(falling, [{ date: halfway, value: 15.8 }], '2026-09-01')).toBe('at_risk');
    expect(measureStatus(falling, [{ date: halfway, value: 18 }], '2026-09-01')).toBe('off_track');
  });

  it('expects the target itself after the target date, and the baseline before the baseline date', () => {
    expect(expectedValue(rising, '2028-01-01')).toBe(60);
    expect(expectedValue(rising, '2026-01-01')).toBe(40);
    expect(measureStatus(rising, [{ date: '2028-01-01', value: 59 }], '2026-09-01')).toBe('at_risk');
    expect(measureStatus(rising, [{ date: '2026-06-01', value: 40 }], '2026-09-01')).toBe('on_track');
  });

  it('starts the path on the day the measure was defined when no baseline date is given', () => {
    const undated = { ...rising, baselineDate: null };
    expect(measureStatus(undated, [{ date: halfway, value: 50 }], '2026-09-01')).toBe('on_track');
    expect(measureStatus(undated, [{ date: halfway, value: 45 }], '2026-09-01')).toBe('off_track');
  });

  it('when target equals baseline, holding the line is on track and falling below is not', () => {
    const hold = { baseline: 95, baselineDate: '2026-09-01', target: 95, targetDate: '2027-06-01' };
    expect(measureStatus(hold, [{ date: halfway, value: 96 }], '2026-09-01')).toBe('on_track');
    expect(measureStatus(hold, [{ date: halfway, value: 90 }], '2026-09-01')).toBe('at_risk');
    expect(measureStatus(hold, [{ date: halfway, value: 80 }], '2026-09-01')).toBe('off_track');
  });

  it('counts a shortfall of exactly 10% as at risk, whatever the rounding', () => {
    // 63.3 on the target date of a path from 48 to 65 falls short by 1.7, exactly 10% of 17.
    const path = { baseline: 48, baselineDate: '2026-09-01', target: 65, targetDate: '2027-09-01' };
    expect(measureStatus(path, [{ date: '2027-09-01', value: 63.3 }], '2026-09-01')).toBe('at_risk');
  });
});
