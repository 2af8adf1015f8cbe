import type { DistrictUser } from '@planner/shared/user';
import type { Executor } from '../../db/knex';
import * as repo from './repo';

export type { AccountRow } from './repo';

export function usersOfDistrict(db: Executor, districtId: string): Promise<DistrictUser[]> {
  return repo.listDistrictUsers(db, districtId);
}

export async function isUserOfDistrict(db: Executor, districtId: string, userId: string): Promise<boolean> {
  return (await repo.findDistrictUser(db, districtId, userId)) !== undefined;
}

/**
 * The names of people of the district, by id, in one query: what other features show for who answered,
 * reviewed or owns something. An id not found (a person since removed) is simply absent.
 */
export async function namesOf(db: Executor, districtId: string, ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  return new Map((await repo.listNames(db, districtId, unique)).map((row) => [row.id, row.name]));
}

export const findAccountByEmail = repo.findAccountByEmail;
export const findAccountById = repo.findAccountById;
