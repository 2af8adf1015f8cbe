import type { Response } from 'express';
import { z } from 'zod';
import {
  copyPlanSchema,
  createPlanSchema,
  deletePlanQuerySchema,
  planContentsSchema,
  planParamsSchema,
  planSchema,
  planSummarySchema,
  updatePlanSchema,
} from '@planner/shared/plan';
import { broughtBackSchema, historyChangeParamsSchema, restoreChangeSchema } from '@planner/shared/history';
import { stageKeys } from '@planner/shared/roadmap';
import { roleParamsSchema } from '@planner/shared/role';
import { districtUserSchema, updateUserSchema, userParamsSchema } from '@planner/shared/user';
import { admins, defineRoute, everyRole, problem, type BuiltDocument } from '../http/routes';
import { copyPlan, createPlan } from './create-plan';
import { planContents, removePlan } from './delete-plan';
import { exportCsv, exportPlanPdf, type ExportFile } from './export-plan';
import { changePlan } from './update-plan';
import { changePerson } from './update-person';
import { planDocumentJson } from './plan-document';
import { restoreChange } from './restore-change';

/**
 * The routes whose work spans features: the whole plan, creating, copying, changing and deleting it, its
 * exports, and changing a person (both settle the roles in review; a person no longer an administrator keeps
 * no open invitation).
 */

const duplicatePlan = problem('The district already has a plan of this title for this school year');

const exportQuerySchema = z.object({
  stage: z.enum(stageKeys, { error: `must be one of ${stageKeys.join(', ')}` }).optional(),
});

function sendFile(res: Response, contentType: string, file: ExportFile): void {
  res
    .status(200)
    .set({
      'Content-Type': contentType,
      'Content-Disposition': file.disposition,
      // A district's plan: no shared cache keeps a copy.
      'Cache-Control': 'private, no-store',
    })
    .send(file.body);
}

/**
 * Renders a PDF and sends it; when the client hangs up first, the render is stopped (its worker thread
 * ended) and nothing is answered, as nobody is there to read it.
 */
export async function sendPdf(res: Response, exportFile: (signal: AbortSignal) => Promise<ExportFile>): Promise<void> {
  const hangUp = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) hangUp.abort();
  };
  res.on('close', onClose);
  let file: ExportFile;
  try {
    file = await exportFile(hangUp.signal);
  } catch (err) {
    if (hangUp.signal.aborted) return;
    throw err;
  } finally {
    res.off('close', onClose);
  }
  sendFile(res, 'application/pdf', file);
}

const csvAnswer = {
  description:
    'UTF-8 CSV with a byte-order mark and a header row; cells that a spreadsheet would run as formulas start with an apostrophe',
  contentType: 'text/csv',
  schema: z.string(),
};

