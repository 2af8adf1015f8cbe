import { computeBudget, type Budget } from '@planner/shared/budget';
import type { Plan } from '@planner/shared/plan';
import type { Role } from '@planner/shared/role';

/** The budget of the plan as the page shows it now, from the roles and funding already loaded. */
export function planBudget(plan: Plan, roles: readonly Role[]): Budget {
  return computeBudget(roles, plan.tables.fundingSources, plan, plan.schoolYear);
}
