import { useQuery } from '@tanstack/react-query';
import type { StakeholderInputList } from '@planner/shared/stakeholder-input';
import { api } from '../../lib/api';
import { planQueryKey } from '../../lib/plan-cache';

export const inputsQueryKey = (planId: string) => [...planQueryKey(planId), 'stakeholder-inputs'] as const;
export const inputsApiPath = (planId: string) => `/api/plans/${encodeURIComponent(planId)}/stakeholder-inputs`;

export function fetchInputs(planId: string, signal?: AbortSignal): Promise<StakeholderInputList> {
  return api.get<StakeholderInputList>(inputsApiPath(planId), { signal });
}

/** GET /api/plans/:planId/stakeholder-inputs: what every stakeholder said, and where it landed. */
export function useStakeholderInputs(planId: string) {
  return useQuery({ queryKey: inputsQueryKey(planId), queryFn: ({ signal }) => fetchInputs(planId, signal) });
}
