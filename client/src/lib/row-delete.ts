import type { z } from 'zod';
import type { ApiError } from './api';

/** A row's delete, at the version the person saw: one changed since is not deleted (409 with it now). */
export const atSeenVersion = (path: string, version: number) => `${path}?version=${version}`;

/** The row as it is now, from a delete refused because it changed since it was seen; undefined otherwise. */
export function changedSince<S extends z.ZodType>(error: ApiError, schema: S): z.infer<S> | undefined {
  if (error.code !== 'version_conflict') return undefined;
  const parsed = schema.safeParse(error.current);
  return parsed.success ? parsed.data : undefined;
}
