import {
  createSchoolSchema,
  schoolListSchema,
  schoolParamsSchema,
  schoolSchema,
  updateSchoolSchema,
} from '@planner/shared/school';
import { admins, defineRoute, everyRole, problem } from '../../http/routes';
import * as schools from './service';

const tag = 'Schools';
const nameTaken = problem('The district already has a school of that name, or (on a change) a stale version');

export const schoolRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/schools',
    summary: "The district's schools and their principals, archived ones included (marked)",
    tag,
    access: everyRole,
    responses: { 200: { description: 'Schools, by name', schema: schoolListSchema } },
    async handler({ res, user, db }) {
      res.json({ schools: await schools.schoolsOfDistrict(db, user.districtId) });
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/schools',
    summary: 'Add a school to the district',
    tag,
    access: admins,
    request: { body: createSchoolSchema },
    responses: { 201: { description: 'The new school', schema: schoolSchema }, 409: nameTaken },
    async handler({ res, user, db, input }) {
      res.status(201).json(await schools.createSchool(db, user, input.body));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/schools/:schoolId',
    summary: 'One school of the district',
    tag,
    access: everyRole,
    request: { params: schoolParamsSchema },
    responses: { 200: { description: 'The school', schema: schoolSchema } },
    async handler({ res, user, db, input }) {
      res.json(await schools.schoolOfDistrict(db, user.districtId, input.params.schoolId));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/schools/:schoolId',
    summary: 'Rename a school, archive it (it leaves the pickers but stays where it is named) or bring it back',
    tag,
    access: admins,
    request: { params: schoolParamsSchema, body: updateSchoolSchema },
    responses: { 200: { description: 'The school as saved', schema: schoolSchema }, 409: nameTaken },
    async handler({ res, user, db, input }) {
      res.json(await schools.updateSchool(db, user, input.params.schoolId, input.body));
    },
  }),
];
