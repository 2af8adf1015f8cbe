import { QueryFallback } from '../../components/QueryFallback';
import { BudgetPage } from '../../features/budget/BudgetPage';
import { useUpdatePlan } from '../../features/plans/update-plan';
import { useRoles } from '../../features/roles/roles';
import { usePlanOutlet } from '../layouts/plan-outlet';
import { planRolePath, planStagePath } from '../paths';
import { useFirstDataInBackground } from '../../lib/use-first-data-in-background';

/** /plans/:planId/budget: what the roles cost, and how the plan's funding covers it. */
export function BudgetRoute() {
  const { plan } = usePlanOutlet();
  const roles = useRoles(plan.id);
  const shown = useFirstDataInBackground(roles.data);
  const updatePlan = useUpdatePlan(plan.id);
  if (!shown || !roles.isSuccess) {
    return <QueryFallback query={roles} loadingLabel="Loading the roles…" errorTitle="The roles could not be loaded" />;
  }
  return (
    <BudgetPage
      plan={plan}
      roles={shown.roles}
      links={{ role: (roleId) => planRolePath(plan.id, roleId), fundingStage: planStagePath(plan.id, 'context') }}
      costSaver={{ save: updatePlan.mutateAsync }}
    />
  );
}
