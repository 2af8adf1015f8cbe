import { useQueryClient } from '@tanstack/react-query';
import {
  fieldModeLabel,
  payFields,
  roleFieldLabels,
  roleFieldNames,
  roleSchema,
  type FieldMode,
  type Role,
  type RoleFieldName,
} from '@planner/shared/role';
import { itemNamed } from '../../lib/autosave/refusals';
import { useAutosave } from '../../lib/autosave/use-autosave';
import { useCurrentUser } from '../../lib/current-user';
import { planEditsKeyPrefix } from '../../lib/autosave/edit-keys';
import { roleApiPath, setCachedRole } from './role';

/** Who sets one field of the role, as a field of its own: `fieldModes.term` (see requestBody). */
export type ModeKey = `fieldModes.${RoleFieldName}`;
export const modeKey = (field: RoleFieldName): ModeKey => `fieldModes.${field}`;

/**
 * What the role page edits: every field of the role and, for each, who sets it (tight or loose; null while not
 * decided). Each field's mode is saved and compared apart, so that two people setting the modes of two fields
 * both keep theirs, and only the same field's mode is a conflict.
 */
export type RoleValue = Pick<Role, RoleFieldName> & Record<ModeKey, FieldMode | null>;

export const roleEditKey = (userId: string, planId: string, roleId: string) =>
  `${planEditsKeyPrefix(userId, planId)}role:${roleId}`;

export function readRole(role: Role): { value: RoleValue; version: number } {
  const value = Object.fromEntries(
    roleFieldNames.flatMap((name) => [
      [name, role[name]],
      [modeKey(name), role.fieldModes[name] ?? null],
    ]),
  ) as RoleValue;
  return { value, version: role.version };
}

const labels = Object.fromEntries(
  roleFieldNames.flatMap((name) => [
    [name, roleFieldLabels[name]],
    [modeKey(name), fieldModeLabel(name)],
  ]),
);

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
    labels,
    // An edit sends a role in review or approved back to draft: the server refuses one made on a status since changed.
    seen: () => ({ status: role.status }),
    item: itemNamed('role', role.title),
    // An amount changed here means nothing under a kind of pay changed elsewhere.
    linked: [payFields],
  });
}
