import type { DistrictSettings, UpdateDistrictSettings } from '@planner/shared/district';
import { defaultTimeZone, timeZoneLabel } from '@planner/shared/district';
import type { Db, Executor } from '../../db/knex';
import type { SignedInUser } from '../../http/auth';
import { notFound, versionConflict } from '../../http/app-error';
import { logPeopleEvent } from '../people/service';
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

/**
 * Changes the district's time zone; a stale version gets 409 with the settings as they are now. A change
 * goes in the People page's log beside the sign-in settings, from what to what.
 */
export async function saveSettings(
  db: Db,
  user: SignedInUser,
  input: UpdateDistrictSettings,
): Promise<DistrictSettings> {
  const saved = await db.transaction(async (trx) => {
    // Read before the write: if the write then takes this version, nobody changed the zone in between.
    const before = await repo.findSettings(trx, user.districtId);
    const row = await repo.updateSettings(trx, user.districtId, input.version, { time_zone: input.timeZone });
    if (row && before && before.time_zone !== row.time_zone) {
      await logPeopleEvent(trx, {
        districtId: user.districtId,
        kind: 'time_zone_changed',
        actorId: user.id,
        subject: { id: null, name: user.districtName, email: '' },
        note: `From ${timeZoneLabel(before.time_zone)} to ${timeZoneLabel(row.time_zone)}.`,
      });
    }
    return row;
  });
  if (!saved) {
    throw versionConflict(
      'district settings',
      await settingsOf(db, user.districtId),
      'Someone else changed the district settings after you loaded them. Compare the two versions and choose what to keep.',
    );
  }
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
