import {
  asSentence,
  asShown,
  countOf,
  formatCents,
  formatDate,
  formatDateTime,
  formatLongDate,
  formatMonth,
  formatNumber,
  formatTime,
  formatWithUnit,
  isoDateTimeIn,
  isoDayIn,
  latestTodayIso,
  quotedAtSentenceEnd,
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

  it('end a sentence on quoted words with one full stop, theirs or ours', () => {
    expect(quotedAtSentenceEnd('Adopted in June')).toBe('“Adopted in June”.');
    expect(quotedAtSentenceEnd('Adopted in June.')).toBe('“Adopted in June.”');
    expect(quotedAtSentenceEnd('Adopted?')).toBe('“Adopted?”');
    expect(quotedAtSentenceEnd('It said “yes!”')).toBe('“It said “yes!””');
    expect(quotedAtSentenceEnd('Ms. Ortega (Jr.)')).toBe('“Ms. Ortega (Jr.)”');
  });

  it('end words as a sentence once: a full stop unless they end in . ! or ? already', () => {
    expect(['Waiting for your review', 'Ready?', 'Approved!', 'Done.'].map(asSentence)).toEqual([
      'Waiting for your review.',
      'Ready?',
      'Approved!',
      'Done.',
    ]);
  });

  it('round a number to what formatNumber shows of it', () => {
    for (const value of [51.3407, 51.335, 1.005, 2.675, -1.005, 0.125, 1234.5678, 7]) {
      expect([value, asShown(value)]).toEqual([value, Number(formatNumber(value).replace(/,/g, ''))]);
    }
  });

  it('know today where the person is, and the latest today anywhere', () => {
    const lateEvening = new Date('2026-10-15T23:30:00Z');
    expect(todayIso('America/Los_Angeles', lateEvening)).toBe('2026-10-15');
    expect(todayIso('Asia/Tokyo', lateEvening)).toBe('2026-10-16');
    expect(latestTodayIso(lateEvening)).toBe('2026-10-16');
  });

  it('date a moment by the day and time of a district, its zone named', () => {
    expect(isoDayIn('2026-11-30T07:10:00.000Z', 'Pacific/Honolulu')).toBe('2026-11-29');
    expect(isoDayIn('2026-11-30T07:10:00.000Z', 'America/Chicago')).toBe('2026-11-30');
    expect(isoDateTimeIn('2026-11-30T07:10:00.000Z', 'Pacific/Honolulu')).toBe('2026-11-29 21:10 HST');
    expect(isoDateTimeIn(new Date('2026-07-01T05:05:00Z'), 'America/Chicago')).toBe('2026-07-01 00:05 CDT');
  });

  it('write calendar days and whole numbers exactly as Intl writes them for en-US, without loading its data', () => {
    const medium = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
    const long = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });
    const month = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
    // Every day of thirty years, leap days included.
    for (let day = Date.UTC(2000, 0, 1); day <= Date.UTC(2030, 11, 31); day += 86_400_000) {
      const date = new Date(day);
      const iso = date.toISOString().slice(0, 10);
      expect([formatDate(iso), formatLongDate(iso), formatMonth(iso)]).toEqual([
        medium.format(date),
        long.format(date),
        month.format(date),
      ]);
    }
    const numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
    const wholes = [
      0,
      1,
      -1,
      7,
      999,
      -999,
      1000,
      -1000,
      12_345,
      999_999,
      1_000_000,
      -7_654_321,
      Number.MAX_SAFE_INTEGER,
    ];
    for (const value of [...wholes, -0, 0.5, 1250.505, -3.14159, 1e21, Number.NaN, Infinity]) {
      expect(formatNumber(value)).toBe(numbers.format(value));
    }
  });

  it("know today's calendar day in the reader's own time zone", () => {
    for (const moment of ['2026-10-15T23:30:00Z', '2026-01-01T00:15:00Z', '2028-02-29T12:00:00Z']) {
      const now = new Date(moment);
      const local = now.toLocaleDateString('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });
      expect(todayIso(undefined, now)).toBe(local);
    }
  });
});
