import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Plan } from '@planner/shared/plan';
import { paths } from '../../app/paths';
import { PlanSectionNav, type PlanSection } from './PlanSectionNav';

interface PlanContextHeaderProps {
  plan: Plan;
  section: PlanSection | null;
  /** The page's own h1 and what goes with it. */
  children: ReactNode;
}

/** The top of a plan's roles or budget page: where it sits, the plan's pages, then the page's heading. */
export function PlanContextHeader({ plan, section, children }: PlanContextHeaderProps) {
  return (
    <header className="plan-header">
      <p className="plan-header__back">
        <Link to={paths.plans}>All plans</Link>
      </p>
      <p className="plan-header__plan">
        {plan.title} <span className="muted">· School year {plan.schoolYear}</span>
      </p>
      <PlanSectionNav planId={plan.id} current={section} />
      {children}
    </header>
  );
}
