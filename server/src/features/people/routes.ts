import { districtUserListSchema, peopleEventListSchema } from '@planner/shared/user';
import { admins, defineRoute, everyRole } from '../../http/routes';
import * as people from './service';

const tag = 'People';

/** Changing a person is a command (commands/update-person.ts): it revokes invitations and settles roles in review. */

export const peopleRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/users',
    summary: 'The people of the district: role, schools, whether active; when each last signed in, to administrators',
    tag,
    access: everyRole,
    responses: { 200: { description: 'People by name', schema: districtUserListSchema } },
    async handler({ res, user, db }) {
      res.json({ users: await people.peopleAsSeenBy(db, user) });
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
