import { NavLink } from 'react-router';
import { useNotifications } from './notifications';
import styles from './notifications.module.css';

/** In the app header: a bell with how many notifications are unread, read out as "Notifications, 2 unread". */
export function NotificationsBell({ href }: { href: string }) {
  const notifications = useNotifications();
  const unread = notifications.data?.unread;
  return (
    <NavLink
      className={`button button--on-dark ${styles['bell']}`}
      to={href}
      end
      // Said as one phrase: the flex layout would read its parts apart.
      aria-label={unread === undefined ? 'Notifications' : `Notifications, ${String(unread)} unread`}
    >
      <svg
        className={styles['bell__icon']}
        viewBox="0 0 24 24"
        width="20"
        height="20"
        aria-hidden="true"
        focusable="false"
      >
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      <span>Notifications</span>
      {/* Not shown between flex items, the space still parts the words of the text: "Notifications 3", which the
          name starts with, as a voice-control user says it (WCAG 2.5.3). */}{' '}
      {unread !== undefined ? (
        <span className={`${styles['bell__count']}${unread === 0 ? ` ${styles['bell__count--none']}` : ''}`}>
          {unread}
        </span>
      ) : null}
    </NavLink>
  );
}
