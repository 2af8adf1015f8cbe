import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SignInSettings, UpdateSignInSettings } from '@planner/shared/auth';
import { api, type ApiError } from '../../lib/api';

const settingsQueryKey = ['district', 'sign-in'] as const;

export function useSignInSettings() {
  return useQuery({
    queryKey: settingsQueryKey,
    queryFn: ({ signal }) => api.get<SignInSettings>('/api/district/sign-in', { signal }),
  });
}

function useRefresh() {
  const queryClient = useQueryClient();
  // Settles once the settings shown are refetched, for a caller that waits for them.
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: settingsQueryKey }),
      queryClient.invalidateQueries({ queryKey: ['people', 'log'] }),
    ]);
}

export function useSaveSignInSettings() {
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  return useMutation<SignInSettings, ApiError, UpdateSignInSettings>({
    mutationFn: (body) => api.put<SignInSettings>('/api/district/sign-in', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsQueryKey, saved);
      void refresh();
    },
    onError: (error) => {
      if (error.code === 'version_conflict') void refresh();
    },
  });
}

export function useTurnOffSignIn() {
  const refresh = useRefresh();
  return useMutation<undefined, ApiError>({
    mutationFn: () => api.delete<undefined>('/api/district/sign-in'),
    onSuccess: () => void refresh(),
  });
}

/** Asks the server to look for the domain's TXT record now; the settings come back with the domain verified. */
export function useVerifySignInDomain() {
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  return useMutation<SignInSettings, ApiError, string>({
    mutationFn: (domain) =>
      api.post<SignInSettings>(`/api/district/sign-in/domains/${encodeURIComponent(domain)}/verification`),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsQueryKey, saved);
      void refresh();
    },
    // Not verified: another district may hold it now, or it was removed meanwhile; the list shows which.
    onError: () => void refresh(),
  });
}

/**
 * Removes one of the district's domains (offered while sign-in is off; when on, the settings' field says them).
 * Pending until the list has come back without it, so the page says it is gone only once it shows it gone.
 */
export function useRemoveSignInDomain() {
  const refresh = useRefresh();
  return useMutation<undefined, ApiError, string>({
    mutationFn: (domain) => api.delete<undefined>(`/api/district/sign-in/domains/${encodeURIComponent(domain)}`),
    onSuccess: refresh,
    onError: () => void refresh(),
  });
}
