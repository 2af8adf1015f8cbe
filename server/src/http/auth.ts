import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { UserRole } from '@planner/shared/user-role';
import { AppError } from './app-error';
import type { Access } from './routes';

declare module 'express-session' {
  interface SessionData {
    userId: string;
    csrfToken: string;
  }
}

/** The person behind a request, loaded from the session on every request. */
export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  districtId: string;
  districtName: string;
  /** The district's time zone (IANA): its days, for "today" and "overdue". */
  districtTimeZone: string;
}

export const sessionCookieName = 'planner.sid';

export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The checks every route runs before its handler, in this order: signed in (401), CSRF token on a
 * state-changing request (403), role (403). District scoping comes after, in each service's queries.
 *
 * A read needs no token, but one that sends a token of another session is refused too: the app's page
 * sends its session's token with every read, and a browser's cookie may meanwhile have become another
 * person's (signed in in another tab). Answered, the page would show that person's data under the name of
 * the one it was loaded for; refused, it asks who is signed in and drops what it had (client `lib/session.ts`).
 */
export function checkAccess(req: Request, user: SignedInUser | undefined, access: Access): void {
  if (access === 'public') return;
  if (!user) throw new AppError('unauthenticated', 'Sign in to continue.');
  const given = req.get('x-csrf-token');
  const expected = req.session.csrfToken;
  if (!safeMethods.has(req.method)) {
    if (!given || !expected || !sameToken(expected, given)) {
      throw new AppError('csrf_failed', 'This request is missing its security token. Reload the page and try again.');
    }
  } else if (given !== undefined && (!expected || !sameToken(expected, given))) {
    throw new AppError(
      'csrf_failed',
      'This page was loaded for another session: someone else has signed in in this browser since. Reload the page.',
    );
  }
  if (!access.includes(user.role)) throw new AppError('forbidden', 'Your role does not allow this.');
}
