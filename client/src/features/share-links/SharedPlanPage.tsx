import type { ReactNode } from 'react';
import { costSettingsSentence } from '@planner/shared/budget';
import { countOf, formatCents, formatDate, formatNumber, formatWithUnit } from '@planner/shared/format';
import { targetInWords, type Measure } from '@planner/shared/measure';
import { notJudgedReason } from '@planner/shared/measure-status';
import { actionStatusLabels, actionStatuses, type PlanStage } from '@planner/shared/plan';
import { readinessActionStage } from '@planner/shared/readiness';
import { notYetDecided, roleKindLabels } from '@planner/shared/role';
import type { SharedPlan } from '@planner/shared/share-link';
import {
  declarationOf,
  formatFieldValue,
  measureTermLabels,
  plainTableNames,
  rowTitle,
} from '@planner/shared/stage-tables';
import { MeasureStatusBadge } from '../../components/MeasureStatusBadge';
import { ProgressMeter } from '../../components/ProgressMeter';
import { ScrollRegion } from '../../components/ScrollRegion';
import { LoadingState } from '../../components/LoadingState';
import { ErrorPage } from '../../components/ErrorPage';
import { isApiError } from '../../lib/api';
import { districtDateTime } from '../../lib/district-time';
import { useDocumentTitle } from '../../lib/use-document-title';
import { sharedPdfUrl, useSharedPlan } from './share-links-api';
import {
  LogicModelPart,
  ReadinessPart,
  RoleAlignmentPart,
  StageMisstepsPart,
  StandardsServedPart,
} from './SharedPlanDetails';
import { inputKindLabels, notShapedWords, shapedKindLabels } from '@planner/shared/stakeholder-input';
import styles from './share-links.module.css';

type Tables = NonNullable<SharedPlan['tables']>;

