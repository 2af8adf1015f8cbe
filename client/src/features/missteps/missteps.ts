import { useQuery } from '@tanstack/react-query';
import { misstepListSchema, type MisstepList } from '@planner/shared/misstep';
import { api } from '../../lib/api';
import { planApiPath, plansQueryKey } from '../../lib/plan-cache';

/** Under the plans' key, so what refreshes a plan (a restore from its history) refreshes its missteps too. */
export const misstepsQueryKey = (planId: string) => [...plansQueryKey, 'missteps', planId] as const;
export const misstepsApiPath = (planId: string) => `${planApiPath(planId)}/missteps`;

export async function fetchMissteps(planId: string, signal?: AbortSignal): Promise<MisstepList> {
  return misstepListSchema.parse(await api.get<unknown>(misstepsApiPath(planId), { signal }));
}

/** GET /api/plans/:planId/missteps: every stage's missteps to avoid. */
export function useMissteps(planId: string) {
  return useQuery({ queryKey: misstepsQueryKey(planId), queryFn: ({ signal }) => fetchMissteps(planId, signal) });
}
