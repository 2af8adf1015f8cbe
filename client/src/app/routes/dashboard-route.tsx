import { QueryFallback } from '../../components/QueryFallback';
import { BudgetYears } from '../../features/budget/BudgetYears';
import { useDashboard } from '../../features/dashboard/dashboard';
import { actionsCsvUrl, measuresCsvUrl } from '../../features/exports/export-urls';
import { NeedsAttentionPanel } from '../../features/attention/NeedsAttentionPanel';
import { HappeningMissteps } from '../../features/missteps/HappeningMissteps';
import { OpenCommentsSummary } from '../../features/comments/OpenCommentsSummary';
import { PlanDashboardPage } from '../../features/dashboard/PlanDashboardPage';
import { ShareLinksSection } from '../../features/share-links/ShareLinksSection';
import { useCanEditPlans } from '../../lib/current-user';
import { usePlanOutlet } from '../layouts/plan-outlet';
import { planBudgetPath, planCommentsPath, planMeasurePath, planStagePath } from '../paths';
import { useFirstDataInBackground } from '../../lib/use-first-data-in-background';

/** /plans/:planId/dashboard: where the plan stands, what is late and how the measures move. */
export function DashboardRoute() {
  const { plan } = usePlanOutlet();
  const dashboard = useDashboard(plan.id);
  const shown = useFirstDataInBackground(dashboard.data);
  const canEdit = useCanEditPlans();
  if (!shown || !dashboard.isSuccess) {
    return (
      <QueryFallback
        query={dashboard}
        loadingLabel="Loading the dashboard…"
        errorTitle="The dashboard could not be loaded"
      />
    );
  }
  return (
    <>
      <PlanDashboardPage
        planTitle={plan.title}
        dashboard={shown}
        links={{
          stage: (stageKey) => planStagePath(plan.id, stageKey),
          measure: (measureId) => planMeasurePath(plan.id, measureId),
          budget: planBudgetPath(plan.id),
          actionsCsv: actionsCsvUrl(plan.id),
          measuresCsv: measuresCsvUrl(plan.id),
        }}
        budgetYears={<BudgetYears years={shown.roles.budget.years} />}
        before={
          <>
            {/* An archived plan is read only: nothing in it asks for anyone, as its notice says. */}
            {plan.status === 'archived' ? null : <NeedsAttentionPanel planId={plan.id} />}
            <HappeningMissteps
              planId={plan.id}
              stages={plan.stages}
              stageHref={(stageKey) => planStagePath(plan.id, stageKey)}
            />
            <OpenCommentsSummary
              planId={plan.id}
              stages={plan.stages}
              commentsHref={(stageKey) => planCommentsPath(plan.id, stageKey)}
            />
          </>
        }
      />
      {canEdit ? <ShareLinksSection planId={plan.id} /> : null}
    </>
  );
}
