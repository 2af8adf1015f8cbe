import { expectedValue, latestReading, measureStatus, missingForPath, notJudgedReason } from './measure-status';

// From 40 on 1 Sep 2026 to 60 on 1 Sep 2027: the path expects 50 on 2 Mar 2027, half-way.
const rising = { baseline: 40, baselineDate: '2026-09-01', target: 60, targetDate: '2027-09-01', direction: null };
const halfway = '2027-03-02';

describe('measureStatus', () => {
  it('has no data without readings', () => {
    expect(measureStatus(rising, [])).toBe('no_data');
  });

  it('is not judged with readings but without a baseline, a target or a target date', () => {
    const readings = [{ date: halfway, value: 55 }];
    expect(measureStatus({ ...rising, baseline: null }, readings)).toBe('not_judged');
    expect(measureStatus({ ...rising, target: null }, readings)).toBe('not_judged');
    expect(measureStatus({ ...rising, targetDate: null }, readings)).toBe('not_judged');
  });

  it('is on track when the latest reading is at or above the path', () => {
    expect(measureStatus(rising, [{ date: halfway, value: 50 }])).toBe('on_track');
    expect(measureStatus(rising, [{ date: halfway, value: 57 }])).toBe('on_track');
  });

  it('is at risk when it falls short of the path by at most 10% of the distance', () => {
    // 10% of 20 points is 2: 48 is exactly at the edge, 48.5 inside it.
    expect(measureStatus(rising, [{ date: halfway, value: 48.5 }])).toBe('at_risk');
    expect(measureStatus(rising, [{ date: halfway, value: 48 }])).toBe('at_risk');
  });

  it('is off track when it falls further short', () => {
    expect(measureStatus(rising, [{ date: halfway, value: 47.9 }])).toBe('off_track');
  });

  it('judges by the latest reading by date, not by the order given', () => {
    const readings = [
      { date: halfway, value: 42 },
      { date: '2026-10-01', value: 60 },
    ];
    expect(latestReading(readings)).toEqual({ date: halfway, value: 42 });
    expect(measureStatus(rising, readings)).toBe('off_track');
  });

  it('works when the target is below the baseline (a measure to reduce)', () => {
    const falling = { ...rising, baseline: 20, target: 10 }; // expects 15 half-way
    expect(measureStatus(falling, [{ date: halfway, value: 14 }])).toBe('on_track');
    expect(measureStatus(falling, [{ date: halfway, value: 15.8 }])).toBe('at_risk');
    expect(measureStatus(falling, [{ date: halfway, value: 18 }])).toBe('off_track');
  });

  it('expects the target itself after the target date, and the baseline before the baseline date', () => {
    expect(expectedValue(rising, '2028-01-01')).toBe(60);
    expect(expectedValue(rising, '2026-01-01')).toBe(40);
    expect(measureStatus(rising, [{ date: '2028-01-01', value: 59 }])).toBe('at_risk');
    expect(measureStatus(rising, [{ date: '2026-06-01', value: 40 }])).toBe('on_track');
  });

  it('is not judged when the baseline has no date: there is no path to judge its readings by', () => {
    const undated = { ...rising, baselineDate: null };
    expect(measureStatus(undated, [{ date: halfway, value: 50 }])).toBe('not_judged');
    expect(measureStatus(undated, [{ date: halfway, value: 45 }])).toBe('not_judged');
    expect(missingForPath(undated)).toEqual(["the baseline's date"]);
    expect(missingForPath({ ...rising, baseline: null, baselineDate: null, targetDate: null })).toEqual([
      'a baseline',
      'a baseline date',
      "the target's date",
    ]);
    expect(missingForPath(rising)).toEqual([]);
    expect(notJudgedReason(undated)).toBe("without the baseline's date there is no path to judge readings by");
    expect(notJudgedReason(rising)).toBeNull();
  });

  it('is not judged when the target equals the baseline and no direction is chosen, whichever way the readings go', () => {
    // "Teacher turnover, keep at 12% or lower": nothing says whether higher or lower is better.
    const hold = { baseline: 12, baselineDate: '2026-08-01', target: 12, targetDate: '2027-06-01', direction: null };
    expect(measureStatus(hold, [{ date: '2026-11-16', value: 20 }])).toBe('not_judged');
    expect(measureStatus(hold, [{ date: '2026-11-16', value: 10 }])).toBe('not_judged');
    expect(measureStatus(hold, [{ date: '2026-11-16', value: 12 }])).toBe('not_judged');
    expect(notJudgedReason(hold)).toBe(
      'its baseline and target are the same: choose whether higher or lower is better to judge readings by',
    );
  });

  it('judges a level to keep by its direction: on its good side or at it is on track', () => {
    // "Keep teacher turnover at 12% or lower": 10% of the level, 1.2 points above it, is still at risk.
    const hold = { baseline: 12, baselineDate: '2026-08-01', target: 12, targetDate: '2027-06-01' } as const;
    const atOrBelow = { ...hold, direction: 'lower' as const };
    expect(measureStatus(atOrBelow, [{ date: '2026-11-16', value: 12 }])).toBe('on_track');
    expect(measureStatus(atOrBelow, [{ date: '2026-11-16', value: 9.5 }])).toBe('on_track');
    expect(measureStatus(atOrBelow, [{ date: '2026-11-16', value: 13.2 }])).toBe('at_risk');
    expect(measureStatus(atOrBelow, [{ date: '2026-11-16', value: 13.3 }])).toBe('off_track');
    expect(notJudgedReason(atOrBelow)).toBeNull();
    const atOrAbove = { ...hold, direction: 'higher' as const };
    expect(measureStatus(atOrAbove, [{ date: '2026-11-16', value: 14 }])).toBe('on_track');
    expect(measureStatus(atOrAbove, [{ date: '2026-11-16', value: 11 }])).toBe('at_risk');
    expect(measureStatus(atOrAbove, [{ date: '2026-11-16', value: 10 }])).toBe('off_track');
  });

  it('counts any reading above a level of zero kept as off track', () => {
    const none = {
      baseline: 0,
      baselineDate: '2026-08-01',
      target: 0,
      targetDate: '2027-06-01',
      direction: 'lower' as const,
    };
    expect(measureStatus(none, [{ date: '2026-11-16', value: 0 }])).toBe('on_track');
    expect(measureStatus(none, [{ date: '2026-11-16', value: 1 }])).toBe('off_track');
  });

  it('judges a measure with a baseline and target apart by them, a direction set or not', () => {
    expect(measureStatus({ ...rising, direction: 'higher' }, [{ date: halfway, value: 48.5 }])).toBe('at_risk');
    expect(
      measureStatus({ ...rising, baseline: 20, target: 10, direction: 'lower' }, [{ date: halfway, value: 14 }]),
    ).toBe('on_track');
  });

  it('judges the reading against the path at the two decimals both are shown with', () => {
    // From 48 on Sep 1, 2026 to 60 on Jun 1, 2027 the path expects 51.3407 on Nov 16, shown as 51.34.
    const path = { baseline: 48, baselineDate: '2026-09-01', target: 60, targetDate: '2027-06-01', direction: null };
    expect(expectedValue(path, '2026-11-16')).toBeCloseTo(51.3407, 4);
    expect(measureStatus(path, [{ date: '2026-11-16', value: 51.34 }])).toBe('on_track');
    expect(measureStatus(path, [{ date: '2026-11-16', value: 51.336 }])).toBe('on_track');
    expect(measureStatus(path, [{ date: '2026-11-16', value: 51.33 }])).toBe('at_risk');
  });

  it('counts a shortfall of exactly 10% as at risk, whatever the rounding', () => {
    // 63.3 on the target date of a path from 48 to 65 falls short by 1.7, exactly 10% of 17.
    const path = { baseline: 48, baselineDate: '2026-09-01', target: 65, targetDate: '2027-09-01', direction: null };
    expect(measureStatus(path, [{ date: '2027-09-01', value: 63.3 }])).toBe('at_risk');
  });
});
