import type { Executor } from '../../db/knex';

/** The schools feature owns the `schools` and `principal_schools` tables. */

export interface SchoolRow {
  id: string;
  name: string;
  archived_at: Date | null;
  version: number;
}

export const uniqueNameConstraint = 'schools_district_name_unique';
const columns = ['id', 'name', 'archived_at', 'version'];

export function listSchools(db: Executor, districtId: string): Promise<SchoolRow[]> {
  return db('schools').select(columns).where({ district_id: districtId }).orderBy(['name', 'id']);
}

export async function insertSchool(db: Executor, row: { district_id: string; name: string }): Promise<SchoolRow> {
  const [created] = (await db('schools').insert(row).returning(columns)) as SchoolRow[];
  return created!;
}

export async function updateSchool(
  db: Executor,
  where: { districtId: string; schoolId: string; version: number },
  changes: { name?: string; archived_at?: Date | null },
): Promise<SchoolRow | undefined> {
  const [row] = (await db('schools')
    .where({ district_id: where.districtId, id: where.schoolId, version: where.version })
    .update({ ...changes, version: db.raw('version + 1'), updated_at: db.fn.now() })
    .returning(columns)) as SchoolRow[];
  return row;
}

/** Which principal leads which school, for the whole district. */
export function listPrincipalLinks(
  db: Executor,
  districtId: string,
): Promise<{ school_id: string; user_id: string }[]> {
  return db('principal_schools').select('school_id', 'user_id').where({ district_id: districtId });
}

export async function replacePrincipalLinks(
  db: Executor,
  districtId: string,
  userId: string,
  schoolIds: readonly string[],
): Promise<void> {
  await db('principal_schools').where({ district_id: districtId, user_id: userId }).delete();
  if (schoolIds.length === 0) return;
  await db('principal_schools').insert(
    schoolIds.map((schoolId) => ({ district_id: districtId, user_id: userId, school_id: schoolId })),
  );
}
