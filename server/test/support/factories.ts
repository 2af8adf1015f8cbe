import { randomUUID } from 'node:crypto';
import type { UserRole } from '@planner/shared/user-role';
import type { Db } from '../../src/db/knex';
import { hashPassword } from '../../src/features/auth/service';

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

export async function buildUser(db: Db, districtId: string, role: UserRole, overrides: Partial<TestUser> = {}): Promise<TestUser> {
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
  const [district] = (await db('districts').insert({ name }).returning(['id', 'name'])) as { id: string; name: string }[];
  const id = district!.id;
  const schools = (await db('schools')
    .insert(['North', 'South', 'East', 'West'].map((s) => ({ district_id: id, name: `${s} School ${unique()}` })))
    .returning(['id', 'name'])) as { id: string; name: string }[];
  const [admin, principal, viewer] = await Promise.all([
    buildUser(db, id, 'district_admin'),
    buildUser(db, id, 'principal'),
    buildUser(db, id, 'viewer'),
  ]);
  await db('principal_schools').insert(schools.slice(0, 2).map((s) => ({ district_id: id, user_id: principal!.id, school_id: s.id })));
  return { id, name: district!.name, schools, admin: admin!, principal: principal!, viewer: viewer! };
}
