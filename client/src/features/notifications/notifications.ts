import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationList } from '@planner/shared/notification';
import { api, type ApiError } from '../../lib/api';

export const notificationsQueryKey = ['notifications'] as const;

export function fetchNotifications(signal?: AbortSignal): Promise<NotificationList> {
  return api.get<NotificationList>('/api/notifications', { signal });
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

/** Marks some notifications read, or all of them. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, { ids: string[] } | { all: true }>({
    mutationFn: (input) => api.post<void>('/api/notifications/read', input),
    onMutate: (input) => {
      // The count in the app shell drops at once; the server's answer follows.
      queryClient.setQueryData<NotificationList>(notificationsQueryKey, (list) => {
        if (!list) return list;
        const notifications = list.notifications.map((n) =>
          'all' in input || input.ids.includes(n.id) ? { ...n, read: true } : n,
        );
        const newlyRead = list.notifications.filter((n, i) => !n.read && notifications[i]?.read).length;
        return { notifications, unread: Math.max(0, list.unread - newlyRead) };
      });
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: notificationsQueryKey }),
  });
}
