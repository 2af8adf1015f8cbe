import {
  countOf,
  formatCents,
  formatDate,
  formatDateTime,
  formatNumber,
  formatTime,
  formatWithUnit,
  latestTodayIso,
  todayIso,
} from './format';

describe('the formatters', () => {
  it('write calendar days as people in the US read them, whatever the time zone', () => {
    expect(formatDate('2026-10-15')).toBe('Oct 15, 2026');
    expect(formatDate('2027-03-02')).toBe('Mar 2, 2027');
    expect(formatDate('2026-12-31T23:30:00.000Z')).toBe('Dec 31, 2026');
  });

  it('write times on a 12-hour clock with AM and PM', () => {
    expect(formatTime(new Date('2026-10-15T15:05:00Z'), 'UTC')).toBe('3:05 PM');
    expect(formatDateTime('2026-10-15T09:05:00Z', 'America/Chicago')).toBe('Oct 15, 2026, 4:05 AM');
  });

  it('write money exactly, from whole cents', () => {
    expect(formatCents(123_456)).toBe('$1,234.56');
    expect(formatCents(0)).toBe('$0.00');
    expect(formatCents(10)).toBe('$0.10');
  });

  it('write numbers with a unit and counts with their noun', () => {
    expect(formatNumber(1250.5)).toBe('1,250.5');
    expect(formatWithUnit(38, '%')).toBe('38%');
    expect(formatWithUnit(12, 'students')).toBe('12 students');
    expect(countOf(1, 'item')).toBe('1 item');
    expect(countOf(1200, 'item')).toBe('1,200 items');
  });

  it('know today where the person is, and the latest today anywhere', () => {
    const lateEvening = new Date('2026-10-15T23:30:00Z');
    expect(todayIso('America/Los_Angeles', lateEvening)).toBe('2026-10-15');
    expect(todayIso('Asia/Tokyo', lateEvening)).toBe('2026-10-16');
    expect(latestTodayIso(lateEvening)).toBe('2026-10-16');
  });
});
