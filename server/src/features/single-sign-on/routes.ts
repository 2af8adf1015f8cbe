import { z } from 'zod';
import {
  signInDomainSchema,
  signInMethodRequestSchema,
  signInMethodSchema,
  signInSettingsSchema,
  updateSignInSettingsSchema,
} from '@planner/shared/auth';
import { admins, defineRoute, problem } from '../../http/routes';
import { startSession } from '../../http/session';
import * as sso from './service';

const tag = 'Sign-in through a provider';

export const singleSignOnRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/district/sign-in',
    summary: "The district's own identity provider (OpenID Connect), if it has one; the secret is never sent",
    tag,
    access: admins,
    responses: { 200: { description: 'The settings', schema: signInSettingsSchema } },
    async handler({ res, user, db, deps }) {
      res.json(await sso.signInSettingsOf(db, deps, user));
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/district/sign-in',
    summary:
      'Set up sign-in through the district’s provider: issuer, client, the email domains it covers, whether passwords stay allowed',
    tag,
    access: admins,
    request: { body: updateSignInSettingsSchema },
    responses: {
      200: { description: 'The settings as saved', schema: signInSettingsSchema },
      409: problem('Stale version: someone changed the settings first'),
    },
    async handler({ res, user, db, deps, input }) {
      res.json(await sso.saveSignInSettingsOf(db, deps, user, input.body));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/district/sign-in',
    summary:
      'Turn sign-in through the provider off: everyone signs in with a password again; the email domains stay the district’s (removed one by one)',
    tag,
    access: admins,
    responses: { 204: { description: 'Turned off' }, 404: problem('The district has no provider set up') },
    async handler({ res, user, db }) {
      await sso.removeSignInSettingsOf(db, user);
      res.status(204).end();
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/district/sign-in/domains/:domain',
    summary:
      'Remove one of the district’s email domains, verified or waiting, whether sign-in through the provider is on or off (turning it off keeps them): the domain is released, and added again it must be verified again',
    tag,
    access: admins,
    request: { params: z.object({ domain: signInDomainSchema }) },
    responses: { 204: { description: 'Removed' } },
    async handler({ res, user, db, input }) {
      await sso.removeSignInDomainOf(db, user, input.params.domain);
      res.status(204).end();
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/district/sign-in/domains/:domain/verification',
    summary:
      'Verify an email domain the district listed: its TXT records must hold the one the settings give for it (`planner-domain-verification=<token>`); only then do its people sign in through the provider',
    tag,
    access: admins,
    request: { params: z.object({ domain: signInDomainSchema }) },
    // The DNS lookup runs outside any transaction (see verifySignInDomainOf).
    ownTransaction: true,
    responses: {
      200: { description: 'The settings, with the domain verified', schema: signInSettingsSchema },
      409: problem(
        'Not verified: the TXT record is not at the domain (`detail` says what was found), or another district verified the domain first',
      ),
      503: problem(
        'The DNS servers did not answer (refused, failed or timed out), or the database is not answering: nothing changed; Retry-After says when to try again',
      ),
    },
    async handler({ res, user, db, deps, input }) {
      res.json(await sso.verifySignInDomainOf(db, deps, user, input.params.domain));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/sign-in-method',
    summary: 'How an email signs in (password, or the district’s provider), from its domain alone',
    tag,
    access: 'public',
    request: { body: signInMethodRequestSchema },
    responses: { 200: { description: 'The way to sign in', schema: signInMethodSchema } },
    async handler({ res, db, input }) {
      res.json(await sso.signInMethodOf(db, input.body.email));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/auth/provider/start',
    summary: 'Sends the browser to the district’s provider to sign in (authorization code flow with PKCE)',
    tag,
    access: 'public',
    request: { query: z.object({ email: z.email({ error: 'must be an email address' }).max(254) }) },
    responses: { 302: { description: 'To the provider, or back to the sign-in page saying why not' } },
    async handler({ req, res, db, deps, input }) {
      try {
        res.redirect(302, await sso.startProviderSignIn(db, deps, req, input.query.email));
      } catch (err) {
        if (!(err instanceof sso.ProviderSignInRefused)) throw err;
        res.redirect(302, `/sign-in?provider=${err.reason}`);
      }
    },
  }),
  defineRoute({
    method: 'get',
    path: sso.callbackPath,
    summary: 'Where the provider sends the browser back: signs the person in, or explains on the sign-in page why not',
    tag,
    access: 'public',
    responses: { 302: { description: 'Into the planner, or back to the sign-in page saying why not' } },
    async handler({ req, res, db, deps }) {
      let userId: string;
      try {
        userId = await sso.finishProviderSignIn(db, deps, req);
      } catch (err) {
        if (!(err instanceof sso.ProviderSignInRefused)) throw err;
        res.redirect(302, `/sign-in?provider=${err.reason}`);
        return;
      }
      await startSession(req, userId);
      res.redirect(302, '/');
    },
  }),
];
