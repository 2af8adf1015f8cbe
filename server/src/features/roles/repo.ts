import type { FieldModes } from '@planner/shared/role';
import type { Executor } from '../../db/knex';

/**
 * The roles feature owns `plan_roles`, the links of each role (`plan_role_schools`, `plan_role_priorities`,
 * `plan_role_measures`), the principals' decisions (`role_reviews`) and each role's history (`role_events`).
 */

export type RoleRow = Record<string, unknown> & {
  id: string;
  plan_id: string;
  title: string;
  status: 'draft' | 'in_review' | 'changes_requested' | 'approved';
  round: number;
  field_modes: FieldModes;
  submitted_at: Date | string | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
};

export type LinkKind = 'schoolIds' | 'priorityIds' | 'measureIds';

/** One link of a role, to a school of the district or to a priority or measure of its plan. */
export interface LinkRow {
  role_id: string;
  kind: LinkKind;
  target_id: string;
  position: number;
}

const linkTables: Record<LinkKind, { table: string; column: string }> = {
  schoolIds: { table: 'plan_role_schools', column: 'school_id' },
  priorityIds: { table: 'plan_role_priorities', column: 'priority_id' },
  measureIds: { table: 'plan_role_measures', column: 'measure_id' },
};
export const linkKinds = Object.keys(linkTables) as LinkKind[];

export interface ReviewRow {
  id: string;
  role_id: string;
  reviewer_id: string;
  round: number;
  decision: 'approve' | 'request_changes';
  comment: string;
  snapshot: Record<string, unknown>;
  /** The role's schools the decision stands for (see migration 037). */
  school_ids: string[];
  created_at: Date | string;
}

