import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime, countOf } from '@planner/shared/format';
import { notificationKindLabels, type Notification } from '@planner/shared/notification';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useMarkRead, useNotifications } from './notifications';
import styles from './notifications.module.css';

// A notification's link is a path of the planner; anything else is shown as text, never followed.
const isAppPath = (link: string) => link.startsWith('/') && !link.startsWith('//');

function NotificationItem({ notification, onRead }: { notification: Notification; onRead: (id: string) => void }) {
  const { title, body, link, read, createdAt, kind } = notification;
  return (
    <li className={`${styles['item']}${read ? '' : ` ${styles['item--unread']}`}`}>
      <p className={styles['item__kind']}>
        {read ? null : <span className={styles['item__unread']}>Unread</span>} {notificationKindLabels[kind]}
      </p>
      <h2 className={styles['item__title']}>
        {isAppPath(link) ? (
          <Link to={link} onClick={() => (read ? undefined : onRead(notification.id))}>
            {title}
          </Link>
        ) : (
          title
        )}
      </h2>
      {body ? <p className={styles['item__body']}>{body}</p> : null}
      <p className={styles['item__meta']}>
        <time dateTime={createdAt}>{formatDateTime(createdAt)}</time>
        {read ? null : (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => onRead(notification.id)}
          >
            Mark read<span className="visually-hidden">: {title}</span>
          </button>
        )}
      </p>
    </li>
  );
}

/** /notifications: what concerns the signed-in person, newest first; mark one or all read. */
export function NotificationsPage({ settingsHref }: { settingsHref: string }) {
  useDocumentTitle('Notifications');
  const notifications = useNotifications();
  const markRead = useMarkRead();
  const [status, setStatus] = useState('');

  const read = (input: { ids: string[] } | { all: true }, message: string) =>
    markRead.mutate(input, { onSuccess: () => setStatus(message) });

  let content;
  if (notifications.isPending) {
    content = <LoadingState label="Loading your notifications…" />;
  } else if (notifications.isError) {
    content = (
      <ErrorAlert title="Your notifications could not be loaded">
        <p>{notifications.error.message}</p>
        <button type="button" className="button button--secondary" onClick={() => void notifications.refetch()}>
          Try again
        </button>
      </ErrorAlert>
    );
  } else if (notifications.data.notifications.length === 0) {
    content = (
      <p className="muted">Nothing yet. Comments, reviews and reminders that concern you will be listed here.</p>
    );
  } else {
    content = (
      <ul className={styles['list']} aria-label="Your notifications, newest first">
        {notifications.data.notifications.map((n) => (
          <NotificationItem key={n.id} notification={n} onRead={(id) => read({ ids: [id] }, 'Marked read.')} />
        ))}
      </ul>
    );
  }
  const unread = notifications.data?.unread ?? 0;
  return (
    <div className="page">
      <h1>Notifications</h1>
      <div className={styles['toolbar']}>
        <p className={styles['toolbar__count']}>
          {notifications.data ? `${countOf(unread, 'unread notification')}.` : ''}
        </p>
        <button
          type="button"
          className="button button--secondary"
          disabled={unread === 0 || markRead.isPending}
          onClick={() => read({ all: true }, 'All your notifications are marked read.')}
        >
          Mark all read
        </button>
        <Link to={settingsHref}>Notification settings</Link>
      </div>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {markRead.isError ? (
        <ErrorAlert title="Not marked read">
          <p>{markRead.error.detail}</p>
        </ErrorAlert>
      ) : null}
      {content}
    </div>
  );
}
