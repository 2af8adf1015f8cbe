import type { ApiError } from '../../lib/api';

/** The schemas' messages are phrased to follow the field's name: "School year must look like 2026-27". */
export function fieldMessage(label: string, message: string | undefined): string | undefined {
  if (message === undefined) return undefined;
  return /^[a-z]/.test(message) ? `${label} ${message}` : message;
}

/** The 400 field errors a form can show next to its own inputs. */
export function bodyFieldErrors<F extends string>(
  error: ApiError,
  fields: readonly F[],
): { field: F; message: string }[] {
  return error.fieldErrors.flatMap((fieldError) =>
    fieldError.in === 'body' && (fields as readonly string[]).includes(fieldError.field)
      ? [{ field: fieldError.field as F, message: fieldError.message }]
      : [],
  );
}

/** The message for the alert above a form, or null when the fields show everything. */
export function generalErrorMessage(error: ApiError, fields: readonly string[]): string | null {
  if (error.status === 400 && error.fieldErrors.length > 0) {
    return bodyFieldErrors(error, fields).length === error.fieldErrors.length ? null : error.detail;
  }
  return error.detail;
}

/** Puts a 400's field errors next to the form's own inputs, moving focus to the first. */
export function showFieldErrors<F extends string>(
  error: ApiError,
  fields: readonly F[],
  setError: (field: F, error: { type: string; message: string }, options: { shouldFocus: boolean }) => void,
): void {
  if (error.status !== 400) return;
  bodyFieldErrors(error, fields).forEach((fieldError, index) => {
    setError(fieldError.field, { type: 'server', message: fieldError.message }, { shouldFocus: index === 0 });
  });
}
