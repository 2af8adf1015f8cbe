import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DistrictSettings, UpdateDistrictSettings } from '@planner/shared/district';
import { api, type ApiError } from '../../lib/api';
import { meQueryKey } from '../../lib/shared-query-keys';

const settingsQueryKey = ['district', 'settings'] as const;

export function useDistrictSettings() {
  return useQuery({
    queryKey: settingsQueryKey,
    queryFn: ({ signal }) => api.get<DistrictSettings>('/api/district/settings', { signal }),
  });
}

export function useSaveDistrictSettings() {
  const queryClient = useQueryClient();
  return useMutation<DistrictSettings, ApiError, UpdateDistrictSettings>({
    mutationFn: (body) => api.put<DistrictSettings>('/api/district/settings', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsQueryKey, saved);
      // The signed-in person's district carries the time zone, by which the pages count "today".
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
    onError: (error) => {
      if (error.code === 'version_conflict') void queryClient.invalidateQueries({ queryKey: settingsQueryKey });
    },
  });
}
