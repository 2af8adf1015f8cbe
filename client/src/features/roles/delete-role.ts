import { useMutation, useQueryClient } from '@tanstack/react-query';
import { roleSchema, type Role } from '@planner/shared/role';
import { api, type ApiError } from '../../lib/api';
import { useAutosaveRegistry } from '../../lib/autosave/registry-context';
import { atSeenVersion, changedSince } from '../../lib/row-delete';
import { roleApiPath, roleListQueryKey, roleQueryKey, setCachedRole } from './role';
import { roleEditKey } from './update-role';

type SeenRole = Pick<Role, 'version' | 'status' | 'reviews'>;

/** At the version, status and review decisions shown: a review changes the last two, not the version. */
export function deleteRole(planId: string, roleId: string, seen: SeenRole): Promise<undefined> {
  const path = atSeenVersion(roleApiPath(planId, roleId), seen.version);
  return api.delete<undefined>(`${path}&status=${encodeURIComponent(seen.status)}&reviews=${seen.reviews.length}`);
}

/**
 * Removes a role with its reviews and history, at the version and status shown; one changed or reviewed
 * since is shown as it is now.
 */
export function useDeleteRole(role: Role) {
  const queryClient = useQueryClient();
  const registry = useAutosaveRegistry();
  return useMutation<undefined, ApiError, SeenRole>({
    mutationFn: (seen) => deleteRole(role.planId, role.id, seen),
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
