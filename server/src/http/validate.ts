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

type Issue = z.core.$ZodIssue;

const valueAt = (value: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (at, key) => (typeof at === 'object' && at !== null ? (at as Record<PropertyKey, unknown>)[key] : undefined),
    value,
  );

/**
 * A union that matches no option says only "Invalid input" where it stands. Its options' own issues name the
 * fields: those of the option whose fields the input holds (`{ ids: [...] }` is about `ids`), else of every
 * option, so a person learns what each way of asking needs. A union of plain values keeps its own message.
 */
function issuesOf(issue: Issue, input: unknown): { path: PropertyKey[]; message: string }[] {
  // A key a record of known keys does not take (a role's modes for a field it has not) is named itself.
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: [...issue.path, key], message: 'is not one of the fields this takes' }));
  }
  const own = [{ path: issue.path, message: issue.message }];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return own;
  const at = valueAt(input, issue.path);
  const aboutFields = issue.errors.every((option) => option.every((i) => i.path.length > 0));
  if (!aboutFields || typeof at !== 'object' || at === null) return own;
  const aimedAt = issue.errors.find((option) => option.every((i) => i.path[0]! in at));
  return (aimedAt ? [aimedAt] : issue.errors)
    .flat()
    .flatMap((inner) => issuesOf(inner, at))
    .map((inner) => ({ path: [...issue.path, ...inner.path], message: inner.message }));
}

const typeWords: Partial<Record<string, string>> = {
  string: 'must be text',
  number: 'must be a number',
  int: 'must be a whole number',
  boolean: 'must be true or false',
  array: 'must be a list',
  object: 'must be an object',
};

/**
 * Words for an issue its schema gives none for (a bare `z.boolean()`, a `.max(50)`), in the words the
 * schemas use, rather than zod's "Too big: expected string to have <=50 characters".
 */
const plainWords: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : typeWords[issue.expected];
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must list at most ${issue.maximum}`;
      return issue.inclusive === false ? `must be less than ${issue.maximum}` : `must be at most ${issue.maximum}`;
    case 'too_small':
      if (issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set') {
        if (Number(issue.minimum) === 1) return 'must not be empty';
        return issue.origin === 'string'
          ? `must be at least ${issue.minimum} characters`
          : `must list at least ${issue.minimum}`;
      }
      return issue.inclusive === false ? `must be more than ${issue.minimum}` : `must be at least ${issue.minimum}`;
    default:
      return undefined;
  }
};

/** The fields of a query given more than once, which the query parser makes lists. */
const repeatedFields = (query: unknown): Set<string> =>
  new Set(
    typeof query === 'object' && query !== null
      ? Object.entries(query)
          .filter(([, value]) => Array.isArray(value))
          .map(([field]) => field)
      : [],
  );

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
    const result = schema.safeParse(where === 'body' && input.body === undefined ? undefined : input[where], {
      error: plainWords,
    });
    // A query's free text (an item's id in the history) reaches the database, which refuses a NUL.
    const unstorable = result.success && where !== 'body' ? unstorableIn(result.data) : undefined;
    if (unstorable) {
      errors.push({ in: where, ...unstorable });
    } else if (result.success) {
      out[where] = result.data;
    } else {
      // No query takes a list: a field given twice (`?stage=design&stage=build`) is said to be, not to be unfit.
      const givenTwice = where === 'query' ? repeatedFields(input.query) : new Set<string>();
      for (const field of givenTwice) errors.push({ in: where, field, message: 'must be given once' });
      for (const issue of result.error.issues.flatMap((i) => issuesOf(i, input[where]))) {
        if (givenTwice.has(String(issue.path[0]))) continue;
        const error = { in: where, field: issue.path.join('.'), message: issue.message };
        // Two checks may fail alike (`limit=1e20` is no whole number and is over 200): said once.
        if (!errors.some((e) => e.in === error.in && e.field === error.field && e.message === error.message)) {
          errors.push(error);
        }
      }
    }
  }
  if (errors.length > 0) throw invalidInput(errors);
  return out as Parsed<S>;
}
