const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** "2 Mar 2027" from 2027-03-02; read as UTC so that no time zone moves the day. */
export function formatDay(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : dayFormat.format(date);
}

/** "1,250.5": at most two decimals. */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** Today on this device, as YYYY-MM-DD. */
export function todayIso(): string {
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** A number as people type it ("1,250.5", "-3"); empty is null. */
export function parseNumber(text: string): Parsed<number | null> {
  const trimmed = text.trim().replace(/,/g, '');
  if (trimmed === '') return { ok: true, value: null };
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(trimmed)) return { ok: false, message: 'must be a number, such as 42 or 3.5' };
  return { ok: true, value: Number(trimmed) };
}

/** Dollars as people type them ("$125,000.50", "125000") to whole cents, counted without floating point. */
export function parseDollars(text: string): Parsed<number | null> {
  const trimmed = text.trim().replace(/^\$\s*/, '');
  if (trimmed === '') return { ok: true, value: null };
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{0,2}))?$/.exec(trimmed);
  if (!match) return { ok: false, message: 'must be an amount in dollars, such as 125,000.50' };
  const dollars = Number((match[1] ?? '0').replace(/,/g, ''));
  const cents = Number((match[2] ?? '').padEnd(2, '0'));
  return { ok: true, value: dollars * 100 + cents };
}

/** "2026-27, 2027-28" to a list; each year is checked by the shared schema. */
export function parseSchoolYears(text: string): string[] {
  return text.split(/[\s,;]+/).filter((year) => year !== '');
}
