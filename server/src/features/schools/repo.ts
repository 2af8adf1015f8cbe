import type { Executor } from '../../db/knex';

/** The schools feature owns the `schools` and `principal_schools` tables. */

export interface SchoolRow {
  id: string;
  name: string;
}

export function listSchools(db: Executor, districtId: string): Promise<SchoolRow[]> {
  return db('schools').select('id', 'name').where({ district_id: districtId }).orderBy(['name', 'id']);
}

export function findSchool(db: Executor, districtId: string, schoolId: string): Promise<SchoolRow | undefined> {
  return db('schools').select('id', 'name').where({ district_id: districtId, id: schoolId }).first();
}

/** Which principal leads which school, for the whole district. */
export function listPrincipalLinks(
  db: Executor,
  districtId: string,
): Promise<{ school_id: string; user_id: string }[]> {
  return db('principal_schools').select('school_id', 'user_id').where({ district_id: districtId });
}
