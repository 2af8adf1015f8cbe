import { useInfiniteQuery } from '@tanstack/react-query';
import { fetchNotifications, notificationPagesQueryKey } from './notifications';

// Apart from notifications.ts, which the app's header loads: only the Notifications page pages back.

/**
 * Every notification, newest first, a page at a time: each older page starts after the last one shown
 * (the server's cursor), so none is skipped or shown twice as new ones arrive.
 */
export function useNotificationPages() {
  return useInfiniteQuery({
    queryKey: notificationPagesQueryKey,
    queryFn: ({ pageParam, signal }) => fetchNotifications(signal, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchOnWindowFocus: 'always',
  });
}
