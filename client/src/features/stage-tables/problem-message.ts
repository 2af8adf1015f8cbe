import type { ApiError } from '../../lib/api';

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

/**
 * The message for the alert above a form, or null when the fields show everything. A rule about the
 * whole table (at most 200 rows) names no field: its message is shown as a sentence of its own.
 */
export function problemMessage(error: ApiError, fields: readonly string[]): string | null {
  if (error.status !== 400 || error.fieldErrors.length === 0) return error.detail;
  const others = error.fieldErrors.filter(
    (fieldError) => fieldError.in !== 'body' || !fields.includes(fieldError.field),
  );
  if (others.length === 0) return null;
  return others
    .map((fieldError) =>
      sentence(fieldError.field === '' ? fieldError.message : `${fieldError.field} ${fieldError.message}`),
    )
    .join(' ');
}
