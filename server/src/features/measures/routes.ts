import {
  createMeasureReadingSchema,
  deleteMeasureQuerySchema,
  measureReadingSchema,
  measureSchema,
  updateMeasureReadingSchema,
} from '@planner/shared/measure';
import { stageTables } from '@planner/shared/stage-tables';
import { z } from 'zod';
import { deleteRowQuerySchema } from '@planner/shared/common';
import { admins, defineRoute, staleDeleteProblem, versionConflictProblem } from '../../http/routes';
import { rowParamsSchema, tableRoutes } from '../stage-tables/routes';
import * as measures from './service';

const readingParams = rowParamsSchema.extend({ readingId: z.uuid({ error: 'must be a reading id (a UUID)' }) });
const readingsBase = `/api/plans/:planId/${stageTables.measures.key}/:rowId/readings`;
const tag = 'Measures: readings';

/** Measures are a stage table whose rows carry readings and a status; readings have routes of their own. */
export const measureRoutes = [
  ...tableRoutes('measures', measureSchema, measures.presentMeasures, {
    query: deleteMeasureQuerySchema,
    stillAsSeen: measures.readingsAsSeen,
  }),
  defineRoute({
    method: 'post',
    path: readingsBase,
    summary: 'Record a reading of a measure (dated today or earlier)',
    tag,
    access: admins,
    request: { params: rowParamsSchema, body: createMeasureReadingSchema },
    responses: { 201: { description: 'The new reading', schema: measureReadingSchema } },
    async handler({ res, user, db, input }) {
      res.status(201).json(await measures.addReading(db, user, input.params.planId, input.params.rowId, input.body));
    },
  }),
  defineRoute({
    method: 'patch',
    path: `${readingsBase}/:readingId`,
    summary: 'Correct a reading (send the version you loaded)',
    tag,
    access: admins,
    request: { params: readingParams, body: updateMeasureReadingSchema },
    responses: {
      200: { description: 'The reading as saved', schema: measureReadingSchema },
      409: versionConflictProblem,
    },
    async handler({ res, user, db, input }) {
      const { planId, rowId, readingId } = input.params;
      res.json(await measures.updateReading(db, user, planId, rowId, readingId, input.body));
    },
  }),
  defineRoute({
    method: 'delete',
    path: `${readingsBase}/:readingId`,
    summary: 'Remove a reading at the version you saw (`?version=`)',
    tag,
    access: admins,
    request: { params: readingParams, query: deleteRowQuerySchema },
    responses: { 204: { description: 'Removed' }, 409: staleDeleteProblem },
    async handler({ res, user, db, input }) {
      const { planId, rowId, readingId } = input.params;
      await measures.removeReading(db, user, planId, rowId, readingId, input.query.version);
      res.status(204).end();
    },
  }),
];
