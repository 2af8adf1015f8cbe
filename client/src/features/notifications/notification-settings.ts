import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationSettings } from '@planner/shared/notification';
import { api, type ApiError } from '../../lib/api';

const settingsQueryKey = ['notification-settings'] as const;
const settingsPath = '/api/me/notification-settings';

export function useNotificationSettings() {
  return useQuery({
    queryKey: settingsQueryKey,
    queryFn: ({ signal }) => api.get<NotificationSettings>(settingsPath, { signal }),
  });
}

export function useSaveNotificationSettings() {
  const queryClient = useQueryClient();
  return useMutation<NotificationSettings, ApiError, NotificationSettings>({
    mutationFn: (input) => api.put<NotificationSettings>(settingsPath, input),
    onSuccess: (saved) => queryClient.setQueryData(settingsQueryKey, saved),
  });
}
