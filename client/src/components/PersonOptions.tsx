import type { DistrictUser } from '@planner/shared/user';
import { userRoles } from '@planner/shared/user-role-labels';

/** A person an owner picker can name. */
export type PickablePerson = Pick<DistrictUser, 'id' | 'name' | 'active' | 'role'>;

const roleGroupLabels: Record<PickablePerson['role'], string> = {
  district_admin: 'District administrators',
  principal: 'Principals',
  viewer: 'Viewers',
};

interface PersonOptionsProps {
  people: readonly PickablePerson[];
  /** The person the field holds: kept as its value even when deactivated or gone, so it never shows blank. */
  current?: string | null;
}

/**
 * The `<option>`s of a picker of who owns something (an action, a measure): the active people, grouped by
 * role so an administrator sees who is who; a deactivated person only while they hold the field, marked so.
 */
export function PersonOptions({ people, current = null }: PersonOptionsProps) {
  const offered = people.filter((person) => person.active || person.id === current);
  const known = current !== null && people.some((person) => person.id === current);
  return (
    <>
      {userRoles.map((role) => {
        const ofRole = offered.filter((person) => person.role === role);
        return ofRole.length === 0 ? null : (
          <optgroup key={role} label={roleGroupLabels[role]}>
            {ofRole.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
                {person.active ? '' : ' (deactivated)'}
              </option>
            ))}
          </optgroup>
        );
      })}
      {current !== null && !known ? <option value={current}>A former member of the district</option> : null}
    </>
  );
}
