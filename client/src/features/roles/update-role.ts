import { useQueryClient } from '@tanstack/react-query';
import {
  payFields,
  roleFieldLabels,
  roleFieldNames,
  roleSchema,
  type Role,
  type RoleFieldName,
} from '@planner/shared/role';
import { itemNamed } from '../../lib/autosave/refusals';
import { useAutosave } from '../../lib/autosave/use-autosave';
import { useCurrentUser } from '../../lib/current-user';
import { planEditsKeyPrefix } from '../../lib/autosave/edit-keys';
import { roleApiPath, setCachedRole } from './role';

/** What the role page edits: every field of the role and, for each, who sets it (tight or loose). */
export type RoleValue = Pick<Role, RoleFieldName | 'fieldModes'>;

export const roleEditKey = (userId: string, planId: string, roleId: string) =>
  `${planEditsKeyPrefix(userId, planId)}role:${roleId}`;

export function readRole(role: Role): { value: RoleValue; version: number } {
  const value = Object.fromEntries(roleFieldNames.map((name) => [name, role[name]])) as Pick<Role, RoleFieldName>;
  return { value: { ...value, fieldModes: role.fieldModes }, version: role.version };
}

/**
 * PATCH /api/plans/:planId/roles/:roleId as the person edits. One saver for the whole role: the role has
 * one version, so field groups saved apart would refuse each other's saves as conflicts.
 */
export function useRoleAutosave(planId: string, role: Role) {
  const queryClient = useQueryClient();
  const { user } = useCurrentUser();
  return useAutosave<RoleValue, Role>({
    storageKey: roleEditKey(user.id, planId, role.id),
    method: 'PATCH',
    path: roleApiPath(planId, role.id),
    server: readRole(role),
    read: readRole,
    parseCurrent: (current) => roleSchema.safeParse(current).data ?? null,
    // The server answers with the status too: an edit can send a role in review back to draft.
    onSaved: (row, shown) => setCachedRole(queryClient, { ...row, ...shown }),
    labels: { ...roleFieldLabels, fieldModes: 'Set by (tight or loose)' },
    // An edit sends a role in review or approved back to draft: the server refuses one made on a status since changed.
    seen: () => ({ status: role.status }),
    item: itemNamed('role', role.title),
    // An amount changed here means nothing under a kind of pay changed elsewhere.
    linked: [payFields],
  });
}
