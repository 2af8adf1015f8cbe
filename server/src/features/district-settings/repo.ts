import type { Executor } from '../../db/knex';

/** The district-settings feature owns the settings columns of `districts` (the users feature, its name). */

export interface DistrictSettingsRow {
  time_zone: string;
  version: number;
}

const columns = ['time_zone', 'version'];

export function findSettings(db: Executor, districtId: string): Promise<DistrictSettingsRow | undefined> {
  return db('districts').select(columns).where({ id: districtId }).first();
}

/** The time zone of each district named, by id. */
export async function timeZonesOf(db: Executor, districtIds: readonly string[]): Promise<Map<string, string>> {
  const rows = (await db('districts')
    .select('id', 'time_zone')
    .whereIn('id', districtIds as string[])) as { id: string; time_zone: string }[];
  return new Map(rows.map((r) => [r.id, r.time_zone]));
}

/** Writes the settings if `version` is still theirs; undefined when it is not (someone saved first). */
export async function updateSettings(
  db: Executor,
  districtId: string,
  version: number,
  changes: { time_zone: string },
): Promise<DistrictSettingsRow | undefined> {
  const [row] = (await db('districts')
    .where({ id: districtId, version })
    .update({ ...changes, version: db.raw('version + 1'), updated_at: db.fn.now() })
    .returning(columns)) as DistrictSettingsRow[];
  return row;
}
