import { Link } from 'react-router';
import type { Plan } from '@planner/shared/plan';
import type { PlanProgress } from '@planner/shared/progress';
import styles from './plans.module.css';

interface RoadmapStepperProps {
  plan: Plan;
  progress: PlanProgress;
  /** The stage shown, or null on the plan's other pages. */
  currentStageKey: string | null;
  stageHref: (stageKey: string) => string;
  /** Open comment threads of each stage, when known. */
  openComments?: (stageKey: string) => number | undefined;
}

/** The four stages in order, each at its own address, with how far along each is. */
export function RoadmapStepper({ plan, progress, currentStageKey, stageHref, openComments }: RoadmapStepperProps) {
  return (
    <nav className={styles['stepper']} aria-label="Roadmap stages">
      <ol className={styles['stepper__list']}>
        {plan.stages.map((stage) => {
          const percent = progress.stages.find((s) => s.stageKey === stage.key)?.percent ?? 0;
          const isCurrent = stage.key === currentStageKey;
          const open = openComments?.(stage.key);
          return (
            <li key={stage.key} className={`stepper__item${isCurrent ? ` ${styles['stepper__item--current']}` : ''}`}>
              <Link
                className={styles['stepper__link']}
                to={stageHref(stage.key)}
                aria-current={isCurrent ? 'step' : undefined}
              >
                <span className={styles['stepper__number']}>Stage {stage.order}</span>
                <span className="visually-hidden">: </span>
                <span className={styles['stepper__title']}>{stage.title}</span>
                <span className="visually-hidden">, </span>
                <span className={styles['stepper__progress']}>{percent}% complete</span>
                {open ? (
                  <>
                    <span className="visually-hidden">, </span>
                    <span className={styles['stepper__comments']}>
                      {open} open {open === 1 ? 'comment' : 'comments'}
                    </span>
                  </>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
