import { useQuery } from '@tanstack/react-query';
import { countOf } from '@planner/shared/format';
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

/**
 * What removing a stakeholder takes with it, as the page shows it: the inputs heard from them, in words and as
 * the removal names them (how many, and when the latest of them last changed). Null while they load, also again
 * after a refused removal, so that a second confirm sends what is there now; `failed` when they could not be loaded.
 */
export function useInputsGoingWith(planId: string) {
  const inputs = useStakeholderInputs(planId);
  const refresh = () => inputs.refetch();
  return (stakeholderId: string) => {
    if (inputs.isFetching) return null;
    if (!inputs.data) return { words: '', seen: {}, refresh, failed: true };
    const theirs = inputs.data.inputs.filter((input) => input.stakeholderId === stakeholderId);
    const latest = theirs.reduce<string | null>(
      (at, input) => (at && at > input.updatedAt ? at : input.updatedAt),
      null,
    );
    return {
      words: theirs.length === 0 ? '' : `its ${countOf(theirs.length, 'input')}`,
      seen: { inputs: theirs.length, ...(latest === null ? {} : { inputsChangedAt: latest }) },
      refresh,
    };
  };
}