function DashboardPart({ dashboard }: { dashboard: NonNullable<SharedPlan['dashboard']> }) {
  return (
    <section className={styles['shared__section']} aria-labelledby="shared-dashboard">
      <h2 id="shared-dashboard">Where the plan stands</h2>
      <ProgressMeter progress={dashboard.progress} />
      <ScrollRegion label="Actions by stage">
        <table className="data-table">
          <caption>High-impact actions by stage</caption>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              {actionStatuses.map((s) => (
                <th scope="col" key={s}>
                  {actionStatusLabels[s]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {dashboard.stages.map((stage) => (
              <tr key={stage.key}>
                <th scope="row">
                  Stage {stage.order}: {stage.title}
                </th>
                {actionStatuses.map((s) => (
                  <td key={s}>{stage.actions.byStatus[s]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <h3>Overdue actions</h3>
      {dashboard.overdueActions.length === 0 ? (
        <p>No action is overdue.</p>
      ) : (
        <ul>
          {dashboard.overdueActions.map((a) => (
            <li key={a.id}>
              {a.text} (due {formatDate(a.dueDate)}, {actionStatusLabels[a.status].toLowerCase()})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PlainTable({ name, rows }: { name: (typeof plainTableNames)[number]; rows: Tables[keyof Tables] }) {
  const declaration = declarationOf(name);
  // No column of owners or contacts: a share link names none of the district's people (the API sends them blank).
  const fields = Object.entries(declaration.fields).filter(
    ([field, f]) => field !== declaration.titleField && !f.namesPeople,
  );
  return (
    <>
      <h3>{declaration.title}</h3>
      {rows.length === 0 ? (
        <p className="muted">None listed.</p>
      ) : (
        <ScrollRegion label={declaration.title}>
          <table className="data-table">
            <caption className="visually-hidden">{declaration.title}</caption>
            <thead>
              <tr>
                <th scope="col">{declaration.fields[declaration.titleField]?.label}</th>
                {fields.map(([field, f]) => (
                  <th scope="col" key={field}>
                    {f.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const values = row as unknown as Record<string, unknown>;
                return (
                  <tr key={row.id}>
                    <th scope="row">{rowTitle(name, values)}</th>
                    {fields.map(([field, f]) => (
                      <td key={field}>{formatFieldValue(f, values[field], values)}</td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}

function StagePart({ stage, shared }: { stage: PlanStage; shared: SharedPlan }) {
  const { tables } = shared;
  const questions = stage.questions.filter((q) => !q.notApplicable);
  const actions = stage.actions.filter((a) => !a.notApplicable);
  const headingId = `shared-stage-${stage.key}`;
  return (
    <section className={styles['shared__section']} aria-labelledby={headingId}>
      <h2 id={headingId}>
        Stage {stage.order}: {stage.title}
      </h2>
      <p>{stage.summary}</p>
      <h3>Key questions</h3>
      <dl className={styles['shared__answers']}>
        {questions.map((q) => (
          <div key={q.key}>
            <dt>{q.text}</dt>
            <dd className="answer-text">
              {q.answer.text.trim() ? q.answer.text : <span className="muted">Not answered yet.</span>}
            </dd>
          </div>
        ))}
      </dl>
      <h3>High-impact actions</h3>
      <ScrollRegion label={`Actions of stage ${String(stage.order)}`}>
        <table className="data-table">
          <caption className="visually-hidden">High-impact actions of stage {stage.order}</caption>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Status</th>
              <th scope="col">Due</th>
              <th scope="col">Notes</th>
            </tr>
          </thead>
          <tbody>
            {actions.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.text}</th>
                <td>{actionStatusLabels[a.status]}</td>
                <td>{a.dueDate ? formatDate(a.dueDate) : ''}</td>
                <td>{a.notes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {tables
        ? plainTableNames
            .filter((name) => declarationOf(name).stageKey === stage.key)
            .map((name) => <PlainTable key={name} name={name} rows={tables[name]} />)
        : null}
      {shared.readiness && stage.key === readinessActionStage ? <ReadinessPart readiness={shared.readiness} /> : null}
      {shared.missteps ? <StageMisstepsPart missteps={shared.missteps} stage={stage} /> : null}
    </section>
  );
}

function MeasuresPart({ measures, readings }: { measures: Measure[]; readings: (measure: Measure) => ReactNode }) {
  return (
    <section className={styles['shared__section']} aria-labelledby="shared-measures">
      <h2 id="shared-measures">Measures of success</h2>
      {measures.length === 0 ? <p className="muted">No measures yet.</p> : null}
      {measures.map((m) => (
        <article key={m.id} className={styles['shared__measure']} aria-labelledby={`shared-measure-${m.id}`}>
          <h3 id={`shared-measure-${m.id}`}>{m.name}</h3>
          <p>
            <MeasureStatusBadge status={m.status} /> {measureTermLabels[m.term]}
            {m.baseline !== null
              ? `; baseline ${formatWithUnit(m.baseline, m.unit)}${m.baselineDate ? ` on ${formatDate(m.baselineDate)}` : ''}`
              : ''}
            {m.target !== null
              ? `; target ${targetInWords(m)}${m.targetDate ? ` by ${formatDate(m.targetDate)}` : ''}`
              : m.targetDate
                ? `; a target to reach by ${formatDate(m.targetDate)}`
                : ''}
            {m.latestReading
              ? `; latest ${formatWithUnit(m.latestReading.value, m.unit)} on ${formatDate(m.latestReading.date)}`
              : ''}
          </p>
          {m.status === 'not_judged' ? <p>Not judged: {notJudgedReason(m)}.</p> : null}
          {/* As in the PDF: the chart and the table of the readings, or no chart at all before the first. */}
          {m.readings.length === 0 ? <p className="muted">No readings yet.</p> : readings(m)}
        </article>
      ))}
    </section>
  );
}

function RolesPart({
  roles,
  alignment,
}: {
  roles: NonNullable<SharedPlan['roles']>;
  alignment: SharedPlan['alignment'];
}) {
  // A cost only where the link shares the budget: the API sends none otherwise.
  const withCost = roles.some((r) => r.totalCents !== null);
  return (
    <section className={styles['shared__section']} aria-labelledby="shared-roles">
      <h2 id="shared-roles">Teacher-leader roles</h2>
      {roles.length === 0 ? (
        <p className="muted">No role is approved yet.</p>
      ) : (
        <>
          <ScrollRegion label="Approved roles">
            <table className="data-table">
              <caption>Approved roles</caption>
              <thead>
                <tr>
                  <th scope="col">Role</th>
                  <th scope="col">Schools</th>
                  <th scope="col">Positions</th>
                  <th scope="col">Release time</th>
                  {withCost ? <th scope="col">Yearly cost</th> : null}
                </tr>
              </thead>
              <tbody>
                {roles.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      {r.title} <span className="muted">({roleKindLabels[r.kind]})</span>
                    </th>
                    <td>{r.schools.join(', ')}</td>
                    <td>{r.positions}</td>
                    <td>{r.releasePercent === null ? notYetDecided : `${r.releasePercent}%`}</td>
                    {withCost ? <td>{r.totalCents === null ? '' : formatCents(r.totalCents)}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {alignment ? <StandardsServedPart alignment={alignment} /> : null}
          {roles.map((r) => {
            const aligned = alignment?.roles.find((a) => a.roleId === r.id);
            return (
              <div key={r.id}>
                <h3>{r.title}</h3>
                {r.purpose ? <p>{r.purpose}</p> : null}
                {r.responsibilities.length > 0 ? (
                  <ul>
                    {r.responsibilities.map((text, i) => (
                      <li key={i}>{text}</li>
                    ))}
                  </ul>
                ) : null}
                <dl className={styles['shared__details']}>
                  {r.details.map((d) => (
                    <div key={d.label}>
                      <dt>{d.label}</dt>
                      <dd>{d.text}</dd>
                    </div>
                  ))}
                </dl>
                {aligned ? <RoleAlignmentPart result={aligned} /> : null}
              </div>
            );
          })}
        </>
      )}
    </section>
  );
}

function BudgetPart({ budget }: { budget: NonNullable<SharedPlan['budget']> }) {
  return (
    <section className={styles['shared__section']} aria-labelledby="shared-budget">
      <h2 id="shared-budget">Budget</h2>
      <p>Approved roles cost {formatCents(budget.totalCents)} a year.</p>
      <p>{costSettingsSentence(budget)}</p>
      <ScrollRegion label="Cost and funding by school year">
        <table className="data-table">
          <caption>Cost and funding by school year</caption>
          <thead>
            <tr>
              <th scope="col">School year</th>
              <th scope="col">Cost of approved roles</th>
              <th scope="col">Secured funding</th>
              <th scope="col">Shortfall</th>
            </tr>
          </thead>
          <tbody>
            {budget.years.map((y) => (
              <tr key={y.schoolYear}>
                <th scope="row">{y.schoolYear}</th>
                <td>{formatCents(y.costCents)}</td>
                <td>{formatCents(y.securedCents)}</td>
                <td>{formatCents(y.shortfallCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

function TracePart({ trace, total }: { trace: NonNullable<SharedPlan['trace']>; total: number }) {
  const shown = trace.reduce((n, entry) => n + entry.inputs.length, 0);
  return (
    <section className={styles['shared__section']} aria-labelledby="shared-trace">
      <h2 id="shared-trace">What we heard, and what we did with it</h2>
      {trace.length === 0 ? <p className="muted">No stakeholder input recorded yet.</p> : null}
      {shown < total ? (
        <p>
          The {countOf(shown, 'newest input')} of {formatNumber(total)}, by stakeholder. The district&rsquo;s planner
          holds them all.
        </p>
      ) : null}
      {trace.map((entry, index) => (
        <article key={index} className={styles['shared__measure']} aria-labelledby={`shared-trace-${index}`}>
          <h3 id={`shared-trace-${index}`}>
            {entry.stakeholder.name} <span className="muted">({entry.stakeholder.kind})</span>
          </h3>
          <ul>
            {entry.inputs.map((input, i) => (
              <li key={i}>
                <p>
                  <strong>
                    {inputKindLabels[input.kind]}, {formatDate(input.heardOn)}
                    {input.source ? ` (${input.source})` : ''}:
                  </strong>{' '}
                  {input.summary}
                </p>
                {input.shaped.length > 0 ? (
                  <p>
                    What we did with it: {input.shaped.map((s) => `${shapedKindLabels[s.kind]}: ${s.label}`).join('; ')}
                  </p>
                ) : (
                  <p className="muted">{notShapedWords(input)}</p>
                )}
              </li>
            ))}
          </ul>
        </article>
      ))}
    </section>
  );
}

function SharedPlanView({
  shared,
  token,
  measureReadings,
}: {
  shared: SharedPlan;
  token: string;
  measureReadings: SharedPlanPageProps['measureReadings'];
}) {
  useDocumentTitle(`${shared.plan.title} (${shared.plan.schoolYear})`);
  return (
    <article className={styles['shared']}>
      <header className={styles['shared__header']}>
        <p className={styles['shared__district']}>{shared.districtName}</p>
        <h1>{shared.plan.title}</h1>
        <p>
          Teacher-leadership plan for the {shared.plan.schoolYear} school year
          {shared.label ? ` · ${shared.label}` : ''}
        </p>
        {shared.plan.status === 'archived' ? (
          <p className="alert alert--info">
            {shared.plan.archivedOn
              ? `This plan was archived on ${formatDate(shared.plan.archivedOn)}.`
              : 'This plan is archived.'}
          </p>
        ) : null}
        <p className="muted">
          Read-only copy of the plan as it stood on {districtDateTime(shared.readAt, shared.districtTimeZone)}
          {shared.expiresOn ? `; this link works through ${formatDate(shared.expiresOn)}` : ''}.
        </p>
        <p className="no-print">
          <a className="button button--secondary" href={sharedPdfUrl(token)} download>
            Download the plan as PDF
          </a>
        </p>
      </header>
      {shared.dashboard ? <DashboardPart dashboard={shared.dashboard} /> : null}
      {shared.stages?.map((stage) => (
        <StagePart key={stage.key} stage={stage} shared={shared} />
      ))}
      {shared.measures ? (
        <MeasuresPart measures={shared.measures} readings={(m) => measureReadings(m, shared.plan.schoolYear)} />
      ) : null}
      {shared.roles ? <RolesPart roles={shared.roles} alignment={shared.alignment} /> : null}
      {shared.budget ? <BudgetPart budget={shared.budget} /> : null}
      {shared.trace ? <TracePart trace={shared.trace} total={shared.traceTotal ?? 0} /> : null}
      {shared.logicModel ? <LogicModelPart model={shared.logicModel} /> : null}
      {shared.plan.progress ? (
        <p className="muted">
          {countOf(shared.plan.progress.answeredQuestions, 'key question')} answered and{' '}
          {countOf(shared.plan.progress.doneActions, 'action')} done.
        </p>
      ) : null}
    </article>
  );
}

function LinkGone() {
  useDocumentTitle('This link no longer works');
  return (
    <div className={styles['shared__gone']}>
      <h1>This link no longer works</h1>
      <p>The link may have expired, or the district may have revoked it. Ask the district for a new link.</p>
    </div>
  );
}

interface SharedPlanPageProps {
  token: string;
  /** A measure's chart over the plan's school year and the table of its readings, composed by the route from the measures feature. */
  measureReadings: (measure: Measure, schoolYear: string) => ReactNode;
}

/** /shared/:token: the plan a share link shows, read only, for a board member with no account. */
export function SharedPlanPage({ token, measureReadings }: SharedPlanPageProps) {
  const shared = useSharedPlan(token);
  if (shared.isPending) return <LoadingState label="Loading the plan…" />;
  if (shared.isError) {
    if (isApiError(shared.error) && [400, 404].includes(shared.error.status)) return <LinkGone />;
    return (
      <ErrorPage
        title="The plan could not be loaded"
        message={isApiError(shared.error) ? shared.error.detail : 'Try again in a moment.'}
        action={
          <button type="button" className="button button--primary" onClick={() => void shared.refetch()}>
            Try again
          </button>
        }
      />
    );
  }
  return <SharedPlanView shared={shared.data} token={token} measureReadings={measureReadings} />;
}
