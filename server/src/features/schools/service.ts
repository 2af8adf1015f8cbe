import type { School } from '@planner/shared/school';
import type { Executor } from '../../db/knex';
import { notFound } from '../../http/app-error';
import type { SignedInUser } from '../../http/auth';
import { findSchool, listSchoolPrincipals, listSchools, type SchoolRow } from './repo';

function withPrincipals(schools: SchoolRow[], principals: { school_id: string; id: string; name: string }[]): School[] {
  return schools.map((s) => ({
    id: s.id,
    name: s.name,
    principals: principals.filter((p) => p.school_id === s.id).map((p) => ({ id: p.id, name: p.name })),
  }));
}

export async function schoolsOfDistrict(db: Executor, user: SignedInUser): Promise<School[]> {
  const [schools, principals] = await Promise.all([listSchools(db, user.districtId), listSchoolPrincipals(db, user.districtId)]);
  return withPrincipals(schools, principals);
}

export async function schoolOfDistrict(db: Executor, user: SignedInUser, schoolId: string): Promise<School> {
  const school = await findSchool(db, user.districtId, schoolId);
  if (!school) throw notFound('The school');
  return withPrincipals([school], await listSchoolPrincipals(db, user.districtId))[0]!;
}
