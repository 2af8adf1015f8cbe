import { useCallback } from 'react';
import { formatDateTime, formatDateTimeIn, formatTime } from '@planner/shared/format';
import { useCurrentUser } from './current-user';

/** The time zone of the reader's device. */
const readerTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * When someone did something, as the planner writes it everywhere: in the district's time zone, the zone of
 * its days (due dates, a share link's last day, History's From and To) and of its mail. Named ("… 9:09 PM
 * HST") when the reader's device is in another zone, so that it is not read as their own time.
 */
export function districtDateTime(moment: Date | string, timeZone: string, toSecond = false): string {
  return readerTimeZone() === timeZone
    ? formatDateTime(moment, timeZone, toSecond)
    : formatDateTimeIn(moment, timeZone, toSecond);
}

/** `districtDateTime` in the signed-in person's district. */
export function useDistrictDateTime(): (moment: Date | string, toSecond?: boolean) => string {
  const { timeZone } = useCurrentUser().district;
  return useCallback(
    (moment: Date | string, toSecond?: boolean) => districtDateTime(moment, timeZone, toSecond),
    [timeZone],
  );
}

/** The time of day alone, as `districtDateTime` writes it ("4:51 AM", or "4:51 AM CST" from another zone). */
export function useDistrictTime(): (moment: Date | string) => string {
  const { timeZone } = useCurrentUser().district;
  return useCallback(
    (moment: Date | string) =>
      readerTimeZone() === timeZone
        ? formatTime(moment, timeZone)
        : new Date(moment).toLocaleTimeString('en-US', {
            hour: 'numeric',
            minute: '2-digit',
            timeZone,
            timeZoneName: 'short',
          }),
    [timeZone],
  );
}
