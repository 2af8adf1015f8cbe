import { planParamsSchema } from '@planner/shared/plan';
import {
  createShareLinkSchema,
  shareLinkListSchema,
  shareLinkParamsSchema,
  shareLinkWithUrlSchema,
} from '@planner/shared/share-link';
import { admins, defineRoute } from '../../http/routes';
import * as shareLinks from './service';

const tag = 'Share links';

export const shareLinkRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/plans/:planId/share-links',
    summary: "The plan's read-only links, newest first, revoked and expired ones too, with how often each was opened",
    tag,
    access: admins,
    request: { params: planParamsSchema },
    responses: { 200: { description: 'The share links', schema: shareLinkListSchema } },
    async handler({ res, user, db, input }) {
      res.json({ shareLinks: await shareLinks.listShareLinks(db, user, input.params.planId) });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/plans/:planId/share-links',
    summary:
      'Make a read-only link to the plan for the board or the community: a label, the last day it works (or none) and the parts it shows',
    tag,
    access: admins,
    request: { params: planParamsSchema, body: createShareLinkSchema },
    responses: {
      201: {
        description: 'The link, with its address (shown this once; only a hash is kept)',
        schema: shareLinkWithUrlSchema,
      },
    },
    async handler({ res, user, db, deps, input }) {
      res.status(201).json(await shareLinks.createShareLink(db, deps, user, input.params.planId, input.body));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/plans/:planId/share-links/:linkId',
    summary: 'Revoke a share link: it answers 404 from now on',
    tag,
    access: admins,
    request: { params: shareLinkParamsSchema },
    responses: { 204: { description: 'Revoked (revoking a revoked link changes nothing)' } },
    async handler({ res, user, db, input }) {
      await shareLinks.revokeShareLink(db, user, input.params.planId, input.params.linkId);
      res.status(204).end();
    },
  }),
];
