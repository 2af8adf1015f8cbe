import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldValues, Resolver } from 'react-hook-form';
import { z } from 'zod';
import { fieldMessage } from './form-errors';
import { parseDollars, parseNumber, parseWholeNumber, type Parsed } from './parse';

export {
  applyServerErrors,
  fieldMessage,
  generalErrorMessage,
  serverFieldErrors,
  useSingleSubmit,
} from './form-errors';

/**
 * The zod resolver on a form's schema (the shared one, or its text-to-value form below), with every
 * message starting from the field's label, as the person reads it on the screen.
 */
export function labelledResolver<I extends FieldValues, O>(
  schema: z.ZodType<O, I>,
  labels: Readonly<Record<string, string>>,
): Resolver<I, unknown, O> {
  const resolve = zodResolver(schema as never) as unknown as Resolver<I, unknown, O>;
  return async (values, context, options) => {
    const result = await resolve(values, context, options);
    for (const [field, error] of Object.entries(result.errors)) {
      const label = labels[field];
      if (label && error && typeof error.message === 'string') error.message = fieldMessage(label, error.message);
    }
    return result;
  };
}

/** A typed text read by one of the parsers, then checked by the shared schema of the value. */
const parsedText = <T>(parse: (text: string) => Parsed<T>) =>
  z.string().transform((text, ctx) => {
    const parsed = parse(text);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  });

type NumberSchema = z.ZodType<unknown, number | null>;

export const fromText = {
  number: <S extends NumberSchema>(schema: S) => parsedText(parseNumber).pipe(schema),
  wholeNumber: <S extends NumberSchema>(schema: S) => parsedText(parseWholeNumber).pipe(schema),
  dollars: <S extends NumberSchema>(schema: S) => parsedText(parseDollars).pipe(schema),
};
