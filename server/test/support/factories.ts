import { randomUUID } from 'node:crypto';
import type { CreatePlan, Plan } from '@planner/shared/plan';
import type { UserRole } from '@planner/shared/user-role';
import type { Db } from '../../src/db/knex';
import type { SignedInUser } from '../../src/http/auth';
import { hashPassword } from '../../src/features/auth/service';
import * as plans from '../../src/features/plans/service';

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
  schools: { id: string; name: string }[];
  admin: TestUser;
  /** Principal of the first two schools. */
  principal: TestUser;
  viewer: TestUser;
}

const unique = () => randomUUID().slice(0, 8);

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

/** A district of its own with four schools and one user of each role; unique names, so tests never collide. */
export async function buildDistrict(db: Db, name = `District ${unique()}`): Promise<TestDistrict> {
  const [district] = (await db('districts').insert({ name }).returning(['id', 'name'])) as {
    id: string;
    name: string;
  }[];
  const id = district!.id;
  const schools = (await db('schools')
    .insert(['North', 'South', 'East', 'West'].map((s) => ({ district_id: id, name: `${s} School ${unique()}` })))
    .returning(['id', 'name'])) as { id: string; name: string }[];
  const [admin, principal, viewer] = await Promise.all([
    buildUser(db, id, 'district_admin'),
    buildUser(db, id, 'principal'),
    buildUser(db, id, 'viewer'),
  ]);
  await db('principal_schools').insert(
    schools.slice(0, 2).map((s) => ({ district_id: id, user_id: principal!.id, school_id: s.id })),
  );
  return { id, name: district!.name, schools, admin: admin!, principal: principal!, viewer: viewer! };
}

export function signedInUserOf(district: TestDistrict, user: TestUser = district.admin): SignedInUser {
  return { ...user, districtId: district.id, districtName: district.name };
}

export interface TestPlan {
  plan: Plan;
  /** A question and an action of the district's own, added to stage 2. */
  customQuestionKey: string;
  customActionId: string;
}

/** A plan from the template, through the real service, with one custom question and action. */
export async function buildPlan(
  db: Db,
  district: TestDistrict,
  overrides: Partial<CreatePlan> = {},
): Promise<TestPlan> {
  const admin = signedInUserOf(district);
  const created = await plans.createPlan(db, admin, { title: `Plan ${unique()}`, schoolYear: '2026-27', ...overrides });
  const question = await plans.addQuestion(db, admin, created.id, {
    stageKey: 'context',
    text: `Own question ${unique()}`,
  });
  const action = await plans.addAction(db, admin, created.id, { stageKey: 'context', text: `Own action ${unique()}` });
  return {
    plan: await plans.getPlan(db, admin, created.id),
    customQuestionKey: question.key,
    customActionId: action.id,
  };
}
