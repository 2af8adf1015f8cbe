import type { Request } from 'express';
import { currentUserSchema, loginRequestSchema } from '@planner/shared/auth';
import { defineRoute, everyRole, problem } from '../../http/routes';
import { newCsrfToken, sessionCookieName } from '../../http/auth';
import type { LoginLimiter } from './login-limiter';
import { authenticate, schoolsOf } from './service';
import { presentCurrentUser } from './presenter';

function promisify(fn: (cb: (err?: unknown) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => fn((err) => (err ? reject(err) : resolve())));
}

/** A new session id at sign-in, so an id planted before sign-in is worthless after it. */
const regenerate = (req: Request) => promisify((cb) => req.session.regenerate(cb));
const save = (req: Request) => promisify((cb) => req.session.save(cb));

export function authRoutes(limiter: LoginLimiter) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/auth/login',
      summary: 'Sign in with email and password',
      tag: 'Auth',
      access: 'public',
      request: { body: loginRequestSchema },
      responses: {
        200: { description: 'Signed in; the session cookie is set', schema: currentUserSchema },
        401: problem('Email or password is incorrect'),
        429: problem('Too many failed attempts for this account or address; see Retry-After'),
      },
      async handler({ req, res, input, db }) {
        const user = await authenticate(db, limiter, input.body, req.ip ?? 'unknown');
        await regenerate(req);
        req.session.userId = user.id;
        req.session.csrfToken = newCsrfToken();
        await save(req);
        res.json(presentCurrentUser(user, await schoolsOf(db, user), req.session.csrfToken));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/auth/me',
      summary: 'Who is signed in: user, role, district and schools',
      tag: 'Auth',
      access: everyRole,
      responses: { 200: { description: 'The signed-in user', schema: currentUserSchema } },
      async handler({ req, res, user, db }) {
        const csrfToken = (req.session.csrfToken ??= newCsrfToken());
        res.json(presentCurrentUser(user, await schoolsOf(db, user), csrfToken));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/logout',
      summary: 'Sign out and end the session',
      tag: 'Auth',
      access: everyRole,
      responses: { 204: { description: 'Signed out' } },
      async handler({ req, res }) {
        await promisify((cb) => req.session.destroy(cb));
        res.clearCookie(sessionCookieName, { path: '/' });
        res.status(204).end();
      },
    }),
  ];
}
