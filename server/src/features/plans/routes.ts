import {
  actionParamsSchema,
  bulkUpdateActionsResultSchema,
  bulkUpdateActionsSchema,
  createActionSchema,
  createQuestionSchema,
  deleteQuestionQuerySchema,
  highImpactActionSchema,
  keyQuestionSchema,
  planListSchema,
  planParamsSchema,
  questionParamsSchema,
  saveAnswerSchema,
  updateActionSchema,
  updateQuestionSchema,
} from '@planner/shared/plan';
import { deleteRowQuerySchema } from '@planner/shared/common';
import {
  admins,
  defineRoute,
  everyRole,
  problem,
  staleDeleteDescription,
  versionConflictProblem,
} from '../../http/routes';
import * as plans from './service';

const tag = 'Plans';

/**
 * The plan's worksheets; the whole plan document, creating, copying, changing its settings (it settles the roles
 * in review of a plan made active again) and deleting are commands.
 */
export const planRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/plans',
    summary: "The district's plans, each with its progress",
    tag,
    access: everyRole,
    responses: { 200: { description: 'Plans, newest school year first', schema: planListSchema } },
    // The district's revision, and when the kept list is stale the statement that builds it (kept under the
    // revision read before it: at worst a newer list under an older revision, built again by the next load).
    statementsApart: true,
    async handler({ res, user, db, deps }) {
      res.type('application/json').send(await deps.planLists.json(db, user));
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/plans/:planId/answers/:questionKey',
    summary: 'Save the answer to a key question (send the answer version you loaded)',
    tag,
    access: admins,
    request: { params: questionParamsSchema, body: saveAnswerSchema },
    responses: {
      200: { description: 'The question with its saved answer', schema: keyQuestionSchema },
      409: versionConflictProblem,
    },
    // Its first statement is the save itself.
    checkWithFirstStatement: true,
    async handler({ res, user, db, input }) {
      res.json(await plans.saveAnswer(db, user, input.params.planId, input.params.questionKey, input.body));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/plans/:planId/questions',
    summary: "Add a question of the district's own to a stage",
    tag,
    access: admins,
    request: { params: planParamsSchema, body: createQuestionSchema },
    responses: { 201: { description: 'The new question', schema: keyQuestionSchema } },
    async handler({ res, user, db, input }) {
      res.status(201).json(await plans.addQuestion(db, user, input.params.planId, input.body));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/plans/:planId/questions/:questionKey',
    summary: "Edit a question of the district's own, or mark any question not applicable",
    tag,
    access: admins,
    request: { params: questionParamsSchema, body: updateQuestionSchema },
    responses: { 200: { description: 'The question', schema: keyQuestionSchema }, 409: versionConflictProblem },
    async handler({ res, user, db, input }) {
      res.json(await plans.updateQuestion(db, user, input.params.planId, input.params.questionKey, input.body));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/plans/:planId/questions/:questionKey',
    summary:
      "Remove a question of the district's own as you saw it (`?version=` of the question, `?answerVersion=` of its answer); the roadmap's own cannot be removed",
    tag,
    access: admins,
    request: { params: questionParamsSchema, query: deleteQuestionQuerySchema },
    responses: {
      204: { description: 'Removed' },
      409: problem(
        'A roadmap question cannot be removed; or the question or its answer changed since (`version_conflict`, `current` holds it now), and nothing was removed',
      ),
    },
    async handler({ res, user, db, input }) {
      await plans.removeQuestion(db, user, input.params.planId, input.params.questionKey, input.query);
      res.status(204).end();
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/plans/:planId/actions',
    summary: "Add a high-impact action of the district's own to a stage",
    tag,
    access: admins,
    request: { params: planParamsSchema, body: createActionSchema },
    responses: { 201: { description: 'The new action', schema: highImpactActionSchema } },
    async handler({ res, user, db, input }) {
      res.status(201).json(await plans.addAction(db, user, input.params.planId, input.body));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/plans/:planId/actions',
    summary: 'Apply one status or owner to several actions (each with the version you loaded): all or none',
    tag,
    access: admins,
    request: { params: planParamsSchema, body: bulkUpdateActionsSchema },
    responses: {
      200: { description: 'The actions as saved', schema: bulkUpdateActionsResultSchema },
      409: versionConflictProblem,
    },
    async handler({ res, user, db, input }) {
      res.json({ actions: await plans.updateActions(db, user, input.params.planId, input.body) });
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/plans/:planId/actions/:actionId',
    summary: 'Update an action: status, owner, due date, notes, not applicable, or the text of an own action',
    tag,
    access: admins,
    request: { params: actionParamsSchema, body: updateActionSchema },
    responses: { 200: { description: 'The action', schema: highImpactActionSchema }, 409: versionConflictProblem },
    async handler({ res, user, db, input }) {
      res.json(await plans.updateAction(db, user, input.params.planId, input.params.actionId, input.body));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/plans/:planId/actions/:actionId',
    summary:
      "Remove an action of the district's own at the version you saw (`?version=`); the roadmap's own cannot be removed",
    tag,
    access: admins,
    request: { params: actionParamsSchema, query: deleteRowQuerySchema },
    responses: {
      204: { description: 'Removed' },
      409: problem(`A roadmap action cannot be removed; or ${staleDeleteDescription}`),
    },
    async handler({ res, user, db, input }) {
      await plans.removeAction(db, user, input.params.planId, input.params.actionId, input.query.version);
      res.status(204).end();
    },
  }),
];
