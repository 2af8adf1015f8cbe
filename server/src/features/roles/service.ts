import type { z } from 'zod';
import { computeBudget, type Budget } from '@planner/shared/budget';
import type { FieldError } from '@planner/shared/problem';
import { findArchetype } from '@planner/shared/role-library';
import {
  roleFields,
  roleStatusLabels,
  type CreateRole,
  type InboxItem,
  type ReviewRequest,
  type Role,
  type UpdateRole,
} from '@planner/shared/role';
import type { School } from '@planner/shared/school';
import type { Db, Executor } from '../../db/knex';
import { fieldsToColumns, rowToFields } from '../../db/columns';
import { AppError, forbidden, invalidInput, notFound } from '../../http/app-error';
import type { SignedInUser } from '../../http/auth';
import { planOrNotFound } from '../plans/service';
import { schoolsOfDistrict } from '../schools/service';
import { rowIdsOf, tablesOfPlan } from '../stage-tables/service';
import * as repo from './repo';
import { changedFields, presentRole, roleColumns, snapshotOf } from './presenter';

type RoleFieldsInput = Partial<z.output<typeof roleFields>>;

/** Roles of a plan with their schools, reviews and history: a fixed number of queries for any count. */
async function present(db: Executor, districtId: string, rows: repo.RoleRow[]): Promise<Role[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const schools = await repo.listRoleSchools(db, districtId, ids);
  const reviews = await repo.listReviews(db, districtId, ids);
  const events = await repo.listEvents(db, districtId, ids);
  const district = await schoolsOfDistrict(db, districtId);
  return rows.map((row) => presentRole(row, schools, reviews, events, district));
}

async function roleOrNotFound(
  db: Executor,
  user: SignedInUser,
  planId: string,
  roleId: string,
  options: { lock?: boolean } = {},
): Promise<repo.RoleRow> {
  await planOrNotFound(db, user, planId);
  const find = options.lock ? repo.findRoleForUpdate : repo.findRole;
  const role = await find(db, user.districtId, planId, roleId);
  if (!role) throw notFound('The role');
  return role;
}

async function presentOne(db: Executor, user: SignedInUser, row: repo.RoleRow): Promise<Role> {
  return (await present(db, user.districtId, [row]))[0]!;
}

/** Schools must be the district's; priorities and measures, the plan's own rows. */
async function checkLinks(db: Executor, user: SignedInUser, planId: string, fields: RoleFieldsInput): Promise<void> {
  const errors: FieldError[] = [];
  const check = (field: string, given: string[] | undefined, known: Set<string>, what: string) => {
    const unknown = (given ?? []).filter((id) => !known.has(id));
    if (unknown.length > 0)
      errors.push({
        in: 'body',
        field,
        message: `${unknown.length === 1 ? 'one is not' : `${unknown.length} are not`} ${what}`,
      });
  };
  if (fields.schoolIds?.length) {
    const schools = new Set((await schoolsOfDistrict(db, user.districtId)).map((s) => s.id));
    check('schoolIds', fields.schoolIds, schools, 'a school of your district');
  }
  if (fields.priorityIds?.length)
    check(
      'priorityIds',
      fields.priorityIds,
      await rowIdsOf(db, user.districtId, planId, 'priorities'),
      'a priority of this plan',
    );
  if (fields.measureIds?.length)
    check(
      'measureIds',
      fields.measureIds,
      await rowIdsOf(db, user.districtId, planId, 'measures'),
      'a measure of this plan',
    );
  if (errors.length > 0) throw invalidInput(errors);
}

const definedOnly = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));

export async function listRoles(db: Db, user: SignedInUser, planId: string): Promise<Role[]> {
  await planOrNotFound(db, user, planId);
  return present(db, user.districtId, await repo.listRoles(db, user.districtId, planId));
}

export async function getRole(db: Db, user: SignedInUser, planId: string, roleId: string): Promise<Role> {
  return presentOne(db, user, await roleOrNotFound(db, user, planId, roleId));
}

export async function createRole(db: Db, user: SignedInUser, planId: string, input: CreateRole): Promise<Role> {
  const { archetype: archetypeKey, fieldModes, ...given } = input;
  const archetype = archetypeKey === undefined ? undefined : findArchetype(archetypeKey);
  if (archetypeKey !== undefined && !archetype) {
    throw invalidInput([{ in: 'body', field: 'archetype', message: 'is not a role of the library' }]);
  }
  // Defaults, then the archetype, then what the request says.
  const parsed = roleFields.safeParse({ ...(archetype?.fields ?? {}), ...definedOnly(given) });
  if (!parsed.success) {
    throw invalidInput(parsed.error.issues.map((i) => ({ in: 'body', field: i.path.join('.'), message: i.message })));
  }
  const fields = parsed.data;
  return db.transaction(async (trx) => {
    await planOrNotFound(trx, user, planId);
    await checkLinks(trx, user, planId, fields);
    const row = await repo.insertRole(trx, {
      district_id: user.districtId,
      plan_id: planId,
      ...fieldsToColumns(roleColumns, fields),
      field_modes: JSON.stringify(fieldModes ?? {}),
      updated_by: user.id,
    });
    await repo.replaceRoleSchools(trx, user.districtId, row.id, fields.schoolIds);
    await repo.insertEvent(trx, {
      district_id: user.districtId,
      role_id: row.id,
      kind: 'created',
      actor_id: user.id,
      note: archetype ? `Started from the ${archetype.name.toLowerCase()} in the role library.` : '',
    });
    return presentOne(trx, user, row);
  });
}

