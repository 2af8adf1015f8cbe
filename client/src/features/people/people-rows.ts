import type { Invitation } from '@planner/shared/invitation';
import type { School } from '@planner/shared/school';
import type { DistrictUser, PeopleEvent } from '@planner/shared/user';
import type { UserRole } from '@planner/shared/user-role';

export const personStatuses = ['active', 'invited', 'deactivated'] as const;
export type PersonStatus = (typeof personStatuses)[number];

export const personStatusLabels: Record<PersonStatus, string> = {
  active: 'Active',
  invited: 'Invited',
  deactivated: 'Deactivated',
};

/** One line of the People page: a person of the district, or someone invited who has not joined yet. */
export type PersonRow =
  | {
      kind: 'person';
      key: string;
      name: string;
      email: string;
      role: UserRole;
      schoolIds: string[];
      status: 'active' | 'deactivated';
      person: DistrictUser;
    }
  | {
      kind: 'invitation';
      key: string;
      name: string;
      email: string;
      role: UserRole;
      schoolIds: string[];
      status: 'invited';
      invitation: Invitation;
    };

/** Everyone on one list: people by name, with the invitations not yet accepted among them. */
export function peopleRows(users: readonly DistrictUser[], invitations: readonly Invitation[]): PersonRow[] {
  const rows: PersonRow[] = [
    ...users.map((person): PersonRow => ({
      kind: 'person',
      key: `person-${person.id}`,
      name: person.name,
      email: person.email,
      role: person.role,
      schoolIds: person.schoolIds,
      status: person.active ? 'active' : 'deactivated',
      person,
    })),
    ...invitations.map((invitation): PersonRow => ({
      kind: 'invitation',
      key: `invitation-${invitation.id}`,
      name: invitation.name,
      email: invitation.email,
      role: invitation.role,
      schoolIds: invitation.schoolIds,
      status: 'invited',
      invitation,
    })),
  ];
  return rows.sort(
    (a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.email.localeCompare(b.email, 'en'),
  );
}

/** What the People page filters by; `all` lets every value through. */
export interface PeopleFilters {
  role: UserRole | 'all';
  /** A school's id: the principals (and principals invited) of that school. */
  school: string | 'all';
  status: PersonStatus | 'all';
}

export const noFilters: PeopleFilters = { role: 'all', school: 'all', status: 'all' };

export function filterRows(rows: readonly PersonRow[], filters: PeopleFilters): PersonRow[] {
  return rows.filter(
    (row) =>
      (filters.role === 'all' || row.role === filters.role) &&
      (filters.school === 'all' || row.schoolIds.includes(filters.school)) &&
      (filters.status === 'all' || row.status === filters.status),
  );
}

/** Filters read from the page's address (?role=principal&school=…&status=invited); anything unknown is ignored. */
export function filtersFromSearch(search: URLSearchParams, roles: readonly string[]): PeopleFilters {
  const role = search.get('role');
  const status = search.get('status');
  const school = search.get('school');
  return {
    role: role !== null && roles.includes(role) ? (role as UserRole) : 'all',
    status:
      status !== null && (personStatuses as readonly string[]).includes(status) ? (status as PersonStatus) : 'all',
    school: school !== null && school !== '' ? school : 'all',
  };
}

/** The filters as the page's address keeps them: only those set. */
export function searchFromFilters(filters: PeopleFilters): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.role !== 'all') search.set('role', filters.role);
  if (filters.school !== 'all') search.set('school', filters.school);
  if (filters.status !== 'all') search.set('status', filters.status);
  return search;
}

/** The schools' names, in the order of the district's list; archived ones are marked. */
export function schoolNames(schoolIds: readonly string[], schools: readonly School[]): string {
  const names = schools
    .filter((school) => schoolIds.includes(school.id))
    .map((school) => (school.archived ? `${school.name} (archived)` : school.name));
  return names.join(', ');
}

/** When the person last signed in, `dateTime` writing the moment. */
export function lastSignInText(lastSignInAt: string | null, dateTime: (moment: string) => string): string {
  return lastSignInAt === null ? 'Never signed in' : dateTime(lastSignInAt);
}

const subjectOf = (event: PeopleEvent) => event.subject.name || event.subject.email;

/** A line of the log, said as a sentence: who did what to whom ("Dana Admin invited Sam Carter"). */
export function eventSentence(event: PeopleEvent): string {
  const actor = event.actor?.name ?? 'Someone';
  const subject = subjectOf(event);
  switch (event.kind) {
    case 'invited':
      return `${actor} invited ${subject} (${event.subject.email})`;
    case 'invitation_resent':
      return `${actor} sent ${subject} a new invitation link`;
    case 'invitation_revoked':
      // No one chose it when the planner did it (on an upgrade, for a sender no longer an administrator).
      return event.actor ? `${actor} revoked the invitation of ${subject}` : `The invitation of ${subject} was revoked`;
    case 'joined':
      return `${subject} accepted the invitation and joined`;
    case 'renamed':
      return `${actor} renamed ${subject}`;
    case 'role_changed':
      return `${actor} changed the role of ${subject}`;
    case 'schools_changed':
      return `${actor} changed the schools of ${subject}`;
    case 'deactivated':
      return `${actor} deactivated ${subject}`;
    case 'reactivated':
      return `${actor} reactivated ${subject}`;
    case 'reset_link_made':
      return `${actor} made a password reset link for ${subject}`;
    case 'password_reset':
      return `${subject} set a new password with a reset link`;
    case 'sign_in_settings_changed':
      return `${actor} changed how the district signs in`;
    case 'sign_in_domain_added':
      return `${actor} added the sign-in domain ${subject}`;
    case 'sign_in_domain_verified':
      return `${actor} verified the sign-in domain ${subject}`;
    case 'sign_in_domain_removed':
      return `${actor} removed the sign-in domain ${subject}`;
    case 'sign_in_domain_released':
      return `The sign-in domain ${subject} was released: its TXT record was no longer found`;
    case 'time_zone_changed':
      return `${actor} changed the district’s time zone`;
  }
}
