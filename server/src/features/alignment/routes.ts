import {
  alignmentAnswerParamsSchema,
  planAlignmentSchema,
  roleAlignmentSchema,
  saveAlignmentAnswerSchema,
} from '@planner/shared/alignment';
import { planParamsSchema } from '@planner/shared/plan';
import { roleParamsSchema } from '@planner/shared/role';
import { admins, defineRoute, everyRole, versionConflictProblem } from '../../http/routes';
import * as alignment from './service';

const tag = 'Framework alignment';

export const alignmentRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/plans/:planId/alignment',
    summary:
      'Which Teacher Leader Model Standards domains the roles serve (and which none does), and each role against the high-impact factors',
    tag,
    access: everyRole,
    request: { params: planParamsSchema },
    responses: { 200: { description: 'The plan’s alignment', schema: planAlignmentSchema } },
    async handler({ res, user, db, input }) {
      res.json(await alignment.planAlignmentOf(db, user, input.params.planId));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/plans/:planId/roles/:roleId/alignment',
    summary:
      "A role against Opportunity Culture's principles and Public Impact's factors: met, not met or needs your answer",
    tag,
    access: everyRole,
    request: { params: roleParamsSchema },
    responses: { 200: { description: 'The role’s factors', schema: roleAlignmentSchema } },
    async handler({ res, user, db, input }) {
      res.json(await alignment.roleAlignmentOf(db, user, input.params.planId, input.params.roleId));
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/plans/:planId/roles/:roleId/alignment/:factor',
    summary:
      "The district's answer on a factor the role's fields do not decide (version null for a first answer, else the one loaded)",
    tag,
    access: admins,
    request: { params: alignmentAnswerParamsSchema, body: saveAlignmentAnswerSchema },
    responses: {
      200: { description: 'The role’s factors, with the answer', schema: roleAlignmentSchema },
      409: versionConflictProblem,
    },
    async handler({ res, user, db, input }) {
      const { planId, roleId, factor } = input.params;
      res.json(await alignment.saveAnswer(db, user, planId, roleId, factor, input.body));
    },
  }),
];
