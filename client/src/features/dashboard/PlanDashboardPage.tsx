import { Link, useParams } from 'react-router';
import { formatCents } from '@planner/shared/format';
import type { Role } from '@planner/shared/role';
import { latestReading } from '@planner/shared/measure-status';
import { actionStatuses, actionStatusLabels, planStatusLabels, type Plan } from '@planner/shared/plan';
import { measureStatuses, measureStatusLabels } from '@planner/shared/measure';
import { measureTermLabels } from '@planner/shared/stage-tables';
import { paths, planBudgetPath, planMeasurePath, planStagePath } from '../../app/paths';
import { NotFoundPage } from '../../components/NotFoundPage';
import { QueryFallback } from '../../components/QueryFallback';
import { ProgressMeter } from '../../components/ProgressMeter';
import { countOf } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { formatMeasureValue, liveMeasureStatus } from '../measures/measure-status-text';
import { MeasureStatusBadge } from '../measures/MeasureStatusBadge';
import { usePlan } from '../plans/plan';
import { livePlanProgress } from '../plans/plan-progress';
import { PlanNavigation } from '../plans/PlanNavigation';
import { formatDay, todayIso } from '../stage-tables/format-values';
import { useDistrictUsers } from '../users/district-users';
import { describeYear, planBudget } from '../budget/plan-budget';
import { ExportLinks } from '../exports/ExportLinks';
import { useRoles } from '../roles/roles';
import { actionCounts, overdueActions, ownerOf, totalCounts } from './dashboard-data';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function ProgressSection({ plan }: { plan: Plan }) {
  const progress = livePlanProgress(plan);
  return (
    <section className="dashboard__section" aria-labelledby="dashboard-progress">
      <h2 id="dashboard-progress">Progress</h2>
      <div className="dashboard__overall">
        <p className="dashboard__overall-label">The whole plan</p>
        <ProgressMeter progress={progress} />
      </div>
      <table className="data-table">
        <caption>Progress by stage</caption>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">Progress</th>
            <th scope="col">Key questions answered</th>
            <th scope="col">Actions done</th>
          </tr>
        </thead>
        <tbody>
          {plan.stages.map((stage) => {
            const stageProgress = progress.stages.find((s) => s.stageKey === stage.key);
            return (
              <tr key={stage.key}>
                <th scope="row">
                  <Link to={planStagePath(plan.id, stage.key)}>
                    Stage {stage.order}: {stage.title}
                  </Link>
                </th>
                <td>{stageProgress ? <ProgressMeter progress={stageProgress} /> : null}</td>
                <td>
                  {stageProgress
                    ? `${String(stageProgress.answeredQuestions)} of ${String(stageProgress.applicableQuestions)}`
                    : ''}
                </td>
                <td>
                  {stageProgress
                    ? `${String(stageProgress.doneActions)} of ${String(stageProgress.applicableActions)}`
                    : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function ActionsSection({ plan }: { plan: Plan }) {
  const users = useDistrictUsers();
  const counts = actionCounts(plan);
  const total = totalCounts(counts);
  const today = todayIso();
  const overdue = overdueActions(plan, today);
  const districtUsers = users.data?.users ?? [];

  return (
    <section className="dashboard__section" aria-labelledby="dashboard-actions">
      <h2 id="dashboard-actions">High-impact actions</h2>
      <table className="data-table data-table--numbers">
        <caption>Actions by status</caption>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            {actionStatuses.map((status) => (
              <th key={status} scope="col">
                {actionStatusLabels[status]}
              </th>
            ))}
            <th scope="col">Not applicable</th>
          </tr>
        </thead>
        <tbody>
          {counts.map(({ stage, byStatus, notApplicable }) => (
            <tr key={stage.key}>
              <th scope="row">
                Stage {stage.order}: {stage.title}
              </th>
              {actionStatuses.map((status) => (
                <td key={status}>{byStatus[status]}</td>
              ))}
              <td>{notApplicable}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All stages</th>
            {actionStatuses.map((status) => (
              <td key={status}>{total.byStatus[status]}</td>
            ))}
            <td>{total.notApplicable}</td>
          </tr>
        </tfoot>
      </table>

      <h3>Overdue actions</h3>
      {overdue.length === 0 ? (
        <p className="muted">No action is overdue: none is past its due date without being done.</p>
      ) : (
        <table className="data-table">
          <caption>
            {countOf(overdue.length, 'action')} past the due date and not done, the longest overdue first
          </caption>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Stage</th>
              <th scope="col">Due date</th>
              <th scope="col">Status</th>
              <th scope="col">Owner</th>
            </tr>
          </thead>
          <tbody>
            {overdue.map(({ action, stage }) => (
              <tr key={action.id}>
                <th scope="row">
                  <Link to={planStagePath(plan.id, stage.key)}>{action.text}</Link>
                </th>
                <td>
                  Stage {stage.order}: {stage.title}
                </td>
                <td>{action.dueDate ? formatDay(action.dueDate) : ''}</td>
                <td>
                  <span className={`status-badge status-badge--${action.status}`}>
                    {actionStatusLabels[action.status]}
                  </span>
                </td>
                <td>{ownerOf(action, districtUsers)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function MeasuresSection({ plan }: { plan: Plan }) {
  const measures = plan.tables.measures.map((measure) => ({ measure, status: liveMeasureStatus(measure) }));
  const measuresStage = plan.stages.find((stage) => stage.key === 'measures');
  const stageLink = measuresStage ? (
    <Link to={planStagePath(plan.id, measuresStage.key)}>
      Stage {measuresStage.order}: {measuresStage.title}
    </Link>
  ) : null;

  return (
    <section className="dashboard__section" aria-labelledby="dashboard-measures">
      <h2 id="dashboard-measures">Measures of success</h2>
      {measures.length === 0 ? (
        <p className="muted">No measures yet. Define them in {stageLink ?? 'the measures stage'}.</p>
      ) : (
        <>
          <ul className="dashboard__status-counts">
            {measureStatuses.map((status) => (
              <li key={status}>
                {measureStatusLabels[status]}: <strong>{measures.filter((m) => m.status === status).length}</strong>
              </li>
            ))}
          </ul>
          <table className="data-table">
            <caption>Measures with their status and latest reading</caption>
            <thead>
              <tr>
                <th scope="col">Measure</th>
                <th scope="col">Term</th>
                <th scope="col">Status</th>
                <th scope="col">Latest reading</th>
                <th scope="col">Target</th>
              </tr>
            </thead>
            <tbody>
              {measures.map(({ measure, status }) => {
                const latest = latestReading(measure.readings);
                return (
                  <tr key={measure.id}>
                    <th scope="row">
                      <Link to={planMeasurePath(plan.id, measure.id)}>{measure.name}</Link>
                    </th>
                    <td>{measureTermLabels[measure.term]}</td>
                    <td>
                      <MeasureStatusBadge status={status} />
                    </td>
                    <td>
                      {latest
                        ? `${formatMeasureValue(latest.value, measure.unit)} on ${formatDay(latest.date)}`
                        : 'No readings yet'}
                    </td>
                    <td>
                      {measure.target === null
                        ? 'Not set'
                        : `${formatMeasureValue(measure.target, measure.unit)}${measure.targetDate ? ` by ${formatDay(measure.targetDate)}` : ''}`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function BudgetSummary({ plan, roles }: { plan: Plan; roles: Role[] }) {
  const budget = planBudget(plan, roles);
  return (
    <>
      <p>
        {countOf(roles.length, 'teacher-leader role')} cost <strong>{formatCents(budget.totalCents)}</strong> a year.
      </p>
      <ul>
        {budget.years.map((year) => (
          <li key={year.schoolYear}>{describeYear(year)}</li>
        ))}
      </ul>
      <p>
        <Link to={planBudgetPath(plan.id)}>See the budget by role and school year</Link>
      </p>
    </>
  );
}

/** What the roles cost a year and whether secured funding covers it, year by year. */
function BudgetSection({ plan }: { plan: Plan }) {
  const roles = useRoles(plan.id);
  return (
    <section className="dashboard__section" aria-labelledby="dashboard-budget">
      <h2 id="dashboard-budget">Cost and funding</h2>
      {roles.isPending ? <p>Loading the roles…</p> : null}
      {roles.isError ? <p>The roles could not be loaded, so their cost is not shown.</p> : null}
      {roles.isSuccess ? <BudgetSummary plan={plan} roles={roles.data.roles} /> : null}
    </section>
  );
}

function Dashboard({ plan }: { plan: Plan }) {
  useDocumentTitle(`Dashboard – ${plan.title}`);
  return (
    <div className="page dashboard">
      <header className="plan-header">
        <p className="plan-header__back">
          <Link to={paths.plans}>All plans</Link>
        </p>
        <h1>Dashboard: {plan.title}</h1>
        <p className="plan-header__meta">
          <span>School year {plan.schoolYear}</span>
          <span className={`status-badge status-badge--${plan.status}`}>{planStatusLabels[plan.status]}</span>
        </p>
        <ExportLinks planId={plan.id} withCsv />
      </header>
      <PlanNavigation plan={plan} progress={livePlanProgress(plan)} currentStageKey={null} />
      <ProgressSection plan={plan} />
      <ActionsSection plan={plan} />
      <MeasuresSection plan={plan} />
      <BudgetSection plan={plan} />
    </div>
  );
}

function LoadedDashboard({ planId }: { planId: string }) {
  const plan = usePlan(planId);
  if (!plan.isSuccess)
    return (
      <QueryFallback
        query={plan}
        loadingLabel="Loading the dashboard…"
        errorTitle="The dashboard could not be loaded"
      />
    );
  return <Dashboard plan={plan.data} />;
}

/** /plans/:planId/dashboard: where the plan stands, what is late and how the measures move. */
export function PlanDashboardPage() {
  const { planId } = useParams();
  if (!planId || !uuidPattern.test(planId)) return <NotFoundPage />;
  return <LoadedDashboard planId={planId} />;
}
