import type { DistrictSettings, UpdateDistrictSettings } from '@planner/shared/district';
import { defaultTimeZone } from '@planner/shared/district';
import type { Executor } from '../../db/knex';
import type { SignedInUser } from '../../http/auth';
import { notFound, versionConflict } from '../../http/app-error';
import * as repo from './repo';

const present = (row: repo.DistrictSettingsRow): DistrictSettings => ({
  timeZone: row.time_zone,
  version: row.version,
});

export async function settingsOf(db: Executor, districtId: string): Promise<DistrictSettings> {
  const row = await repo.findSettings(db, districtId);
  if (!row) throw notFound('The district');
  return present(row);
}

/** Changes the district's time zone; a stale version gets 409 with the settings as they are now. */
export async function saveSettings(
  db: Executor,
  user: SignedInUser,
  input: UpdateDistrictSettings,
): Promise<DistrictSettings> {
  const saved = await repo.updateSettings(db, user.districtId, input.version, { time_zone: input.timeZone });
  if (!saved) throw versionConflict('district settings', await settingsOf(db, user.districtId));
  return present(saved);
}

/** The district's time zone: where its days begin and end. */
export async function timeZoneOf(db: Executor, districtId: string): Promise<string> {
  return (await repo.findSettings(db, districtId))?.time_zone ?? defaultTimeZone;
}

/** The time zone of each district named, by id (for work across districts, such as reminders). */
export function timeZonesOf(db: Executor, districtIds: readonly string[]): Promise<Map<string, string>> {
  return repo.timeZonesOf(db, [...new Set(districtIds)]);
}
