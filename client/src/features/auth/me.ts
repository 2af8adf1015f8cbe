import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CurrentUser } from '@planner/shared/auth';
import { api, isApiError, setCsrfToken } from '../../lib/api';
import { meQueryKey } from '../../lib/shared-query-keys';

export { meQueryKey };

/** The signed-in person, or null when nobody is signed in (the API answers 401). */
export async function fetchMe(signal?: AbortSignal): Promise<CurrentUser | null> {
  try {
    const currentUser = await api.get<CurrentUser>('/api/auth/me', { signal, statusOnly: [401] });
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

export const meQuery = queryOptions({
  queryKey: meQueryKey,
  queryFn: ({ signal }) => fetchMe(signal),
  staleTime: 5 * 60 * 1000,
});

export function useMe() {
  return useQuery({ ...meQuery, refetchOnWindowFocus: false });
}
