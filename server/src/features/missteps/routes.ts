import { deleteRowQuerySchema } from '@planner/shared/common';
import { planParamsSchema } from '@planner/shared/plan';
import {
  addMisstepStartersSchema,
  createMisstepSchema,
  misstepListSchema,
  misstepParamsSchema,
  misstepSchema,
  updateMisstepSchema,
} from '@planner/shared/misstep';
import { admins, defineRoute, everyRole, problem, staleDeleteProblem, versionConflictProblem } from '../../http/routes';
import * as missteps from './service';

const tag = 'Missteps';

export const misstepRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/plans/:planId/missteps',
    summary: "The plan's missteps to avoid, every stage's, in the order they were added",
    tag,
    access: everyRole,
    request: { params: planParamsSchema },
    responses: { 200: { description: 'The missteps', schema: misstepListSchema } },
    async handler({ res, user, db, input }) {
      res.json({ missteps: await missteps.listMissteps(db, user, input.params.planId) });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/plans/:planId/missteps',
    summary: 'Add a misstep to avoid to a stage, in the district’s own words',
    tag,
    access: admins,
    request: { params: planParamsSchema, body: createMisstepSchema },
    responses: { 201: { description: 'The new misstep', schema: misstepSchema } },
    async handler({ res, user, db, input }) {
      res.status(201).json(await missteps.addMisstep(db, user, input.params.planId, input.body));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/plans/:planId/missteps/starters',
    summary: 'Take the starter missteps into a stage that has none yet (each may be edited or removed after)',
    tag,
    access: admins,
    request: { params: planParamsSchema, body: addMisstepStartersSchema },
    responses: {
      201: { description: "The stage's missteps, the starters", schema: misstepListSchema },
      409: problem('The stage has missteps already'),
    },
    async handler({ res, user, db, input }) {
      res.status(201).json({ missteps: await missteps.addStarters(db, user, input.params.planId, input.body) });
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/plans/:planId/missteps/:misstepId',
    summary: 'Change a misstep’s words, status (watched, happening, avoided) or note (send the version you loaded)',
    tag,
    access: admins,
    request: { params: misstepParamsSchema, body: updateMisstepSchema },
    responses: { 200: { description: 'The misstep as saved', schema: misstepSchema }, 409: versionConflictProblem },
    async handler({ res, user, db, input }) {
      res.json(await missteps.updateMisstep(db, user, input.params.planId, input.params.misstepId, input.body));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/plans/:planId/missteps/:misstepId',
    summary: 'Remove a misstep at the version you saw (`?version=`)',
    tag,
    access: admins,
    request: { params: misstepParamsSchema, query: deleteRowQuerySchema },
    responses: { 204: { description: 'Removed' }, 409: staleDeleteProblem },
    async handler({ res, user, db, input }) {
      await missteps.removeMisstep(db, user, input.params.planId, input.params.misstepId, input.query.version);
      res.status(204).end();
    },
  }),
];
