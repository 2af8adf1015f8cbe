import { useQuery } from '@tanstack/react-query';
import type { SchoolList } from '@planner/shared/school';
import { api } from '../../lib/api';
import { schoolsQueryKey } from '../../lib/shared-query-keys';

export function fetchSchools(signal?: AbortSignal): Promise<SchoolList> {
  return api.get<SchoolList>('/api/schools', { signal });
}

/** The district's schools with their principals, for choosing the schools a role is for. */
export function useSchools() {
  return useQuery({
    queryKey: schoolsQueryKey,
    queryFn: ({ signal }) => fetchSchools(signal),
    staleTime: 5 * 60 * 1000,
  });
}
