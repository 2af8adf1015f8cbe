import { randomUUID } from 'node:crypto';
import type { MeasureReading } from '@planner/shared/measure';
import type { CreatePlan, Plan } from '@planner/shared/plan';
import type { CreateRole, Role } from '@planner/shared/role';
import { declarationOf, type StageTableName } from '@planner/shared/stage-tables';
import type { UserRole } from '@planner/shared/user-role';
import { createPlan } from '../../src/commands/create-plan';
import { loadPlan } from '../../src/commands/load-plan';
import type { Db } from '../../src/db/knex';
import type { SignedInUser } from '../../src/http/auth';
import type { CreateInvitation } from '@planner/shared/invitation';
import { loadConfig } from '../../src/config';
import type { ServiceDeps } from '../../src/http/routes';
import { noMail } from '../../src/mail/mailer';
import * as auth from '../../src/features/auth/service';
import { hashPassword } from '../../src/features/auth/service';
import * as invitations from '../../src/features/invitations/service';
import * as schools from '../../src/features/schools/service';
import * as shareLinks from '../../src/features/share-links/service';
import { createShareLinkSchema, type CreateShareLinkInput } from '@planner/shared/share-link';
import * as measures from '../../src/features/measures/service';
import { txtLookupAt } from '../../src/features/single-sign-on/domain-records';
import * as plans from '../../src/features/plans/service';
import * as roles from '../../src/features/roles/service';
import * as tables from '../../src/features/stage-tables/service';
import * as stakeholderInputs from '../../src/features/stakeholder-inputs/service';
import type { StakeholderInput } from '@planner/shared/stakeholder-input';

/**
 * Factories for every kind of row the tests build, each through the real services a person's requests
 * go through, with unique values so tests never collide.
 */

export const testPassword = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;
const hashOnce = () => (passwordHash ??= hashPassword(testPassword));

export interface TestUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
}

export interface TestDistrict {
  id: string;
  name: string;
  timeZone: string;
  schools: { id: string; name: string }[];
  admin: TestUser;
  /** Principal of the first two schools. */
  principal: TestUser;
  viewer: TestUser;
}

export const unique = () => randomUUID().slice(0, 8);

export async function buildUser(
  db: Db,
  districtId: string,
  role: UserRole,
  overrides: Partial<TestUser> = {},
): Promise<TestUser> {
  const tag = unique();
  const [row] = (await db('users')
    .insert({
      district_id: districtId,
      email: overrides.email ?? `${role}-${tag}@district-${tag}.test`,
      name: overrides.name ?? `${role} ${tag}`,
      role,
      password_hash: await hashOnce(),
    })
    .returning(['id', 'email', 'name', 'role'])) as TestUser[];
  return row!;
}

/** A principal of the given schools. */
export async function buildPrincipal(db: Db, districtId: string, schoolIds: string[]): Promise<TestUser> {
  const principal = await buildUser(db, districtId, 'principal');
  if (schoolIds.length > 0) {
    await db('principal_schools').insert(
      schoolIds.map((schoolId) => ({ district_id: districtId, user_id: principal.id, school_id: schoolId })),
    );
  }
  return principal;
}

/** A district of its own with four schools and one user of each role; unique names, so tests never collide. */
export async function buildDistrict(db: Db, name = `District ${unique()}`): Promise<TestDistrict> {
  const [district] = (await db('districts').insert({ name }).returning(['id', 'name', 'time_zone'])) as {
    id: string;
    name: string;
    time_zone: string;
  }[];
  const id = district!.id;
  const schools = (await db('schools')
    .insert(['North', 'South', 'East', 'West'].map((s) => ({ district_id: id, name: `${s} School ${unique()}` })))
    .returning(['id', 'name'])) as { id: string; name: string }[];
  const [admin, principal, viewer] = await Promise.all([
    buildUser(db, id, 'district_admin'),
    buildPrincipal(
      db,
      id,
      schools.slice(0, 2).map((s) => s.id),
    ),
    buildUser(db, id, 'viewer'),
  ]);
  return {
    id,
    name: district!.name,
    timeZone: district!.time_zone,
    schools,
    admin: admin!,
    principal: principal!,
    viewer: viewer!,
  };
}

export function signedInUserOf(district: TestDistrict, user: TestUser = district.admin): SignedInUser {
  return { ...user, districtId: district.id, districtName: district.name, districtTimeZone: district.timeZone };
}

export interface TestPlan {
  plan: Plan;
  /** A question and an action of the district's own, added to stage 2. */
  customQuestionKey: string;
  customActionId: string;
}

