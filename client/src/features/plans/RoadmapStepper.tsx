import { Link } from 'react-router';
import type { Plan } from '@planner/shared/plan';
import type { PlanProgress } from '@planner/shared/progress';

interface RoadmapStepperProps {
  plan: Plan;
  progress: PlanProgress;
  /** The stage shown, or null on the plan's other pages. */
  currentStageKey: string | null;
  stageHref: (stageKey: string) => string;
}

/** The four stages in order, each at its own address, with how far along each is. */
export function RoadmapStepper({ plan, progress, currentStageKey, stageHref }: RoadmapStepperProps) {
  return (
    <nav className="stepper" aria-label="Roadmap stages">
      <ol className="stepper__list">
        {plan.stages.map((stage) => {
          const percent = progress.stages.find((s) => s.stageKey === stage.key)?.percent ?? 0;
          const isCurrent = stage.key === currentStageKey;
          return (
            <li key={stage.key} className={`stepper__item${isCurrent ? ' stepper__item--current' : ''}`}>
              <Link className="stepper__link" to={stageHref(stage.key)} aria-current={isCurrent ? 'step' : undefined}>
                <span className="stepper__number">Stage {stage.order}</span>
                <span className="visually-hidden">: </span>
                <span className="stepper__title">{stage.title}</span>
                <span className="visually-hidden">, </span>
                <span className="stepper__progress">{percent}% complete</span>
              </Link>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
