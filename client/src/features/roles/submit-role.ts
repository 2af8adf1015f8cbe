import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@planner/shared/role';
import { api, type ApiError } from '../../lib/api';
import { roleApiPath, setCachedRole } from './role';

export function submitRole(planId: string, roleId: string): Promise<Role> {
  return api.post<Role>(`${roleApiPath(planId, roleId)}/submit`);
}

/** Sends the role to the principals of its schools; a 409 says why it cannot go (no schools, no principal). */
export function useSubmitRole(planId: string, roleId: string) {
  const queryClient = useQueryClient();
  return useMutation<Role, ApiError>({
    mutationFn: () => submitRole(planId, roleId),
    onSuccess: (role) => setCachedRole(queryClient, role),
  });
}
