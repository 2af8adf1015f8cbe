import type { UserRole } from '@planner/shared/user-role';
import type { Executor } from '../../db/knex';

/** The users feature owns the `users` and `districts` tables. */

export interface DistrictUserRow {
  id: string;
  name: string;
  role: UserRole;
}

/** A person with their district, as sign-in and every request need them. */
export interface AccountRow {
  id: string;
  district_id: string;
  email: string;
  name: string;
  role: UserRole;
  password_hash: string;
  district_name: string;
}

const accountColumns = [
  'users.id',
  'users.district_id',
  'users.email',
  'users.name',
  'users.role',
  'users.password_hash',
  'districts.name as district_name',
];

export function findAccountByEmail(db: Executor, email: string): Promise<AccountRow | undefined> {
  return db('users')
    .join('districts', 'districts.id', 'users.district_id')
    .select(accountColumns)
    .whereRaw('lower(users.email) = lower(?)', [email])
    .first();
}

export function findAccountById(db: Executor, id: string): Promise<AccountRow | undefined> {
  return db('users')
    .join('districts', 'districts.id', 'users.district_id')
    .select(accountColumns)
    .where('users.id', id)
    .first();
}

export function listDistrictUsers(db: Executor, districtId: string): Promise<DistrictUserRow[]> {
  return db('users').select('id', 'name', 'role').where({ district_id: districtId }).orderBy(['name', 'id']);
}

export function findDistrictUser(
  db: Executor,
  districtId: string,
  userId: string,
): Promise<DistrictUserRow | undefined> {
  return db('users').select('id', 'name', 'role').where({ district_id: districtId, id: userId }).first();
}

export function listNames(
  db: Executor,
  districtId: string,
  ids: readonly string[],
): Promise<{ id: string; name: string }[]> {
  return db('users').select('id', 'name').where({ district_id: districtId }).whereIn('id', ids);
}
