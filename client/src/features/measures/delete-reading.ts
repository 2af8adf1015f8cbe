import { useMutation, useQueryClient } from '@tanstack/react-query';
import { measureReadingSchema, type MeasureReading } from '@planner/shared/measure';
import { api, type ApiError } from '../../lib/api';
import { refreshPlan, updateCachedReadings } from '../../lib/plan-cache';
import { atSeenVersion, changedSince } from '../../lib/row-delete';
import { readingApiPath } from './measures-cache';

export function deleteReading(planId: string, measureId: string, reading: MeasureReading): Promise<undefined> {
  return api.delete<undefined>(atSeenVersion(readingApiPath(planId, measureId, reading.id), reading.version));
}

/** Removes a reading at the version shown; one changed since is shown as it is now. */
export function useDeleteReading(planId: string, measureId: string) {
  const queryClient = useQueryClient();
  return useMutation<undefined, ApiError, MeasureReading>({
    mutationFn: (reading) => deleteReading(planId, measureId, reading),
    onSuccess: (_nothing, reading) => {
      updateCachedReadings(queryClient, planId, measureId, (readings) => readings.filter((r) => r.id !== reading.id));
      refreshPlan(queryClient, planId);
    },
    onError: (error) => {
      const now = changedSince(error, measureReadingSchema);
      if (now) updateCachedReadings(queryClient, planId, measureId, (rs) => rs.map((r) => (r.id === now.id ? now : r)));
    },
  });
}
