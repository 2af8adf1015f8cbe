import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Dashboard } from '@planner/shared/dashboard';
import { countOf, formatCents, formatDate, formatWithUnit } from '@planner/shared/format';
import { measureStatuses, measureStatusLabels, targetInWords } from '@planner/shared/measure';
import { actionStatuses, actionStatusLabels } from '@planner/shared/plan-labels';
import type { StageKey } from '@planner/shared/roadmap';
import { measureTermLabels } from '@planner/shared/stage-tables';
import { MeasureStatusBadge } from '../../components/MeasureStatusBadge';
import { ProgressMeter } from '../../components/ProgressMeter';
import { ScrollRegion } from '../../components/ScrollRegion';
import { useDocumentTitle } from '../../lib/use-document-title';
import styles from './dashboard.module.css';

/** Where the dashboard links to, given by the route that shows it. */
export interface DashboardLinks {
  stage: (stageKey: StageKey) => string;
  measure: (measureId: string) => string;
  budget: string;
  /** The actions, and the measures with their readings, as CSV files (a download each). */
  actionsCsv: string;
  measuresCsv: string;
}

/** A section's download, under what it exports. */
function CsvDownload({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p>
      <a className="button button--secondary button--small" href={href} download>
        {children}
      </a>
    </p>
  );
}

type Stage = Dashboard['stages'][number];
const stageName = (stage: Pick<Stage, 'order' | 'title'>) => `Stage ${String(stage.order)}: ${stage.title}`;

