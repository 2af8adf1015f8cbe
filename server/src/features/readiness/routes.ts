import { planParamsSchema, highImpactActionSchema } from '@planner/shared/plan';
import {
  createReadinessRatingSchema,
  readinessRatingParamsSchema,
  readinessRatingSchema,
  readinessSchema,
  updateReadinessRatingSchema,
} from '@planner/shared/readiness';
import { z } from 'zod';
import { admins, defineRoute, everyRole, problem, versionConflictProblem } from '../../http/routes';
import * as readiness from './service';

const tag = 'Readiness self-assessment';
const raters = ['district_admin', 'principal'] as const;
const base = '/api/plans/:planId/readiness';

const madeActionSchema = z
  .object({ action: highImpactActionSchema, rating: readinessRatingSchema })
  .meta({ id: 'ReadinessAction' });

/** The district and its schools rate their readiness; a low rating becomes a high-impact action. */
export const readinessRoutes = [
  defineRoute({
    method: 'get',
    path: base,
    summary: "The plan's readiness ratings (the district's and each school's), and what you may rate",
    tag,
    access: everyRole,
    request: { params: planParamsSchema },
    responses: { 200: { description: 'The self-assessment', schema: readinessSchema } },
    async handler({ res, user, db, input }) {
      res.json(await readiness.readinessOf(db, user, input.params.planId));
    },
  }),
  defineRoute({
    method: 'post',
    path: `${base}/ratings`,
    summary: 'Rate an indicator for the district (admins) or a school (admins, or its principal)',
    tag,
    access: raters,
    request: { params: planParamsSchema, body: createReadinessRatingSchema },
    responses: {
      201: { description: 'The new rating', schema: readinessRatingSchema },
      409: problem('This indicator is rated already for this school or the district: change that rating'),
    },
    async handler({ res, user, db, input }) {
      res.status(201).json(await readiness.createRating(db, user, input.params.planId, input.body));
    },
  }),
  defineRoute({
    method: 'patch',
    path: `${base}/ratings/:ratingId`,
    summary: 'Change a rating or its evidence, or clear both with `rating: null` (send the version you loaded)',
    tag,
    access: raters,
    request: { params: readinessRatingParamsSchema, body: updateReadinessRatingSchema },
    responses: {
      200: { description: 'The rating as saved', schema: readinessRatingSchema },
      409: versionConflictProblem,
    },
    async handler({ res, user, db, input }) {
      res.json(await readiness.updateRating(db, user, input.params.planId, input.params.ratingId, input.body));
    },
  }),
  defineRoute({
    method: 'post',
    path: `${base}/ratings/:ratingId/action`,
    summary: 'Turn a low rating (1 or 2) into a high-impact action of stage 2, linked both ways',
    tag,
    access: admins,
    request: { params: readinessRatingParamsSchema },
    responses: {
      201: { description: 'The new action and the rating that links to it', schema: madeActionSchema },
      409: problem(
        'The rating has an action already, or is not low (1 or 2), or the plan holds as many actions and questions of its own as it may',
      ),
    },
    async handler({ res, user, db, input }) {
      res.status(201).json(await readiness.makeAction(db, user, input.params.planId, input.params.ratingId));
    },
  }),
];