/**
 * Saves changed fields under the version the edit was based on. Changing the substance of a role in
 * review or approved sends it back to draft, noted in its history, so principals review what is there.
 */
export async function updateRole(
  db: Db,
  user: SignedInUser,
  planId: string,
  roleId: string,
  input: UpdateRole,
): Promise<Role> {
  const { version, fieldModes, ...given } = input;
  return db.transaction(async (trx) => {
    const current = await roleOrNotFound(trx, user, planId, roleId, { lock: true });
    const currentSchools = (await repo.listRoleSchools(trx, user.districtId, [roleId])).map((s) => s.school_id);
    const before = snapshotOf(current, currentSchools);
    const after: Record<string, unknown> = { ...before, ...definedOnly(given), ...(fieldModes ? { fieldModes } : {}) };
    if (given.schoolIds) after.schoolIds = [...given.schoolIds].sort();
    const changes = changedFields(before, after);
    if (changes.length === 0) return presentOne(trx, user, current);

    await checkLinks(trx, user, planId, given);
    const updated = await repo.updateRole(
      trx,
      { districtId: user.districtId, planId, roleId, version },
      {
        ...fieldsToColumns(roleColumns, given),
        ...(fieldModes ? { field_modes: JSON.stringify(fieldModes) } : {}),
        updated_by: user.id,
      },
    );
    if (!updated) {
      throw new AppError(
        'version_conflict',
        'Someone else changed this role after you loaded it. Compare the two versions and choose what to keep.',
        {
          current: await presentOne(trx, user, current),
        },
      );
    }
    if (given.schoolIds) await repo.replaceRoleSchools(trx, user.districtId, roleId, given.schoolIds);
    if (current.status === 'in_review' || current.status === 'approved') {
      await repo.setStatus(trx, user.districtId, roleId, { status: 'draft' });
      await repo.insertEvent(trx, {
        district_id: user.districtId,
        role_id: roleId,
        kind: 'returned_to_draft',
        actor_id: user.id,
        note: `Edited while ${roleStatusLabels[current.status].toLowerCase()}, so it returned to draft. Changed: ${changes.map((c) => c.label).join(', ')}.`,
      });
    }
    return presentOne(trx, user, (await repo.findRole(trx, user.districtId, planId, roleId))!);
  });
}

export async function deleteRole(db: Db, user: SignedInUser, planId: string, roleId: string): Promise<void> {
  await roleOrNotFound(db, user, planId, roleId);
  await repo.deleteRole(db, user.districtId, planId, roleId);
}

const wrongStatus = (message: string) => new AppError('conflict', message);

/** Sends a role to the principals of its schools; each school needs a principal to review it. */
export async function submitRole(db: Db, user: SignedInUser, planId: string, roleId: string): Promise<Role> {
  return db.transaction(async (trx) => {
    const role = await roleOrNotFound(trx, user, planId, roleId, { lock: true });
    if (role.status === 'in_review') throw wrongStatus('This role is already in review.');
    if (role.status === 'approved')
      throw wrongStatus('This role is already approved. Edit it to change it; it then returns to draft.');
    const schools = await repo.listRoleSchools(trx, user.districtId, [roleId]);
    if (schools.length === 0)
      throw wrongStatus('Choose the schools this role is for first: their principals review it.');
    const district = await schoolsOfDistrict(trx, user.districtId);
    const unled = schools.filter((s) => !district.find((d) => d.id === s.school_id)?.principals.length);
    if (unled.length > 0) {
      throw wrongStatus(
        `${unled.map((s) => s.school_name).join(', ')} ${unled.length === 1 ? 'has' : 'have'} no principal to review the role.`,
      );
    }
    await repo.setStatus(trx, user.districtId, roleId, {
      status: 'in_review',
      round: role.round + 1,
      submitted_at: new Date(),
    });
    await repo.insertEvent(trx, {
      district_id: user.districtId,
      role_id: roleId,
      kind: 'submitted',
      actor_id: user.id,
      note: `Sent for review to the principals of ${schools.map((s) => s.school_name).join(', ')}.`,
    });
    return presentOne(trx, user, (await repo.findRole(trx, user.districtId, planId, roleId))!);
  });
}

