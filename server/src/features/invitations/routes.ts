import { currentUserSchema } from '@planner/shared/auth';
import {
  acceptInvitationSchema,
  createInvitationSchema,
  invitationListSchema,
  invitationParamsSchema,
  invitationPreviewSchema,
  invitationWithLinkSchema,
  tokenParamsSchema,
} from '@planner/shared/invitation';
import { admins, defineRoute, problem } from '../../http/routes';
import { startSession } from '../../http/session';
import { loadSignedInUser, schoolsOf } from '../auth/service';
import { presentCurrentUser } from '../auth/presenter';
import { recordSignIn } from '../users/service';
import * as invitations from './service';

const tag = 'Invitations';

export const invitationRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/invitations',
    summary: 'Invitations not yet accepted or revoked, newest first (expired ones can be sent again)',
    tag,
    access: admins,
    responses: { 200: { description: 'Open invitations', schema: invitationListSchema } },
    async handler({ res, user, db }) {
      res.json({ invitations: await invitations.listInvitations(db, user.districtId) });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/invitations',
    summary: 'Invite a person by email, name and role (and schools, for a principal): a one-time link valid 7 days',
    tag,
    access: admins,
    request: { body: createInvitationSchema },
    responses: {
      201: {
        description: 'The invitation with its link (emailed when mail is configured; shown once)',
        schema: invitationWithLinkSchema,
      },
    },
    async handler({ req, res, user, db, deps, input }) {
      res.status(201).json(await invitations.createInvitation(db, deps, user, input.body, req.log));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/invitations/:invitationId/resend',
    summary: 'A new link for the invitation, valid 7 days; the old link stops working',
    tag,
    access: admins,
    request: { params: invitationParamsSchema },
    responses: { 200: { description: 'The invitation with its new link', schema: invitationWithLinkSchema } },
    async handler({ req, res, user, db, deps, input }) {
      res.json(await invitations.resendInvitation(db, deps, user, input.params.invitationId, req.log));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/invitations/:invitationId',
    summary: 'Revoke an invitation: its link stops working',
    tag,
    access: admins,
    request: { params: invitationParamsSchema },
    responses: { 204: { description: 'Revoked' } },
    async handler({ res, user, db, input }) {
      await invitations.revokeInvitation(db, user, input.params.invitationId);
      res.status(204).end();
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/invitations/accept/:token',
    summary: 'What an invitation link offers: the district, the role and schools, and how the invitee will sign in',
    tag,
    access: 'public',
    request: { params: tokenParamsSchema },
    responses: { 200: { description: 'The invitation', schema: invitationPreviewSchema } },
    async handler({ res, db, input }) {
      res.json(await invitations.previewInvitation(db, input.params.token));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/invitations/accept/:token',
    summary:
      'Accept an invitation with your name and a password; signs you in. Where the district signs the email in through its provider only, you join by signing in there instead (`signIn` of the invitation)',
    tag,
    access: 'public',
    request: { params: tokenParamsSchema, body: acceptInvitationSchema },
    responses: {
      201: { description: 'Signed in as the new person', schema: currentUserSchema },
      403: problem('The district signs this email in through its provider only: no password is accepted'),
      409: problem('The email already has an account (of another district)'),
    },
    async handler({ req, res, db, input }) {
      const created = await invitations.acceptInvitation(db, input.params.token, input.body);
      await recordSignIn(db, created.id);
      const user = (await loadSignedInUser(db, created.id))!;
      const csrfToken = await startSession(req, user.id);
      res.status(201).json(presentCurrentUser(user, await schoolsOf(db, user), csrfToken));
    },
  }),
];
