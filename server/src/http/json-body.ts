import express, { type RequestHandler } from 'express';
import { invalidInput } from './app-error';

/** A lone surrogate: with the `u` flag, a paired one reads as one code point outside this category. */
const loneSurrogate = /\p{Cs}/u;

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
 * Where the body holds text with a lone UTF-16 surrogate (JSON allows `"\ud800"`), as a field's path: no
 * Unicode text, which Postgres would keep as U+FFFD, so what was saved would not be what was sent. Walked
 * without recursion, as the body parser takes any depth.
 */
function loneSurrogateIn(body: unknown): string | undefined {
  const stack: Place[] = [{ value: body, key: '' }];
  while (stack.length > 0) {
    const place = stack.pop()!;
    const { value } = place;
    if (typeof value === 'string') {
      if (loneSurrogate.test(value)) return pathOf(place);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        const at = { value: child, key, parent: place };
        if (loneSurrogate.test(key)) return pathOf(at);
        stack.push(at);
      }
    }
  }
  return undefined;
}

const unicodeOnly: RequestHandler = (req, _res, next) => {
  const field = loneSurrogateIn(req.body);
  if (field === undefined) return next();
  next(invalidInput([{ in: 'body', field, message: 'is not Unicode text: it holds half of a surrogate pair' }]));
};

/** The API's JSON bodies: at most 1 MB, and only Unicode text. */
export const jsonBody = (): RequestHandler[] => [express.json({ limit: '1mb' }), unicodeOnly];
