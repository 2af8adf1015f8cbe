import type { QueryClient } from '@tanstack/react-query';
import type { Plan } from '@planner/shared/plan';
import { type Measure, type MeasureReading } from '@planner/shared/measure';
import { stageTables } from '@planner/shared/stage-tables';
import { planApiPath, planQueryKey } from '../plans/plan';

export const readingsApiPath = (planId: string, measureId: string) =>
  `${planApiPath(planId)}/${stageTables.measures.key}/${encodeURIComponent(measureId)}/readings`;

export const readingApiPath = (planId: string, measureId: string, readingId: string) =>
  `${readingsApiPath(planId, measureId)}/${encodeURIComponent(readingId)}`;

/** Changes one measure's readings in the cached plan; its status follows from them on screen. */
export function updateCachedReadings(
  queryClient: QueryClient,
  planId: string,
  measureId: string,
  update: (readings: MeasureReading[]) => MeasureReading[],
): void {
  queryClient.setQueryData<Plan>(planQueryKey(planId), (plan) => {
    if (!plan) return plan;
    const measures = plan.tables.measures.map((m): Measure =>
      m.id === measureId ? { ...m, readings: update(m.readings) } : m,
    );
    return { ...plan, tables: { ...plan.tables, measures } };
  });
}

/** The server's status and latest reading, once it has the change. */
export function refreshPlan(queryClient: QueryClient, planId: string): void {
  void queryClient.invalidateQueries({ queryKey: planQueryKey(planId) });
}
