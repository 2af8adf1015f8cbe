import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateRole, Role } from '@planner/shared/role';
import { api, type ApiError } from '../../lib/api';
import { roleListQueryKey, rolesApiPath, setCachedRole } from './role';

export function createRole(planId: string, input: CreateRole): Promise<Role> {
  return api.post<Role>(rolesApiPath(planId), input);
}

/** A new role in draft, from the role library or blank. */
export function useCreateRole(planId: string) {
  const queryClient = useQueryClient();
  return useMutation<Role, ApiError, CreateRole>({
    mutationFn: (input) => createRole(planId, input),
    onSuccess: (role) => {
      setCachedRole(queryClient, role);
      void queryClient.invalidateQueries({ queryKey: roleListQueryKey(planId) });
    },
  });
}
