import { z } from 'zod';
import { currentUserSchema, loginRequestSchema, sessionStateSchema, updateProfileSchema } from '@planner/shared/auth';
import { tokenParamsSchema } from '@planner/shared/invitation';
import {
  changePasswordSchema,
  passwordChangedSchema,
  passwordResetRequestSchema,
  passwordResetSchema,
  resetLinkSchema,
} from '@planner/shared/password';
import { userParamsSchema } from '@planner/shared/user';
import { sessionCookieName, newCsrfToken } from '../../http/auth';
import { admins, defineRoute, everyRole, problem } from '../../http/routes';
import { endSession, startSession } from '../../http/session';
import { rememberDevice } from './device-cookie';
import type { LoginLimiter } from './login-limiter';
import { presentCurrentUser } from './presenter';
import * as auth from './service';

const tag = 'Auth';
const resetPreviewSchema = z
  .object({ email: z.string(), districtName: z.string(), expiresAt: z.iso.datetime() })
  .meta({ id: 'ResetLinkPreview' });

export function authRoutes(limiter: LoginLimiter) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/auth/login',
      summary: 'Sign in with email and password',
      tag,
      access: 'public',
      request: { body: loginRequestSchema },
      responses: {
        200: { description: 'Signed in; the session cookie is set', schema: currentUserSchema },
        401: problem('Email or password is incorrect'),
        403: problem("The email's district signs in only through its own provider"),
        429: problem('Too many attempts for this account, address or device; see Retry-After'),
      },
      async handler({ req, res, input, db, deps }) {
        const secret = deps.config.sessionSecret;
        const user = await auth.authenticate(db, limiter, input.body, { address: req.ip ?? 'unknown', req, secret });
        const csrfToken = await startSession(req, user.id);
        rememberDevice(req, res, secret, user.id, deps.config.publicUrl.startsWith('https://'));
        res.json(presentCurrentUser(user, await auth.schoolsOf(db, user), csrfToken));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/auth/me',
      summary: 'Who is signed in: user, role, district and schools',
      tag,
      access: everyRole,
      responses: { 200: { description: 'The signed-in user', schema: currentUserSchema } },
      async handler({ req, res, user, db }) {
        const csrfToken = (req.session.csrfToken ??= newCsrfToken());
        res.json(presentCurrentUser(user, await auth.schoolsOf(db, user), csrfToken));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/auth/session',
      summary: "Who is signed in, or null: the app's session check (GET /api/auth/me answers 401 to nobody)",
      tag,
      access: 'public',
      responses: { 200: { description: 'The signed-in user, or null when nobody is', schema: sessionStateSchema } },
      async handler({ req, res, user, db }) {
        // Nobody signed in is an answer, not an error: a visitor's first page logs no failed request.
        // No session is started for them (a token is only kept in a session someone signed in to).
        if (!user) {
          res.json({ signedIn: null });
          return;
        }
        const csrfToken = (req.session.csrfToken ??= newCsrfToken());
        res.json({ signedIn: presentCurrentUser(user, await auth.schoolsOf(db, user), csrfToken) });
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/auth/me',
      summary: 'Change your own name',
      tag,
      access: everyRole,
      request: { body: updateProfileSchema },
      responses: { 200: { description: 'You, renamed', schema: currentUserSchema } },
      async handler({ req, res, user, db, input }) {
        const renamed = await auth.updateProfile(db, user, input.body.name);
        res.json(presentCurrentUser(renamed, await auth.schoolsOf(db, renamed), req.session.csrfToken ?? ''));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/logout',
      summary: 'Sign out and end the session',
      tag,
      access: everyRole,
      responses: { 204: { description: 'Signed out' } },
      async handler({ req, res }) {
        await endSession(req);
        res.clearCookie(sessionCookieName, { path: '/' });
        res.status(204).end();
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/password',
      summary:
        'Change your own password (the current one is required); your other sessions end, and you are emailed that it changed',
      tag,
      access: everyRole,
      request: { body: changePasswordSchema },
      ownTransaction: true,
      responses: {
        200: { description: 'Changed; whether an email tells the person so', schema: passwordChangedSchema },
        429: problem('Too many wrong current passwords for this account or from this address; see Retry-After'),
      },
      async handler({ req, res, user, db, deps, input }) {
        await auth.changePassword(db, limiter, user, req.sessionID, input.body, req.ip ?? 'unknown');
        res.json({ emailed: deps.mailer.enabled });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/password-reset',
      summary:
        'Email a link to choose a new password, valid for an hour; the same answer whether or not the email is known',
      tag,
      access: 'public',
      request: { body: passwordResetRequestSchema },
      responses: {
        202: {
          description: 'If the email is of an account, a link is on its way',
          schema: z.object({ message: z.string() }),
        },
      },
      async handler({ req, res, db, deps, input }) {
        await auth.requestPasswordReset(db, deps, input.body.email, req.log);
        res.status(202).json({
          message:
            'If this email belongs to an account, a link to choose a new password is on its way. It works for an hour.',
        });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/auth/password-reset/:token',
      summary: 'Whose password a reset link sets, while it may still be used',
      tag,
      access: 'public',
      request: { params: tokenParamsSchema },
      responses: { 200: { description: 'The account the link is for', schema: resetPreviewSchema } },
      async handler({ res, db, input }) {
        res.json(await auth.resetLinkPreview(db, input.params.token));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/password-reset/:token',
      summary:
        'Choose a new password with a reset link (once); signs the person in, ends their other sessions and emails them that it changed',
      tag,
      access: 'public',
      request: { params: tokenParamsSchema, body: passwordResetSchema },
      responses: { 200: { description: 'Signed in with the new password', schema: currentUserSchema } },
      async handler({ req, res, db, input }) {
        const user = await auth.resetPassword(
          db,
          limiter,
          input.params.token,
          input.body.password,
          req.ip ?? 'unknown',
        );
        const csrfToken = await startSession(req, user.id);
        res.json(presentCurrentUser(user, await auth.schoolsOf(db, user), csrfToken));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/users/:userId/password-reset',
      summary: 'Make a reset link for a person of the district, to send them yourself (valid for an hour)',
      tag: 'People',
      access: admins,
      request: { params: userParamsSchema },
      responses: {
        201: { description: 'The link, shown once', schema: resetLinkSchema },
        409: problem('The person is deactivated'),
      },
      async handler({ res, user, db, deps, input }) {
        res.status(201).json(await auth.makeResetLink(db, deps, user, input.params.userId));
      },
    }),
  ];
}
