import { useMutation, useQuery } from '@tanstack/react-query';
import type { CurrentUser } from '@planner/shared/auth';
import { api, type ApiError } from '../../lib/api';
import { useStartSession } from '../../lib/session';

export interface ResetLinkPreview {
  email: string;
  districtName: string;
  expiresAt: string;
}

/** Asks for a reset link by email: the answer is the same whether or not the email has an account. */
export function useRequestPasswordReset() {
  return useMutation<{ message: string }, ApiError, { email: string }>({
    mutationFn: (body) => api.post<{ message: string }>('/api/auth/password-reset', body, { csrf: false }),
  });
}

const resetPath = (token: string) => `/api/auth/password-reset/${encodeURIComponent(token)}`;

/** Whose password a reset link sets, while it still works. */
export function useResetLinkPreview(token: string) {
  return useQuery({
    queryKey: ['password-reset', token],
    queryFn: ({ signal }) => api.get<ResetLinkPreview>(resetPath(token), { signal }),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/** Sets the new password with the link (once); the server signs the person in. */
export function useResetPassword(token: string) {
  const startSession = useStartSession();
  return useMutation<CurrentUser, ApiError, { password: string }>({
    mutationFn: (body) => api.post<CurrentUser>(resetPath(token), body, { csrf: false }),
    onSuccess: startSession,
  });
}
