import type { DistrictUser } from '@planner/shared/user';
import type { Executor } from '../../db/knex';
import type { SignedInUser } from '../../http/auth';
import { findDistrictUser, listDistrictUsers } from './repo';

export function usersOfDistrict(db: Executor, user: SignedInUser): Promise<DistrictUser[]> {
  return listDistrictUsers(db, user.districtId);
}

export async function isUserOfDistrict(db: Executor, districtId: string, userId: string): Promise<boolean> {
  return (await findDistrictUser(db, districtId, userId)) !== undefined;
}
