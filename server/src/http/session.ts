import type { Request } from 'express';
import { newCsrfToken } from './auth';

function promisify(fn: (cb: (err?: unknown) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => fn((err) => (err ? reject(err) : resolve())));
}

/**
 * Signs a person in on this request: a new session id (so an id planted before sign-in is worthless
 * after it), their id and a fresh CSRF token, saved before the answer goes out.
 */
export async function startSession(req: Request, userId: string): Promise<string> {
  await promisify((cb) => req.session.regenerate(cb));
  req.session.userId = userId;
  req.session.csrfToken = newCsrfToken();
  await promisify((cb) => req.session.save(cb));
  return req.session.csrfToken;
}

export function endSession(req: Request): Promise<void> {
  return promisify((cb) => req.session.destroy(cb));
}
