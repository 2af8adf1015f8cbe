import { useLocation, useNavigate } from 'react-router';
import { NeedsAttentionPanel } from '../../features/attention/NeedsAttentionPanel';
import { deletedPlanTitle } from '../../features/plans/deleted-plan';
import { PlansPage } from '../../features/plans/PlansPage';
import { planPath } from '../paths';

/** /plans: the district's plans, a new one, and a copy of one for another year. */
export function PlansRoute() {
  const navigate = useNavigate();
  const deletedTitle = deletedPlanTitle(useLocation().state);
  return (
    <PlansPage
      planHref={planPath}
      onOpenPlan={(plan) => void navigate(planPath(plan.id))}
      before={<NeedsAttentionPanel />}
      deletedTitle={deletedTitle}
    />
  );
}
