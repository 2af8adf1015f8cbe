import { budgetSchema } from '@planner/shared/budget';
import { planParamsSchema } from '@planner/shared/plan';
import { defineRoute, everyRole } from '../../http/routes';
import { budgetOf } from './service';

export const budgetRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/plans/:planId/budget',
    summary: "Yearly cost of the plan's roles against its funding sources, by school year",
    tag: 'Budget',
    access: everyRole,
    request: { params: planParamsSchema },
    responses: { 200: { description: 'The budget', schema: budgetSchema } },
    async handler({ res, user, db, input }) {
      res.json(await budgetOf(db, user.districtId, input.params.planId));
    },
  }),
];
