import { Link } from 'react-router';
import { stageKeys } from '@planner/shared/roadmap';
import { planBudgetPath, planDashboardPath, planRolesPath, planStagePath } from '../../app/paths';

export type PlanSection = 'dashboard' | 'roadmap' | 'roles' | 'budget';

interface PlanSectionNavProps {
  planId: string;
  /** Null on a page within a section, such as one role. */
  current: PlanSection | null;
  /** The pages to list; all of them unless the page shows some already (the stepper, the dashboard link). */
  sections?: PlanSection[];
}

/** The plan's pages: its dashboard, the roadmap stages, its teacher-leader roles and their budget. */
export function PlanSectionNav({ planId, current, sections }: PlanSectionNavProps) {
  const all: { section: PlanSection; to: string; label: string }[] = [
    { section: 'dashboard', to: planDashboardPath(planId), label: 'Dashboard' },
    { section: 'roadmap', to: planStagePath(planId, stageKeys[0]), label: 'Roadmap stages' },
    { section: 'roles', to: planRolesPath(planId), label: 'Teacher-leader roles' },
    { section: 'budget', to: planBudgetPath(planId), label: 'Budget' },
  ];
  const links = all.filter((link) => !sections || sections.includes(link.section));
  return (
    <nav className="plan-sections" aria-label="Plan pages">
      <ul className="plan-sections__list">
        {links.map((link) => (
          <li key={link.section}>
            <Link
              className="plan-sections__link"
              to={link.to}
              aria-current={current === link.section ? 'page' : undefined}
            >
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
