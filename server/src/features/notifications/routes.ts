import {
  markReadSchema,
  notificationListQuerySchema,
  notificationListSchema,
  notificationSettingsSchema,
} from '@planner/shared/notification';
import { defineRoute, everyRole } from '../../http/routes';
import * as notifications from './service';

const tag = 'Notifications';

export const notificationRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/notifications',
    summary: 'What concerns you, newest first, 50 at a time (`before` pages back), and how many are unread',
    tag,
    access: everyRole,
    request: { query: notificationListQuerySchema },
    responses: { 200: { description: 'Your notifications', schema: notificationListSchema } },
    async handler({ res, user, db, input }) {
      res.json(await notifications.notificationsOf(db, user, input.query.before));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/notifications/read',
    summary: 'Mark some notifications read (`ids`), or all of them (`all: true`)',
    tag,
    access: everyRole,
    request: { body: markReadSchema },
    responses: { 204: { description: 'Marked read' } },
    async handler({ res, user, db, input }) {
      await notifications.markRead(db, user, input.body);
      res.status(204).end();
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/me/notification-settings',
    summary: 'For each kind of notification: in the planner only, or also by email at once or in a daily digest',
    tag,
    access: everyRole,
    responses: { 200: { description: 'Your settings', schema: notificationSettingsSchema } },
    async handler({ res, user, db }) {
      res.json(await notifications.settingsOf(db, user));
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/me/notification-settings',
    summary: 'Choose how you hear of each kind of notification',
    tag,
    access: everyRole,
    request: { body: notificationSettingsSchema },
    responses: { 200: { description: 'Your settings as saved', schema: notificationSettingsSchema } },
    async handler({ res, user, db, input }) {
      res.json(await notifications.saveSettings(db, user, input.body));
    },
  }),
];
