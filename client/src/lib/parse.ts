/**
 * The one parser of what people type: numbers, dollars (to exact whole cents, no floating point) and
 * school years. Messages follow the field's label: "Amount a year" + "must be an amount in dollars, ...".
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const numberMessage = 'must be a number, such as 42 or 3.5';
const decimalCommaMessage =
  'must be a number with a point for decimals, such as 45.5; commas go only between thousands (1,250)';
const wholeNumberMessage = 'must be a whole number, such as 3';
const wholeNumberCommaMessage = 'must be a whole number, such as 3; commas go only between thousands (1,200)';
const dollarsMessage = 'must be an amount in dollars, such as 125,000.50';

/**
 * The text without its thousands separators, or null when a comma stands anywhere else: "45,5" is a
 * decimal comma, and dropping it would read 455.
 */
function withoutThousandsCommas(text: string): string | null {
  if (!text.includes(',')) return text;
  return /^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/.test(text) ? text.replace(/,/g, '') : null;
}

/** A number as people type it ("1,250.5", "-3"); empty is null. */
export function parseNumber(text: string): Parsed<number | null> {
  const trimmed = withoutThousandsCommas(text.trim());
  if (trimmed === null) return { ok: false, message: decimalCommaMessage };
  if (trimmed === '') return { ok: true, value: null };
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(trimmed)) return { ok: false, message: numberMessage };
  return { ok: true, value: Number(trimmed) };
}

/** A count ("1,200"); empty is null. */
export function parseWholeNumber(text: string): Parsed<number | null> {
  const trimmed = withoutThousandsCommas(text.trim());
  if (trimmed === null) return { ok: false, message: wholeNumberCommaMessage };
  if (trimmed === '') return { ok: true, value: null };
  if (!/^\d+$/.test(trimmed)) return { ok: false, message: wholeNumberMessage };
  return { ok: true, value: Number(trimmed) };
}

/** A percentage, with or without its sign ("20", "12.5%"); empty is null. */
export function parsePercent(text: string): Parsed<number | null> {
  return parseNumber(text.trim().replace(/%$/, ''));
}

/** Dollars as people type them ("$125,000.50", "125000") to whole cents, counted without floating point. */
export function parseDollars(text: string): Parsed<number | null> {
  const trimmed = text.trim().replace(/^\$\s*/, '');
  if (trimmed === '') return { ok: true, value: null };
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{0,2}))?$/.exec(trimmed);
  if (!match) return { ok: false, message: dollarsMessage };
  const dollars = Number((match[1] ?? '0').replace(/,/g, ''));
  const cents = Number((match[2] ?? '').padEnd(2, '0'));
  return { ok: true, value: dollars * 100 + cents };
}

/** "2026-27, 2027-28" to a list; each year is checked by the shared schema. */
export function parseSchoolYears(text: string): string[] {
  return text.split(/[\s,;]+/).filter((year) => year !== '');
}
