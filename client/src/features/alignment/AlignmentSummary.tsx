import { useId } from 'react';
import { Link } from 'react-router';
import {
  alignmentFactorLabels,
  alignmentFactors,
  factorCounts,
  factorStateLabels,
  factorStateReportLabels,
} from '@planner/shared/alignment';
import { LoadError } from '../../components/LoadError';
import { LoadingState } from '../../components/LoadingState';
import { ScrollRegion } from '../../components/ScrollRegion';
import { usePlanAlignment } from './plan-alignment';
import { FactorState } from './RoleAlignmentSection';
import styles from './alignment.module.css';

interface AlignmentSummaryProps {
  planId: string;
  roleHref: (roleId: string) => string;
  /** Whether the person may answer the factors the fields leave open: if not, nothing asks them to. */
  canAnswer: boolean;
}

/** The roles summary's alignment: the standards' domains the roles serve, and each role's factors. */
export function AlignmentSummary({ planId, roleHref, canAnswer }: AlignmentSummaryProps) {
  const headingId = useId();
  const query = usePlanAlignment(planId);
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Framework alignment</h2>
      {query.isPending ? <LoadingState label="Checking the roles against the frameworks…" /> : null}
      {query.isError ? <LoadError title="The framework alignment could not be loaded" query={query} /> : null}
      {query.isSuccess ? (
        <>
          <h3>Teacher Leader Model Standards</h3>
          <p>
            {query.data.uncoveredDomains.length === 0
              ? 'Every domain is served by at least one role.'
              : `No role serves ${query.data.uncoveredDomains.length === 1 ? 'domain' : 'domains'} ${query.data.uncoveredDomains.join(', ')}. Tag a responsibility of a role with a domain to serve it.`}
          </p>
          <ScrollRegion label="Teacher Leader Model Standards served by the roles">
            <table className="data-table">
              <caption>How many roles and responsibilities serve each domain</caption>
              <thead>
                <tr>
                  <th scope="col">Domain</th>
                  <th scope="col" className="data-table__number">
                    Roles
                  </th>
                  <th scope="col" className="data-table__number">
                    Responsibilities
                  </th>
                </tr>
              </thead>
              <tbody>
                {query.data.domains.map((d) => {
                  const most = Math.max(1, ...query.data.domains.map((x) => x.responsibilities));
                  return (
                    <tr key={d.number}>
                      <th scope="row">
                        {d.number}. {d.title}
                      </th>
                      <td className="data-table__number">{d.roles}</td>
                      <td className={styles['bar-cell']}>
                        <span className={styles['bar-value']}>{d.responsibilities}</span>
                        {/* The number is the text; the bar only draws it. */}
                        <span
                          aria-hidden="true"
                          className={`${styles['bar']}${d.responsibilities === 0 ? ` ${styles['bar--none']}` : ''}`}
                          style={{ width: `${Math.round((d.responsibilities / most) * 100)}%` }}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
          <h3>High-impact role factors</h3>
          {query.data.roles.length === 0 ? (
            <p className="muted">No roles yet.</p>
          ) : (
            <ScrollRegion label="Each role against the high-impact factors">
              <table className="data-table">
                <caption>Each role against Opportunity Culture’s principles and Public Impact’s factors</caption>
                <thead>
                  <tr>
                    <th scope="col">Role</th>
                    {alignmentFactors.map((f) => (
                      <th key={f} scope="col">
                        {alignmentFactorLabels[f]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {query.data.roles.map((r) => (
                    <tr key={r.roleId}>
                      <th scope="row">
                        <Link to={roleHref(r.roleId)}>{r.title}</Link>
                        <span className="muted">
                          <br />
                          {factorCounts(r, canAnswer ? factorStateLabels : factorStateReportLabels)}
                        </span>
                      </th>
                      {r.factors.map((f) => (
                        <td key={f.factor}>
                          <FactorState state={f.state} canAnswer={canAnswer} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </>
      ) : null}
    </section>
  );
}
