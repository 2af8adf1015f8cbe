import type { School } from '@planner/shared/school';
import type { Executor } from '../../db/knex';
import { notFound } from '../../http/app-error';
import { findSchool, listSchoolPrincipals, listSchools, type SchoolRow } from './repo';

function withPrincipals(schools: SchoolRow[], principals: { school_id: string; id: string; name: string }[]): School[] {
  return schools.map((s) => ({
    id: s.id,
    name: s.name,
    principals: principals.filter((p) => p.school_id === s.id).map((p) => ({ id: p.id, name: p.name })),
  }));
}

/** Every school of the district with its principals (who review what concerns the school). */
export async function schoolsOfDistrict(db: Executor, districtId: string): Promise<School[]> {
  const schools = await listSchools(db, districtId);
  return withPrincipals(schools, await listSchoolPrincipals(db, districtId));
}

export async function schoolOfDistrict(db: Executor, districtId: string, schoolId: string): Promise<School> {
  const school = await findSchool(db, districtId, schoolId);
  if (!school) throw notFound('The school');
  return withPrincipals([school], await listSchoolPrincipals(db, districtId))[0]!;
}
