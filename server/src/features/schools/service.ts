import { quotedAtSentenceEnd } from '@planner/shared/format';
import type { FieldError } from '@planner/shared/problem';
import type { CreateSchool, School, UpdateSchool } from '@planner/shared/school';
import { isUniqueViolation } from '../../db/errors';
import type { Executor } from '../../db/knex';
import { AppError, invalidInput, notFound, versionConflict } from '../../http/app-error';
import type { SignedInUser } from '../../http/auth';
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
    { activeOnly: true },
  );
  return schools.map((s) => ({
    id: s.id,
    name: s.name,
    archived: s.archived_at !== null,
    version: s.version,
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

/** The schools each person leads, by person. */
export async function schoolIdsByPrincipal(db: Executor, districtId: string): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>();
  for (const link of await repo.listPrincipalLinks(db, districtId)) {
    byUser.set(link.user_id, [...(byUser.get(link.user_id) ?? []), link.school_id]);
  }
  return byUser;
}

const nameTaken = (name: string) =>
  new AppError('conflict', `The district already has a school named ${quotedAtSentenceEnd(name)} Choose another name.`);

async function unlessNameTaken<T>(write: Promise<T>, name: string): Promise<T> {
  try {
    return await write;
  } catch (err) {
    if (isUniqueViolation(err, repo.uniqueNameConstraint)) throw nameTaken(name);
    throw err;
  }
}

export async function createSchool(db: Executor, user: SignedInUser, input: CreateSchool): Promise<School> {
  const row = await unlessNameTaken(
    repo.insertSchool(db, { district_id: user.districtId, name: input.name }),
    input.name,
  );
  return schoolOfDistrict(db, user.districtId, row.id);
}

/** Renames, archives or brings back a school; archived schools stay on what already names them. */
export async function updateSchool(
  db: Executor,
  user: SignedInUser,
  schoolId: string,
  input: UpdateSchool,
): Promise<School> {
  const saved = await unlessNameTaken(
    repo.updateSchool(
      db,
      { districtId: user.districtId, schoolId, version: input.version },
      {
        name: input.name,
        archived_at: input.archived === undefined ? undefined : input.archived ? new Date() : null,
      },
    ),
    input.name ?? '',
  );
  const now = await schoolOfDistrict(db, user.districtId, schoolId);
  if (!saved) throw versionConflict('school', now);
  return now;
}

/**
 * Checks that every school is the district's and, for a new assignment, not archived; names each
 * problem under `field`.
 */
export async function checkSchools(
  db: Executor,
  districtId: string,
  schoolIds: readonly string[],
  options: { field: string; keep?: readonly string[] },
): Promise<void> {
  if (schoolIds.length === 0) return;
  const schools = await repo.listSchools(db, districtId);
  const errors: FieldError[] = [];
  const unknown = schoolIds.filter((id) => !schools.some((s) => s.id === id));
  if (unknown.length > 0) {
    errors.push({
      in: 'body',
      field: options.field,
      message: `${unknown.length === 1 ? 'one is not' : `${unknown.length} are not`} a school of your district`,
    });
  }
  const archived = schools.filter(
    (s) => s.archived_at !== null && schoolIds.includes(s.id) && !(options.keep ?? []).includes(s.id),
  );
  if (archived.length > 0) {
    errors.push({
      in: 'body',
      field: options.field,
      message: `${archived.map((s) => s.name).join(', ')} ${archived.length === 1 ? 'is' : 'are'} archived`,
    });
  }
  if (errors.length > 0) throw invalidInput(errors);
}

/** The schools a principal leads, replaced; the caller has checked them. */
export function setPrincipalSchools(
  db: Executor,
  districtId: string,
  userId: string,
  schoolIds: readonly string[],
): Promise<void> {
  return repo.replacePrincipalLinks(db, districtId, userId, schoolIds);
}
