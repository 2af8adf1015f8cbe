import { z } from 'zod';
import { isOverdue } from './action-due';
import { budgetSchema, computeBudget, type FundingForBudget, type RoleForCost } from './budget';
import { isoDateSchema } from './common';
import { measureStatuses, type Measure, type MeasureStatus } from './measure';
import { actionStatuses, planProgressSchema, stageKeySchema, type ActionStatus, type Plan } from './plan';
import { measureDirections, measureTerms } from './stage-tables';
import type { DistrictUser } from './user';

/**
 * The plan's dashboard, for the superintendent: progress, actions by status, what is overdue, how the
 * measures move and what the roles cost. Computed by one pure function from the plan, its roles and the
 * district's people, so the numbers are the same wherever they are shown.
 */

const countsByStatus = z.object(
  Object.fromEntries(actionStatuses.map((s) => [s, z.number().int()])) as Record<ActionStatus, z.ZodNumber>,
);
const actionCountsSchema = z.object({ byStatus: countsByStatus, notApplicable: z.number().int() });

export const dashboardSchema = z
  .object({
    planId: z.uuid(),
    /** The day "overdue" was judged on. */
    today: isoDateSchema,
    progress: planProgressSchema,
    stages: z.array(
      z.object({ key: stageKeySchema, order: z.number().int(), title: z.string(), actions: actionCountsSchema }),
    ),
    actionTotals: actionCountsSchema,
    /** Applicable actions past their due date and not done, the longest overdue first. */
    overdueActions: z.array(
      z.object({
        id: z.uuid(),
        text: z.string(),
        stageKey: stageKeySchema,
        dueDate: isoDateSchema,
        status: z.enum(actionStatuses),
        /** The owner's name as people know it, or null when nobody owns it. */
        owner: z.string().nullable(),
      }),
    ),
    measures: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        term: z.enum(measureTerms),
        unit: z.string(),
        status: z.enum(measureStatuses),
        latestReading: z.object({ date: isoDateSchema, value: z.number() }).nullable(),
        target: z.number().nullable(),
        targetDate: isoDateSchema.nullable(),
        direction: z.enum(measureDirections).nullable(),
      }),
    ),
    measureCounts: z.object(
      Object.fromEntries(measureStatuses.map((s) => [s, z.number().int()])) as Record<MeasureStatus, z.ZodNumber>,
    ),
    roles: z.object({ count: z.number().int(), budget: budgetSchema }),
  })
  .meta({ id: 'Dashboard' });
export type Dashboard = z.infer<typeof dashboardSchema>;

export const dashboardQuerySchema = z.object({
  /** Today (YYYY-MM-DD) as "overdue" counts it; by default the district's, in its time zone (the app sends that). */
  today: isoDateSchema.optional(),
});

const noneByStatus = () => Object.fromEntries(actionStatuses.map((s) => [s, 0])) as Record<ActionStatus, number>;

/** The owner's name as people know it: the chosen person's, or the name typed in. */
export function ownerName(
  action: { ownerUserId: string | null; ownerName: string | null },
  users: readonly Pick<DistrictUser, 'id' | 'name'>[],
): string | null {
  if (action.ownerUserId) return users.find((u) => u.id === action.ownerUserId)?.name ?? 'A former user';
  return action.ownerName?.trim() ? action.ownerName : null;
}

export function buildDashboard(input: {
  plan: Pick<Plan, 'id' | 'progress' | 'stages' | 'schoolYear' | 'averageTeacherCostCents' | 'contractDays'> & {
    tables: { measures: readonly Measure[]; fundingSources: readonly FundingForBudget[] };
  };
  roles: readonly RoleForCost[];
  users: readonly Pick<DistrictUser, 'id' | 'name'>[];
  today: string;
}): Dashboard {
  const { plan, roles, users, today } = input;
  const stages = plan.stages.map((stage) => {
    const byStatus = noneByStatus();
    let notApplicable = 0;
    for (const action of stage.actions) {
      if (action.notApplicable) notApplicable += 1;
      else byStatus[action.status] += 1;
    }
    return { key: stage.key, order: stage.order, title: stage.title, actions: { byStatus, notApplicable } };
  });
  const totals = { byStatus: noneByStatus(), notApplicable: 0 };
  for (const stage of stages) {
    for (const status of actionStatuses) totals.byStatus[status] += stage.actions.byStatus[status];
    totals.notApplicable += stage.actions.notApplicable;
  }
  const overdueActions = plan.stages
    .flatMap((stage) => stage.actions)
    .filter((a) => isOverdue(a, today))
    .sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || a.position - b.position)
    .map((a) => ({
      id: a.id,
      text: a.text,
      stageKey: a.stageKey,
      dueDate: a.dueDate!,
      status: a.status,
      owner: ownerName(a, users),
    }));
  const measures = plan.tables.measures.map((m) => ({
    id: m.id,
    name: m.name,
    term: m.term,
    unit: m.unit,
    status: m.status,
    latestReading: m.latestReading ? { date: m.latestReading.date, value: m.latestReading.value } : null,
    target: m.target,
    targetDate: m.targetDate,
    direction: m.direction,
  }));
  const measureCounts = Object.fromEntries(
    measureStatuses.map((s) => [s, measures.filter((m) => m.status === s).length]),
  ) as Record<MeasureStatus, number>;
  const budget = computeBudget(roles, plan.tables.fundingSources, plan, plan.schoolYear);
  return {
    planId: plan.id,
    today,
    progress: plan.progress,
    stages,
    actionTotals: totals,
    overdueActions,
    measures,
    measureCounts,
    roles: { count: roles.length, budget },
  };
}
