import type { z } from 'zod';
import type { FieldError } from '@planner/shared/problem';
import { invalidInput } from './app-error';
import { unstorableIn } from './json-body';

export interface RequestSchemas {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
}

export type Parsed<S extends RequestSchemas> = {
  [K in keyof RequestSchemas]-?: S[K] extends z.ZodType ? z.output<S[K]> : undefined;
};

const locations = ['params', 'query', 'body'] as const;

/** Parse every part of a request, reporting every bad field at once; throws 400 invalid_input. */
export function validateRequest<S extends RequestSchemas>(
  schemas: S,
  input: { params: unknown; query: unknown; body: unknown },
): Parsed<S> {
  const errors: FieldError[] = [];
  const out: Record<string, unknown> = {};
  for (const where of locations) {
    const schema = schemas[where];
    if (!schema) continue;
    const result = schema.safeParse(where === 'body' && input.body === undefined ? undefined : input[where]);
    // A query's free text (an item's id in the history) reaches the database, which refuses a NUL.
    const unstorable = result.success && where !== 'body' ? unstorableIn(result.data) : undefined;
    if (unstorable) {
      errors.push({ in: where, ...unstorable });
    } else if (result.success) {
      out[where] = result.data;
    } else {
      for (const issue of result.error.issues) {
        errors.push({ in: where, field: issue.path.join('.'), message: issue.message });
      }
    }
  }
  if (errors.length > 0) throw invalidInput(errors);
  return out as Parsed<S>;
}
