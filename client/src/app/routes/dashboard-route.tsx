import { buildDashboard } from '@planner/shared/dashboard';
import { todayIso } from '@planner/shared/format';
import { QueryFallback } from '../../components/QueryFallback';
import { BudgetYears } from '../../features/budget/BudgetYears';
import { PlanDashboardPage } from '../../features/dashboard/PlanDashboardPage';
import { livePlanProgress } from '../../features/plans/plan-progress';
import { useRoles } from '../../features/roles/roles';
import { useDistrictUsers } from '../../features/users/district-users';
import { usePlanOutlet } from '../layouts/plan-outlet';
import { planBudgetPath, planMeasurePath, planStagePath } from '../paths';

/** /plans/:planId/dashboard: where the plan stands, what is late and how the measures move. */
export function DashboardRoute() {
  const { plan } = usePlanOutlet();
  const roles = useRoles(plan.id);
  const users = useDistrictUsers();
  if (!roles.isSuccess) {
    return <QueryFallback query={roles} loadingLabel="Loading the roles…" errorTitle="The roles could not be loaded" />;
  }
  if (!users.isSuccess) {
    return (
      <QueryFallback
        query={users}
        loadingLabel="Loading the dashboard…"
        errorTitle="The dashboard could not be loaded"
      />
    );
  }
  const dashboard = buildDashboard({
    plan: { ...plan, progress: livePlanProgress(plan) },
    roles: roles.data.roles,
    users: users.data.users,
    today: todayIso(),
  });
  return (
    <PlanDashboardPage
      planTitle={plan.title}
      dashboard={dashboard}
      links={{
        stage: (stageKey) => planStagePath(plan.id, stageKey),
        measure: (measureId) => planMeasurePath(plan.id, measureId),
        budget: planBudgetPath(plan.id),
      }}
      budgetYears={<BudgetYears years={dashboard.roles.budget.years} />}
    />
  );
}
