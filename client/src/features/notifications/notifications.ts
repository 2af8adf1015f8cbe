import { useEffect, useRef } from 'react';
import { useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import type { MarkRead, NotificationList } from '@planner/shared/notification';
import { api, type ApiError } from '../../lib/api';

export const notificationsQueryKey = ['notifications'] as const;

/** The notifications page's list, a page at a time (under the same key, so a change refreshes both). */
export const notificationPagesQueryKey = [...notificationsQueryKey, 'pages'] as const;

export function fetchNotifications(signal?: AbortSignal, before?: string): Promise<NotificationList> {
  const query = before === undefined ? '' : `?before=${encodeURIComponent(before)}`;
  return api.get<NotificationList>(`/api/notifications${query}`, { signal });
}

/** What concerns the signed-in person, newest first, and how many are unread: asked again every minute and on focus. */
export function useNotifications() {
  return useQuery({
    queryKey: notificationsQueryKey,
    queryFn: ({ signal }) => fetchNotifications(signal),
    refetchInterval: 60_000,
    refetchOnWindowFocus: 'always',
  });
}

const isMarked = (input: MarkRead, n: NotificationList['notifications'][number]) =>
  'all' in input || ('ids' in input ? input.ids.includes(n.id) : n.link === input.link);

/** A list with some (or all) notifications read, and its unread count lowered by as many. */
function withRead(list: NotificationList, input: MarkRead): NotificationList {
  const notifications = list.notifications.map((n) => (isMarked(input, n) ? { ...n, read: true } : n));
  const newlyRead = list.notifications.filter((n, i) => !n.read && notifications[i]?.read).length;
  return { ...list, notifications, unread: 'all' in input ? 0 : Math.max(0, list.unread - newlyRead) };
}

/** Marks some notifications read, those leading to a page, or all of them. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, MarkRead>({
    mutationFn: (input) => api.post<void>('/api/notifications/read', input),
    onMutate: async (input) => {
      // A refresh under way would bring back what is marked here: it is called off, and asked again after.
      await queryClient.cancelQueries({ queryKey: notificationsQueryKey });
      let newlyRead: number | undefined;
      queryClient.setQueryData<InfiniteData<NotificationList, string | undefined>>(
        notificationPagesQueryKey,
        (data) => {
          if (!data) return data;
          // Every page carries the unread count: it falls by what is read on any page.
          const read = data.pages.map((page) => withRead(page, input));
          newlyRead = data.pages.reduce((sum, page, i) => sum + page.unread - read[i]!.unread, 0);
          const unread = 'all' in input ? 0 : Math.max(0, (data.pages[0]?.unread ?? 0) - newlyRead);
          return { ...data, pages: read.map((page) => ({ ...page, unread })) };
        },
      );
      // The header's count drops at once too, for a notification of an older page as well.
      queryClient.setQueryData<NotificationList>(notificationsQueryKey, (list) => {
        if (!list) return list;
        const marked = withRead(list, input);
        if (newlyRead === undefined || 'all' in input) return marked;
        return { ...marked, unread: Math.max(0, list.unread - newlyRead) };
      });
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: notificationsQueryKey }),
  });
}

/**
 * The person's unread notifications that lead to this page (a thread, a role: see threadLink and roleLink)
 * are read once they are here, however they came (an email's link, a bookmark), and the bell says so.
 */
export function useMarkReadOnArrival(link: string | null) {
  const unread = useNotifications().data?.unread ?? 0;
  const { mutate } = useMarkRead();
  // The page marked, and the unread count since: more unread while it is open (a reply on this thread, the
  // role sent back) is marked too.
  const marked = useRef<{ link: string; unread: number } | null>(null);
  useEffect(() => {
    if (link === null) return;
    const before = marked.current?.link === link ? marked.current.unread : -1;
    marked.current = { link, unread };
    if (unread > 0 && unread > before) mutate({ link });
  }, [link, unread, mutate]);
}
