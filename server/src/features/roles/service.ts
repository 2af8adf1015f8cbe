import type { Knex } from 'knex';
import type { z } from 'zod';
import type { RoleForCost } from '@planner/shared/budget';
import { listOf, quotedAtSentenceEnd } from '@planner/shared/format';
import type { FieldError } from '@planner/shared/problem';
import { roleLink, roleOfLink } from '@planner/shared/notification';
import { findArchetype } from '@planner/shared/role-library';
import {
  applicationWindowProblem,
  maxRolesPerPlan,
  roleFieldNames,
  roleFields,
  roleStatusLabels,
  type CreateRole,
  type FieldModes,
  type DeleteRoleQuery,
  type InboxItem,
  type ReviewRequest,
  type Role,
  type RoleStatus,
  type UpdateRole,
  withFieldModes,
} from '@planner/shared/role';
import type { School } from '@planner/shared/school';
import { fieldsToColumns, rowToFields } from '../../db/columns';
import { asActor, setActor } from '../../db/history-context';
import type { Executor } from '../../db/knex';
import { yearsLater } from '../../db/values';
import { AppError, deleteConflict, forbidden, invalidInput, notFound, versionConflict } from '../../http/app-error';
import type { SignedInUser } from '../../http/auth';
import { notify } from '../notifications/service';
import { lockPlanIfAny, lockPlanOrNotFound, planOrNotFound, plansOfDistrict } from '../plans/service';
import { schoolIdsByPrincipal, schoolsOfDistrict } from '../schools/service';
import { rowsOf } from '../stage-tables/service';
import { isActive, listUsers, namesOf } from '../users/service';
import * as repo from './repo';
import {
  approvedByEverySchool,
  changedFields,
  linksOf,
  presentRole,
  roleColumns,
  schoolStates,
  snapshotOf,
} from './presenter';

type RoleFieldsInput = Partial<z.output<typeof roleFields>>;

/** Roles with their links, reviews and history: a fixed number of queries for any count. */
async function present(db: Executor, districtId: string, rows: repo.RoleRow[]): Promise<Role[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const links = await repo.listLinks(db, districtId, ids);
  const reviews = await repo.listReviews(db, districtId, ids);
  const events = await repo.listEvents(db, districtId, ids);
  const district = await schoolsOfDistrict(db, districtId);
  const names = await namesOf(db, districtId, [
    ...reviews.map((r) => r.reviewer_id),
    ...events.flatMap((e) => e.actor_id ?? []),
  ]);
  return rows.map((row) => presentRole(row, { links, reviews, events, district, names }));
}

const presentOne = async (db: Executor, user: SignedInUser, row: repo.RoleRow) =>
  (await present(db, user.districtId, [row]))[0]!;

async function roleOrNotFound(
  db: Executor,
  user: SignedInUser,
  planId: string,
  roleId: string,
  options: { lock?: boolean } = {},
): Promise<repo.RoleRow> {
  const find = options.lock ? repo.findRoleForUpdate : repo.findRole;
  const role = await find(db, user.districtId, planId, roleId);
  if (!role) throw notFound('The role');
  return role;
}

/** The ids a role links to now, of each kind. */
async function currentLinks(db: Executor, user: SignedInUser, roleId: string, district: readonly School[]) {
  return linksOf(roleId, await repo.listLinks(db, user.districtId, [roleId]), district);
}

/**
 * Schools must be the district's; priorities and measures, the plan's own rows. Every bad list is named
 * at once; the foreign keys of the link tables hold the same rule in the database.
 */
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
  const idsOf = async (name: 'priorities' | 'measures') =>
    new Set((await rowsOf(db, user.districtId, name, planId)).map((r) => r.id));
  if (fields.schoolIds?.length) {
    const schools = new Set((await schoolsOfDistrict(db, user.districtId)).map((s) => s.id));
    check('schoolIds', fields.schoolIds, schools, 'a school of your district');
  }
  if (fields.priorityIds?.length)
    check('priorityIds', fields.priorityIds, await idsOf('priorities'), 'a priority of this plan');
  if (fields.measureIds?.length)
    check('measureIds', fields.measureIds, await idsOf('measures'), 'a measure of this plan');
  if (errors.length > 0) throw invalidInput(errors);
}

type ApplicationWindow = { applicationOpens: string | null; applicationCloses: string | null };

/**
 * Applications must not close before they open: checked on the window as it would be, the day sent with
 * the other as stored, and only when a day is sent (a window stored backwards does not block other edits).
 */
