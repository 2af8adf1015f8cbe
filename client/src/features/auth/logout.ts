import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken, type ApiError } from '../../lib/api';
import { meQueryKey } from './me';

export function logout(): Promise<undefined> {
  return api.post<undefined>('/api/auth/logout');
}

/** Signs out; `onSignedOut` takes the person on (to sign in) once the session is gone. */
export function useLogout(onSignedOut: () => void) {
  const queryClient = useQueryClient();

  const forgetSession = () => {
    setCsrfToken(null);
    // Drop everything the previous person loaded, then record that nobody is signed in,
    // so the sign-in page does not bounce straight back.
    queryClient.removeQueries();
    queryClient.setQueryData(meQueryKey, null);
    onSignedOut();
  };

  return useMutation<undefined, ApiError>({
    mutationFn: logout,
    onSuccess: forgetSession,
    onError: (error) => {
      // The session had already ended: the person is signed out either way.
      if (isApiError(error) && error.status === 401) forgetSession();
    },
  });
}
