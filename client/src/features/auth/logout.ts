import { useEffect, useRef } from 'react';
import { hashKey, useMutation, useQueryClient, type Query } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken, type ApiError } from '../../lib/api';
import { noteSessionEnded } from '../../lib/session-ended';
import { meQueryKey } from './me';

export function logout(): Promise<undefined> {
  return api.post<undefined>('/api/auth/logout');
}

const isMe = (query: Query) => query.queryHash === hashKey(meQueryKey);

/**
 * Signs out; `onSignedOut` takes the person on (to sign in) once the session is gone. Used by the app's
 * frame, which stays on screen until the sign-in page is ready.
 */
export function useLogout(onSignedOut: () => void) {
  const queryClient = useQueryClient();
  const ended = useRef(false);

  // Everything the previous person loaded is dropped once the frame has gone: dropped while it is still
  // shown, the queries it shows (the notifications in its header) would be asked again, after the session.
  useEffect(
    () => () => {
      if (ended.current) queryClient.removeQueries({ predicate: (query) => !isMe(query) });
    },
    [queryClient],
  );

  const forgetSession = () => {
    setCsrfToken(null);
    // Signed out by their own choice, even if a request found the session gone first: the sign-in page does
    // not say it ended under them, and forms keep no words.
    noteSessionEnded(false);
    ended.current = true;
    // Nobody is signed in, so the sign-in page does not bounce straight back. A fresh query rather than
    // a change to the frame's, which keeps the person it shows until the sign-in page replaces it.
    queryClient.removeQueries({ queryKey: meQueryKey, exact: true });
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