function checkApplicationWindow(stored: ApplicationWindow, given: RoleFieldsInput): void {
  const sent = given.applicationCloses !== undefined ? 'applicationCloses' : 'applicationOpens';
  if (given[sent] === undefined) return;
  const window = {
    applicationOpens: given.applicationOpens === undefined ? stored.applicationOpens : given.applicationOpens,
    applicationCloses: given.applicationCloses === undefined ? stored.applicationCloses : given.applicationCloses,
  };
  const problem = applicationWindowProblem(window, sent);
  if (problem) throw invalidInput([{ in: 'body', ...problem }]);
}

async function saveLinks(
  db: Executor,
  user: SignedInUser,
  planId: string,
  roleId: string,
  fields: RoleFieldsInput,
): Promise<void> {
  for (const kind of repo.linkKinds) {
    const ids = fields[kind];
    if (ids) await repo.replaceLinks(db, { districtId: user.districtId, planId, roleId }, kind, ids);
  }
}

const definedOnly = (values: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));

export async function listRoles(db: Executor, user: SignedInUser, planId: string): Promise<Role[]> {
  await planOrNotFound(db, user.districtId, planId);
  return present(db, user.districtId, await repo.listRoles(db, user.districtId, planId));
}

/** The roles of a plan presented, for a read that has checked the plan already (the export). */
export async function rolesOf(db: Executor, districtId: string, planId: string): Promise<Role[]> {
  return present(db, districtId, await repo.listRoles(db, districtId, planId));
}

/** A role of the plan (what a comment may be about), with who last changed it. */
export async function roleSubjectOf(db: Executor, districtId: string, planId: string, roleId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(roleId)) return undefined;
  const role = await repo.findRole(db, districtId, planId, roleId);
  return role && { label: role.title, writtenBy: (role.updated_by as string | null) ?? null };
}

/** The titles of a plan's roles, by id. */
export async function roleTitlesOf(db: Executor, districtId: string, planId: string): Promise<Map<string, string>> {
  return new Map((await repo.listRoles(db, districtId, planId)).map((r) => [r.id, r.title]));
}

/**
 * A role's fields from a row as stored (of its history), links left out, with the mode of every field: as a
 * change of modes names only those it changes, one the row had none for is sent as null, to be not decided again.
 */
export function roleFieldsOfRow(row: Record<string, unknown>): Record<string, unknown> {
  const modes = (row.field_modes ?? {}) as FieldModes;
  return {
    ...rowToFields(roleColumns, row),
    fieldModes: Object.fromEntries(roleFieldNames.map((field) => [field, modes[field] ?? null])),
  };
}

/** What the budget needs of each role: its pay, released time and positions. One query. */
export async function roleCostsOf(db: Executor, districtId: string, planId: string): Promise<RoleForCost[]> {
  const rows = await repo.listRoles(db, districtId, planId);
  return rows.map((row) => ({ ...(rowToFields(roleColumns, row) as Omit<RoleForCost, 'id'>), id: row.id }));
}

export function countRoles(db: Executor, districtId: string, planId: string) {
  return repo.countRoles(db, districtId, planId);
}

export async function getRole(db: Executor, user: SignedInUser, planId: string, roleId: string): Promise<Role> {
  return presentOne(db, user, await roleOrNotFound(db, user, planId, roleId));
}

/**
 * The roles among these that principals have been asked to review, or have reviewed, since `since`, and that
 * are in review or approved now: what they saw is the role as it has been since then, and a change put back
 * under it would change a role under review or approved without them knowing. Locked until the transaction ends.
 */
export const rolesReviewedSince = repo.lockRolesReviewedSince;

/**
 * Refuses `adding` more roles past the plan's cap (a new role, or roles brought back from the history).
 * Under the plan's lock, so that adds at once cannot both take the last place.
 */
export async function assertRoomForRoles(trx: Executor, districtId: string, planId: string, adding = 1): Promise<void> {
  if ((await repo.countRoles(trx, districtId, planId)).roles + adding > maxRolesPerPlan) {
    throw invalidInput([{ in: 'body', field: '', message: `a plan holds at most ${maxRolesPerPlan} roles` }]);
  }
}

