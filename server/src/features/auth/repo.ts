import type { Executor } from '../../db/knex';
import type { UserRole } from '@planner/shared/user-role';

export interface UserRow {
  id: string;
  district_id: string;
  email: string;
  name: string;
  role: UserRole;
  password_hash: string;
  district_name: string;
}

const userColumns = [
  'users.id',
  'users.district_id',
  'users.email',
  'users.name',
  'users.role',
  'users.password_hash',
  'districts.name as district_name',
];

export function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return db('users')
    .join('districts', 'districts.id', 'users.district_id')
    .select(userColumns)
    .whereRaw('lower(users.email) = lower(?)', [email])
    .first();
}

export function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  return db('users')
    .join('districts', 'districts.id', 'users.district_id')
    .select(userColumns)
    .where('users.id', id)
    .first();
}

export function listPrincipalSchools(
  db: Executor,
  districtId: string,
  userId: string,
): Promise<{ id: string; name: string }[]> {
  return db('principal_schools')
    .join('schools', 'schools.id', 'principal_schools.school_id')
    .select('schools.id', 'schools.name')
    .where({ 'principal_schools.district_id': districtId, 'principal_schools.user_id': userId })
    .orderBy('schools.name');
}
