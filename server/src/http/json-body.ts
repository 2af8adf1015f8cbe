import express from 'express';

/**
 * Text holding a lone UTF-16 surrogate (JSON allows `"\ud800"`): no Unicode text, which Postgres would keep
 * as U+FFFD, so what was saved would not be what was sent. Refused, naming the field, before anything runs.
 */
export class TextNotUnicode extends Error {
  // Private: body-parser deletes a parse error's own properties, all but its message and stack.
  readonly #field: string;

  constructor(field: string) {
    super(`The value of "${field}" is not Unicode text: it holds half of a surrogate pair`);
    this.name = 'TextNotUnicode';
    this.#field = field;
  }

  get field(): string {
    return this.#field;
  }
}

/** A lone surrogate: with the `u` flag, a paired one reads as one code point outside this category. */
const loneSurrogate = /\p{Cs}/u;

function refuseLoneSurrogates(key: string, value: unknown): unknown {
  if (typeof value === 'string' && loneSurrogate.test(value)) throw new TextNotUnicode(key);
  return value;
}

/** The API's JSON bodies: at most 1 MB, and only Unicode text. */
export const jsonBody = () => express.json({ limit: '1mb', reviver: refuseLoneSurrogates });
