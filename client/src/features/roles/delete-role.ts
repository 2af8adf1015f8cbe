import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@planner/shared/role';
import { api, type ApiError } from '../../lib/api';
import { useAutosaveRegistry } from '../../lib/autosave/registry-context';
import { roleApiPath, roleListQueryKey, roleQueryKey } from './role';
import { roleEditKey } from './update-role';

export function deleteRole(planId: string, roleId: string): Promise<undefined> {
  return api.delete<undefined>(roleApiPath(planId, roleId));
}

/** Removes a role with its reviews and history. */
export function useDeleteRole(role: Role) {
  const queryClient = useQueryClient();
  const registry = useAutosaveRegistry();
  return useMutation<undefined, ApiError>({
    mutationFn: () => deleteRole(role.planId, role.id),
    onSuccess: () => {
      registry.edits.remove(roleEditKey(registry.userId, role.planId, role.id));
      queryClient.removeQueries({ queryKey: roleQueryKey(role.planId, role.id) });
      queryClient.setQueryData<{ roles: Role[] }>(roleListQueryKey(role.planId), (list) =>
        list ? { roles: list.roles.filter((r) => r.id !== role.id) } : list,
      );
    },
  });
}
