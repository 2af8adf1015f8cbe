import type { Executor } from '../../db/knex';

export interface SchoolRow {
  id: string;
  name: string;
}

export function listSchools(db: Executor, districtId: string): Promise<SchoolRow[]> {
  return db('schools').select('id', 'name').where({ district_id: districtId }).orderBy('name');
}

export function findSchool(db: Executor, districtId: string, schoolId: string): Promise<SchoolRow | undefined> {
  return db('schools').select('id', 'name').where({ district_id: districtId, id: schoolId }).first();
}

/** Principals of each school, in one query. */
export function listSchoolPrincipals(
  db: Executor,
  districtId: string,
): Promise<{ school_id: string; id: string; name: string }[]> {
  return db('principal_schools')
    .join('users', 'users.id', 'principal_schools.user_id')
    .select('principal_schools.school_id', 'users.id', 'users.name')
    .where({ 'principal_schools.district_id': districtId })
    .orderBy('users.name');
}
