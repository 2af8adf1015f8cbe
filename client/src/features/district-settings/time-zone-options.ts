import { timeZoneLabel, usTimeZones } from '@planner/shared/district';

export interface TimeZoneGroup {
  label: string;
  options: { value: string; label: string }[];
}

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
      options: usTimeZones.map((z) => ({ value: z.zone, label: timeZoneLabel(z.zone) })),
    },
    { label: 'Other time zones', options: others.map((zone) => ({ value: zone, label: timeZoneLabel(zone) })) },
  ];
}
