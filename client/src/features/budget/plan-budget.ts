import { computeBudget, yearCoverage, type Budget, type YearBudget } from '@planner/shared/budget';
import { formatCents } from '@planner/shared/format';
import type { Plan } from '@planner/shared/plan';
import type { Role } from '@planner/shared/role';

/** "2026-27: $20,000.00 short; 75% of secured money is recurring". */
export function describeYear(year: YearBudget): string {
  const cover = yearCoverage(year);
  const pending = year.pendingCents > 0 ? ` (${formatCents(year.pendingCents)} more is pending)` : '';
  const share =
    year.recurringSharePercent === null
      ? 'no money secured yet'
      : `${String(year.recurringSharePercent)}% of secured money is recurring`;
  return `${year.schoolYear}: ${cover}${pending}; ${share}`;
}

/** The budget of the plan as the page shows it now, from the roles and funding already loaded. */
export function planBudget(plan: Plan, roles: readonly Role[]): Budget {
  return computeBudget(roles, plan.tables.fundingSources, plan, plan.schoolYear);
}
