import { useEffect, useRef, useState, type Ref } from 'react';
import { Link } from 'react-router';
import { countOf } from '@planner/shared/format';
import { notificationKindLabels, type Notification } from '@planner/shared/notification';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadError } from '../../components/LoadError';
import { LoadingState } from '../../components/LoadingState';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useNotificationPages } from './notification-pages';
import { useMarkRead } from './notifications';
import styles from './notifications.module.css';
import { useDistrictDateTime } from '../../lib/district-time';

// A notification's link is a path of the planner; anything else is shown as text, never followed.
const isAppPath = (link: string) => link.startsWith('/') && !link.startsWith('//');

interface NotificationItemProps {
  notification: Notification;
  onRead: (id: string) => void;
  /** The first of the older notifications just shown: focus moves to it. */
  itemRef?: Ref<HTMLLIElement>;
}

function NotificationItem({ notification, onRead, itemRef }: NotificationItemProps) {
  const dateTime = useDistrictDateTime();
  const { title, body, link, read, createdAt, kind } = notification;
  const titleRef = useRef<HTMLHeadingElement>(null);
  // Marking it read takes its button away: focus goes to its title (its link, where it has one) instead.
  const focusTitle = useRef(false);
  useEffect(() => {
    if (!read || !focusTitle.current) return;
    focusTitle.current = false;
    const heading = titleRef.current;
    (heading?.querySelector('a') ?? heading)?.focus();
  }, [read]);
  return (
    <li
      ref={itemRef}
      tabIndex={itemRef ? -1 : undefined}
      className={`${styles['item']}${read ? '' : ` ${styles['item--unread']}`}`}
    >
      <p className={styles['item__kind']}>
        {read ? null : <span className={styles['item__unread']}>Unread</span>} {notificationKindLabels[kind]}
      </p>
      <h2 className={styles['item__title']} ref={titleRef} tabIndex={-1}>
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
        <time dateTime={createdAt}>{dateTime(createdAt)}</time>
        {read ? null : (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              focusTitle.current = true;
              onRead(notification.id);
            }}
          >
            Mark read<span className="visually-hidden">: {title}</span>
          </button>
        )}
      </p>
    </li>
  );
}

/** /notifications: what concerns the signed-in person, newest first, 50 at a time; mark one or all read. */
export function NotificationsPage({ settingsHref }: { settingsHref: string }) {
  useDocumentTitle('Notifications');
  const pages = useNotificationPages();
  const markRead = useMarkRead();
  const [status, setStatus] = useState('');
  // The first of the older notifications just shown: focus goes there, so the reader continues from it.
  const [firstOlderId, setFirstOlderId] = useState<string | null>(null);
  const firstOlder = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (firstOlderId !== null) firstOlder.current?.focus();
  }, [firstOlderId]);

  const read = (input: { ids: string[] } | { all: true }, message: string) =>
    markRead.mutate(input, { onSuccess: () => setStatus(message) });
  const notifications = pages.data?.pages.flatMap((page) => page.notifications) ?? [];

  const showOlder = async () => {
    // The button keeps focus while it loads (it says so, and a second press does nothing).
    if (pages.isFetchingNextPage) return;
    const pagesBefore = pages.data?.pages.length ?? 0;
    const result = await pages.fetchNextPage();
    const older = result.data?.pages.slice(pagesBefore).flatMap((page) => page.notifications) ?? [];
    if (result.isError || older.length === 0) return;
    setFirstOlderId(older[0]!.id);
    setStatus(`${countOf(older.length, 'older notification')} shown.`);
  };

  let content;
  if (pages.isPending) {
    content = <LoadingState label="Loading your notifications…" />;
  } else if (pages.isError && !pages.data) {
    content = <LoadError title="Your notifications could not be loaded" query={pages} />;
  } else if (notifications.length === 0) {
    content = (
      <p className="muted">Nothing yet. Comments, reviews and reminders that concern you will be listed here.</p>
    );
  } else {
    content = (
      <>
        <ul className={styles['list']} aria-label="Your notifications, newest first">
          {notifications.map((n) => (
            <NotificationItem
              key={n.id}
              notification={n}
              onRead={(id) => read({ ids: [id] }, 'Marked read.')}
              itemRef={n.id === firstOlderId ? firstOlder : undefined}
            />
          ))}
        </ul>
        {pages.isFetchNextPageError ? (
          <ErrorAlert title="Older notifications could not be loaded">
            <p>{pages.error?.message}</p>
          </ErrorAlert>
        ) : null}
        {pages.hasNextPage ? (
          <p>
            <button
              type="button"
              className="button button--secondary"
              aria-disabled={pages.isFetchingNextPage ? true : undefined}
              onClick={() => void showOlder()}
            >
              {pages.isFetchingNextPage ? 'Loading older notifications…' : 'Show older notifications'}
            </button>
          </p>
        ) : null}
      </>
    );
  }
  const unread = pages.data?.pages[0]?.unread ?? 0;
  return (
    <div className="page">
      <h1>Notifications</h1>
      <div className={styles['toolbar']}>
        <p className={styles['toolbar__count']}>{pages.data ? `${countOf(unread, 'unread notification')}.` : ''}</p>
        <button
          type="button"
          className="button button--secondary"
          // Unavailable rather than disabled, so that the button pressed keeps focus once nothing is unread.
          aria-disabled={unread === 0 || markRead.isPending || undefined}
          onClick={() => {
            if (unread > 0 && !markRead.isPending) read({ all: true }, 'All your notifications are marked read.');
          }}
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