/** A plan from the template, through the real services, with one custom question and action. */
export async function buildPlan(
  db: Db,
  district: TestDistrict,
  overrides: Partial<CreatePlan> = {},
): Promise<TestPlan> {
  const admin = signedInUserOf(district);
  const created = await createPlan(db, admin, { title: `Plan ${unique()}`, schoolYear: '2026-27', ...overrides });
  const question = await plans.addQuestion(db, admin, created.id, {
    stageKey: 'context',
    text: `Own question ${unique()}`,
  });
  const action = await plans.addAction(db, admin, created.id, { stageKey: 'context', text: `Own action ${unique()}` });
  return {
    plan: await loadPlan(db, district.id, created.id),
    customQuestionKey: question.key,
    customActionId: action.id,
  };
}

/** A row of a stage table: the table's own example, with `overrides` on top. */
export async function buildRow(
  db: Db,
  district: TestDistrict,
  planId: string,
  name: StageTableName,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, unknown> & { id: string; version: number }> {
  const declaration = declarationOf(name);
  const values = declaration.schema.parse({ ...declaration.example, ...overrides });
  return (await tables.addRow(db, signedInUserOf(district), name, planId, values, tables.plainRows(name))) as Record<
    string,
    unknown
  > & { id: string; version: number };
}

/** What a stakeholder said (a new stakeholder of the plan unless one is given), linked to nothing yet. */
export async function buildStakeholderInput(
  db: Db,
  district: TestDistrict,
  planId: string,
  stakeholderId?: string,
): Promise<StakeholderInput> {
  const stakeholder = stakeholderId ?? (await buildRow(db, district, planId, 'stakeholders')).id;
  return stakeholderInputs.addInput(db, signedInUserOf(district), planId, stakeholder, {
    kind: 'meeting',
    heardOn: '2026-10-02',
    source: 'Joint design committee',
    summary: 'Protect release time from substitute coverage.',
    shaped: [],
  });
}

/** A reading of a measure, dated in the past. */
export function buildReading(
  db: Db,
  district: TestDistrict,
  planId: string,
  measureId: string,
  reading: { date?: string; value?: number; note?: string } = {},
): Promise<MeasureReading> {
  return measures.addReading(db, signedInUserOf(district), planId, measureId, {
    date: reading.date ?? '2025-12-01',
    value: reading.value ?? 50,
    note: reading.note ?? '',
  });
}

/** A role of the plan, from the role library's coach unless told otherwise, for the district's first two schools. */
export function buildRole(db: Db, district: TestDistrict, planId: string, input: CreateRole = {}): Promise<Role> {
  return roles.createRole(db, signedInUserOf(district), planId, {
    archetype: 'coach',
    schoolIds: district.schools.slice(0, 2).map((s) => s.id),
    ...input,
  });
}

/** A role sent to the principals of its schools. */
export async function buildRoleInReview(
  db: Db,
  district: TestDistrict,
  planId: string,
  input: CreateRole = {},
): Promise<Role> {
  const role = await buildRole(db, district, planId, input);
  return roles.submitRole(db, signedInUserOf(district), planId, role.id);
}

/** A school of the district, with a unique name. */
export function buildSchool(db: Db, district: TestDistrict, name = `School ${unique()}`) {
  return schools.createSchool(db, signedInUserOf(district), { name });
}

/** What routes that send mail or make links need, with no mail server: links only. */
export const testDeps = (): ServiceDeps => ({
  config: loadConfig({ NODE_ENV: 'test' }),
  mailer: noMail,
  txtLookup: txtLookupAt(undefined),
});
const quietLog = { error: () => undefined };

/** An open invitation of the district (a viewer unless told otherwise), with its link. */
export function buildInvitation(db: Db, district: TestDistrict, input: Partial<CreateInvitation> = {}) {
  return invitations.createInvitation(
    db,
    testDeps(),
    signedInUserOf(district),
    {
      email: `invited-${unique()}@district.test`,
      name: `Invited ${unique()}`,
      role: 'viewer',
      schoolIds: [],
      ...input,
    },
    quietLog,
  );
}

/** A password reset link an admin made for a person. */
export function buildResetLink(db: Db, district: TestDistrict, person: TestUser) {
  return auth.makeResetLink(db, testDeps(), signedInUserOf(district), person.id);
}

/** A read-only link to a plan, made by the district's admin (every part, no expiry, unless told). */
export function buildShareLink(db: Db, district: TestDistrict, planId: string, input: CreateShareLinkInput = {}) {
  return shareLinks.createShareLink(
    db,
    testDeps(),
    signedInUserOf(district),
    planId,
    createShareLinkSchema.parse({ label: `Board ${unique()}`, ...input }),
  );
}

/** The token at the end of an invitation, reset or share link. */
export const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
