import { Suspense, useMemo } from 'react';
import { Link, NavLink, Outlet, useParams } from 'react-router';
import type { Plan } from '@planner/shared/plan';
import { planStatusLabels } from '@planner/shared/plan-labels';
import { LoadingState } from '../../components/LoadingState';
import { MissingItemPage } from '../../components/MissingItemPage';
import { NotFoundPage } from '../../components/NotFoundPage';
import { QueryFallback } from '../../components/QueryFallback';
import { useCommentCounts } from '../../features/comments/comment-counts';
import { ExportLinks } from '../../features/exports/ExportLinks';
import { usePlan } from '../../features/plans/plan';
import { useDistrictUsers } from '../../features/users/district-users';
import { livePlanProgress } from '../../features/plans/plan-progress';
import { RoadmapStepper } from '../../features/plans/RoadmapStepper';
import { ArchivedPlanNotice } from '../../features/plans/ArchivedPlanNotice';
import { NotSavedNotice } from '../../features/plans/NotSavedNotice';
import { useCanEditPlans } from '../../lib/current-user';
import { PlanArchivedContext } from '../../lib/plan-editing';
import { isUuid } from '../../lib/is-uuid';
import { useFirstDataInBackground } from '../../lib/use-first-data-in-background';
import {
  paths,
  planActionsPath,
  planBudgetPath,
  planCommentsPath,
  planDashboardPath,
  planHistoryPath,
  planLogicModelPath,
  planReadinessPath,
  planRolesPath,
  planStagePath,
} from '../paths';
import { PlanItemHistory } from './item-history';
import { SaveBar } from './SaveBar';
import type { PlanOutlet } from './plan-outlet';

function PlanPagesNav({ plan, openComments }: { plan: Plan; openComments: number | undefined }) {
  const links = [
    { to: planDashboardPath(plan.id), label: 'Dashboard' },
    { to: planActionsPath(plan.id), label: 'Actions' },
    { to: planRolesPath(plan.id), label: 'Teacher-leader roles' },
    { to: planBudgetPath(plan.id), label: 'Budget' },
    { to: planReadinessPath(plan.id), label: 'Readiness' },
    { to: planLogicModelPath(plan.id), label: 'Logic model' },
    { to: planCommentsPath(plan.id), label: 'Comments', count: openComments },
    { to: planHistoryPath(plan.id), label: 'History' },
  ];
  return (
    <nav className="plan-pages" aria-label="Plan pages">
      <ul className="plan-pages__list">
        {links.map((link) => (
          <li key={link.label}>
            {/* NavLink marks the page it is on, and only that page, with aria-current. */}
            <NavLink className="plan-pages__link" to={link.to} end={link.label !== 'Teacher-leader roles'}>
              {link.label}
              {'count' in link && link.count !== undefined ? (
                <>
                  {' '}
                  <span className="plan-pages__count">{link.count}</span>
                  <span className="visually-hidden"> open</span>
                </>
              ) : null}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function LoadedPlan({ plan }: { plan: Plan }) {
  const archived = plan.status === 'archived';
  const canEdit = useCanEditPlans() && !archived;
  const { stageKey } = useParams();
  const stage = plan.stages.find((s) => s.key === stageKey);
  const comments = useCommentCounts(plan.id);
  // The same object while the plan is the same: a new one would rebuild the page under the frame whenever
  // the frame re-renders (a comment count refreshed), not only when the plan changed.
  const outlet: PlanOutlet = useMemo(() => ({ plan }), [plan]);
  return (
    <PlanArchivedContext value={archived}>
      <div className="page plan-page">
        <header className="plan-header">
          <p className="plan-header__back">
            <Link to={paths.plans}>All plans</Link>
          </p>
          <p className="plan-header__title">{plan.title}</p>
          <p className="plan-header__meta">
            <span>School year {plan.schoolYear}</span>
            <span className={`status-badge status-badge--${plan.status}`}>{planStatusLabels[plan.status]}</span>
          </p>
          <ExportLinks planId={plan.id} stage={stage ? { key: stage.key, title: stage.title } : undefined} />
        </header>
        <ArchivedPlanNotice key={plan.id} plan={plan} />
        <NotSavedNotice key={`not-saved-${plan.id}`} planId={plan.id} historyHref={planHistoryPath(plan.id)} />
        <PlanPagesNav plan={plan} openComments={comments.data?.open} />
        <RoadmapStepper
          plan={plan}
          progress={livePlanProgress(plan)}
          currentStageKey={stage?.key ?? null}
          stageHref={(key) => planStagePath(plan.id, key)}
          openComments={(key) => comments.data?.byStage[key]}
        />
        {canEdit ? <SaveBar /> : null}
        <PlanItemHistory planId={plan.id}>
          <Suspense fallback={<LoadingState label="Loading the page…" />}>
            <Outlet context={outlet} />
          </Suspense>
        </PlanItemHistory>
      </div>
    </PlanArchivedContext>
  );
}

/** /plans/:planId/...: loads the plan once, shows its header and navigation, and the page under them. */
export function PlanLayout() {
  const { planId } = useParams();
  if (!isUuid(planId)) return <NotFoundPage />;
  return <PlanQuery planId={planId} />;
}

function PlanQuery({ planId }: { planId: string }) {
  const plan = usePlan(planId);
  // Nearly every plan page shows the district's people (owners, reviewers, mentions) and the open comment
  // counts. Asked for with the plan and waited for, the page is built once with them, not built and then
  // rebuilt as each arrives; but not waited for past a first failure (the page shows without them).
  const people = useDistrictUsers();
  const comments = useCommentCounts(planId);
  const waiting = [people, comments].some((query) => query.isPending && query.failureCount === 0);
  const loaded = useFirstDataInBackground(waiting ? undefined : plan.data);
  if (!loaded || !plan.isSuccess) {
    return (
      <QueryFallback
        query={plan}
        loadingLabel="Loading the plan…"
        errorTitle="The plan could not be loaded"
        missing={
          <MissingItemPage
            title="This plan is not in your district’s planner"
            link={{ href: paths.plans, label: 'Go to the plans' }}
          />
        }
      />
    );
  }
  return <LoadedPlan plan={loaded} />;
}