export async function createRole(db: Executor, user: SignedInUser, planId: string, input: CreateRole): Promise<Role> {
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
  checkApplicationWindow(fields, given);
  return db.transaction(async (trx) => {
    await setActor(trx, user.id);
    await lockPlanOrNotFound(trx, user.districtId, planId);
    await assertRoomForRoles(trx, user.districtId, planId);
    await checkLinks(trx, user, planId, fields);
    const row = await repo.insertRole(trx, {
      district_id: user.districtId,
      plan_id: planId,
      ...fieldsToColumns(roleColumns, fields),
      field_modes: JSON.stringify(fieldModes ?? {}),
      updated_by: user.id,
    });
    await saveLinks(trx, user, planId, row.id, fields);
    await repo.insertEvent(trx, {
      district_id: user.districtId,
      plan_id: planId,
      role_id: row.id,
      kind: 'created',
      actor_id: user.id,
      note: archetype ? `Started from the ${archetype.name.toLowerCase()} in the role library.` : '',
    });
    return presentOne(trx, user, row);
  });
}

/** "Alicia Brooks approved this role after you opened it: editing it now sends it back to draft." */
function statusChangedSince(role: Role): string {
  const kind = role.status === 'approved' ? 'approved' : 'submitted';
  const who = role.history.filter((event) => event.kind === kind).at(-1)?.actor?.name;
  const what =
    role.status === 'approved'
      ? who
        ? `${who} approved this role`
        : 'This role was approved'
      : who
        ? `${who} sent this role for review`
        : 'This role was sent for review';
  return `${what} after you opened it: editing it now sends it back to draft.`;
}

/**
 * Saves changed fields under the version the edit was based on. Changing the substance of a role in
 * review or approved sends it back to draft, noted in its history, so principals review what is there.
 */
export async function updateRole(
  db: Executor,
  user: SignedInUser,
  planId: string,
  roleId: string,
  input: UpdateRole,
): Promise<Role> {
  const { version, fieldModes, status: statusSeen, ...given } = input;
  return db.transaction(async (trx) => {
    await setActor(trx, user.id);
    const current = await roleOrNotFound(trx, user, planId, roleId, { lock: true });
    const district = await schoolsOfDistrict(trx, user.districtId);
    const before = snapshotOf(current, await currentLinks(trx, user, roleId, district));
    // Only the modes sent change, on the modes as they are now (the row is locked): another person's choice for
    // another field stays.
    const modes = fieldModes ? withFieldModes(current.field_modes, fieldModes) : current.field_modes;
    const after: Record<string, unknown> = { ...before, ...definedOnly(given), fieldModes: modes };
    if (given.schoolIds) after.schoolIds = [...given.schoolIds].sort();
    const changes = changedFields(before, after);
    if (changes.length === 0) return presentOne(trx, user, current);

    // An edit of a role changed since is a conflict to resolve before any check against what it holds now:
    // a 400 over a day the person never saw would have the edit dropped rather than merged.
    if (current.version !== version) throw versionConflict('role', await presentOne(trx, user, current));
    // A review decision or a submission leaves the version as it was: the status the person saw says whether
    // this edit, which sends the role back to draft, undoes one they have not seen.
    const returnsToDraft = current.status === 'in_review' || current.status === 'approved';
    if (statusSeen !== undefined && statusSeen !== current.status && returnsToDraft) {
      const now = await presentOne(trx, user, current);
      throw versionConflict('role', now, statusChangedSince(now));
    }
    // The snapshot holds the days as ISO dates, as the role shows them.
    checkApplicationWindow(before as ApplicationWindow, given);
    await checkLinks(trx, user, planId, given);
    const updated = await repo.updateRole(
      trx,
      { districtId: user.districtId, planId, roleId, version },
      {
        ...fieldsToColumns(roleColumns, given),
        ...(fieldModes ? { field_modes: JSON.stringify(modes) } : {}),
        updated_by: user.id,
      },
    );
    if (!updated) throw versionConflict('role', await presentOne(trx, user, current));
    await saveLinks(trx, user, planId, roleId, given);
    if (current.status !== 'in_review' && current.status !== 'approved') return presentOne(trx, user, updated);

    const returned = await repo.setStatus(trx, user.districtId, roleId, { status: 'draft' });
    await repo.insertEvent(trx, {
      district_id: user.districtId,
      plan_id: planId,
      role_id: roleId,
      kind: 'returned_to_draft',
      actor_id: user.id,
      note: `Edited while ${roleStatusLabels[current.status].toLowerCase()}, so it returned to draft. Changed: ${changes.map((c) => c.label).join(', ')}.`,
    });
    return presentOne(trx, user, returned);
  });
}

/**
 * Removes a role at the version, status and review decisions the person saw: one changed or reviewed since
 * stays (409 with it now).
 */
