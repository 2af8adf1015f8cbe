import { historyPageSchema, historyQuerySchema } from '@planner/shared/history';
import { planParamsSchema } from '@planner/shared/plan';
import { defineRoute, everyRole } from '../../http/routes';
import { historyOf } from './service';

export const historyRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/plans/:planId/history',
    summary: 'Every change to the plan, newest first: who, when, which item, each value before and after',
    tag: 'History',
    access: everyRole,
    request: { params: planParamsSchema, query: historyQuerySchema },
    responses: { 200: { description: 'A page of the history', schema: historyPageSchema } },
    async handler({ res, user, db, input }) {
      res.json(await historyOf(db, user, input.params.planId, input.query));
    },
  }),
];
