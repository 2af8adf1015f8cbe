import {
  districtUserListSchema,
  districtUserSchema,
  peopleEventListSchema,
  updateUserSchema,
  userParamsSchema,
} from '@planner/shared/user';
import { admins, defineRoute, everyRole, problem } from '../../http/routes';
import * as people from './service';

const tag = 'People';

export const peopleRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/users',
    summary: 'The people of the district: role, schools, whether active, last sign-in',
    tag,
    access: everyRole,
    responses: { 200: { description: 'People by name', schema: districtUserListSchema } },
    async handler({ res, user, db }) {
      res.json({ users: await people.listPeople(db, user.districtId) });
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/api/users/:userId',
    summary: "Change a person's name, role or schools; deactivate (ends their sessions at once) or reactivate",
    tag,
    access: admins,
    request: { params: userParamsSchema, body: updateUserSchema },
    responses: {
      200: { description: 'The person as saved', schema: districtUserSchema },
      409: problem('Stale version, the last active administrator, or yourself being deactivated'),
    },
    async handler({ res, user, db, input }) {
      res.json(await people.updatePerson(db, user, input.params.userId, input.body));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/people/log',
    summary: 'Who invited, changed, deactivated or reset whom, and when: the latest 200, newest first',
    tag,
    access: admins,
    responses: { 200: { description: 'The log', schema: peopleEventListSchema } },
    async handler({ res, user, db }) {
      res.json({ events: await people.peopleLog(db, user.districtId) });
    },
  }),
];
