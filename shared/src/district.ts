import { z } from 'zod';
import { versionSchema } from './common';

/** Where a district is when nothing says otherwise: the US zone with the most people (see migration 025). */
export const defaultTimeZone = 'America/New_York';

/**
 * The time zones of the United States, first in the district's choice, named as people there say them.
 * Each is the IANA zone of the region's largest city.
 */
export const usTimeZones: readonly { zone: string; label: string }[] = [
  { zone: 'America/New_York', label: 'Eastern' },
  { zone: 'America/Chicago', label: 'Central' },
  { zone: 'America/Denver', label: 'Mountain' },
  { zone: 'America/Phoenix', label: 'Mountain, without daylight saving (Arizona)' },
  { zone: 'America/Los_Angeles', label: 'Pacific' },
  { zone: 'America/Anchorage', label: 'Alaska' },
  { zone: 'Pacific/Honolulu', label: 'Hawaii' },
  { zone: 'America/Puerto_Rico', label: 'Atlantic (Puerto Rico, US Virgin Islands)' },
  { zone: 'Pacific/Guam', label: 'Chamorro (Guam, Northern Mariana Islands)' },
  { zone: 'Pacific/Pago_Pago', label: 'Samoa (American Samoa)' },
];

/** "America/Argentina/Buenos Aires": the IANA name, read with spaces. */
const readable = (zone: string) => zone.replaceAll('_', ' ');

/** The zone as people read it: "Central (America/Chicago)" for the United States' zones, else its name. */
export function timeZoneLabel(zone: string): string {
  const named = usTimeZones.find((z) => z.zone === zone);
  return named ? `${named.label} (${readable(zone)})` : readable(zone);
}

/**
 * Spelled as the IANA database spells a place's zone: America/Chicago, Etc/GMT+5, or UTC. The runtime
 * also takes abbreviations (CST, PST) and other spellings (america/chicago) that are not names there.
 */
const ianaSpelling = /^(UTC|[A-Z][A-Za-z0-9_+-]*(\/[A-Z][A-Za-z0-9_+-]*)+)$/;

/** Whether this JavaScript runtime knows the zone: the server computes every district day with it. */
function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * A time zone of the IANA database by its name, as written there (the browser offers them from
 * `Intl.supportedValuesOf('timeZone')`); an abbreviation such as "CST" or a UTC offset is not one.
 */
export const timeZoneSchema = z
  .string({ error: 'must be a time zone name such as America/Chicago' })
  .max(64, { error: 'must be a time zone name such as America/Chicago' })
  .refine((v) => ianaSpelling.test(v) && isKnownTimeZone(v), {
    error: 'must be a time zone of the IANA database, such as America/Chicago',
  });

export const districtSettingsSchema = z
  .object({
    /** When the district's days begin and end: reminders, "overdue", the digest's morning, exports' dates. */
    timeZone: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'DistrictSettings' });
export type DistrictSettings = z.infer<typeof districtSettingsSchema>;

export const updateDistrictSettingsSchema = z
  .object({ timeZone: timeZoneSchema, version: versionSchema })
  .meta({ id: 'UpdateDistrictSettings', example: { timeZone: 'America/Chicago', version: 1 } });
export type UpdateDistrictSettings = z.infer<typeof updateDistrictSettingsSchema>;
