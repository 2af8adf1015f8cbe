import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { planStatusLabels, type Plan, type PlanStage } from '@planner/shared/plan';
import { stageKeys } from '@planner/shared/roadmap';
import { paths, planStagePath } from '../../app/paths';
import { NotFoundPage } from '../../components/NotFoundPage';
import { QueryFallback } from '../../components/QueryFallback';
import { SaveIndicator } from '../../components/autosave/SaveIndicator';
import { watchStoredEdits } from '../../components/autosave/autosave-registry';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useCanEditPlans, useCurrentUser } from '../auth/current-user';
import { StageRolesSummary } from '../roles/StageRolesSummary';
import { StageTables } from '../stage-tables/StageTables';
import { usePlan, planQueryKey } from './plan';
import { livePlanProgress } from './plan-progress';
import { planEditsKeyPrefix } from './pending-edit-keys';
import { ExportLinks } from '../exports/ExportLinks';
import { PlanNavigation } from './PlanNavigation';
import { PlanSettings } from './PlanSettings';
import { StageWorksheet } from './StageWorksheet';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function StagePager({ plan, index }: { plan: Plan; index: number }) {
  const previous = plan.stages[index - 1];
  const next = plan.stages[index + 1];
  return (
    <nav className="stage-pager" aria-label="Previous and next stage">
      {previous ? (
        <Link className="stage-pager__link stage-pager__link--previous" to={planStagePath(plan.id, previous.key)}>
          <span className="stage-pager__direction">Previous stage</span>
          <span className="visually-hidden">: </span>
          <span>
            Stage {previous.order}: {previous.title}
          </span>
        </Link>
      ) : null}
      {next ? (
        <Link className="stage-pager__link stage-pager__link--next" to={planStagePath(plan.id, next.key)}>
          <span className="stage-pager__direction">Next stage</span>
          <span className="visually-hidden">: </span>
          <span>
            Stage {next.order}: {next.title}
          </span>
        </Link>
      ) : null}
    </nav>
  );
}

function PlanWorkspace({ plan, stage, stageIndex }: { plan: Plan; stage: PlanStage; stageIndex: number }) {
  useDocumentTitle(`Stage ${String(stage.order)}: ${stage.title} – ${plan.title}`);
  const canEdit = useCanEditPlans();
  const { user } = useCurrentUser();
  const queryClient = useQueryClient();
  const progress = livePlanProgress(plan);
  const stageProgress = progress.stages[stageIndex];

  // Edits kept on this device for items not on screen (another stage) are sent too, now and when back online.
  useEffect(() => {
    if (!canEdit) return;
    return watchStoredEdits(planEditsKeyPrefix(user.id, plan.id), () => {
      void queryClient.invalidateQueries({ queryKey: planQueryKey(plan.id) });
    });
  }, [canEdit, user.id, plan.id, queryClient]);

  return (
    <div className="page plan-page">
      <header className="plan-header">
        <p className="plan-header__back">
          <Link to={paths.plans}>All plans</Link>
        </p>
        <h1>{plan.title}</h1>
        <p className="plan-header__meta">
          <span>School year {plan.schoolYear}</span>
          <span className={`status-badge status-badge--${plan.status}`}>{planStatusLabels[plan.status]}</span>
        </p>
        <ExportLinks planId={plan.id} stage={{ key: stage.key, title: stage.title }} />
      </header>
      {canEdit ? (
        <div className="save-bar">
          <SaveIndicator />
        </div>
      ) : null}
      {canEdit ? <PlanSettings plan={plan} progress={progress} /> : null}
      <PlanNavigation plan={plan} progress={progress} currentStageKey={stage.key} />
      {stageProgress ? (
        <StageWorksheet key={stage.key} planId={plan.id} stage={stage} progress={stageProgress} canEdit={canEdit}>
          <StageTables key={stage.key} plan={plan} stageKey={stage.key} canEdit={canEdit} />
          {stage.key === 'build' ? <StageRolesSummary planId={plan.id} /> : null}
        </StageWorksheet>
      ) : null}
      <StagePager plan={plan} index={stageIndex} />
    </div>
  );
}

function LoadedPlanStage({ planId, stageKey }: { planId: string; stageKey: string }) {
  const plan = usePlan(planId);

  if (!plan.isSuccess)
    return <QueryFallback query={plan} loadingLabel="Loading the plan…" errorTitle="The plan could not be loaded" />;

  const stageIndex = plan.data.stages.findIndex((stage) => stage.key === stageKey);
  const stage = plan.data.stages[stageIndex];
  if (!stage) return <NotFoundPage />;
  return <PlanWorkspace plan={plan.data} stage={stage} stageIndex={stageIndex} />;
}

/** /plans/:planId/stages/:stageKey: one stage's worksheet, with the plan around it. */
export function PlanStagePage() {
  const { planId, stageKey } = useParams();
  if (!planId || !uuidPattern.test(planId) || !stageKeys.some((key) => key === stageKey) || !stageKey) {
    return <NotFoundPage />;
  }
  return <LoadedPlanStage planId={planId} stageKey={stageKey} />;
}
