import { z } from 'zod';

/** The years a plan, a date or a reading can mean: a district's records, not the calendar's limits. */
export const earliestYear = 1950;
export const latestYear = 2100;

export const schoolYearSchema = z
  .string({ error: 'must be a school year such as 2026-27' })
  .regex(/^\d{4}-\d{2}$/, { error: 'must look like 2026-27' })
  .refine((v) => (Number(v.slice(0, 4)) + 1) % 100 === Number(v.slice(5)), {
    error: 'the second year must follow the first, as in 2026-27',
  })
  .refine((v) => Number(v.slice(0, 4)) >= 2000 && Number(v.slice(0, 4)) < latestYear, {
    error: `must start between 2000 and ${latestYear - 1}`,
  });

/** The day a school year (2027-28) starts: July 1 of its first year, as its plan's charts show it. */
export const schoolYearStart = (schoolYear: string) => `${schoolYear.slice(0, 4)}-07-01`;
/** The last day of a school year (2027-28): June 30 of its second year. */
export const schoolYearEnd = (schoolYear: string) => `${String(Number(schoolYear.slice(0, 4)) + 1)}-06-30`;

/** A date as YYYY-MM-DD, a real calendar date between 1950 and 2100; `empty` is said of an empty text. */
const isoDate = (empty: string) =>
  z.iso
    .date({
      error: (issue) =>
        issue.input === undefined
          ? 'is required'
          : issue.input === ''
            ? empty
            : // Written as a date, but a day no calendar has (February 30).
              typeof issue.input === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(issue.input)
              ? `is not a day of the calendar (${issue.input})`
              : 'must be a date as YYYY-MM-DD',
    })
    // Only a well-formed date is also checked for its range: one message per mistake.
    .refine((v) => !/^\d{4}-\d{2}-\d{2}$/.test(v) || (v >= `${earliestYear}-01-01` && v <= `${latestYear}-12-31`), {
      error: `must be between ${earliestYear} and ${latestYear}`,
    });

/** Dates travel as YYYY-MM-DD and must be real calendar dates, between 1950 and 2100. */
export const isoDateSchema = isoDate('must be a date as YYYY-MM-DD');

/**
 * A date that must be given (a reading's, when an input was heard): an empty one is missing, not misspelt. A
 * form's empty date control sends an empty text, and shows no YYYY-MM-DD to follow.
 */
export const requiredDateSchema = isoDate('is required');

/** A quantity a district measures (a percent, a count, a score): finite and at most a trillion either way. */
export const maxMeasureMagnitude = 1_000_000_000_000;
export const measureNumberSchema = z
  .number({ error: 'must be a number, such as 42 or 3.5' })
  .finite({ error: 'must be a number, such as 42 or 3.5' })
  .min(-maxMeasureMagnitude, { error: 'must be at least -1,000,000,000,000' })
  .max(maxMeasureMagnitude, { error: 'must be at most 1,000,000,000,000' });

/** The version an edit was based on; Postgres integer columns hold it. */
export const versionSchema = z
  .number({ error: 'must be the version number you last loaded' })
  .int({ error: 'must be the version number you last loaded' })
  .min(1, { error: 'must be the version number you last loaded' })
  .max(2_147_483_647, { error: 'must be the version number you last loaded' });

/**
 * An edit's body: the fields it changes and the version it was based on (and `seen`, what else it says it saw,
 * which changes nothing). One with no field to change is refused: saved, it would raise the version for
 * nothing, and a colleague's change at the version before would be refused as a conflict.
 */
export function withFieldToChange<S extends z.ZodObject>(schema: S, seen: readonly string[] = []): S {
  const notChanges = new Set(['version', ...seen]);
  return schema
    .refine((body) => Object.entries(body).some(([field, value]) => value !== undefined && !notChanges.has(field)), {
      error: 'nothing to change: send at least one field to change, with the version',
    })
    .meta({
      description:
        'Send only the fields you change, at least one, with the `version` you loaded: a body with none is refused (400).' +
        seen.map((field) => ` \`${field}\` only says what you saw, and is no change.`).join(''),
    });
}

/**
 * The words of a schema for a value that is missing or not of its type, and for nothing else: zod gives a
 * schema's `error` to each check after it that has none of its own, where it would call a text too long
 * "required". Every check says its own words.
 */
export const typeError =
  (wrongType: string, missing = 'is required') =>
  (issue: z.core.$ZodRawIssue): string | undefined =>
    issue.code !== 'invalid_type' ? undefined : issue.input === undefined ? missing : wrongType;

