import { needsAttentionQuerySchema, needsAttentionSchema } from '@planner/shared/attention';
import { defineRoute, everyRole, problem } from '../../http/routes';
import { needsAttention } from './service';

export const attentionRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/needs-attention',
    summary:
      "What needs you now: a principal's reviews waiting and threads that mention them; an admin's roles sent back, overdue actions, readings due and mentions (one plan with `planId`)",
    tag: 'Needs attention',
    access: everyRole,
    request: { query: needsAttentionQuerySchema },
    responses: {
      200: { description: 'What needs you, in the order to show it', schema: needsAttentionSchema },
      404: problem('No such plan in your district'),
    },
    async handler({ res, user, db, input }) {
      res.json(await needsAttention(db, user, input.query));
    },
  }),
];
