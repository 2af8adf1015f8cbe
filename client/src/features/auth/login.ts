import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CurrentUser, LoginRequest } from '@planner/shared/auth';
import { api, setCsrfToken, type ApiError } from '../../lib/api';
import { meQueryKey } from './me';

export function login(credentials: LoginRequest): Promise<CurrentUser> {
  // Nobody is signed in yet, so there is no session token to send.
  return api.post<CurrentUser>('/api/auth/login', credentials, { csrf: false });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation<CurrentUser, ApiError, LoginRequest>({
    mutationFn: login,
    onSuccess: (currentUser) => {
      setCsrfToken(currentUser.csrfToken);
      queryClient.setQueryData<CurrentUser | null>(meQueryKey, currentUser);
    },
  });
}
