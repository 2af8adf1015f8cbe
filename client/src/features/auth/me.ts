import { useQuery } from '@tanstack/react-query';
import type { CurrentUser } from '@planner/shared/auth';
import { api, isApiError, setCsrfToken } from '../../lib/api';
import { meQueryKey } from '../../lib/shared-query-keys';

export { meQueryKey };

/** The signed-in person, or null when nobody is signed in (the API answers 401). */
export async function fetchMe(signal?: AbortSignal): Promise<CurrentUser | null> {
  try {
    const currentUser = await api.get<CurrentUser>('/api/auth/me', { signal });
    setCsrfToken(currentUser.csrfToken);
    return currentUser;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => fetchMe(signal),
    refetchOnWindowFocus: false,
    staleTime: 5 * 60 * 1000,
  });
}