export const commandRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/plans',
    summary: 'Create a plan from the roadmap template',
    tag: 'Plans',
    access: admins,
    request: { body: createPlanSchema },
    responses: { 201: { description: 'The new plan', schema: planSchema }, 409: duplicatePlan },
    async handler({ res, user, db, input }) {
      res.status(201).json(await createPlan(db, user, input.body));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/plans/:planId',
    summary: 'The whole plan: stages, key questions with answers, high-impact actions, stage tables and progress',
    tag: 'Plans',
    access: everyRole,
    request: { params: planParamsSchema },
    responses: { 200: { description: 'The plan', schema: planSchema } },
    // The kept document's read, and when it is stale the statement that builds it: each whole in itself.
    statementsApart: true,
    async handler({ res, user, db, input, deps }) {
      // The document comes as JSON text, sent as it is. One this load built is stored once the answer has
      // gone, as this request's transaction ends: a load seldom holds two of the pool's connections at once.
      const keep = (built: BuiltDocument) => res.once('finish', () => deps.planDocuments.keep(built));
      const json = await planDocumentJson(db, user.districtId, input.params.planId, keep);
      res.type('application/json').send(json);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/plans/:planId/copy',
    summary:
      'Start a plan for another school year as a copy of this one: answers, actions (statuses reset), own items, ' +
      'stage tables (measures without readings) and, with `copyRoles`, the roles as drafts',
    tag: 'Plans',
    access: admins,
    request: { params: planParamsSchema, body: copyPlanSchema },
    responses: { 201: { description: 'The new plan', schema: planSchema }, 409: duplicatePlan },
    // The copy reads the plan table by table: all of them as of one moment, never an edit made meanwhile in part.
    oneSnapshot: true,
    async handler({ res, user, db, input }) {
      res.status(201).json(await copyPlan(db, user, input.params.planId, input.body));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/plans/:planId/contents',
    summary: 'Everything that deleting the plan removes, counted',
    tag: 'Plans',
    access: admins,
    request: { params: planParamsSchema },
    responses: { 200: { description: 'What the plan holds', schema: planContentsSchema } },
    async handler({ res, user, db, input }) {
      res.json(await planContents(db, user, input.params.planId));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/plans/:planId',
    summary: 'Rename a plan, change its school year, status (archive it) or cost settings',
    tag: 'Plans',
    access: admins,
    request: { params: planParamsSchema, body: updatePlanSchema },
    responses: {
      200: { description: 'The plan as saved', schema: planSummarySchema },
      409: problem('Stale version (`current` holds the plan as it is now), or the new title is taken for the year'),
    },
    async handler({ res, user, db, input }) {
      res.json(await changePlan(db, user, input.params.planId, input.body));
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/plans/:planId',
    summary: 'Delete a plan and everything in it, as its contents were counted (`?revision=` from them)',
    tag: 'Plans',
    access: admins,
    request: { params: planParamsSchema, query: deletePlanQuerySchema },
    responses: {
      204: { description: 'Deleted' },
      409: problem(
        'The plan changed since its contents were counted (`revision`); `current` holds what it holds now, and nothing was deleted',
      ),
    },
    async handler({ res, user, db, input }) {
      await removePlan(db, user, input.params.planId, input.query.revision);
      res.status(204).end();
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/plans/:planId/export.pdf',
    summary: 'The whole plan, or one stage (`?stage=`), as an accessible (tagged) PDF to hand to a board or publish',
    tag: 'Exports',
    access: everyRole,
    request: { params: planParamsSchema, query: exportQuerySchema },
    responses: {
      200: {
        description: 'The PDF, as an attachment named after district, plan, school year and date',
        contentType: 'application/pdf',
        schema: z.string().meta({ format: 'binary' }),
      },
      413: problem('The export would be longer than one PDF may be; export one stage at a time'),
      503: problem('Every PDF export slot is taken; try again after Retry-After seconds'),
    },
    async handler({ res, user, db, input, deps }) {
      await sendPdf(res, (signal) =>
        exportPlanPdf(db, user, input.params.planId, { stage: input.query.stage }, deps.pdfPool, signal),
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/plans/:planId/roles/:roleId/export.pdf',
    summary: 'One role definition as an accessible (tagged) PDF, for the principal and the candidates',
    tag: 'Exports',
    access: everyRole,
    request: { params: roleParamsSchema },
    responses: {
      200: {
        description: 'The PDF, as an attachment named after district, plan, school year, role and date',
        contentType: 'application/pdf',
        schema: z.string().meta({ format: 'binary' }),
      },
      503: problem('Every PDF export slot is taken; try again after Retry-After seconds'),
    },
    async handler({ res, user, db, input, deps }) {
      await sendPdf(res, (signal) =>
        exportPlanPdf(db, user, input.params.planId, { roleId: input.params.roleId }, deps.pdfPool, signal),
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/plans/:planId/export/actions.csv',
    summary: "The plan's high-impact actions (or one stage's, `?stage=`) as CSV, one row per action",
    tag: 'Exports',
    access: everyRole,
    request: { params: planParamsSchema, query: exportQuerySchema },
    responses: { 200: csvAnswer },
    async handler({ res, user, db, input }) {
      const file = await exportCsv(db, user, input.params.planId, 'actions', { stage: input.query.stage });
      sendFile(res, 'text/csv; charset=utf-8; header=present', file);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/plans/:planId/export/measures.csv',
    summary: "The plan's measures of success with every reading as CSV, one row per reading",
    tag: 'Exports',
    access: everyRole,
    request: { params: planParamsSchema },
    responses: { 200: csvAnswer },
    async handler({ res, user, db, input }) {
      sendFile(
        res,
        'text/csv; charset=utf-8; header=present',
        await exportCsv(db, user, input.params.planId, 'measures'),
      );
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/plans/:planId/history/:changeId/restore',
    summary:
      'Restore the value an item had after this change (send the version you see now), or bring back an item this change removed, with what went with it',
    tag: 'History',
    access: admins,
    request: { params: historyChangeParamsSchema, body: restoreChangeSchema },
    responses: {
      200: {
        description:
          'A removed item brought back; `linksLeftOut` names the roles it was linked to that did not get the link back',
        schema: broughtBackSchema,
      },
      204: { description: 'An earlier value restored; the restore is itself a change of the history' },
      409: problem('The item changed since you loaded it (`current`), or it cannot come back as it was'),
    },
    async handler({ res, user, db, input }) {
      const broughtBack = await restoreChange(db, user, input.params.planId, input.params.changeId, input.body);
      if (broughtBack) res.json(broughtBack);
      else res.status(204).end();
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/users/:userId',
    summary:
      "Change a person's name, role or schools; deactivate (ends their sessions at once) or reactivate. The open invitations of someone who is no longer an active administrator are revoked",
    tag: 'People',
    access: admins,
    request: { params: userParamsSchema, body: updateUserSchema },
    responses: {
      200: { description: 'The person as saved', schema: districtUserSchema },
      409: problem('Stale version, the last active administrator, or yourself being deactivated'),
    },
    async handler({ res, user, db, input }) {
      res.json(await changePerson(db, user, input.params.userId, input.body));
    },
  }),
];