export async function deleteRole(
  db: Executor,
  user: SignedInUser,
  planId: string,
  roleId: string,
  seen: DeleteRoleQuery,
): Promise<void> {
  const where = { districtId: user.districtId, planId, roleId, ...seen };
  const removed = await asActor(db, user.id, async (trx) => {
    // Decisions take turns on the role's lock: one in flight is waited for, and then counted.
    await repo.findRoleForUpdate(trx, user.districtId, planId, roleId);
    return repo.deleteRole(trx, where);
  });
  if (removed > 0) return;
  throw deleteConflict('role', await presentOne(db, user, await roleOrNotFound(db, user, planId, roleId)));
}

const wrongStatus = (message: string) => new AppError('conflict', message);

/** Sends a role to the principals of its schools; each school needs a principal to review it. */
export async function submitRole(
  db: Executor,
  user: SignedInUser,
  planId: string,
  roleId: string,
  version?: number,
): Promise<Role> {
  return db.transaction(async (trx) => {
    await setActor(trx, user.id);
    const role = await roleOrNotFound(trx, user, planId, roleId, { lock: true });
    // The principals review what the admin sent: not an edit made since they read it.
    if (version !== undefined && version !== role.version) {
      throw versionConflict(
        'role',
        await presentOne(trx, user, role),
        'This role changed after you opened it. Read it as it is now before you send it for review.',
      );
    }
    if (role.status === 'in_review') throw wrongStatus('This role is already in review.');
    if (role.status === 'approved')
      throw wrongStatus('This role is already approved. Edit it to change it; it then returns to draft.');
    const district = await schoolsOfDistrict(trx, user.districtId);
    const schools = (await currentLinks(trx, user, roleId, district)).schoolIds.map((id) =>
      district.find((s) => s.id === id)!,
    );
    // Each says where to put it right: a new district has neither schools nor principals.
    if (schools.length === 0) {
      throw wrongStatus(
        district.some((s) => !s.archived)
          ? 'Choose the schools this role is for first: their principals review it.'
          : 'Choose the schools this role is for first: their principals review it. The district has no schools yet: ' +
              'add them on the Schools page.',
      );
    }
    const unled = schools.filter((s) => s.principals.length === 0);
    if (unled.length > 0) {
      const one = unled.length === 1;
      throw wrongStatus(
        `${listOf(unled.map((s) => s.name))} ${one ? 'has' : 'have'} no principal to review the role: ` +
          `invite ${one ? 'one, or give it to a principal' : 'principals, or give them to principals'} who ` +
          `${one ? 'has' : 'have'} joined, on the People page.`,
      );
    }
    const submitted = await repo.setStatus(trx, user.districtId, roleId, {
      status: 'in_review',
      round: role.round + 1,
      submitted_at: new Date(),
    });
    await repo.insertEvent(trx, {
      district_id: user.districtId,
      plan_id: planId,
      role_id: roleId,
      kind: 'submitted',
      actor_id: user.id,
      note: `Sent for review to the principals of ${listOf(schools.map((s) => s.name))}.`,
    });
    const plan = await planOrNotFound(trx, user.districtId, planId);
    const principals = `the principals of ${listOf(schools.map((s) => s.name))}`;
    const recipients = [...new Set(schools.flatMap((s) => s.principals.map((p) => p.id)))].filter(
      (id) => id !== user.id,
    );
    // A role sent again says so to a principal who decided on it before: its page shows what changed since.
    const decidedBefore = new Set((await repo.listReviews(trx, user.districtId, [roleId])).map((r) => r.reviewer_id));
    const again = recipients.filter((id) => decidedBefore.has(id));
    const firstTime = recipients.filter((id) => !decidedBefore.has(id));
    const common = {
      districtId: user.districtId,
      kind: 'review_waiting' as const,
      planId,
      link: roleLink(planId, roleId),
    };
    await notify(trx, {
      ...common,
      recipients: again,
      title: `“${role.title}” in “${plan.title}” is back for your review (round ${String(submitted.round)})`,
      body: `${whereRoleIs(plan, role)} ${user.name} sent it for review again, to ${principals}; its page shows what changed since your decision.`,
    });
    // One who has not decided and not yet read that it waits (sent before, the role came back) keeps one item.
    await notify(trx, {
      ...common,
      recipients: firstTime,
      title: `“${role.title}” in “${plan.title}” is waiting for your review`,
      body: `${whereRoleIs(plan, role)} ${user.name} sent it for review to ${principals}.`,
      replacesUnread: true,
    });
    return presentOne(trx, user, submitted);
  });
}

/**
 * Which plan and role a review notification is about, for its email: a district has a plan per school
 * year, often with roles of the same title in each, and a title alone does not say which one waits.
 */
