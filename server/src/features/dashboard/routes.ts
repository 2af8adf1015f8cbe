import { dashboardQuerySchema, dashboardSchema } from '@planner/shared/dashboard';
import { todayIso } from '@planner/shared/format';
import { planParamsSchema } from '@planner/shared/plan';
import { defineRoute, everyRole } from '../../http/routes';
import { dashboardOf } from './service';

export const dashboardRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/plans/:planId/dashboard',
    summary: 'Where the plan stands: progress, actions by status, overdue actions, measures and the cost of roles',
    tag: 'Dashboard',
    access: everyRole,
    request: { params: planParamsSchema, query: dashboardQuerySchema },
    responses: { 200: { description: 'The dashboard', schema: dashboardSchema } },
    async handler({ res, user, db, input }) {
      const today = input.query.today ?? todayIso(user.districtTimeZone);
      res.json(await dashboardOf(db, user.districtId, input.params.planId, today));
    },
  }),
];
