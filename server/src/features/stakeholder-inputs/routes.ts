import { deleteRowQuerySchema } from '@planner/shared/common';
import { planParamsSchema } from '@planner/shared/plan';
import {
  createStakeholderInputSchema,
  deleteStakeholderQuerySchema,
  stakeholderInputListSchema,
  stakeholderInputParamsSchema,
  stakeholderInputSchema,
  stakeholderParamsSchema,
  updateStakeholderInputSchema,
} from '@planner/shared/stakeholder-input';
import { stageTableRowSchemas } from '@planner/shared/stage-tables';
import { admins, defineRoute, everyRole, staleDeleteProblem, versionConflictProblem } from '../../http/routes';
import { tableRoutes } from '../stage-tables/routes';
import { plainRows } from '../stage-tables/service';
import * as inputs from './service';

const tag = 'Stakeholder trace';

/** Stakeholders are a stage table whose rows carry what was heard from them: a removal takes their inputs too. */
export const stakeholderRoutes = tableRoutes(
  'stakeholders',
  stageTableRowSchemas.stakeholders,
  plainRows('stakeholders'),
  {
    query: deleteStakeholderQuerySchema,
    stillAsSeen: inputs.inputsAsSeen,
  },
);

export const stakeholderInputRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/plans/:planId/stakeholder-inputs',
    summary:
      "What the plan's stakeholders said, newest first, each with the items it shaped (broken where removed since)",
    tag,
    access: everyRole,
    request: { params: planParamsSchema },
    responses: { 200: { description: 'The inputs', schema: stakeholderInputListSchema } },
    async handler({ res, user, db, input }) {
      res.json({ inputs: await inputs.listInputs(db, user, input.params.planId) });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/plans/:planId/stakeholders/:stakeholderId/inputs',
    summary: 'Record input from a stakeholder (a note, a survey finding, a meeting) and the items it shaped',
    tag,
    access: admins,
    request: { params: stakeholderParamsSchema, body: createStakeholderInputSchema },
    responses: { 201: { description: 'The input as recorded', schema: stakeholderInputSchema } },
    async handler({ res, user, db, input }) {
      const { planId, stakeholderId } = input.params;
      res.status(201).json(await inputs.addInput(db, user, planId, stakeholderId, input.body));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/plans/:planId/stakeholder-inputs/:inputId',
    summary: 'Change an input or what it shaped (send the version you loaded)',
    tag,
    access: admins,
    request: { params: stakeholderInputParamsSchema, body: updateStakeholderInputSchema },
    responses: {
      200: { description: 'The input as saved', schema: stakeholderInputSchema },
      409: versionConflictProblem,
    },
    async handler({ res, user, db, input }) {
      res.json(await inputs.updateInput(db, user, input.params.planId, input.params.inputId, input.body));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/plans/:planId/stakeholder-inputs/:inputId',
    summary:
      'Remove an input at the version you saw (`?version=`); it stays in the history, from where it can be brought back',
    tag,
    access: admins,
    request: { params: stakeholderInputParamsSchema, query: deleteRowQuerySchema },
    responses: { 204: { description: 'Removed' }, 409: staleDeleteProblem },
    async handler({ res, user, db, input }) {
      await inputs.removeInput(db, user, input.params.planId, input.params.inputId, input.query.version);
      res.status(204).end();
    },
  }),
];
