import { QueryFallback } from '../../components/QueryFallback';
import { BudgetPage } from '../../features/budget/BudgetPage';
import { useUpdatePlan } from '../../features/plans/update-plan';
import { useRoles } from '../../features/roles/roles';
import { usePlanOutlet } from '../layouts/plan-outlet';
import { planRolePath, planStagePath } from '../paths';

/** /plans/:planId/budget: what the roles cost, and how the plan's funding covers it. */
export function BudgetRoute() {
  const { plan } = usePlanOutlet();
  const roles = useRoles(plan.id);
  const updatePlan = useUpdatePlan(plan.id);
  if (!roles.isSuccess) {
    return <QueryFallback query={roles} loadingLabel="Loading the roles…" errorTitle="The roles could not be loaded" />;
  }
  return (
    <BudgetPage
      plan={plan}
      roles={roles.data.roles}
      links={{ role: (roleId) => planRolePath(plan.id, roleId), fundingStage: planStagePath(plan.id, 'context') }}
      costSaver={{ save: updatePlan.mutateAsync, error: updatePlan.error }}
    />
  );
}
