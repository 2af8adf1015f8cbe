import { deleteRowQuerySchema } from '@planner/shared/common';
import {
  createLogicModelEntrySchema,
  logicModelCanvasSchema,
  logicModelEntryParamsSchema,
  logicModelEntrySchema,
  logicModelSchema,
  updateLogicModelEntrySchema,
  updateLogicModelSchema,
} from '@planner/shared/logic-model';
import { planParamsSchema } from '@planner/shared/plan';
import { admins, defineRoute, everyRole, staleDeleteProblem, versionConflictProblem } from '../../http/routes';
import * as logicModel from './service';

const tag = 'Logic model';
const base = '/api/plans/:planId/logic-model';

/** The plan's logic model: everyone of the district reads it, admins write it. */
export const logicModelRoutes = [
  defineRoute({
    method: 'get',
    path: base,
    summary: "The plan's logic model: problem, goal, entries with their links, and what entries may link to",
    tag,
    access: everyRole,
    request: { params: planParamsSchema },
    responses: { 200: { description: 'The logic model', schema: logicModelSchema } },
    async handler({ res, user, db, input }) {
      res.json(await logicModel.getLogicModel(db, user, input.params.planId));
    },
  }),
  defineRoute({
    method: 'patch',
    path: base,
    summary: 'Change the problem statement or the goal (send the version you loaded)',
    tag,
    access: admins,
    request: { params: planParamsSchema, body: updateLogicModelSchema },
    responses: {
      200: { description: 'The problem statement and goal as saved', schema: logicModelCanvasSchema },
      409: versionConflictProblem,
    },
    async handler({ res, user, db, input }) {
      res.json(await logicModel.updateCanvas(db, user, input.params.planId, input.body));
    },
  }),
  defineRoute({
    method: 'post',
    path: `${base}/entries`,
    summary: 'Add an input, activity, output or outcome, with its links',
    tag,
    access: admins,
    request: { params: planParamsSchema, body: createLogicModelEntrySchema },
    responses: { 201: { description: 'The new entry', schema: logicModelEntrySchema } },
    async handler({ res, user, db, input }) {
      res.status(201).json(await logicModel.addEntry(db, user, input.params.planId, input.body));
    },
  }),
  defineRoute({
    method: 'patch',
    path: `${base}/entries/:entryId`,
    summary: "Change an entry's text, horizon or links (send the version you loaded)",
    tag,
    access: admins,
    request: { params: logicModelEntryParamsSchema, body: updateLogicModelEntrySchema },
    responses: {
      200: { description: 'The entry as saved', schema: logicModelEntrySchema },
      409: versionConflictProblem,
    },
    async handler({ res, user, db, input }) {
      const { planId, entryId } = input.params;
      res.json(await logicModel.updateEntry(db, user, planId, entryId, input.body));
    },
  }),
  defineRoute({
    method: 'delete',
    path: `${base}/entries/:entryId`,
    summary: 'Remove an entry at the version you saw (`?version=`)',
    tag,
    access: admins,
    request: { params: logicModelEntryParamsSchema, query: deleteRowQuerySchema },
    responses: { 204: { description: 'Removed' }, 409: staleDeleteProblem },
    async handler({ res, user, db, input }) {
      await logicModel.removeEntry(db, user, input.params.planId, input.params.entryId, input.query.version);
      res.status(204).end();
    },
  }),
];
