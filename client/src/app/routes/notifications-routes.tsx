import { NotificationSettingsPage } from '../../features/notifications/NotificationSettingsPage';
import { NotificationsPage } from '../../features/notifications/NotificationsPage';
import { paths } from '../paths';

/** /notifications: what concerns the signed-in person. */
export function NotificationsRoute() {
  return <NotificationsPage settingsHref={paths.notificationSettings} />;
}

/** /notifications/settings: how they hear of each kind. */
export function NotificationSettingsRoute() {
  return <NotificationSettingsPage notificationsHref={paths.notifications} />;
}
