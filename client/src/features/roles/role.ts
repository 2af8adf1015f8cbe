import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { Role } from '@planner/shared/role';
import { api } from '../../lib/api';
import { planApiPath } from '../../lib/plan-cache';

/** Every role query starts with this, so one invalidation reaches them all. */
export const rolesRootKey = ['roles'] as const;
export const roleListQueryKey = (planId: string) => [...rolesRootKey, planId, 'list'] as const;
export const roleQueryKey = (planId: string, roleId: string) => [...rolesRootKey, planId, 'detail', roleId] as const;

export const rolesApiPath = (planId: string) => `${planApiPath(planId)}/roles`;
export const roleApiPath = (planId: string, roleId: string) => `${rolesApiPath(planId)}/${encodeURIComponent(roleId)}`;

export function fetchRole(planId: string, roleId: string, signal?: AbortSignal): Promise<Role> {
  return api.get<Role>(roleApiPath(planId, roleId), { signal });
}

export function useRole(planId: string, roleId: string) {
  return useQuery({
    queryKey: roleQueryKey(planId, roleId),
    queryFn: ({ signal }) => fetchRole(planId, roleId, signal),
  });
}

/** Puts a role the server answered with into the cache, both on its own and in its plan's list. */
export function setCachedRole(queryClient: QueryClient, role: Role): void {
  queryClient.setQueryData<Role>(roleQueryKey(role.planId, role.id), role);
  queryClient.setQueryData<{ roles: Role[] }>(roleListQueryKey(role.planId), (list) =>
    list ? { roles: list.roles.map((r) => (r.id === role.id ? role : r)) } : list,
  );
}
