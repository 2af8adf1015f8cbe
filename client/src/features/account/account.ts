import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CurrentUser } from '@planner/shared/auth';
import type { ChangePassword, PasswordChanged } from '@planner/shared/password';
import { api, type ApiError } from '../../lib/api';
import { meQueryKey } from '../../lib/shared-query-keys';

/** A new name of one's own: the header and every page that reads the signed-in person show it at once. */
export function useRename() {
  const queryClient = useQueryClient();
  return useMutation<CurrentUser, ApiError, { name: string }>({
    mutationFn: (body) => api.patch<CurrentUser>('/api/auth/me', body),
    onSuccess: (currentUser) => {
      queryClient.setQueryData<CurrentUser | null>(meQueryKey, (before) =>
        // The session's CSRF token stays what it was.
        before ? { ...currentUser, csrfToken: before.csrfToken } : currentUser,
      );
      // Lists of people name them: the district's list now has the new name.
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });
}

/** A new password of one's own; the server ends every other session of the person. */
export function useChangePassword() {
  return useMutation<PasswordChanged, ApiError, ChangePassword>({
    mutationFn: (body) => api.post<PasswordChanged>('/api/auth/password', body),
  });
}
