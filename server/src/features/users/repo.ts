import type { Executor } from '../../db/knex';
import type { UserRole } from '@planner/shared/user-role';

export interface DistrictUserRow {
  id: string;
  name: string;
  role: UserRole;
}

export function listDistrictUsers(db: Executor, districtId: string): Promise<DistrictUserRow[]> {
  return db('users').select('id', 'name', 'role').where({ district_id: districtId }).orderBy('name');
}

export function findDistrictUser(
  db: Executor,
  districtId: string,
  userId: string,
): Promise<DistrictUserRow | undefined> {
  return db('users').select('id', 'name', 'role').where({ district_id: districtId, id: userId }).first();
}
