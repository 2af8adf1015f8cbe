import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CurrentUser, SessionState } from '@planner/shared/auth';
import { api, setCsrfToken } from '../../lib/api';
import { meQueryKey } from '../../lib/shared-query-keys';

export { meQueryKey };

/** The signed-in person, or null when nobody is signed in. */
export async function fetchMe(signal?: AbortSignal): Promise<CurrentUser | null> {
  const { signedIn } = await api.get<SessionState>('/api/auth/session', { signal });
  setCsrfToken(signedIn?.csrfToken ?? null);
  return signedIn;
}

export const meQuery = queryOptions({
  queryKey: meQueryKey,
  queryFn: ({ signal }) => fetchMe(signal),
  staleTime: 5 * 60 * 1000,
});

export function useMe() {
  return useQuery({ ...meQuery, refetchOnWindowFocus: false });
}
