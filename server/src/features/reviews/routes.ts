import { inboxSchema } from '@planner/shared/role';
import { defineRoute } from '../../http/routes';
import { inboxOf } from './service';

export const reviewRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/reviews/inbox',
    summary: "The roles waiting for the signed-in principal's decision, oldest first",
    tag: 'Reviews',
    access: ['principal'],
    responses: { 200: { description: 'Waiting reviews', schema: inboxSchema } },
    async handler({ res, user, db }) {
      res.json({ items: await inboxOf(db, user) });
    },
  }),
];