const whereRoleIs = (plan: { title: string; school_year: string }, role: { title: string }) =>
  `Plan: ${plan.title} (${plan.school_year}). Role: ${role.title}.`;

/**
 * The person who sent the role for review this round hears of the decision on it, unless they made it
 * (`tellActor`: they made a change elsewhere, and the decision followed from it unseen). One who is no longer
 * an active district administrator has no say in the role now: the district's administrators hear instead.
 */
async function tellSubmitter(
  trx: Executor,
  user: SignedInUser,
  role: repo.RoleRow,
  decision: { status: 'approved' | 'changes_requested'; title: (planTitle: string) => string; body: string },
  options: { tellActor?: boolean } = {},
) {
  const submitted = (await repo.listEvents(trx, user.districtId, [role.id]))
    .filter((e) => e.kind === 'submitted')
    .at(-1);
  if (!submitted?.actor_id || (submitted.actor_id === user.id && !options.tellActor)) return;
  const plan = await planOrNotFound(trx, user.districtId, role.plan_id);
  const admins = (await listUsers(trx, user.districtId))
    .filter((u) => u.role === 'district_admin' && isActive(u))
    .map((u) => u.id);
  const recipients = admins.includes(submitted.actor_id)
    ? [submitted.actor_id]
    : admins.filter((id) => id !== user.id || options.tellActor);
  await notify(trx, {
    districtId: user.districtId,
    recipients,
    kind: 'role_decided',
    planId: role.plan_id,
    title: decision.title(plan.title),
    body: `${whereRoleIs(plan, role)} ${decision.body}`,
    link: roleLink(role.plan_id, role.id),
    dedupeKey: decisionKey(role, decision.status),
  });
}

/** The role approved, with why in its history, and its submitter told. */
async function approveRole(
  trx: Executor,
  user: SignedInUser,
  role: repo.RoleRow,
  why: { note: string; body: string; tellActor?: boolean },
): Promise<repo.RoleRow> {
  const approved = await repo.setStatus(trx, user.districtId, role.id, { status: 'approved' });
  await repo.insertEvent(trx, {
    district_id: user.districtId,
    plan_id: role.plan_id,
    role_id: role.id,
    kind: 'approved',
    actor_id: user.id,
    note: why.note,
  });
  await tellSubmitter(
    trx,
    user,
    role,
    { status: 'approved', title: (planTitle) => `“${role.title}” in “${planTitle}” is approved`, body: why.body },
    { tellActor: why.tellActor },
  );
  return approved;
}

function schoolsOfPrincipal(district: readonly School[], principalId: string, roleSchoolIds: readonly string[]) {
  return district.filter((s) => roleSchoolIds.includes(s.id) && s.principals.some((p) => p.id === principalId));
}

/**
 * As a round ends, each of its decisions is recorded for the schools it counted for, those its principal leads
 * now: the role then shows each school's decision as it stood, whoever leads the school later.
 */
async function recordDecidedSchools(
  trx: Executor,
  districtId: string,
  role: repo.RoleRow,
  roleSchoolIds: readonly string[],
  reviews: readonly repo.ReviewRow[],
  district: readonly School[],
): Promise<void> {
  for (const review of reviews.filter((r) => r.role_id === role.id && r.round === role.round)) {
    const ids = schoolsOfPrincipal(district, review.reviewer_id, roleSchoolIds).map((s) => s.id);
    if (ids.join() !== [...review.school_ids].sort().join()) {
      await repo.setReviewSchools(trx, districtId, review.id, ids.sort());
    }
  }
}

/**
 * Reviews coming back from the history as they were removed before their schools were recorded (migration 037:
 * a row without `school_ids`): each stands for the role's schools its principal leads now, as the migration
 * took them. The roles' schools must be back already.
 */
export async function withDecidedSchools(
  trx: Executor,
  districtId: string,
  reviews: readonly Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  if (reviews.every((r) => 'school_ids' in r)) return [...reviews];
  const links = await repo.listLinks(trx, districtId, [...new Set(reviews.map((r) => String(r.role_id)))]);
  const led = await schoolIdsByPrincipal(trx, districtId);
  return reviews.map((review) => {
    if ('school_ids' in review) return review;
    const leads = led.get(String(review.reviewer_id)) ?? [];
    const schoolIds = links
      .filter((l) => l.role_id === review.role_id && l.kind === 'schoolIds' && leads.includes(l.target_id))
      .map((l) => l.target_id);
    return { ...review, school_ids: schoolIds.sort() };
  });
}

