import { useOutletContext } from 'react-router';
import type { Plan } from '@planner/shared/plan';

/** What the plan layout gives the pages under it: the plan, loaded once and kept current by the cache. */
export interface PlanOutlet {
  plan: Plan;
}

export const usePlanOutlet = (): PlanOutlet => useOutletContext<PlanOutlet>();
