/**
 * The one set of formatters: dates, times, numbers and money as people in US districts read them
 * ("Oct 15, 2026", "3:05 PM", "$1,250.00"). The pages, the PDF and the CSV all use these.
 */

/**
 * Calendar days and whole numbers are written here, without Intl: a browser's first Intl formatter loads its
 * locale data, some 20-50 ms on a laptop and four times that on a phone, in the middle of building the first
 * page. What they write is what Intl writes for en-US (format.test.ts compares the two). Times, money and
 * fractions go through Intl, each formatter made on its first use.
 */
function lazily<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

/** The most decimals a number is shown with. */
const shownDecimals = 2;
const numbers = lazily(() => new Intl.NumberFormat('en-US', { maximumFractionDigits: shownDecimals }));
const ungroupedNumbers = lazily(
  () => new Intl.NumberFormat('en-US', { maximumFractionDigits: shownDecimals, useGrouping: false }),
);
const dollars = lazily(() => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }));

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
const monthName = (date: Date) => monthNames[date.getUTCMonth()] ?? '';
const shortMonthName = (date: Date) => monthName(date).slice(0, 3);
const pad2 = (value: number) => String(value).padStart(2, '0');

/** A calendar day (YYYY-MM-DD, or a timestamp whose date part is meant) read as UTC, so no time zone moves it. */
function utcDay(isoDate: string): Date | null {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "Oct 15, 2026" from 2026-10-15. */
export function formatDate(isoDate: string): string {
  const date = utcDay(isoDate);
  return date ? `${shortMonthName(date)} ${String(date.getUTCDate())}, ${String(date.getUTCFullYear())}` : isoDate;
}

/** "October 15, 2026" from 2026-10-15, for a title page. */
export function formatLongDate(isoDate: string): string {
  const date = utcDay(isoDate);
  return date ? `${monthName(date)} ${String(date.getUTCDate())}, ${String(date.getUTCFullYear())}` : isoDate;
}

/** "Oct 2026", for the ticks of a chart's time axis. */
export function formatMonth(isoDate: string): string {
  const date = utcDay(isoDate);
  return date ? `${shortMonthName(date)} ${String(date.getUTCFullYear())}` : isoDate;
}

/** "3:05 PM" in the reader's time zone (or the one given). */
export function formatTime(moment: Date | string, timeZone?: string): string {
  const date = new Date(moment);
  if (Number.isNaN(date.getTime())) return String(moment);
  return date.toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit', timeZone });
}

/**
 * "Oct 15, 2026, 3:05 PM CDT": a moment in a time zone named with it, for text read elsewhere than the app
 * (an email, a log line), where the reader's own zone is not known. To the second ("3:05:09 PM") where
 * moments of one minute are told apart.
 */
export function formatDateTimeIn(moment: Date | string, timeZone: string, toSecond = false): string {
  const date = new Date(moment);
  if (Number.isNaN(date.getTime())) return String(moment);
  return date.toLocaleString('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    ...(toSecond ? { second: '2-digit' } : {}),
    timeZone,
    timeZoneName: 'short',
  });
}

/**
 * "Oct 15, 2026, 3:05 PM" in the reader's time zone (or the one given): when someone did something. To the
 * second ("3:05:09 PM") where moments of one minute are told apart.
 */
export function formatDateTime(moment: Date | string, timeZone?: string, toSecond = false): string {
  const date = new Date(moment);
  if (Number.isNaN(date.getTime())) return String(moment);
  return date.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: toSecond ? 'medium' : 'short', timeZone });
}

/** "1,250.5": at most two decimals. */
export function formatNumber(value: number): string {
  // A whole number is its digits in groups of three, as Intl writes it (-0 is left to Intl: "-0").
  if (Number.isSafeInteger(value) && !Object.is(value, -0)) {
    const digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return value < 0 ? `-${digits}` : digits;
  }
  return numbers().format(value);
}

/**
 * A number as `formatNumber` shows it: 51.3407 is 51.34. Intl rounds the number as written (1.005 is 1.01),
 * where toFixed rounds the binary value (1.00499... is 1.00).
 */
export const asShown = (value: number): number => Number(ungroupedNumbers().format(value));

/** "$1,234.56" from 123456 cents; money is whole cents everywhere. */
export function formatCents(cents: number): string {
  return dollars().format(cents / 100);
}

/** "38%", "12 students": a value with its unit. */
export function formatWithUnit(value: number, unit: string): string {
  const trimmed = unit.trim();
  if (trimmed === '') return formatNumber(value);
  return trimmed === '%' ? `${formatNumber(value)}%` : `${formatNumber(value)} ${trimmed}`;
}

const conjunction = new Intl.ListFormat('en-US', { type: 'conjunction' });

/** "North", "North and South", "North, South, and East". */
export function listOf(items: readonly string[]): string {
  return conjunction.format(items);
}

/** Words that end a sentence already: in . ! ? or …, perhaps inside closing quotes or brackets. */
const endsSentence = /[.!?…]["'”’)\]]*$/;

/** Words said as a sentence: a full stop at the end, unless they end one already ("Ready?", "Done."). */
export const asSentence = (words: string): string => (endsSentence.test(words) ? words : `${words}.`);

/**
 * Someone's words quoted at the end of a sentence, with the full stop after them unless their words end a
 * sentence already: “In June”. but “In June.” (never “In June.”.).
 */
export function quotedAtSentenceEnd(text: string): string {
  return endsSentence.test(text) ? `“${text}”` : `“${text}”.`;
}

/** "1 item", "4 items". */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(count)} ${count === 1 ? singular : plural}`;
}

/** Today's calendar day as YYYY-MM-DD, in the reader's time zone (or the one given). */
export function todayIso(timeZone?: string, now: Date = new Date()): string {
  if (timeZone === undefined) {
    return `${String(now.getFullYear())}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}`;
  }
  // en-CA writes dates as YYYY-MM-DD.
  return now.toLocaleDateString('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
}

/**
 * The calendar day (YYYY-MM-DD) of a moment where the time zone is: a decision at 07:10 UTC on Nov 30 was made
 * on Nov 29 in Honolulu.
 */
export const isoDayIn = (moment: Date | string, timeZone: string): string => todayIso(timeZone, new Date(moment));

const dateTimeParts = new Map<string, Intl.DateTimeFormat>();

/**
 * "2026-11-29 21:10 HST": a moment as the date and 24-hour time where the time zone is, with the zone named,
 * for a spreadsheet (it sorts as text, and its day is the district's).
 */
export function isoDateTimeIn(moment: Date | string, timeZone: string): string {
  const date = new Date(moment);
  if (Number.isNaN(date.getTime())) return String(moment);
  let format = dateTimeParts.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    dateTimeParts.set(timeZone, format);
  }
  const part = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute} ${part.timeZoneName}`;
}

/**
 * The latest calendar day it is anywhere on Earth (UTC+14): a date a person may call "today" wherever
 * they are. A reading dated after it is in the future for everyone.
 */
export function latestTodayIso(now: Date = new Date()): string {
  return new Date(now.getTime() + 14 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
