import { Link } from 'react-router';
import type { Plan } from '@planner/shared/plan';
import type { PlanProgress } from '@planner/shared/progress';
import { planDashboardPath } from '../../app/paths';
import { PlanSectionNav } from '../roles/PlanSectionNav';
import { RoadmapStepper } from './RoadmapStepper';

interface PlanNavigationProps {
  plan: Plan;
  progress: PlanProgress;
  /** The stage shown, or null on the dashboard. */
  currentStageKey: string | null;
}

/** The plan's dashboard, then its four stages: where a reader goes next. */
export function PlanNavigation({ plan, progress, currentStageKey }: PlanNavigationProps) {
  const onDashboard = currentStageKey === null;
  return (
    <div className="plan-nav">
      <nav className="plan-nav__views" aria-label="Plan overview">
        <Link
          className="plan-nav__dashboard"
          to={planDashboardPath(plan.id)}
          aria-current={onDashboard ? 'page' : undefined}
        >
          <span className="plan-nav__dashboard-title">Dashboard</span>
          <span className="plan-nav__dashboard-detail">Progress, actions and measures</span>
        </Link>
      </nav>
      <RoadmapStepper plan={plan} progress={progress} currentStageKey={currentStageKey ?? ''} />
      <PlanSectionNav planId={plan.id} current={null} sections={['roles', 'budget']} />
    </div>
  );
}