/**
 * A whole number sent in a query string, from `min`: left out, it `is required` with what to send; sent but
 * no such number (`abc`, `-1`, `1.5`, empty), it says what it must be. Digits only, as a query's text, so
 * that an empty text is not read as 0.
 */
export const queryWholeNumberSchema = (min: 0 | 1, required: string) => {
  const wrong = `must be a whole number of ${min} or more`;
  return z
    .string({ error: typeError(wrong, `is required: ${required}`) })
    .regex(/^\d+$/, { error: wrong })
    .pipe(
      z.coerce
        .number<string>()
        .min(min, { error: wrong })
        .max(2_147_483_647, { error: 'must be at most 2,147,483,647' }),
    );
};

/** A version sent in a query string: the text of a whole number from 1, as the integer columns hold it. */
export const seenVersionSchema = (what: string) =>
  queryWholeNumberSchema(1, `send the version of the ${what} as you saw it (a whole number from 1)`);

/**
 * Deleting one row names the version the person saw (`?version=`): a row someone changed since is not
 * deleted, and the 409 shows it as it is now.
 */
export const deleteRowQuerySchema = z.object({ version: seenVersionSchema('item') });
export type DeleteRowQuery = z.infer<typeof deleteRowQuerySchema>;

/** Nothing to see: only whitespace and format characters (Unicode Cf: zero-width spaces and joiners, BOMs). */
const invisibleOnly = /^[\s\p{Cf}]*$/u;

/**
 * Text as saved: trimmed, and empty when nothing in it can be seen, so a required text of only "\u200b" is
 * refused as " " is. A joiner between visible characters (an emoji sequence) is kept.
 */
export const trimText = (text: string): string => (invisibleOnly.test(text) ? '' : text.trim());

/**
 * What no text keeps, dropped as it is saved: control characters (Unicode Cc: escape, bell, ...) but tab and
 * line breaks, and the text-direction overrides, embeddings and isolates (U+202A-U+202E, U+2066-U+2069), which
 * turn what is shown around, so that a name ending "\u202Efdp.exe" reads "exe.pdf". Dropped, not refused: they
 * come with ordinary pasted text (Word's and PowerPoint's line break is a vertical tab, Outlook wraps names in
 * embeddings), where nobody can see them in the field to take them out. The marks that only steer direction
 * (U+200E, U+200F) stay. A NUL is refused before this, with the body (`http/json-body.ts`).
 */
const hiddenControls = /(?![\t\n\r])[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;
/** Line breaks but \n and \r: a vertical tab (Word's line break), a form feed, NEL, the Unicode separators. */
const otherLineBreaks = /[\v\f\u0085\u2028\u2029]/g;
export const withoutHiddenControls = (text: string): string =>
  text.replace(otherLineBreaks, '\n').replace(hiddenControls, '');

/** Text with line breaks (an answer, notes, a purpose), trimmed, up to `max` characters. */
export const textSchema = (max: number) =>
  z
    .string({ error: typeError('must be text') })
    .overwrite((text) => trimText(withoutHiddenControls(text)))
    .max(max, { error: `must be at most ${max} characters` });

/** Line breaks and tabs; a one-line field keeps a space for each run of them. */
const lineBreaks = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;

/**
 * Text as one line saves it: hidden controls dropped, each run of line breaks and tabs a space, trimmed. For a
 * one-line text that comes other than through a schema (a command's option), cleaned as the API cleans its own.
 */
export const asOneLine = (text: string): string => trimText(withoutHiddenControls(text.replace(lineBreaks, ' ')));

/**
 * One line of text (a title, a name), trimmed, up to `max` characters. Its field in the page is one line,
 * where a paste of two lines (or of two cells of a spreadsheet) comes as one; so does it here.
 */
export const lineSchema = (max: number) =>
  z
    .string({ error: typeError('must be text') })
    .overwrite(asOneLine)
    .max(max, { error: `must be at most ${max} characters` });

/**
 * An email address as people type or paste it: spaces around it are dropped (a copied "ann@district.org "
 * is the address, not a mistake), case is kept as written (the planner compares emails whatever the case).
 */
export const emailAddressSchema = (error: string) =>
  z.string({ error }).trim().check(z.email({ error })).max(254, { error: 'must be at most 254 characters' });

/** A choice among labelled values; its messages name the choices by the words people see. */
export function choiceSchema<const T extends readonly [string, ...string[]]>(
  values: T,
  labels: Record<T[number], string>,
) {
  const words = values.map((v) => labels[v as T[number]]);
  const listed = words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
  return z.enum(values, {
    error: (issue) => (issue.input === undefined ? 'is required: choose one' : `must be one of ${listed}`),
  });
}
