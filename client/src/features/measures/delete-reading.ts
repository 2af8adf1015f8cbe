import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type ApiError } from '../../lib/api';
import { refreshPlan, updateCachedReadings } from '../../lib/plan-cache';
import { readingApiPath } from './measures-cache';

export function deleteReading(planId: string, measureId: string, readingId: string): Promise<undefined> {
  return api.delete<undefined>(readingApiPath(planId, measureId, readingId));
}

export function useDeleteReading(planId: string, measureId: string) {
  const queryClient = useQueryClient();
  return useMutation<undefined, ApiError, string>({
    mutationFn: (readingId) => deleteReading(planId, measureId, readingId),
    onSuccess: (_nothing, readingId) => {
      updateCachedReadings(queryClient, planId, measureId, (readings) => readings.filter((r) => r.id !== readingId));
      refreshPlan(queryClient, planId);
    },
  });
}
