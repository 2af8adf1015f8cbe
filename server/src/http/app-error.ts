import type { FieldError, ProblemCode } from '@planner/shared/problem';
import { retryAfterSeconds } from '../db/availability';

const statusOf: Record<ProblemCode, number> = {
  invalid_input: 400,
  invalid_json: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  version_conflict: 409,
  conflict: 409,
  plan_archived: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_attempts: 429,
  service_unavailable: 503,
  internal: 500,
};

export interface AppErrorOptions {
  errors?: FieldError[];
  /** On a version conflict: the current row, already presented. */
  current?: unknown;
  /** Seconds, sent as Retry-After. */
  retryAfter?: number;
}

/** An error a person may see: a stable code, an HTTP status, and a message fit to show. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ProblemCode,
    message: string,
    readonly options: AppErrorOptions = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.status = statusOf[code];
  }
}

export const notFound = (what = 'The item') =>
  new AppError('not_found', `${what} was not found. It may have been removed, or the link may be wrong.`);

export const databaseUnavailable = () =>
  new AppError(
    'service_unavailable',
    'The planner cannot reach its database just now. Nothing was changed; please try again in a few seconds.',
    { retryAfter: retryAfterSeconds },
  );

export const forbidden = (message = 'Your role does not allow this.') => new AppError('forbidden', message);

/** The problem's detail names each field; an error of the body as a whole ("nothing to change") is its message alone, as a sentence. */
export const invalidInput = (errors: FieldError[]) =>
  new AppError(
    'invalid_input',
    errors
      .map((e) => (e.field ? `${e.field}: ${e.message}` : e.message.charAt(0).toUpperCase() + e.message.slice(1)))
      .join(' '),
    {
      errors,
    },
  );

/**
 * Someone saved the item after the version this edit was based on: nothing is overwritten, and `current`
 * (the item as it is now, presented) lets the person compare and choose.
 */
export const versionConflict = (noun: string, current: unknown, message?: string) =>
  new AppError(
    'version_conflict',
    message ??
      `Someone else changed this ${noun} after you loaded it. Compare the two versions and choose what to keep.`,
    { current },
  );

/** A change to an archived plan's content (the database refuses it: migration 023). */
export const planArchived = () =>
  new AppError(
    'plan_archived',
    'This plan is archived: it can be read, exported and copied, but not changed. A district administrator can make it active again.',
  );

/** A delete based on a stale version: nothing is removed, and `current` shows the item as it is now. */
export const deleteConflict = (noun: string, current: unknown) =>
  versionConflict(
    noun,
    current,
    `Someone changed this ${noun} after you opened it, so it was not removed. Check it as it is now, and remove it again if you still mean to.`,
  );