/** "This role is a draft": a status as a sentence says it. */
const statusAsSaid: Record<RoleStatus, string> = {
  draft: 'is a draft',
  in_review: 'is in review',
  changes_requested: 'is waiting for the changes requested',
  approved: 'is approved',
};

/** A principal of one of the role's schools approves it or asks for changes; approved once every school has approved. */
export async function reviewRole(
  db: Executor,
  user: SignedInUser,
  planId: string,
  roleId: string,
  input: ReviewRequest,
): Promise<Role> {
  return db.transaction(async (trx) => {
    await setActor(trx, user.id);
    const role = await roleOrNotFound(trx, user, planId, roleId, { lock: true });
    const district = await schoolsOfDistrict(trx, user.districtId);
    const links = await currentLinks(trx, user, roleId, district);
    if (schoolsOfPrincipal(district, user.id, links.schoolIds).length === 0) {
      throw forbidden('You are not a reviewer of this role: it is not for any of your schools.');
    }
    if (role.status !== 'in_review') {
      throw wrongStatus(`This role ${statusAsSaid[role.status]}, not in review: there is nothing to decide now.`);
    }
    if (input.version !== role.version || input.round !== role.round) {
      throw versionConflict(
        'role',
        await presentOne(trx, user, role),
        input.round !== role.round
          ? 'This role was sent for review again after you opened it. Read it as it is now before you decide.'
          : 'This role changed after you opened it. Read it as it is now before you decide.',
      );
    }
    const reviews = await repo.listReviews(trx, user.districtId, [roleId]);
    if (reviews.some((r) => r.round === role.round && r.reviewer_id === user.id)) {
      throw wrongStatus('You have already given your decision in this review round.');
    }
    const decided = await repo.insertReview(trx, {
      district_id: user.districtId,
      plan_id: planId,
      role_id: roleId,
      reviewer_id: user.id,
      round: role.round,
      decision: input.decision,
      comment: input.comment,
      snapshot: snapshotOf(role, links),
      school_ids: schoolsOfPrincipal(district, user.id, links.schoolIds).map((s) => s.id),
    });
    if (input.decision === 'request_changes') {
      await recordDecidedSchools(trx, user.districtId, role, links.schoolIds, [...reviews, decided], district);
      const sentBack = await repo.setStatus(trx, user.districtId, roleId, { status: 'changes_requested' });
      await repo.insertEvent(trx, {
        district_id: user.districtId,
        plan_id: planId,
        role_id: roleId,
        kind: 'changes_requested',
        actor_id: user.id,
        note: input.comment,
      });
      await tellSubmitter(trx, user, role, {
        status: 'changes_requested',
        title: (planTitle) => `${user.name} requested changes to “${role.title}” in “${planTitle}”`,
        body: input.comment,
      });
      return presentOne(trx, user, sentBack);
    }
    if (!approvedByEverySchool(role, links.schoolIds, [...reviews, decided], district)) {
      return presentOne(trx, user, role);
    }
    await recordDecidedSchools(trx, user.districtId, role, links.schoolIds, [...reviews, decided], district);
    const approved = await approveRole(trx, user, role, {
      note: 'Approved by the principal of every school it is for.',
      body: `${user.name} approved it${input.comment.trim() ? ` and wrote: ${quotedAtSentenceEnd(input.comment.trim())}` : '.'} Every school it is for has approved it.`,
    });
    return presentOne(trx, user, approved);
  });
}

/**
 * After a change of who leads the district's schools (a person's role, schools or being active), or a plan
 * made active again, approves each role in review that every school it is for has now approved: a decision
 * counts for the schools its principal leads now, so such a change can complete a round in which no one is
 * left to decide. A request for changes sends a role back at once: only approval waits on this. The roles of
 * an archived plan stay as they are until it is active again (`planId` then settles that plan's alone).
 */
