import {
  roleFieldLabels,
  roleFields,
  type FieldModes,
  type Role,
  type RoleEvent,
  type RoleReview,
} from '@planner/shared/role';
import type { School } from '@planner/shared/school';
import { columnMap, rowToFields } from '../../db/columns';
import { toIsoDateTime } from '../../db/values';
import type { EventRow, ReviewRow, RoleRow, RoleSchoolRow } from './repo';

/** Role columns are its fields in snake_case; responsibilities are jsonb, schools a table of their own. */
export const roleColumns = columnMap(roleFields, { jsonFields: ['responsibilities'], skip: ['schoolIds'] });

export type RoleFieldValues = Record<string, unknown>;

/** The fields a principal reviews, as saved now: compared with what they saw at their last decision. */
export function snapshotOf(row: RoleRow, schoolIds: string[]): RoleFieldValues {
  return { ...rowToFields(roleColumns, row), schoolIds: [...schoolIds].sort(), fieldModes: row.field_modes };
}

export function changedFields(before: RoleFieldValues, after: RoleFieldValues): { field: string; label: string }[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return Object.keys(after)
    .filter((field) => !same(before[field], after[field]))
    .map((field) => ({
      field,
      label:
        field === 'fieldModes'
          ? 'Set by the district or by each school'
          : (roleFieldLabels[field as keyof typeof roleFieldLabels] ?? field),
    }));
}

function presentReview(row: ReviewRow): RoleReview {
  return {
    id: row.id,
    reviewer: { id: row.reviewer_id, name: row.reviewer_name },
    decision: row.decision,
    comment: row.comment,
    round: row.round,
    snapshot: row.snapshot,
    createdAt: toIsoDateTime(row.created_at),
  };
}

function presentEvent(row: EventRow): RoleEvent {
  return {
    id: row.id,
    kind: row.kind as RoleEvent['kind'],
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? 'A former user' } : null,
    note: row.note,
    createdAt: toIsoDateTime(row.created_at),
  };
}

/** Each of the role's schools, its principals, and where it stands in the current review round. */
export function schoolStates(
  row: RoleRow,
  roleSchools: RoleSchoolRow[],
  reviews: ReviewRow[],
  district: School[],
): Role['schools'] {
  const thisRound = reviews.filter((r) => r.round === row.round && row.round > 0);
  return roleSchools.map((rs) => {
    const principals = district.find((s) => s.id === rs.school_id)?.principals ?? [];
    const decisions = thisRound.filter((r) => principals.some((p) => p.id === r.reviewer_id)).map((r) => r.decision);
    const decision = decisions.includes('request_changes')
      ? 'request_changes'
      : decisions.includes('approve')
        ? 'approve'
        : 'waiting';
    return { school: { id: rs.school_id, name: rs.school_name }, principals, decision };
  });
}

export function presentRole(
  row: RoleRow,
  roleSchools: RoleSchoolRow[],
  reviews: ReviewRow[],
  events: EventRow[],
  district: School[],
): Role {
  const own = <T extends { role_id: string }>(list: T[]) => list.filter((x) => x.role_id === row.id);
  const schools = own(roleSchools);
  const ownReviews = own(reviews);
  return {
    ...(rowToFields(roleColumns, row) as Omit<Role, 'schoolIds'>),
    id: row.id,
    planId: row.plan_id,
    schoolIds: schools.map((s) => s.school_id),
    fieldModes: row.field_modes as FieldModes,
    status: row.status,
    version: row.version,
    round: row.round,
    submittedAt: row.submitted_at ? toIsoDateTime(row.submitted_at) : null,
    createdAt: toIsoDateTime(row.created_at),
    updatedAt: toIsoDateTime(row.updated_at),
    schools: schoolStates(row, schools, ownReviews, district),
    reviews: ownReviews.map(presentReview),
    history: own(events).map(presentEvent),
  };
}