export interface EventRow {
  id: string;
  role_id: string;
  kind: string;
  actor_id: string | null;
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

/**
 * Roles in review whose schools include one of these, oldest submission first; none of an archived plan, which
 * takes no decisions.
 */
export function listRolesInReview(db: Executor, districtId: string, schoolIds: readonly string[]): Promise<RoleRow[]> {
  return db('plan_roles as r')
    .select('r.*')
    .where({ 'r.district_id': districtId, 'r.status': 'in_review' })
    .whereNotExists(db('plans as p').whereRaw('p.id = r.plan_id').where('p.status', 'archived'))
    .whereExists(
      db('plan_role_schools as rs')
        .whereRaw('rs.role_id = r.id')
        .whereIn('rs.school_id', schoolIds as string[]),
    )
    .orderBy([{ column: 'r.submitted_at' }, { column: 'r.id' }]);
}

/**
 * The roles in review of these plans, locked as a decision locks one, in one order (so two settlings at once
 * take turns rather than deadlock).
 */
export function lockRolesInReviewOfPlans(
  db: Executor,
  districtId: string,
  planIds: readonly string[],
): Promise<RoleRow[]> {
  return db('plan_roles')
    .select('*')
    .where({ district_id: districtId, status: 'in_review' })
    .whereIn('plan_id', planIds as string[])
    .orderBy('id')
    .forUpdate();
}

/** The plans among these that hold a role in review. */
export async function plansWithRolesInReview(
  db: Executor,
  districtId: string,
  planIds: readonly string[],
): Promise<string[]> {
  const rows = (await db('plan_roles')
    .distinct('plan_id')
    .where({ district_id: districtId, status: 'in_review' })
    .whereIn('plan_id', planIds as string[])
    .orderBy('plan_id')) as { plan_id: string }[];
  return rows.map((r) => r.plan_id);
}

/**
 * Of these roles, those in review or approved on a submission or a principal's decision made after `since`.
 * Each role is locked first, as a submission or decision locks it: none is sent or decided until the caller's
 * transaction ends, and what is read is what they left.
 */
export async function lockRolesReviewedSince(
  db: Executor,
  districtId: string,
  roleIds: readonly string[],
  since: Date,
): Promise<Pick<RoleRow, 'id' | 'title' | 'status'>[]> {
  if (roleIds.length === 0) return [];
  await db('plan_roles')
    .select('id')
    .where('district_id', districtId)
    .whereIn('id', roleIds as string[])
    .orderBy('id')
    .forShare();
  return db('plan_roles as r')
    .select('r.id', 'r.title', 'r.status')
    .where('r.district_id', districtId)
    .whereIn('r.id', roleIds as string[])
    .whereIn('r.status', ['in_review', 'approved'])
    .where((q) =>
      q
        .whereExists(
          db('role_events as e')
            .whereRaw('e.district_id = r.district_id and e.role_id = r.id')
            .where('e.kind', 'submitted')
            .where('e.created_at', '>', since),
        )
        .orWhereExists(
          db('role_reviews as v')
            .whereRaw('v.district_id = r.district_id and v.role_id = r.id')
            .where('v.created_at', '>', since),
        ),
    )
    .orderBy([{ column: 'r.title' }, { column: 'r.id' }]);
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
): Promise<RoleRow> {
  const [row] = (await db('plan_roles')
    .where({ district_id: districtId, id: roleId })
    .update(changes)
    .returning('*')) as RoleRow[];
  return row!;
}

/** Removes a role at the version, status and number of review decisions it was seen with; 0 when stale or gone. */
export function deleteRole(
  db: Executor,
  where: { districtId: string; planId: string; roleId: string; version: number; status: string; reviews: number },
): Promise<number> {
  return db('plan_roles')
    .where({
      district_id: where.districtId,
      plan_id: where.planId,
      id: where.roleId,
      version: where.version,
      status: where.status,
    })
    .whereRaw('(select count(*) from role_reviews v where v.role_id = plan_roles.id) = ?', [where.reviews])
    .delete();
}

export async function countRoles(
  db: Executor,
  districtId: string,
  planId: string,
): Promise<{ roles: number; reviews: number }> {
  const row = (await db.first(
    db('plan_roles').count('*').where({ district_id: districtId, plan_id: planId }).as('roles'),
    db('role_reviews as v')
      .count('*')
      .where('v.district_id', districtId)
      .whereExists(db('plan_roles as r').whereRaw('r.id = v.role_id').where('r.plan_id', planId))
      .as('reviews'),
  )) as { roles: string | number; reviews: string | number };
  return { roles: Number(row.roles), reviews: Number(row.reviews) };
}

// ---- Links ---------------------------------------------------------------------------------------------

export function listLinks(db: Executor, districtId: string, roleIds: readonly string[]): Promise<LinkRow[]> {
  const [first, ...rest] = linkKinds.map((kind) => {
    const { table, column } = linkTables[kind];
    return (
      db(table)
        // Schools are listed by name later; priorities and measures keep the order they were linked in.
        .select(
          'role_id',
          db.raw('? as kind', [kind]),
          db.ref(column).as('target_id'),
          kind === 'schoolIds' ? db.raw('0 as position') : 'position',
        )
        .where({ district_id: districtId })
        .whereIn('role_id', roleIds as string[])
    );
  });
  return first!.unionAll(rest, true).orderBy(['role_id', 'kind', 'position']) as unknown as Promise<LinkRow[]>;
}

/** Replaces the links of one kind, in the order given; a foreign key refuses a target not of the plan or district. */
export async function replaceLinks(
  db: Executor,
  role: { districtId: string; planId: string; roleId: string },
  kind: LinkKind,
  targetIds: readonly string[],
): Promise<void> {
  const { table, column } = linkTables[kind];
  await db(table).where({ district_id: role.districtId, role_id: role.roleId }).delete();
  if (targetIds.length === 0) return;
  // Schools are listed by name, so they keep no position.
  const ordered = kind !== 'schoolIds';
  await db(table).insert(
    targetIds.map((id, i) => ({
      district_id: role.districtId,
      plan_id: role.planId,
      role_id: role.roleId,
      [column]: id,
      ...(ordered ? { position: i + 1 } : {}),
    })),
  );
}

// ---- Reviews and history -------------------------------------------------------------------------------

export function listReviews(db: Executor, districtId: string, roleIds: readonly string[]): Promise<ReviewRow[]> {
  return db('role_reviews')
    .select('id', 'role_id', 'reviewer_id', 'round', 'decision', 'comment', 'snapshot', 'school_ids', 'created_at')
    .where('district_id', districtId)
    .whereIn('role_id', roleIds as string[])
    .orderBy([{ column: 'created_at' }, { column: 'id' }]);
}

export async function insertReview(
  db: Executor,
  row: {
    district_id: string;
    plan_id: string;
    role_id: string;
    reviewer_id: string;
    round: number;
    decision: string;
    comment: string;
    snapshot: unknown;
    school_ids: string[];
  },
): Promise<ReviewRow> {
  const [created] = (await db('role_reviews')
    .insert({ ...row, snapshot: JSON.stringify(row.snapshot) })
    .returning([
      'id',
      'role_id',
      'reviewer_id',
      'round',
      'decision',
      'comment',
      'snapshot',
      'school_ids',
      'created_at',
    ])) as ReviewRow[];
  return created!;
}

export async function setReviewSchools(
  db: Executor,
  districtId: string,
  reviewId: string,
  schoolIds: readonly string[],
): Promise<void> {
  await db('role_reviews')
    .where({ district_id: districtId, id: reviewId })
    .update({ school_ids: [...schoolIds] });
}

export function listEvents(db: Executor, districtId: string, roleIds: readonly string[]): Promise<EventRow[]> {
  return db('role_events')
    .select('id', 'role_id', 'kind', 'actor_id', 'note', 'created_at')
    .where('district_id', districtId)
    .whereIn('role_id', roleIds as string[])
    .orderBy([{ column: 'created_at' }, { column: 'id' }]);
}

export async function insertEvent(
  db: Executor,
  row: { district_id: string; plan_id: string; role_id: string; kind: string; actor_id: string; note?: string },
): Promise<void> {
  await db('role_events').insert(row);
}