export async function settleRolesInReview(
  trx: Knex.Transaction,
  user: SignedInUser,
  options: { planId?: string } = {},
): Promise<void> {
  const open = (await plansOfDistrict(trx, user.districtId))
    .filter((p) => p.status !== 'archived' && (options.planId === undefined || p.id === options.planId))
    .map((p) => p.id);
  if (open.length === 0) return;
  const waiting = await repo.plansWithRolesInReview(trx, user.districtId, open);
  if (waiting.length === 0) return;
  // Each plan is locked before its roles, as a plan's archiving and a role's restoring take them: one archived
  // meanwhile is left as it is rather than refusing the change that led here.
  const stillOpen: string[] = [];
  for (const planId of waiting) {
    const plan = await lockPlanIfAny(trx, user.districtId, planId);
    if (plan && plan.status !== 'archived') stillOpen.push(planId);
  }
  const roles = await repo.lockRolesInReviewOfPlans(trx, user.districtId, stillOpen);
  if (roles.length === 0) return;
  const ids = roles.map((r) => r.id);
  const district = await schoolsOfDistrict(trx, user.districtId);
  const links = await repo.listLinks(trx, user.districtId, ids);
  const reviews = await repo.listReviews(trx, user.districtId, ids);
  await setActor(trx, user.id);
  for (const role of roles) {
    const own = reviews.filter((r) => r.role_id === role.id);
    const schoolIds = linksOf(role.id, links, district).schoolIds;
    if (!approvedByEverySchool(role, schoolIds, own, district)) continue;
    await recordDecidedSchools(trx, user.districtId, role, schoolIds, own, district);
    await approveRole(trx, user, role, {
      note: 'Approved: every school it is for has approved it, after a change of principals.',
      body: 'Every school it is for has approved it, after a change of principals.',
      // The person who changed the principals did not decide on the role, and may not know it is approved.
      tellActor: true,
    });
  }
}

/**
 * The schools of a role that a principal leads and that have not decided this round: a decision is its
 * school's, so one a co-principal gave stands for them too. The role waits for the principal while one is left.
 */
function schoolsWaitingFor(
  principalId: string,
  row: repo.RoleRow,
  roleSchoolIds: readonly string[],
  reviews: readonly repo.ReviewRow[],
  district: readonly School[],
) {
  const own = reviews.filter((r) => r.role_id === row.id);
  return schoolStates(row, roleSchoolIds, own, district)
    .filter((state) => state.decision === 'waiting' && state.principals.some((p) => p.id === principalId))
    .map((state) => state.school);
}

/**
 * The roles in review that wait for a principal's decision (all of them, or the one asked about), oldest
 * first, each with its links, its reviews and the schools it waits on them for.
 */
