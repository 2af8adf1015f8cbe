import { useQuery } from '@tanstack/react-query';
import type { Role } from '@planner/shared/role';
import { api } from '../../lib/api';
import { roleListQueryKey, rolesApiPath } from './role';

export function fetchRoles(planId: string, signal?: AbortSignal): Promise<{ roles: Role[] }> {
  return api.get<{ roles: Role[] }>(rolesApiPath(planId), { signal });
}

export function useRoles(planId: string) {
  return useQuery({ queryKey: roleListQueryKey(planId), queryFn: ({ signal }) => fetchRoles(planId, signal) });
}
