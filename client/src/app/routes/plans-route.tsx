import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { NeedsAttentionPanel } from '../../features/attention/NeedsAttentionPanel';
import { deletedPlanTitle } from '../../features/plans/deleted-plan';
import { PlansPage } from '../../features/plans/PlansPage';
import { planPath } from '../paths';

/** /plans: the district's plans, a new one, and a copy of one for another year. */
export function PlansRoute() {
  const navigate = useNavigate();
  const location = useLocation();
  // Said once: taken as the page opens, then left out of the history entry, so a reload or Back does not say it again.
  const [deletedTitle] = useState(() => deletedPlanTitle(location.state));
  const hasState = location.state !== null;
  useEffect(() => {
    if (hasState)
      void navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null });
  }, [hasState, navigate, location.pathname, location.search]);
  return (
    <PlansPage
      planHref={planPath}
      onOpenPlan={(plan) => void navigate(planPath(plan.id))}
      before={<NeedsAttentionPanel />}
      deletedTitle={deletedTitle}
    />
  );
}
