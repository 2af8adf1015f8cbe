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
  return () => {
    void queryClient.invalidateQueries({ queryKey: settingsQueryKey });
    void queryClient.invalidateQueries({ queryKey: ['people', 'log'] });
  };
}

export function useSaveSignInSettings() {
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  return useMutation<SignInSettings, ApiError, UpdateSignInSettings>({
    mutationFn: (body) => api.put<SignInSettings>('/api/district/sign-in', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsQueryKey, saved);
      refresh();
    },
    onError: (error) => {
      if (error.code === 'version_conflict') refresh();
    },
  });
}

export function useTurnOffSignIn() {
  const refresh = useRefresh();
  return useMutation<undefined, ApiError>({
    mutationFn: () => api.delete<undefined>('/api/district/sign-in'),
    onSuccess: refresh,
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
      refresh();
    },
    // Not verified: another district may hold it now, or it was removed meanwhile; the list shows which.
    onError: refresh,
  });
}

/** Removes one of the district's domains (offered while sign-in is off; when on, the settings' field says them). */
export function useRemoveSignInDomain() {
  const refresh = useRefresh();
  return useMutation<undefined, ApiError, string>({
    mutationFn: (domain) => api.delete<undefined>(`/api/district/sign-in/domains/${encodeURIComponent(domain)}`),
    onSettled: refresh,
  });
}
