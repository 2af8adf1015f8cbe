import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { roleAlignmentSchema, type RoleAlignment } from '@planner/shared/alignment';
import { api } from '../../lib/api';
import { planApiPath } from '../../lib/plan-cache';
import { planAlignmentQueryKey } from './plan-alignment';

export const roleAlignmentApiPath = (planId: string, roleId: string) =>
  `${planApiPath(planId)}/roles/${encodeURIComponent(roleId)}/alignment`;

/** Keyed by the role's version too: each saved change of the role's fields is judged again. */
export const roleAlignmentQueryKey = (planId: string, roleId: string, roleVersion: number) =>
  [...planAlignmentQueryKey(planId), roleId, roleVersion] as const;

export async function fetchRoleAlignment(planId: string, roleId: string, signal?: AbortSignal): Promise<RoleAlignment> {
  return roleAlignmentSchema.parse(await api.get<unknown>(roleAlignmentApiPath(planId, roleId), { signal }));
}

/** GET /api/plans/:planId/roles/:roleId/alignment. */
export function useRoleAlignment(planId: string, roleId: string, roleVersion: number) {
  return useQuery({
    queryKey: roleAlignmentQueryKey(planId, roleId, roleVersion),
    queryFn: ({ signal }) => fetchRoleAlignment(planId, roleId, signal),
    placeholderData: keepPreviousData,
  });
}