async function rolesWaitingFor(db: Executor, districtId: string, principalId: string, roleId?: string) {
  const district = await schoolsOfDistrict(db, districtId);
  const mine = district.filter((s) => s.principals.some((p) => p.id === principalId)).map((s) => s.id);
  if (mine.length === 0) return [];
  const rows = (await repo.listRolesInReview(db, districtId, mine)).filter(
    (row) => roleId === undefined || row.id === roleId,
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const links = await repo.listLinks(db, districtId, ids);
  const reviews = await repo.listReviews(db, districtId, ids);
  return rows.flatMap((row) => {
    const roleLinks = linksOf(row.id, links, district);
    const schools = schoolsWaitingFor(principalId, row, roleLinks.schoolIds, reviews, district);
    if (schools.length === 0) return [];
    return [{ row, links: roleLinks, reviews: reviews.filter((r) => r.role_id === row.id), schools }];
  });
}

/**
 * A principal who has just come to lead schools (given them, made principal, reactivated, or joined through
 * an invitation) is told of each role already in review for one of them that waits for their decision: the
 * notification of its sending went to whoever led those schools then. Run after settling, so a role that
 * change completed is not among them.
 */
export async function tellOfWaitingReviews(
  trx: Executor,
  districtId: string,
  principalId: string,
  newSchoolIds: readonly string[],
): Promise<void> {
  if (newSchoolIds.length === 0) return;
  // Of their new schools, those still waiting this round: a co-principal may have decided for one already.
  const waiting = (await rolesWaitingFor(trx, districtId, principalId)).flatMap(({ row, schools }) => {
    const names = schools.filter((s) => newSchoolIds.includes(s.id)).map((s) => s.name);
    return names.length === 0 ? [] : [{ row, names }];
  });
  if (waiting.length === 0) return;
  const plans = new Map((await plansOfDistrict(trx, districtId)).map((p) => [p.id, p]));
  for (const { row, names } of waiting) {
    const plan = plans.get(row.plan_id);
    if (!plan) continue;
    await notify(trx, {
      districtId,
      recipients: [principalId],
      kind: 'review_waiting',
      planId: row.plan_id,
      title: `“${row.title}” in “${plan.title}” is waiting for your review`,
      body: `${whereRoleIs(plan, row)} It is for ${listOf(names)}, which you now lead: it waits for your decision.`,
      link: roleLink(row.plan_id, row.id),
    });
  }
}

/**
 * The roles waiting for a principal's decision, oldest first, with the schools of theirs that have not decided
 * yet and what changed since they last decided (the plan's title is the caller's to add).
 */
export async function reviewQueueOf(
  db: Executor,
  user: SignedInUser,
): Promise<(Omit<InboxItem, 'planTitle'> & { planId: string })[]> {
  return (await rolesWaitingFor(db, user.districtId, user.id)).map(({ row, links, reviews, schools }) => {
    const last = reviews.filter((r) => r.reviewer_id === user.id).at(-1);
    return {
      planId: row.plan_id,
      roleId: row.id,
      roleTitle: row.title,
      submittedAt: new Date(row.submitted_at!).toISOString(),
      schools,
      changedSinceYourLastReview: last ? changedFields(last.snapshot, snapshotOf(row, links)) : null,
    };
  });
}

/**
 * Whether the role waits for this principal's review now, as their review queue has it: in review, and for
 * one of their schools that has not decided this round.
 */
export async function waitsForReviewBy(
  db: Executor,
  districtId: string,
  roleId: string,
  userId: string,
): Promise<boolean> {
  return (await rolesWaitingFor(db, districtId, userId, roleId)).length > 0;
}

/** The identity of the notice of a decision: the role, its review round, and the status the decision gave it. */
const decisionKey = (role: repo.RoleRow, status: 'approved' | 'changes_requested') =>
  `role-decided:${role.id}:${String(role.round)}:${status}`;

/**
 * Whether the decision a notice tells of (tellSubmitter) still stands, asked before its email goes: the role is
 * still in the status it gave, in that round; not edited back to draft, sent for review again, or decided
 * otherwise in a later round since (nor removed).
 */
export async function decisionStands(
  db: Executor,
  notice: { district_id: string; link: string; dedupe_key: string | null },
): Promise<boolean> {
  const about = roleOfLink(notice.link);
  const role = about && (await repo.findRole(db, notice.district_id, about.planId, about.roleId));
  if (!role) return false;
  const [, , round, status] = notice.dedupe_key?.split(':') ?? [];
  // A notice made before decisions had an identity says neither: any decision of the role standing will do.
  if (round === undefined) return role.status === 'approved' || role.status === 'changes_requested';
  return role.status === status && String(role.round) === round;
}

/**
 * The roles of one plan into another, as drafts with a fresh history: their links follow the rows they
 * pointed at into the new plan (`newIds` maps each copied priority and measure); schools stay. Answers
 * which new role each old one became.
 */
export async function copyRoles(
  trx: Executor,
  user: SignedInUser,
  from: { id: string; title: string; schoolYear: string },
  toPlanId: string,
  newIds: { priorities: Map<string, string>; measures: Map<string, string> },
  years: number,
): Promise<Map<string, string>> {
  const copied = new Map<string, string>();
  const rows = await repo.listRoles(trx, user.districtId, from.id);
  if (rows.length === 0) return copied;
  const links = await repo.listLinks(
    trx,
    user.districtId,
    rows.map((r) => r.id),
  );
  const district = await schoolsOfDistrict(trx, user.districtId);
  for (const row of rows) {
    const fields = rowToFields(roleColumns, row);
    const copy = await repo.insertRole(trx, {
      district_id: user.districtId,
      plan_id: toPlanId,
      ...fieldsToColumns(roleColumns, fields),
      // The application window opens and closes at the same time of the new school year.
      application_opens: yearsLater(trx, fields.applicationOpens as string | null, years),
      application_closes: yearsLater(trx, fields.applicationCloses as string | null, years),
      field_modes: JSON.stringify(row.field_modes),
      updated_by: user.id,
      // The copy keeps the roles' order (the order they were added in): made in one transaction, they would
      // share one time.
      created_at: row.created_at,
    });
    copied.set(row.id, copy.id);
    const old = linksOf(row.id, links, district);
    const role = { districtId: user.districtId, planId: toPlanId, roleId: copy.id };
    await repo.replaceLinks(trx, role, 'schoolIds', old.schoolIds);
    await repo.replaceLinks(
      trx,
      role,
      'priorityIds',
      old.priorityIds.flatMap((id) => newIds.priorities.get(id) ?? []),
    );
    await repo.replaceLinks(
      trx,
      role,
      'measureIds',
      old.measureIds.flatMap((id) => newIds.measures.get(id) ?? []),
    );
    await repo.insertEvent(trx, {
      district_id: user.districtId,
      plan_id: toPlanId,
      role_id: copy.id,
      kind: 'created',
      actor_id: user.id,
      note: `Copied as a draft from “${from.title}” (${from.schoolYear}).`,
    });
  }
  return copied;
}
