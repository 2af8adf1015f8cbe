import express, { type RequestHandler } from 'express';
import { invalidInput } from './app-error';

/** A lone surrogate: with the `u` flag, a paired one reads as one code point outside this category. */
const loneSurrogate = /\p{Cs}/u;

/** What Postgres cannot keep in a text (or a jsonb), and why, in the words of a field error. */
const unstorable = (text: string): string | undefined => {
  if (loneSurrogate.test(text)) return 'is not Unicode text: it holds half of a surrogate pair';
  if (text.includes('\u0000')) return 'holds a NUL character (\\u0000), which cannot be stored';
  return undefined;
};

/** A value of the body, with the way to it (kept as links, not copied paths: a body may nest deeply). */
interface Place {
  value: unknown;
  key: string;
  parent?: Place;
}

const pathOf = (place: Place): string => {
  const keys: string[] = [];
  for (let at: Place | undefined = place; at?.parent; at = at.parent) keys.unshift(at.key);
  return keys.join('.');
};

/**
 * Where the body holds text with a lone UTF-16 surrogate (JSON allows `"\ud800"`), as a field's path, and
 * why: no Unicode text, which Postgres would keep as U+FFFD, so what was saved would not be what was sent.
 * A NUL (`"\u0000"`) Postgres refuses outright, too late to say which field held it. Walked without
 * recursion, as the body parser takes any depth.
 */
export function unstorableIn(body: unknown): { field: string; message: string } | undefined {
  const stack: Place[] = [{ value: body, key: '' }];
  while (stack.length > 0) {
    const place = stack.pop()!;
    const { value } = place;
    if (typeof value === 'string') {
      const message = unstorable(value);
      if (message) return { field: pathOf(place), message };
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        const at = { value: child, key, parent: place };
        const message = unstorable(key);
        if (message) return { field: pathOf(at), message };
        stack.push(at);
      }
    }
  }
  return undefined;
}

const storableOnly: RequestHandler = (req, _res, next) => {
  const found = unstorableIn(req.body);
  if (found === undefined) return next();
  next(invalidInput([{ in: 'body', ...found }]));
};

/** What the API reads as JSON; a body of any other type is refused with 415, never read as no body. */
export const jsonTypes = ['application/json', 'application/*+json'];

/** The API's JSON bodies: at most 1 MB, and only Unicode text that Postgres can keep. */
export const jsonBody = (): RequestHandler[] => [express.json({ limit: '1mb', type: jsonTypes }), storableOnly];
