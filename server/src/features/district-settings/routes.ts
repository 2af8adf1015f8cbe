import { districtSettingsSchema, updateDistrictSettingsSchema } from '@planner/shared/district';
import { admins, defineRoute, everyRole, problem } from '../../http/routes';
import * as districtSettings from './service';

const tag = 'District settings';

export const districtSettingsRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/district/settings',
    summary: "The district's settings: its time zone, by which its days (reminders, overdue, the digest) run",
    tag,
    access: everyRole,
    responses: { 200: { description: 'The settings', schema: districtSettingsSchema } },
    async handler({ res, user, db }) {
      res.json(await districtSettings.settingsOf(db, user.districtId));
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/district/settings',
    summary: "Change the district's time zone (an IANA name such as America/Chicago)",
    tag,
    access: admins,
    request: { body: updateDistrictSettingsSchema },
    responses: {
      200: { description: 'The settings as saved', schema: districtSettingsSchema },
      409: problem('Stale version: someone changed the settings first'),
    },
    async handler({ res, user, db, input }) {
      res.json(await districtSettings.saveSettings(db, user, input.body));
    },
  }),
];
