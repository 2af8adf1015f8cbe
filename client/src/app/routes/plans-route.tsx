import { useNavigate } from 'react-router';
import { NeedsAttentionPanel } from '../../features/attention/NeedsAttentionPanel';
import { PlansPage } from '../../features/plans/PlansPage';
import { planPath } from '../paths';

/** /plans: the district's plans, a new one, and a copy of one for another year. */
export function PlansRoute() {
  const navigate = useNavigate();
  return (
    <PlansPage
      planHref={planPath}
      onOpenPlan={(plan) => void navigate(planPath(plan.id))}
      before={<NeedsAttentionPanel />}
    />
  );
}
