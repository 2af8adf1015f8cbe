import {
  alignmentFactorLabels,
  factorCounts,
  factorStateReportLabels,
  type RoleAlignment,
} from '@planner/shared/alignment';
import { entryPlace, linkWords, noLinksWords } from '@planner/shared/logic-model';
import { misstepsForReading, misstepStatusLabels, type Misstep } from '@planner/shared/misstep';
import { readinessReport } from '@planner/shared/readiness';
import type { PlanStage } from '@planner/shared/plan';
import type { SharedPlan, SharedReadiness } from '@planner/shared/share-link';
import { ScrollRegion } from '../../components/ScrollRegion';
import styles from './share-links.module.css';

// What a share link shows beside the stages and roles, in the words and order of the plan's PDF.

/** A stage's missteps to avoid, those happening first. */
export function StageMisstepsPart({ missteps, stage }: { missteps: readonly Misstep[]; stage: PlanStage }) {
  const ofStage = misstepsForReading(missteps, stage.key);
  return (
    <>
      <h3>Missteps to avoid</h3>
      {ofStage.length === 0 ? (
        <p className="muted">No missteps to avoid listed yet.</p>
      ) : (
        <ScrollRegion label={`Missteps to avoid in stage ${String(stage.order)}`}>
          <table className="data-table">
            <caption className="visually-hidden">Missteps to avoid in stage {stage.order}</caption>
            <thead>
              <tr>
                <th scope="col">Misstep</th>
                <th scope="col">Status</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {ofStage.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.text}</th>
                  <td>{misstepStatusLabels[m.status]}</td>
                  <td>{m.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}

/** Stage 2's readiness self-assessment: each rated scope's average per domain. */
export function ReadinessPart({ readiness }: { readiness: readonly SharedReadiness[] }) {
  const report = readinessReport(readiness);
  return (
    <>
      <h3>Readiness self-assessment</h3>
      {readiness.length === 0 ? (
        <p className="muted">Not rated yet.</p>
      ) : (
        <>
          <p>{report.intro}</p>
          <ScrollRegion label="Readiness by domain">
            <table className="data-table">
              <caption className="visually-hidden">Readiness self-assessment by domain</caption>
              <thead>
                <tr>
                  {report.columns.map((column) => (
                    <th scope="col" key={column}>
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.rows.map(([scope, ...cells]) => (
                  <tr key={scope}>
                    <th scope="row">{scope}</th>
                    {cells.map((cell, i) => (
                      <td key={i}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </>
  );
}

/** One role's factors: met, not met or waiting for the district's answer, each with why. */
export function RoleAlignmentPart({ result }: { result: RoleAlignment }) {
  return (
    <ScrollRegion label={`How ${result.title} aligns`}>
      <table className="data-table">
        <caption>
          {result.title} against Opportunity Culture’s principles and high-impact factors:{' '}
          {factorCounts(result, factorStateReportLabels)}
        </caption>
        <thead>
          <tr>
            <th scope="col">Factor</th>
            <th scope="col">Result</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {result.factors.map((f) => (
            <tr key={f.factor}>
              <th scope="row">{alignmentFactorLabels[f.factor]}</th>
              <td>{factorStateReportLabels[f.state]}</td>
              <td>{f.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** The Teacher Leader Model Standards the approved roles serve. */
export function StandardsServedPart({ alignment }: { alignment: NonNullable<SharedPlan['alignment']> }) {
  return (
    <>
      <h3>Teacher Leader Model Standards served</h3>
      <ScrollRegion label="Teacher Leader Model Standards served">
        <table className="data-table">
          <caption className="visually-hidden">Teacher Leader Model Standards served by the approved roles</caption>
          <thead>
            <tr>
              <th scope="col">Domain</th>
              <th scope="col">Roles</th>
              <th scope="col">Responsibilities</th>
            </tr>
          </thead>
          <tbody>
            {alignment.domains.map((d) => (
              <tr key={d.number}>
                <th scope="row">
                  {d.number}. {d.title}
                </th>
                <td>{d.roles}</td>
                <td>{d.responsibilities}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <p>
        {alignment.uncoveredDomains.length === 0
          ? 'Every domain is served by at least one role.'
          : `No role serves domain ${alignment.uncoveredDomains.join(', ')}.`}
      </p>
    </>
  );
}

/** The logic model: the problem and the goal, then its entries in the chain's order with what they link to. */
export function LogicModelPart({ model }: { model: NonNullable<SharedPlan['logicModel']> }) {
  const { canvas, entries } = model;
  return (
    <section className={styles['shared__section']} aria-labelledby="shared-logic-model">
      <h2 id="shared-logic-model">Logic model</h2>
      <dl className={styles['shared__answers']}>
        <div>
          <dt>Problem statement</dt>
          <dd className="answer-text">
            {canvas.problemStatement.trim() || <span className="muted">Not written yet.</span>}
          </dd>
        </div>
        <div>
          <dt>Goal</dt>
          <dd className="answer-text">{canvas.goal.trim() || <span className="muted">Not written yet.</span>}</dd>
        </div>
      </dl>
      {entries.length === 0 ? (
        <p className="muted">No inputs, activities, outputs or outcomes yet.</p>
      ) : (
        <ScrollRegion label="Logic model entries">
          <table className="data-table">
            <caption className="visually-hidden">Logic model entries, in the chain’s order</caption>
            <thead>
              <tr>
                <th scope="col">Entry</th>
                <th scope="col">Part of the model</th>
                <th scope="col">Linked to</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <th scope="row">{entry.text}</th>
                  <td>{entryPlace(entry)}</td>
                  <td>
                    {entry.links.length === 0 ? (
                      <span className="muted">{noLinksWords(entry)}</span>
                    ) : (
                      <ul className={styles['shared__links']}>
                        {entry.links.map((link) => (
                          <li key={`${link.kind}:${link.id}`}>{linkWords(link)}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
