import type { FieldValues, Resolver } from 'react-hook-form';

/**
 * A form's resolver that loads with the form's first check rather than with its page: the page paints
 * and takes typing before zod and the schema arrive.
 */
export function lazyResolver<I extends FieldValues, O>(
  load: () => Promise<Resolver<I, unknown, O>>,
): Resolver<I, unknown, O> {
  let loaded: Promise<Resolver<I, unknown, O>> | undefined;
  return async (values, context, options) => {
    loaded ??= load();
    return (await loaded)(values, context, options);
  };
}
