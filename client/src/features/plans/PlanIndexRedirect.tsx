import { Navigate, useParams } from 'react-router';
import { stageKeys } from '@planner/shared/roadmap';
import { planStagePath } from '../../app/paths';
import { NotFoundPage } from '../../components/NotFoundPage';

/** A plan's own address opens its first stage. */
export function PlanIndexRedirect() {
  const { planId } = useParams();
  if (!planId) return <NotFoundPage />;
  return <Navigate to={planStagePath(planId, stageKeys[0])} replace />;
}
