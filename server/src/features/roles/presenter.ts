import { isDeepStrictEqual } from 'node:util';
import {
  fieldModeLabel,
  roleFieldLabels,
  roleFieldNames,
  roleFields,
  type FieldModes,
  type RoleFieldName,
  type Role,
  type RoleEvent,
  type RoleReview,
} from '@planner/shared/role';
import type { School } from '@planner/shared/school';
import { columnMap, rowToFields } from '../../db/columns';
import { toIsoDateTime } from '../../db/values';
import { linkKinds, type EventRow, type LinkKind, type LinkRow, type ReviewRow, type RoleRow } from './repo';

/** Role columns are its fields in snake_case; responsibilities are jsonb; its links are tables of their own. */
export const roleColumns = columnMap(roleFields, { jsonFields: ['responsibilities'], skip: linkKinds });

export type RoleFieldValues = Record<string, unknown>;
export type Names = ReadonlyMap<string, string>;

/** The ids a role links to, of each kind; schools by name. */
export function linksOf(
  roleId: string,
  links: readonly LinkRow[],
  schools: readonly School[],
): Record<LinkKind, string[]> {
  const own = (kind: LinkKind) => links.filter((l) => l.role_id === roleId && l.kind === kind);
  const schoolName = (id: string) => schools.find((s) => s.id === id)?.name ?? '';
  return {
    schoolIds: own('schoolIds')
      .map((l) => l.target_id)
      .sort((a, b) => schoolName(a).localeCompare(schoolName(b))),
    priorityIds: own('priorityIds').map((l) => l.target_id),
    measureIds: own('measureIds').map((l) => l.target_id),
  };
}

/** The fields a principal reviews, as saved now: compared with what they saw at their last decision. */
export function snapshotOf(row: RoleRow, links: Record<LinkKind, string[]>): RoleFieldValues {
  return {
    ...rowToFields(roleColumns, row),
    ...links,
    schoolIds: [...links.schoolIds].sort(),
    fieldModes: row.field_modes,
  };
}

/**
 * Field by field, each field's mode apart ("Set by (Term)"), as each is changed apart; jsonb gives back
 * objects' keys in an order of its own, so they compare by value, not as text.
 */
export function changedFields(before: RoleFieldValues, after: RoleFieldValues): { field: string; label: string }[] {
  const same = (a: unknown, b: unknown) => isDeepStrictEqual(a ?? null, b ?? null);
  const modes = (values: RoleFieldValues) => (values.fieldModes ?? {}) as FieldModes;
  return Object.keys(after).flatMap((field) =>
    field === 'fieldModes'
      ? roleFieldNames
          .filter((name) => !same(modes(before)[name], modes(after)[name]))
          .map((name) => ({ field: `fieldModes.${name}`, label: fieldModeLabel(name) }))
      : same(before[field], after[field])
        ? []
        : [{ field, label: roleFieldLabels[field as RoleFieldName] ?? field }],
  );
}

const person = (id: string, names: Names) => ({ id, name: names.get(id) ?? 'A former user' });

function presentReview(row: ReviewRow, names: Names): RoleReview {
  return {
    id: row.id,
    reviewer: person(row.reviewer_id, names),
    decision: row.decision,
    comment: row.comment,
    round: row.round,
    snapshot: row.snapshot,
    createdAt: toIsoDateTime(row.created_at),
  };
}

function presentEvent(row: EventRow, names: Names): RoleEvent {
  return {
    id: row.id,
    kind: row.kind as RoleEvent['kind'],
    actor: row.actor_id ? person(row.actor_id, names) : null,
    note: row.note,
    createdAt: toIsoDateTime(row.created_at),
  };
}

type SchoolState = Omit<Role['schools'][number], 'decidedBy'> & {
  /** The decisions it shows, by whom. */
  decidedBy: { id: string; leadsSchool: boolean }[];
};

/**
 * Each of the role's schools, its principals, and where it stands in the current review round. In review, a
 * decision counts for the schools its principal leads now; once the round has ended (approved, changes
 * requested), for those it was recorded for then (`recordDecidedSchools`), whoever leads them since.
 */
export function schoolStates(
  row: RoleRow,
  schoolIds: readonly string[],
  reviews: readonly ReviewRow[],
  district: readonly School[],
): SchoolState[] {
  const thisRound = reviews.filter((r) => r.round === row.round && row.round > 0);
  const ended = row.status === 'approved' || row.status === 'changes_requested';
  return schoolIds.map((schoolId) => {
    const school = district.find((s) => s.id === schoolId);
    const principals = school?.principals ?? [];
    const leads = (id: string) => principals.some((p) => p.id === id);
    const given = thisRound.filter((r) => (ended ? r.school_ids.includes(schoolId) : leads(r.reviewer_id)));
    const decisions = given.map((r) => r.decision);
    const decision = decisions.includes('request_changes')
      ? 'request_changes'
      : decisions.includes('approve')
        ? 'approve'
        : 'waiting';
    const decidedBy = given
      .filter((r) => r.decision === decision)
      .map((r) => ({ id: r.reviewer_id, leadsSchool: leads(r.reviewer_id) }));
    return { school: { id: schoolId, name: school?.name ?? 'A removed school' }, principals, decision, decidedBy };
  });
}

/**
 * Whether every school of the role has approved it this round, as `schoolStates` shows it: a decision counts
 * for the schools its principal leads now, not those they led when deciding, so a change of principals can
 * complete a round.
 */
export function approvedByEverySchool(
  row: RoleRow,
  schoolIds: readonly string[],
  reviews: ReviewRow[],
  district: readonly School[],
): boolean {
  return schoolIds.length > 0 && schoolStates(row, schoolIds, reviews, district).every((s) => s.decision === 'approve');
}

export interface RoleContext {
  links: readonly LinkRow[];
  reviews: readonly ReviewRow[];
  events: readonly EventRow[];
  district: readonly School[];
  names: Names;
}

export function presentRole(row: RoleRow, context: RoleContext): Role {
  const own = <T extends { role_id: string }>(list: readonly T[]) => list.filter((x) => x.role_id === row.id);
  const links = linksOf(row.id, context.links, context.district);
  const reviews = own(context.reviews);
  return {
    ...(rowToFields(roleColumns, row) as Omit<Role, 'schoolIds' | 'priorityIds' | 'measureIds'>),
    ...links,
    id: row.id,
    planId: row.plan_id,
    fieldModes: row.field_modes as FieldModes,
    status: row.status,
    version: row.version,
    round: row.round,
    submittedAt: row.submitted_at ? toIsoDateTime(row.submitted_at) : null,
    createdAt: toIsoDateTime(row.created_at),
    updatedAt: toIsoDateTime(row.updated_at),
    schools: schoolStates(row, links.schoolIds, reviews, context.district).map((state) => ({
      ...state,
      decidedBy: state.decidedBy.map((p) => ({ ...person(p.id, context.names), leadsSchool: p.leadsSchool })),
    })),
    reviews: reviews.map((r) => presentReview(r, context.names)),
    history: own(context.events).map((e) => presentEvent(e, context.names)),
  };
}
