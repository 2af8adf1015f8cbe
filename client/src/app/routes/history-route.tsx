import type { HistoryEntry } from '@planner/shared/history';
import { HistoryPage } from '../../features/history/HistoryPage';
import { useDistrictUsers } from '../../features/users/district-users';
import { useCanEditPlan } from '../../lib/plan-editing';
import { usePlanOutlet } from '../layouts/plan-outlet';
import { planMeasurePath, planPath, planRolePath, planStagePath } from '../paths';
import { useRefreshAfterRestore } from '../layouts/item-history';

/** The page an item of the history is on: its stage, its measure's page, its role's page. */
export const itemPath = (
  planId: string,
  entry: Pick<HistoryEntry, 'kind' | 'itemId' | 'stageKey' | 'table'>,
): string | null => {
  switch (entry.kind) {
    case 'plan':
      return planPath(planId);
    case 'measure':
      return planMeasurePath(planId, entry.itemId);
    case 'role':
      return planRolePath(planId, entry.itemId);
    case 'reading':
      return planStagePath(planId, 'measures');
    default:
      return entry.stageKey ? planStagePath(planId, entry.stageKey) : null;
  }
};

/** /plans/:planId/history: every change to the plan, filtered and paged; removed items brought back. */
export function HistoryRoute() {
  const { plan } = usePlanOutlet();
  const users = useDistrictUsers();
  const canEdit = useCanEditPlan();
  const onRestored = useRefreshAfterRestore();
  return (
    <HistoryPage
      planTitle={plan.title}
      planId={plan.id}
      stages={plan.stages.map(({ key, order, title }) => ({ key, order, title }))}
      people={users.data?.users ?? []}
      canRestore={canEdit}
      links={{ item: (entry) => itemPath(plan.id, entry) }}
      onRestored={onRestored}
    />
  );
}