function schoolsOfPrincipal(district: School[], principalId: string, roleSchoolIds: string[]) {
  return district.filter((s) => roleSchoolIds.includes(s.id) && s.principals.some((p) => p.id === principalId));
}

/** A principal of one of the role's schools approves it or asks for changes; approved once every school has approved. */
export async function reviewRole(
  db: Db,
  user: SignedInUser,
  planId: string,
  roleId: string,
  input: ReviewRequest,
): Promise<Role> {
  return db.transaction(async (trx) => {
    const role = await roleOrNotFound(trx, user, planId, roleId, { lock: true });
    const roleSchools = await repo.listRoleSchools(trx, user.districtId, [roleId]);
    const schoolIds = roleSchools.map((s) => s.school_id);
    const district = await schoolsOfDistrict(trx, user.districtId);
    if (schoolsOfPrincipal(district, user.id, schoolIds).length === 0) {
      throw forbidden('You are not a reviewer of this role: it is not for any of your schools.');
    }
    if (role.status !== 'in_review') {
      throw wrongStatus(
        `This role is ${roleStatusLabels[role.status].toLowerCase()}, not in review: there is nothing to decide now.`,
      );
    }
    const reviews = await repo.listReviews(trx, user.districtId, [roleId]);
    if (reviews.some((r) => r.round === role.round && r.reviewer_id === user.id)) {
      throw wrongStatus('You have already given your decision in this review round.');
    }
    await repo.insertReview(trx, {
      district_id: user.districtId,
      role_id: roleId,
      reviewer_id: user.id,
      round: role.round,
      decision: input.decision,
      comment: input.comment,
      snapshot: snapshotOf(role, schoolIds),
    });
    if (input.decision === 'request_changes') {
      await repo.setStatus(trx, user.districtId, roleId, { status: 'changes_requested' });
      await repo.insertEvent(trx, {
        district_id: user.districtId,
        role_id: roleId,
        kind: 'changes_requested',
        actor_id: user.id,
        note: input.comment,
      });
    } else {
      const approvers = new Set([
        ...reviews.filter((r) => r.round === role.round && r.decision === 'approve').map((r) => r.reviewer_id),
        user.id,
      ]);
      const everySchool = schoolIds.every((id) =>
        district.find((s) => s.id === id)?.principals.some((p) => approvers.has(p.id)),
      );
      if (everySchool) {
        await repo.setStatus(trx, user.districtId, roleId, { status: 'approved' });
        await repo.insertEvent(trx, {
          district_id: user.districtId,
          role_id: roleId,
          kind: 'approved',
          actor_id: user.id,
          note: 'Approved by the principal of every school it is for.',
        });
      }
    }
    return presentOne(trx, user, (await repo.findRole(trx, user.districtId, planId, roleId))!);
  });
}

/** The roles waiting for a principal's decision, oldest first, with what changed since they last decided. */
export async function inboxOf(db: Db, user: SignedInUser): Promise<InboxItem[]> {
  const rows = await repo.listRolesInReviewFor(db, user.districtId, user.id);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const roleSchools = await repo.listRoleSchools(db, user.districtId, ids);
  const reviews = await repo.listReviews(db, user.districtId, ids);
  const district = await schoolsOfDistrict(db, user.districtId);
  return rows
    .filter((row) => !reviews.some((r) => r.role_id === row.id && r.round === row.round && r.reviewer_id === user.id))
    .map((row) => {
      const schoolIds = roleSchools.filter((s) => s.role_id === row.id).map((s) => s.school_id);
      const mine = reviews.filter((r) => r.role_id === row.id && r.reviewer_id === user.id);
      const last = mine[mine.length - 1];
      return {
        planId: row.plan_id,
        planTitle: row.plan_title,
        roleId: row.id,
        roleTitle: row.title,
        submittedAt: new Date(row.submitted_at!).toISOString(),
        schools: schoolsOfPrincipal(district, user.id, schoolIds).map((s) => ({ id: s.id, name: s.name })),
        changedSinceYourLastReview: last ? changedFields(last.snapshot, snapshotOf(row, schoolIds)) : null,
      };
    });
}

/** Yearly cost of the plan's roles against its funding sources, by school year. */
export async function budgetOf(db: Db, user: SignedInUser, planId: string): Promise<Budget> {
  const plan = await planOrNotFound(db, user, planId);
  const rows = await repo.listRoles(db, user.districtId, planId);
  const tables = await tablesOfPlan(db, user.districtId, planId);
  const roles = rows.map((row) => ({ ...(rowToFields(roleColumns, row) as z.output<typeof roleFields>), id: row.id }));
  return computeBudget(
    roles,
    tables.fundingSources,
    { averageTeacherCostCents: Number(plan.average_teacher_cost_cents), contractDays: plan.contract_days },
    plan.school_year,
  );
}
