import { useMutation, useQueryClient } from '@tanstack/react-query';
import { roleSchema, type Role } from '@planner/shared/role';
import { api, type ApiError } from '../../lib/api';
import { useAutosaveRegistry } from '../../lib/autosave/registry-context';
import { atSeenVersion, changedSince } from '../../lib/row-delete';
import { roleApiPath, roleListQueryKey, roleQueryKey, setCachedRole } from './role';
import { roleEditKey } from './update-role';

export function deleteRole(planId: string, roleId: string, version: number): Promise<undefined> {
  return api.delete<undefined>(atSeenVersion(roleApiPath(planId, roleId), version));
}

/** Removes a role with its reviews and history, at the version shown; one changed since is shown as it is now. */
export function useDeleteRole(role: Role) {
  const queryClient = useQueryClient();
  const registry = useAutosaveRegistry();
  return useMutation<undefined, ApiError, number>({
    mutationFn: (version) => deleteRole(role.planId, role.id, version),
    onSuccess: () => {
      registry.edits.remove(roleEditKey(registry.userId, role.planId, role.id));
      queryClient.removeQueries({ queryKey: roleQueryKey(role.planId, role.id) });
      queryClient.setQueryData<{ roles: Role[] }>(roleListQueryKey(role.planId), (list) =>
        list ? { roles: list.roles.filter((r) => r.id !== role.id) } : list,
      );
    },
    onError: (error) => {
      const now = changedSince(error, roleSchema);
      if (now) setCachedRole(queryClient, now);
    },
  });
}
