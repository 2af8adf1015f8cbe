import { ActionsPage } from '../../features/plans/ActionsPage';
import { useDistrictUsers } from '../../features/users/district-users';
import { usePlanOutlet } from '../layouts/plan-outlet';
import { planStagePath } from '../paths';

/** /plans/:planId/actions: every high-impact action of the plan in one table, several changed at once. */
export function ActionsRoute() {
  const { plan } = usePlanOutlet();
  const users = useDistrictUsers();
  return (
    <ActionsPage
      plan={plan}
      users={users.data?.users ?? []}
      links={{ stage: (stageKey) => planStagePath(plan.id, stageKey) }}
    />
  );
}
