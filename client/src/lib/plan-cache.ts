import type { QueryClient } from '@tanstack/react-query';
import type { MeasureReading } from '@planner/shared/measure';
import type { HighImpactAction, KeyQuestion, Plan, PlanStage, PlanTables } from '@planner/shared/plan';
import type { StageTableName } from '@planner/shared/stage-tables';

/**
 * The plan document in React Query's cache: loaded once by the plan layout, then changed in place by
 * every feature that edits a part of it (answers, actions, table rows, readings), so the stepper,
 * progress and every page showing the plan follow each edit. See docs/decisions/008.
 */

/** Every plan query starts with this, so one invalidation reaches them all (list, document, dashboard). */
export const plansQueryKey = ['plans'] as const;
export const planListQueryKey = [...plansQueryKey, 'list'] as const;
export const planQueryKey = (planId: string) => [...plansQueryKey, 'detail', planId] as const;

export const planApiPath = (planId: string) => `/api/plans/${encodeURIComponent(planId)}`;

type Row = Plan['tables'][StageTableName][number];

export function updateCachedPlan(queryClient: QueryClient, planId: string, update: (plan: Plan) => Plan): void {
  queryClient.setQueryData<Plan>(planQueryKey(planId), (plan) => (plan ? update(plan) : plan));
}

export function updateCachedStage(
  queryClient: QueryClient,
  planId: string,
  stageKey: string,
  update: (stage: PlanStage) => PlanStage,
): void {
  updateCachedPlan(queryClient, planId, (plan) => ({
    ...plan,
    stages: plan.stages.map((stage) => (stage.key === stageKey ? update(stage) : stage)),
  }));
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

/** Changes one stage table of the cached plan. */
export function updateCachedTable<R extends Record<string, unknown>>(
  queryClient: QueryClient,
  planId: string,
  name: StageTableName,
  update: (rows: R[]) => R[],
): void {
  updateCachedPlan(queryClient, planId, (plan) => {
    // The rows keep their table's shape: every update spreads a row of the same table.
    const tables = { ...plan.tables, [name]: update(plan.tables[name] as unknown as R[]) } as PlanTables;
    return { ...plan, tables };
  });
}

export function updateCachedRow(
  queryClient: QueryClient,
  planId: string,
  name: StageTableName,
  rowId: string,
  update: (row: Row & Record<string, unknown>) => Record<string, unknown>,
): void {
  updateCachedTable<Row & Record<string, unknown>>(queryClient, planId, name, (rows) =>
    rows.map((row) => (row.id === rowId ? (update(row) as Row & Record<string, unknown>) : row)),
  );
}

/** Changes one measure's readings in the cached plan; its status follows from them on screen. */
export function updateCachedReadings(
  queryClient: QueryClient,
  planId: string,
  measureId: string,
  update: (readings: MeasureReading[]) => MeasureReading[],
): void {
  updateCachedPlan(queryClient, planId, (plan) => ({
    ...plan,
    tables: {
      ...plan.tables,
      measures: plan.tables.measures.map((m) => (m.id === measureId ? { ...m, readings: update(m.readings) } : m)),
    },
  }));
}

/** Asks the server again for the plan (and its list and dashboard), once it has a change the cache cannot compute. */
export function refreshPlan(queryClient: QueryClient, planId: string): void {
  void queryClient.invalidateQueries({ queryKey: planQueryKey(planId) });
  void queryClient.invalidateQueries({ queryKey: planListQueryKey });
}
