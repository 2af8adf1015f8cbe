import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { HighImpactAction, KeyQuestion, Plan, PlanStage } from '@planner/shared/plan';
import { api } from '../../lib/api';
import { plansQueryKey } from './plans';

export const planQueryKey = (planId: string) => [...plansQueryKey, 'detail', planId] as const;

export const planApiPath = (planId: string) => `/api/plans/${encodeURIComponent(planId)}`;

export function fetchPlan(planId: string, signal?: AbortSignal): Promise<Plan> {
  return api.get<Plan>(planApiPath(planId), { signal });
}

export function usePlan(planId: string) {
  return useQuery({ queryKey: planQueryKey(planId), queryFn: ({ signal }) => fetchPlan(planId, signal) });
}

/** Changes one stage of the cached plan, so the stepper and progress follow every edit. */
export function updateCachedStage(
  queryClient: QueryClient,
  planId: string,
  stageKey: string,
  update: (stage: PlanStage) => PlanStage,
): void {
  queryClient.setQueryData<Plan>(planQueryKey(planId), (plan) =>
    plan ? { ...plan, stages: plan.stages.map((stage) => (stage.key === stageKey ? update(stage) : stage)) } : plan,
  );
}

export function updateCachedQuestion(
  queryClient: QueryClient,
  planId: string,
  question: Pick<KeyQuestion, 'key' | 'stageKey'>,
  update: (question: KeyQuestion) => KeyQuestion,
): void {
  updateCachedStage(queryClient, planId, question.stageKey, (stage) => ({
    ...stage,
    questions: stage.questions.map((q) => (q.key === question.key ? update(q) : q)),
  }));
}

export function updateCachedAction(
  queryClient: QueryClient,
  planId: string,
  action: Pick<HighImpactAction, 'id' | 'stageKey'>,
  update: (action: HighImpactAction) => HighImpactAction,
): void {
  updateCachedStage(queryClient, planId, action.stageKey, (stage) => ({
    ...stage,
    actions: stage.actions.map((a) => (a.id === action.id ? update(a) : a)),
  }));
}
