import type { Response } from 'express';
import { z } from 'zod';
import { planParamsSchema, stageKeySchema } from '@planner/shared/plan';
import { defineRoute, everyRole, problem } from '../../http/routes';
import * as exportService from './service';

const readProblems = {
  400: problem('`stage` is not one of design, context, measures, build'),
  401: problem('Not signed in'),
  404: problem('No such plan in your district'),
};
const exportQuerySchema = z.object({ stage: stageKeySchema.optional() });
const tag = 'Exports';

function sendFile(res: Response, contentType: string, file: exportService.ExportFile): void {
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

export const exportRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/plans/:planId/export.pdf',
    summary: 'The whole plan, or one stage (`?stage=`), as an accessible (tagged) PDF to hand to a board or publish',
    tag,
    access: everyRole,
    request: { params: planParamsSchema, query: exportQuerySchema },
    responses: {
      200: {
        description: 'The PDF, as an attachment named after district, plan and date',
        contentType: 'application/pdf',
        schema: z.string().meta({ format: 'binary' }),
      },
      ...readProblems,
    },
    async handler({ res, user, db, input }) {
      sendFile(
        res,
        'application/pdf',
        await exportService.exportPlanPdf(db, user, input.params.planId, { stage: input.query.stage }),
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/plans/:planId/export/actions.csv',
    summary: "The plan's high-impact actions (or one stage's, `?stage=`) as CSV, one row per action",
    tag,
    access: everyRole,
    request: { params: planParamsSchema, query: exportQuerySchema },
    responses: {
      200: {
        description:
          'UTF-8 CSV with a byte-order mark and a header row; cells that a spreadsheet would run as formulas start with an apostrophe',
        contentType: 'text/csv',
        schema: z.string(),
      },
      ...readProblems,
    },
    async handler({ res, user, db, input }) {
      sendFile(
        res,
        'text/csv; charset=utf-8; header=present',
        await exportService.exportCsv(db, user, input.params.planId, 'actions', { stage: input.query.stage }),
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/plans/:planId/export/measures.csv',
    summary: "The plan's measures of success with every reading as CSV, one row per reading",
    tag,
    access: everyRole,
    request: { params: planParamsSchema },
    responses: {
      200: {
        description:
          'UTF-8 CSV with a byte-order mark and a header row; cells that a spreadsheet would run as formulas start with an apostrophe',
        contentType: 'text/csv',
        schema: z.string(),
      },
      401: problem('Not signed in'),
      404: problem('No such plan in your district'),
    },
    async handler({ res, user, db, input }) {
      sendFile(
        res,
        'text/csv; charset=utf-8; header=present',
        await exportService.exportCsv(db, user, input.params.planId, 'measures'),
      );
    },
  }),
];
