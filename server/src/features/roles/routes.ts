import { planParamsSchema } from '@planner/shared/plan';
import {
  createRoleSchema,
  deleteRoleQuerySchema,
  reviewRequestSchema,
  roleListSchema,
  roleParamsSchema,
  roleSchema,
  submitRoleSchema,
  updateRoleSchema,
} from '@planner/shared/role';
import { admins, defineRoute, everyRole, problem, staleDeleteProblem } from '../../http/routes';
import * as roles from './service';

const tag = 'Roles and reviews';

export const roleRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/plans/:planId/roles',
    summary: "The plan's teacher-leader roles, with their schools, reviews and history",
    tag,
    access: everyRole,
    request: { params: planParamsSchema },
    responses: { 200: { description: 'Roles', schema: roleListSchema } },
    async handler({ res, user, db, input }) {
      res.json({ roles: await roles.listRoles(db, user, input.params.planId) });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/plans/:planId/roles',
    summary: 'Define a role, from scratch or from an archetype of the role library',
    tag,
    access: admins,
    request: { params: planParamsSchema, body: createRoleSchema },
    responses: {
      201: { description: 'The new role, in draft', schema: roleSchema },
      400: problem(
        'A field is invalid, a school, priority or measure is not of this district or plan, or the plan holds as many roles as it may',
      ),
    },
    async handler({ res, user, db, input }) {
      res.status(201).json(await roles.createRole(db, user, input.params.planId, input.body));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/plans/:planId/roles/:roleId',
    summary: 'One role',
    tag,
    access: everyRole,
    request: { params: roleParamsSchema },
    responses: { 200: { description: 'The role', schema: roleSchema } },
    async handler({ res, user, db, input }) {
      res.json(await roles.getRole(db, user, input.params.planId, input.params.roleId));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/plans/:planId/roles/:roleId',
    summary: 'Change a role (send the version you loaded); a role in review or approved returns to draft',
    tag,
    access: admins,
    request: { params: roleParamsSchema, body: updateRoleSchema },
    responses: {
      200: { description: 'The role as saved', schema: roleSchema },
      409: problem('Stale version: `current` holds the role as it is now'),
    },
    async handler({ res, user, db, input }) {
      res.json(await roles.updateRole(db, user, input.params.planId, input.params.roleId, input.body));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/plans/:planId/roles/:roleId',
    summary: 'Remove a role with its reviews and history, at the version and status you saw (`?version=&status=`)',
    tag,
    access: admins,
    request: { params: roleParamsSchema, query: deleteRoleQuerySchema },
    responses: {
      204: { description: 'Removed' },
      409: staleDeleteProblem,
    },
    async handler({ res, user, db, input }) {
      await roles.deleteRole(db, user, input.params.planId, input.params.roleId, input.query);
      res.status(204).end();
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/plans/:planId/roles/:roleId/submit',
    summary: 'Send a role for review to the principals of its schools',
    tag,
    access: admins,
    request: { params: roleParamsSchema, body: submitRoleSchema },
    responses: {
      200: { description: 'The role, in review', schema: roleSchema },
      409: problem(
        'The role changed since the version sent, is in review or approved already, has no schools, or a school has no principal',
      ),
    },
    async handler({ res, user, db, input }) {
      res.json(await roles.submitRole(db, user, input.params.planId, input.params.roleId, input.body?.version));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/plans/:planId/roles/:roleId/reviews',
    summary: "A principal of one of the role's schools approves it or requests changes (a comment is required then)",
    tag,
    access: ['principal'],
    request: { params: roleParamsSchema, body: reviewRequestSchema },
    responses: {
      200: { description: 'The role after the decision', schema: roleSchema },
      400: problem('Unknown decision, or no comment with a request for changes'),
      403: problem('Not a principal of any of the role’s schools, or the CSRF token is missing'),
      409: problem('The role is not in review, or you have decided in this round already'),
    },
    async handler({ res, user, db, input }) {
      res.json(await roles.reviewRole(db, user, input.params.planId, input.params.roleId, input.body));
    },
  }),
];