function ProgressSection({ dashboard, links }: { dashboard: Dashboard; links: DashboardLinks }) {
  return (
    <section className={styles['dashboard__section']} aria-labelledby="dashboard-progress">
      <h2 id="dashboard-progress">Progress</h2>
      <div className={styles['dashboard__overall']}>
        <p className={styles['dashboard__overall-label']}>The whole plan</p>
        <ProgressMeter progress={dashboard.progress} />
      </div>
      <ScrollRegion label="Progress by stage">
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
            {dashboard.stages.map((stage) => {
              const progress = dashboard.progress.stages.find((s) => s.stageKey === stage.key);
              return (
                <tr key={stage.key}>
                  <th scope="row">
                    <Link to={links.stage(stage.key)}>{stageName(stage)}</Link>
                  </th>
                  <td>{progress ? <ProgressMeter progress={progress} /> : null}</td>
                  <td>
                    {progress ? `${String(progress.answeredQuestions)} of ${String(progress.applicableQuestions)}` : ''}
                  </td>
                  <td>{progress ? `${String(progress.doneActions)} of ${String(progress.applicableActions)}` : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

function ActionsSection({ dashboard, links }: { dashboard: Dashboard; links: DashboardLinks }) {
  const overdue = dashboard.overdueActions;
  const stageOf = (key: StageKey) => dashboard.stages.find((stage) => stage.key === key);
  return (
    <section className={styles['dashboard__section']} aria-labelledby="dashboard-actions">
      <h2 id="dashboard-actions">High-impact actions</h2>
      <ScrollRegion label="Actions by status">
        <table className={`data-table ${styles['data-table--numbers']}`}>
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
            {dashboard.stages.map((stage) => (
              <tr key={stage.key}>
                <th scope="row">{stageName(stage)}</th>
                {actionStatuses.map((status) => (
                  <td key={status}>{stage.actions.byStatus[status]}</td>
                ))}
                <td>{stage.actions.notApplicable}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">All stages</th>
              {actionStatuses.map((status) => (
                <td key={status}>{dashboard.actionTotals.byStatus[status]}</td>
              ))}
              <td>{dashboard.actionTotals.notApplicable}</td>
            </tr>
          </tfoot>
        </table>
      </ScrollRegion>

      <h3>Overdue actions</h3>
      {overdue.length === 0 ? (
        <p className="muted">No action is overdue: none is past its due date without being done.</p>
      ) : (
        <ScrollRegion label="Overdue actions">
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
              {overdue.map((action) => {
                const stage = stageOf(action.stageKey);
                return (
                  <tr key={action.id}>
                    <th scope="row">
                      <Link to={links.stage(action.stageKey)}>{action.text}</Link>
                    </th>
                    <td>{stage ? stageName(stage) : ''}</td>
                    <td>{formatDate(action.dueDate)}</td>
                    <td>
                      <span className={`status-badge status-badge--${action.status}`}>
                        {actionStatusLabels[action.status]}
                      </span>
                    </td>
                    <td>{action.owner ?? 'No owner'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <CsvDownload href={links.actionsCsv}>Download actions as CSV</CsvDownload>
    </section>
  );
}

function MeasuresSection({ dashboard, links }: { dashboard: Dashboard; links: DashboardLinks }) {
  const measuresStage = dashboard.stages.find((stage) => stage.key === 'measures');
  const stageLink = measuresStage ? <Link to={links.stage(measuresStage.key)}>{stageName(measuresStage)}</Link> : null;

  return (
    <section className={styles['dashboard__section']} aria-labelledby="dashboard-measures">
      <h2 id="dashboard-measures">Measures of success</h2>
      {dashboard.measures.length === 0 ? (
        <p className="muted">No measures yet. Define them in {stageLink ?? 'the measures stage'}.</p>
      ) : (
        <>
          <ul className={styles['dashboard__status-counts']}>
            {measureStatuses.map((status) => (
              <li key={status}>
                {measureStatusLabels[status]}: <strong>{dashboard.measureCounts[status]}</strong>
              </li>
            ))}
          </ul>
          <ScrollRegion label="Measures with their status and latest reading">
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
                {dashboard.measures.map((measure) => (
                  <tr key={measure.id}>
                    <th scope="row">
                      <Link to={links.measure(measure.id)}>{measure.name}</Link>
                    </th>
                    <td>{measureTermLabels[measure.term]}</td>
                    <td>
                      <MeasureStatusBadge status={measure.status} />
                    </td>
                    <td>
                      {measure.latestReading
                        ? `${formatWithUnit(measure.latestReading.value, measure.unit)} on ${formatDate(measure.latestReading.date)}`
                        : 'No readings yet'}
                    </td>
                    <td>
                      {measure.target === null
                        ? 'Not set'
                        : `${targetInWords(measure)}${measure.targetDate ? ` by ${formatDate(measure.targetDate)}` : ''}`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
      <CsvDownload href={links.measuresCsv}>Download measures and readings as CSV</CsvDownload>
    </section>
  );
}

interface PlanDashboardPageProps {
  planTitle: string;
  dashboard: Dashboard;
  links: DashboardLinks;
  /** Each school year's cost against funding, as the budget page words it. */
  budgetYears: ReactNode;
  /** Shown first, under the heading: what needs the reader, the open comments. */
  before?: ReactNode;
}

/** Where the plan stands, what is late, how the measures move and what the roles cost. */
export function PlanDashboardPage({ planTitle, dashboard, links, budgetYears, before }: PlanDashboardPageProps) {
  useDocumentTitle(`Dashboard – ${planTitle}`);
  const { budget, count } = dashboard.roles;
  return (
    <div className="dashboard">
      <h1>Dashboard</h1>
      {before}
      <ProgressSection dashboard={dashboard} links={links} />
      <ActionsSection dashboard={dashboard} links={links} />
      <MeasuresSection dashboard={dashboard} links={links} />
      <section className={styles['dashboard__section']} aria-labelledby="dashboard-budget">
        <h2 id="dashboard-budget">Cost and funding</h2>
        <p>
          {countOf(count, 'teacher-leader role')}, approved or not, {count === 1 ? 'costs' : 'cost'}{' '}
          <strong>{formatCents(budget.totalCents)}</strong> a year.
        </p>
        {budgetYears}
        <p>
          <Link to={links.budget}>See the budget by role and school year</Link>
        </p>
      </section>
    </div>
  );
}
