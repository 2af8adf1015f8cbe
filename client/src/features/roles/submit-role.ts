import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@planner/shared/role';
import { api, type ApiError } from '../../lib/api';
import { roleApiPath, setCachedRole } from './role';

/** Sent with the version on the page: a role someone changed since is not sent unseen (409). */
export function submitRole(planId: string, roleId: string, version: number): Promise<Role> {
  return api.post<Role>(`${roleApiPath(planId, roleId)}/submit`, { version });
}

/** Sends the role to the principals of its schools; a 409 says why it cannot go (no schools, no principal). */
export function useSubmitRole(planId: string, roleId: string, version: number) {
  const queryClient = useQueryClient();
  return useMutation<Role, ApiError>({
    mutationFn: () => submitRole(planId, roleId, version),
    onSuccess: (role) => setCachedRole(queryClient, role),
  });
}
