import type { School } from '@planner/shared/school';
import type { Executor } from '../../db/knex';
import { notFound } from '../../http/app-error';
import { namesOf } from '../users/service';
import * as repo from './repo';

/** Every school of the district with its principals (who review what concerns the school), by name. */
export async function schoolsOfDistrict(db: Executor, districtId: string): Promise<School[]> {
  const schools = await repo.listSchools(db, districtId);
  const links = await repo.listPrincipalLinks(db, districtId);
  const names = await namesOf(
    db,
    districtId,
    links.map((l) => l.user_id),
  );
  return schools.map((s) => ({
    id: s.id,
    name: s.name,
    principals: links
      .filter((l) => l.school_id === s.id && names.has(l.user_id))
      .map((l) => ({ id: l.user_id, name: names.get(l.user_id)! }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  }));
}

export async function schoolOfDistrict(db: Executor, districtId: string, schoolId: string): Promise<School> {
  const school = (await schoolsOfDistrict(db, districtId)).find((s) => s.id === schoolId);
  if (!school) throw notFound('The school');
  return school;
}

/** The schools a principal leads, by name. */
export async function schoolsOfPrincipal(
  db: Executor,
  districtId: string,
  userId: string,
): Promise<{ id: string; name: string }[]> {
  return (await schoolsOfDistrict(db, districtId))
    .filter((s) => s.principals.some((p) => p.id === userId))
    .map((s) => ({ id: s.id, name: s.name }));
}
