import type { PlanStage } from '@planner/shared/plan';
import type { PlanProgress } from '@planner/shared/progress';
import { ProgressMeter } from '../../components/ProgressMeter';
import { describeStageProgress } from './plan-progress';
import styles from './plans.module.css';

/** The top of a stage's page: its name, what it is about and how far along it is. */
export function StageIntro({ stage, progress }: { stage: PlanStage; progress: PlanProgress['stages'][number] }) {
  return (
    <div className="stage__intro">
      <h1>
        Stage {stage.order}: {stage.title}
      </h1>
      <p className={styles['stage__summary']}>{stage.summary}</p>
      <div className={styles['stage__progress']}>
        <ProgressMeter progress={progress} />
        <p className={styles['stage__progress-detail']}>{describeStageProgress(progress)}</p>
      </div>
    </div>
  );
}
