import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MeasureReading, MeasureReadingInput } from '@planner/shared/measure';
import { api, type ApiError } from '../../lib/api';
import { refreshPlan, updateCachedReadings } from '../../lib/plan-cache';
import { readingApiPath } from './measures-cache';

export type ReadingChanges = Partial<MeasureReadingInput> & { version: number };

export function updateReading(planId: string, measureId: string, readingId: string, changes: ReadingChanges) {
  return api.patch<MeasureReading>(readingApiPath(planId, measureId, readingId), changes);
}

/** PATCH a reading with the version it was loaded at; a 409 carries the reading as it is now. */
export function useUpdateReading(planId: string, measureId: string, readingId: string) {
  const queryClient = useQueryClient();
  return useMutation<MeasureReading, ApiError, ReadingChanges>({
    mutationFn: (changes) => updateReading(planId, measureId, readingId, changes),
    onSuccess: (saved) => {
      updateCachedReadings(queryClient, planId, measureId, (readings) =>
        readings.map((r) => (r.id === saved.id ? saved : r)),
      );
      refreshPlan(queryClient, planId);
    },
  });
}
