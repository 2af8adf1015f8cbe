import { usTimeZones } from '@planner/shared/district';

export interface TimeZoneGroup {
  label: string;
  options: { value: string; label: string }[];
}

/** "America/Argentina/Buenos Aires": the IANA name, read with spaces. */
const readable = (zone: string) => zone.replaceAll('_', ' ');

/**
 * The zones to choose from: the United States' first, by the names people there use, then every other
 * zone the browser knows (Intl), alphabetically. The district's own zone is offered even when this browser
 * does not list it (a name older or newer than its time zone data).
 */
export function timeZoneGroups(current: string): TimeZoneGroup[] {
  const us = new Set(usTimeZones.map((z) => z.zone));
  const others = [...new Set([...Intl.supportedValuesOf('timeZone'), current])].filter((zone) => !us.has(zone)).sort();
  return [
    {
      label: 'United States',
      options: usTimeZones.map((z) => ({ value: z.zone, label: `${z.label} (${readable(z.zone)})` })),
    },
    { label: 'Other time zones', options: others.map((zone) => ({ value: zone, label: readable(zone) })) },
  ];
}

/** The zone as the select shows it: "Central (America/Chicago)", or its name. */
export function timeZoneLabel(zone: string): string {
  const named = usTimeZones.find((z) => z.zone === zone);
  return named ? `${named.label} (${readable(zone)})` : readable(zone);
}
