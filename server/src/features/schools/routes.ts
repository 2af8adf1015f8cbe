import { schoolListSchema, schoolParamsSchema, schoolSchema } from '@planner/shared/school';
import { defineRoute, everyRole } from '../../http/routes';
import { schoolOfDistrict, schoolsOfDistrict } from './service';

export const schoolRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/schools',
    summary: "The district's schools and their principals",
    tag: 'Schools',
    access: everyRole,
    responses: { 200: { description: 'Schools, by name', schema: schoolListSchema } },
    async handler({ res, user, db }) {
      res.json({ schools: await schoolsOfDistrict(db, user.districtId) });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/schools/:schoolId',
    summary: 'One school of the district',
    tag: 'Schools',
    access: everyRole,
    request: { params: schoolParamsSchema },
    responses: { 200: { description: 'The school', schema: schoolSchema } },
    async handler({ res, user, db, input }) {
      res.json(await schoolOfDistrict(db, user.districtId, input.params.schoolId));
    },
  }),
];
