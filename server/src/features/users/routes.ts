import { districtUserListSchema } from '@planner/shared/user';
import { defineRoute, everyRole } from '../../http/routes';
import { usersOfDistrict } from './service';

export const userRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/users',
    summary: 'The people of the district (names and roles), e.g. to choose an action owner',
    tag: 'Users',
    access: everyRole,
    responses: { 200: { description: 'Users by name', schema: districtUserListSchema } },
    async handler({ res, user, db }) {
      res.json({ users: await usersOfDistrict(db, user.districtId) });
    },
  }),
];
