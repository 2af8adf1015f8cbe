import type { Executor } from '../../db/knex';

export type RoleRow = Record<string, unknown> & {
  id: string;
  plan_id: string;
  title: string;
  status: 'draft' | 'in_review' | 'changes_requested' | 'approved';
  round: number;
  field_modes: Record<string, string>;
  submitted_at: Date | string | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
};

export interface RoleSchoolRow {
  role_id: string;
  school_id: string;
  school_name: string;
}

export interface ReviewRow {
  id: string;
  role_id: string;
  reviewer_id: string;
  reviewer_name: string;
  round: number;
  decision: 'approve' | 'request_changes';
  comment: string;
  snapshot: Record<string, unknown>;
  created_at: Date | string;
}

export interface EventRow {
  id: string;
  role_id: string;
  kind: string;
  actor_id: string | null;
  actor_name: string | null;
  note: string;
  created_at: Date | string;
}

export function listRoles(db: Executor, districtId: string, planId: string): Promise<RoleRow[]> {
  return db('plan_roles')
    .select('*')
    .where({ district_id: districtId, plan_id: planId })
    .orderBy([{ column: 'created_at' }, { column: 'id' }]);
}

export function findRole(
  db: Executor,
  districtId: string,
  planId: string,
  roleId: string,
): Promise<RoleRow | undefined> {
  return db('plan_roles').select('*').where({ district_id: districtId, plan_id: planId, id: roleId }).first();
}

export async function insertRole(db: Executor, row: Record<string, unknown>): Promise<RoleRow> {
  const [created] = (await db('plan_roles').insert(row).returning('*')) as RoleRow[];
  return created!;
}

/** Optimistic update of the fields; undefined when the version is stale. */
export async function updateRole(
  db: Executor,
  where: { districtId: string; planId: string; roleId: string; version: number },
  changes: Record<string, unknown>,
): Promise<RoleRow | undefined> {
  const [row] = (await db('plan_roles')
    .where({ district_id: where.districtId, plan_id: where.planId, id: where.roleId, version: where.version })
    .update({ ...changes, version: db.raw('version + 1'), updated_at: db.fn.now() })
    .returning('*')) as RoleRow[];
  return row;
}

/** Review moves change the status only, not the version: they never conflict with someone's edit. */
export async function setStatus(
  db: Executor,
  districtId: string,
  roleId: string,
  changes: { status: RoleRow['status']; round?: number; submitted_at?: Date },
): Promise<void> {
  await db('plan_roles').where({ district_id: districtId, id: roleId }).update(changes);
}

export function deleteRole(db: Executor, districtId: string, planId: string, roleId: string): Promise<number> {
  return db('plan_roles').where({ district_id: districtId, plan_id: planId, id: roleId }).delete();
}

export function listRoleSchools(db: Executor, districtId: string, roleIds: string[]): Promise<RoleSchoolRow[]> {
  return db('plan_role_schools as rs')
    .join('schools as s', 's.id', 'rs.school_id')
    .select('rs.role_id', 'rs.school_id', 's.name as school_name')
    .where('rs.district_id', districtId)
    .whereIn('rs.role_id', roleIds)
    .orderBy('s.name');
}

export async function replaceRoleSchools(
  db: Executor,
  districtId: string,
  roleId: string,
  schoolIds: string[],
): Promise<void> {
  await db('plan_role_schools').where({ district_id: districtId, role_id: roleId }).delete();
  if (schoolIds.length > 0) {
    await db('plan_role_schools').insert(
      schoolIds.map((schoolId) => ({ district_id: districtId, role_id: roleId, school_id: schoolId })),
    );
  }
}

export function listReviews(db: Executor, districtId: string, roleIds: string[]): Promise<ReviewRow[]> {
  return db('role_reviews as r')
    .join('users as u', 'u.id', 'r.reviewer_id')
    .select(
      'r.id',
      'r.role_id',
      'r.reviewer_id',
      'u.name as reviewer_name',
      'r.round',
      'r.decision',
      'r.comment',
      'r.snapshot',
      'r.created_at',
    )
    .where('r.district_id', districtId)
    .whereIn('r.role_id', roleIds)
    .orderBy([{ column: 'r.created_at' }, { column: 'r.id' }]);
}

export async function insertReview(
  db: Executor,
  row: {
    district_id: string;
    role_id: string;
    reviewer_id: string;
    round: number;
    decision: string;
    comment: string;
    snapshot: unknown;
  },
): Promise<void> {
  await db('role_reviews').insert({ ...row, snapshot: JSON.stringify(row.snapshot) });
}

export function listEvents(db: Executor, districtId: string, roleIds: string[]): Promise<EventRow[]> {
  return db('role_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .select('e.id', 'e.role_id', 'e.kind', 'e.actor_id', 'u.name as actor_name', 'e.note', 'e.created_at')
    .where('e.district_id', districtId)
    .whereIn('e.role_id', roleIds)
    .orderBy([{ column: 'e.created_at' }, { column: 'e.id' }]);
}

export async function insertEvent(
  db: Executor,
  row: { district_id: string; role_id: string; kind: string; actor_id: string; note?: string },
): Promise<void> {
  await db('role_events').insert(row);
}

/** Roles in review that concern a principal's schools, with the plan's title, oldest submission first. */
export function listRolesInReviewFor(
  db: Executor,
  districtId: string,
  principalId: string,
): Promise<(RoleRow & { plan_title: string })[]> {
  return db('plan_roles as r')
    .join('plans as p', 'p.id', 'r.plan_id')
    .select('r.*', 'p.title as plan_title')
    .where({ 'r.district_id': districtId, 'r.status': 'in_review' })
    .whereExists(
      db('plan_role_schools as rs')
        .join('principal_schools as ps', 'ps.school_id', 'rs.school_id')
        .whereRaw('rs.role_id = r.id')
        .where({ 'ps.user_id': principalId, 'ps.district_id': districtId }),
    )
    .orderBy([{ column: 'r.submitted_at' }, { column: 'r.id' }]);
}

/**
 * The role, locked until the transaction ends: edits, submissions and review decisions on one role take
 * turns, so two approvals at once both count and an edit cannot slip under an approval.
 */
export function findRoleForUpdate(
  db: Executor,
  districtId: string,
  planId: string,
  roleId: string,
): Promise<RoleRow | undefined> {
  return db('plan_roles')
    .select('*')
    .where({ district_id: districtId, plan_id: planId, id: roleId })
    .forUpdate()
    .first();
}
