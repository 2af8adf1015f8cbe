import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MeasureReading, MeasureReadingInput } from '@planner/shared/measure';
import { api, type ApiError } from '../../lib/api';
import { refreshPlan, updateCachedReadings } from '../../lib/plan-cache';
import { readingsApiPath } from './measures-cache';

export function createReading(planId: string, measureId: string, input: MeasureReadingInput): Promise<MeasureReading> {
  return api.post<MeasureReading>(readingsApiPath(planId, measureId), input);
}

/** POST /api/plans/:planId/measures/:measureId/readings */
export function useCreateReading(planId: string, measureId: string) {
  const queryClient = useQueryClient();
  return useMutation<MeasureReading, ApiError, MeasureReadingInput>({
    mutationFn: (input) => createReading(planId, measureId, input),
    onSuccess: (reading) => {
      updateCachedReadings(queryClient, planId, measureId, (readings) => [...readings, reading]);
      refreshPlan(queryClient, planId);
    },
  });
}
