import { useRef, useState, type FormEvent } from 'react';
import { asSentence } from '@planner/shared/format';
import type { ApiError } from './api';

// The half of lib/forms.ts that needs no zod: a form with no checks of its own (the sign-in page) shows
// the server's errors without loading the schemas' library with the page.

/**
 * The schemas' messages are phrased to follow the field's name: "School year" + "must look like
 * 2026-27"; one that is a sentence of its own ("the second year must follow the first") starts with a
 * capital instead.
 */
export function fieldMessage(label: string, message: string | undefined): string | undefined {
  if (message === undefined) return undefined;
  if (/^(must|is|are|should|may|cannot)\b/.test(message)) return `${label} ${message}`;
  return `${message.charAt(0).toUpperCase()}${message.slice(1)}`;
}

const sentence = (text: string) => asSentence(`${text.charAt(0).toUpperCase()}${text.slice(1)}`);

/** The 400 field errors a form can show next to its own inputs, each named by the label on the screen. */
export function serverFieldErrors<F extends string>(
  error: ApiError,
  labels: Readonly<Record<F, string>>,
): { field: F; message: string }[] {
  if (error.status !== 400) return [];
  return error.fieldErrors.flatMap((fieldError) => {
    if (fieldError.in !== 'body' || !(fieldError.field in labels)) return [];
    const field = fieldError.field as F;
    return [{ field, message: fieldMessage(labels[field], fieldError.message) ?? fieldError.message }];
  });
}

/** Puts a 400's field errors next to the form's inputs, focusing the first: the one helper every form uses. */
export function applyServerErrors<F extends string>(
  error: ApiError,
  labels: Readonly<Record<F, string>>,
  setError: (field: NoInfer<F>, error: { type: string; message: string }, options: { shouldFocus: boolean }) => void,
): void {
  serverFieldErrors(error, labels).forEach(({ field, message }, index) => {
    setError(field, { type: 'server', message }, { shouldFocus: index === 0 });
  });
}

/**
 * The message for the alert above a form, or null when the fields show everything. A problem with a
 * field the form does not show (or with the whole table) is said in words, never by internal names.
 */
export function generalErrorMessage(error: ApiError, labels: Readonly<Record<string, string>>): string | null {
  if (error.status !== 400 || error.fieldErrors.length === 0) return error.detail;
  const others = error.fieldErrors.filter((fieldError) => fieldError.in !== 'body' || !(fieldError.field in labels));
  if (others.length === 0) return null;
  return others.map((fieldError) => sentence(fieldError.message)).join(' ');
}

/**
 * Submits once at a time: a second click or Enter while the first request runs does nothing, so a
 * double click makes one item. `busy` marks the SubmitButton busy from the first click on.
 */
export function useSingleSubmit(submit: (event?: FormEvent) => Promise<void>): {
  onSubmit: (event: FormEvent) => void;
  busy: boolean;
} {
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  return {
    busy,
    onSubmit: (event) => {
      event.preventDefault();
      if (running.current) return;
      running.current = true;
      setBusy(true);
      void submit(event).finally(() => {
        running.current = false;
        setBusy(false);
      });
    },
  };
}
