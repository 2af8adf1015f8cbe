import { z } from 'zod';
import { planParamsSchema } from '@planner/shared/plan';
import {
  createMeasureReadingSchema,
  measureReadingSchema,
  measureSchema,
  updateMeasureReadingSchema,
} from '@planner/shared/measure';
import {
  stageTableCreateSchemas,
  stageTableNames,
  stageTableRowSchemas,
  stageTables,
  stageTableUpdateSchemas,
  type StageTableName,
} from '@planner/shared/stage-tables';
import { admins, defineRoute, everyRole, planWriteProblems, problem, versionConflictProblem } from '../../http/routes';
import * as tables from './service';

const rowParams = planParamsSchema.extend({ rowId: z.uuid({ error: 'must be a row id (a UUID)' }) });
const readingParams = rowParams.extend({ readingId: z.uuid({ error: 'must be a reading id (a UUID)' }) });

/** Four routes for each stage table: list, add, change (with its version) and remove a row. */
function routesOf(name: StageTableName) {
  const def = stageTables[name];
  const base = `/api/plans/:planId/${def.key}`;
  const tag = `Stage tables: ${def.title}`;
  const rowSchema = name === 'measures' ? measureSchema : stageTableRowSchemas[name];
  return [
    defineRoute({
      method: 'get',
      path: base,
      summary: `The plan's ${def.title.toLowerCase()}`,
      tag,
      access: everyRole,
      request: { params: planParamsSchema },
      responses: {
        200: { description: 'Rows', schema: z.object({ rows: z.array(rowSchema) }) },
        404: problem('No such plan in your district'),
      },
      async handler({ res, user, db, input }) {
        res.json({ rows: await tables.listTableRows(db, user, name, input.params.planId) });
      },
    }),
    defineRoute({
      method: 'post',
      path: base,
      summary: `Add a ${def.rowNoun}`,
      tag,
      access: admins,
      request: { params: planParamsSchema, body: stageTableCreateSchemas[name] },
      responses: { 201: { description: `The new ${def.rowNoun}`, schema: rowSchema }, ...planWriteProblems },
      async handler({ res, user, db, input }) {
        res
          .status(201)
          .json(await tables.addRow(db, user, name, input.params.planId, input.body as Record<string, unknown>));
      },
    }),
    defineRoute({
      method: 'patch',
      path: `${base}/:rowId`,
      summary: `Change a ${def.rowNoun} (send the version you loaded)`,
      tag,
      access: admins,
      request: { params: rowParams, body: stageTableUpdateSchemas[name] },
      responses: {
        200: { description: `The ${def.rowNoun} as saved`, schema: rowSchema },
        ...planWriteProblems,
        409: versionConflictProblem,
      },
      async handler({ res, user, db, input }) {
        const body = input.body as Record<string, unknown> & { version: number };
        res.json(await tables.updateRow(db, user, name, input.params.planId, input.params.rowId, body));
      },
    }),
    defineRoute({
      method: 'delete',
      path: `${base}/:rowId`,
      summary: `Remove a ${def.rowNoun}`,
      tag,
      access: admins,
      request: { params: rowParams },
      responses: { 204: { description: 'Removed' }, ...planWriteProblems },
      async handler({ res, user, db, input }) {
        await tables.removeRow(db, user, name, input.params.planId, input.params.rowId);
        res.status(204).end();
      },
    }),
  ];
}

const readingsBase = `/api/plans/:planId/${stageTables.measures.key}/:rowId/readings`;
const readingTag = 'Stage tables: measure readings';

export const stageTableRoutes = [
  ...stageTableNames.flatMap(routesOf),
  defineRoute({
    method: 'post',
    path: readingsBase,
    summary: 'Record a reading of a measure',
    tag: readingTag,
    access: admins,
    request: { params: rowParams, body: createMeasureReadingSchema },
    responses: { 201: { description: 'The new reading', schema: measureReadingSchema }, ...planWriteProblems },
    async handler({ res, user, db, input }) {
      res.status(201).json(await tables.addReading(db, user, input.params.planId, input.params.rowId, input.body));
    },
  }),
  defineRoute({
    method: 'patch',
    path: `${readingsBase}/:readingId`,
    summary: 'Correct a reading (send the version you loaded)',
    tag: readingTag,
    access: admins,
    request: { params: readingParams, body: updateMeasureReadingSchema },
    responses: {
      200: { description: 'The reading as saved', schema: measureReadingSchema },
      ...planWriteProblems,
      409: versionConflictProblem,
    },
    async handler({ res, user, db, input }) {
      res.json(
        await tables.updateReading(
          db,
          user,
          input.params.planId,
          input.params.rowId,
          input.params.readingId,
          input.body,
        ),
      );
    },
  }),
  defineRoute({
    method: 'delete',
    path: `${readingsBase}/:readingId`,
    summary: 'Remove a reading',
    tag: readingTag,
    access: admins,
    request: { params: readingParams },
    responses: { 204: { description: 'Removed' }, ...planWriteProblems },
    async handler({ res, user, db, input }) {
      await tables.removeReading(db, user, input.params.planId, input.params.rowId, input.params.readingId);
      res.status(204).end();
    },
  }),
];
