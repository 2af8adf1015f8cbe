import type { PlanStage } from '@planner/shared/plan';
import type { PlanProgress } from '@planner/shared/progress';
import { ProgressMeter } from '../../components/ProgressMeter';
import { describeStageProgress } from './plan-progress';

/** The top of a stage's page: its name, what it is about and how far along it is. */
export function StageIntro({ stage, progress }: { stage: PlanStage; progress: PlanProgress['stages'][number] }) {
  return (
    <div className="stage__intro">
      <h1>
        Stage {stage.order}: {stage.title}
      </h1>
      <p className="stage__summary">{stage.summary}</p>
      <div className="stage__progress">
        <ProgressMeter progress={progress} />
        <p className="stage__progress-detail">{describeStageProgress(progress)}</p>
      </div>
    </div>
  );
}
