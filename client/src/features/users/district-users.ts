import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DistrictUser } from '@planner/shared/user';
import { api } from '../../lib/api';
import { districtUsersQueryKey } from '../../lib/shared-query-keys';

export function fetchDistrictUsers(signal?: AbortSignal): Promise<{ users: DistrictUser[] }> {
  return api.get<{ users: DistrictUser[] }>('/api/users', { signal });
}

export const districtUsersQuery = queryOptions({
  queryKey: districtUsersQueryKey,
  queryFn: ({ signal }) => fetchDistrictUsers(signal),
  staleTime: 5 * 60 * 1000,
});

/** The people of the district, for choosing who owns an action. */
export function useDistrictUsers() {
  return useQuery(districtUsersQuery);
}
