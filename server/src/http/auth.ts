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
 */
export function checkAccess(req: Request, user: SignedInUser | undefined, access: Access): void {
  if (access === 'public') return;
  if (!user) throw new AppError('unauthenticated', 'Sign in to continue.');
  if (!safeMethods.has(req.method)) {
    const given = req.get('x-csrf-token');
    const expected = req.session.csrfToken;
    if (!given || !expected || !sameToken(expected, given)) {
      throw new AppError('csrf_failed', 'This request is missing its security token. Reload the page and try again.');
    }
  }
  if (!access.includes(user.role)) throw new AppError('forbidden', 'Your role does not allow this.');
}
