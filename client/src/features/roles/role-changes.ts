import { roleFields, type Role, type RoleFieldName, type RoleReview } from '@planner/shared/role';
import { formatRoleField, roleFieldGroups, type RoleContext } from './role-values';
import { readRole, type RoleValue } from './update-role';

export interface FieldChange {
  field: RoleFieldName;
  /** What the principal reviewed, in words. */
  reviewed: string;
  /** What the field says now, in words. */
  now: string;
}

const idLists = new Set<RoleFieldName>(['priorityIds', 'measureIds', 'schoolIds']);

/** Links are sets: the same schools in another order are no change. */
function same(field: RoleFieldName, a: unknown, b: unknown): boolean {
  const normal = (value: unknown) =>
    idLists.has(field) && Array.isArray(value)
      ? JSON.stringify([...(value as string[])].sort())
      : JSON.stringify(value);
  return normal(a) === normal(b);
}

/** The principal's latest decision on the role, or null when they have not decided on it yet. */
export function latestReviewBy(role: Role, userId: string): RoleReview | null {
  const mine = role.reviews.filter((review) => review.reviewer.id === userId);
  return mine.reduce<RoleReview | null>((latest, r) => (!latest || r.createdAt > latest.createdAt ? r : latest), null);
}

/**
 * What changed in the role since the principal decided on it: each field whose value in the review's
 * snapshot differs from the role now, both in words as the read-only view shows them.
 */
export function changesSinceReview(role: Role, review: RoleReview, context: RoleContext): FieldChange[] {
  const current = readRole(role).value;
  return roleFieldGroups
    .flatMap((group) => group.fields)
    .flatMap((field) => {
      if (!(field in review.snapshot)) return [];
      const reviewed = roleFields.shape[field].safeParse(review.snapshot[field]);
      if (!reviewed.success || same(field, reviewed.data, current[field])) return [];
      const before = { ...current, [field]: reviewed.data } as RoleValue;
      return [
        { field, reviewed: formatRoleField(field, before, context), now: formatRoleField(field, current, context) },
      ];
    });
}

/** The fields that differ between two readings of a role (the one a person read, and the one now). */
export function fieldsChangedBetween(before: Role, after: Role): RoleFieldName[] {
  const a = readRole(before).value;
  const b = readRole(after).value;
  return roleFieldGroups.flatMap((group) => group.fields).filter((field) => !same(field, a[field], b[field]));
}

/** How many principals approved the role in the current round. */
export function approvalsThisRound(role: Role): number {
  const approvers = role.reviews
    .filter((review) => review.round === role.round && review.decision === 'approve')
    .map((review) => review.reviewer.id);
  return new Set(approvers).size;
}
