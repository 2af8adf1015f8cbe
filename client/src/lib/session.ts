import { useQueryClient } from '@tanstack/react-query';
import type { CurrentUser } from '@planner/shared/auth';
import { setCsrfToken } from './api';
import { meQueryKey } from './shared-query-keys';

/**
 * Takes on a session the server has just started (an accepted invitation, a reset link): what an earlier
 * person of this browser loaded is dropped, and the new person is the one signed in.
 */
export function useStartSession(): (currentUser: CurrentUser) => void {
  const queryClient = useQueryClient();
  return (currentUser) => {
    setCsrfToken(currentUser.csrfToken);
    queryClient.removeQueries();
    queryClient.setQueryData<CurrentUser | null>(meQueryKey, currentUser);
  };
}
