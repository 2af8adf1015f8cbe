import { lazy, Suspense, useId, useState, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { formatNumber } from '@planner/shared/format';
import type { Plan } from '@planner/shared/plan';
import { domainScores, readinessDomains, type Readiness, type ReadinessRating } from '@planner/shared/readiness';
import { ScrollRegion } from '../../components/ScrollRegion';
import { useCurrentUser } from '../../lib/current-user';
import { usePlanIsArchived } from '../../lib/plan-editing';
import { useDocumentTitle } from '../../lib/use-document-title';
import { RatingForm, type RatingLinks } from './RatingForm';
import styles from './readiness.module.css';

// The chart library loads with this page only.
const ReadinessChart = lazy(() => import('./ReadinessChart').then((m) => ({ default: m.ReadinessChart })));

const districtScope = 'district';
const average = (value: number | null) => (value === null ? 'Not rated' : formatNumber(value));

interface Scope {
  key: string;
  schoolId: string | null;
  name: string;
}

/** Every scope's domain averages in one table: the district-wide view, and each school's. */
function ResultsTable({ readiness, scopes }: { readiness: Readiness; scopes: Scope[] }) {
  const withPrevious = readiness.ratings.some((r) => r.previousRating !== null);
  return (
    <ScrollRegion label="Average readiness rating per domain">
      <table className="data-table">
        <caption>Average rating per domain (1 to 4){withPrevious ? ', with last year’s in brackets' : ''}</caption>
        <thead>
          <tr>
            <th scope="col">Rated</th>
            {readinessDomains.map((d) => (
              <th key={d.key} scope="col" className="data-table__number">
                {d.title}
              </th>
            ))}
            <th scope="col" className="data-table__number">
              Rated low (1 or 2)
            </th>
          </tr>
        </thead>
        <tbody>
          {scopes.map((scope) => {
            const scores = domainScores(readiness.ratings.filter((r) => r.schoolId === scope.schoolId));
            return (
              <tr key={scope.key}>
                <th scope="row">{scope.name}</th>
                {scores.map((s) => (
                  <td key={s.domainKey} className="data-table__number">
                    {average(s.average)}
                    {withPrevious && s.previousAverage !== null ? ` (${formatNumber(s.previousAverage)})` : ''}
                  </td>
                ))}
                <td className="data-table__number">{scores.reduce((n, s) => n + s.low, 0)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

interface ReadinessPageProps {
  plan: Plan;
  readiness: Readiness;
  links: RatingLinks;
  /** Shown at the foot of a rating, such as its comments; `label` names it in words. */
  ratingFooter?: (rating: ReadinessRating, label: string) => ReactNode;
}

/** The readiness self-assessment: rate one scope's indicators; see every scope's results. */
export function ReadinessPage({ plan, readiness, links, ratingFooter }: ReadinessPageProps) {
  const { user } = useCurrentUser();
  const id = useId();
  useDocumentTitle(`Readiness – ${plan.title}`);
  const scopes: Scope[] = [
    { key: districtScope, schoolId: null, name: 'The district' },
    ...readiness.schools.map((s) => ({
      key: s.id,
      schoolId: s.id,
      name: s.archived ? `${s.name} (archived)` : s.name,
    })),
  ];
  const firstOwn = readiness.canRate.district ? districtScope : (readiness.canRate.schoolIds[0] ?? districtScope);
  // A link to a rating's comments (its id in the address's fragment) opens that rating's school.
  const { hash } = useLocation();
  const linked = readiness.ratings.find((r) => hash.endsWith(r.id));
  const [scopeKey, setScopeKey] = useState(linked ? (linked.schoolId ?? districtScope) : firstOwn);
  const scope = scopes.find((s) => s.key === scopeKey) ?? scopes[0]!;
  const archived = usePlanIsArchived();
  const canRate =
    !archived &&
    (scope.schoolId === null ? readiness.canRate.district : readiness.canRate.schoolIds.includes(scope.schoolId));
  const ratings = readiness.ratings.filter((r) => r.schoolId === scope.schoolId);
  const actions = new Map(plan.stages.flatMap((s) => s.actions.map((a) => [a.id, a.text])));

  return (
    <div className={styles['page']}>
      <h1>Readiness self-assessment</h1>
      <p className={styles['intro']}>
        The district and each school rate their readiness for teacher leadership in three domains (after the readiness
        tool of AIR’s Center on Great Teachers &amp; Leaders), from 1 (not in place) to 4 (fully in place), with the
        evidence for each. {user.role === 'principal' ? 'You rate the schools you lead. ' : ''}A rating of 1 or 2 can
        become a high-impact action of stage 2.
      </p>

      <section aria-labelledby={`${id}-results`} className={styles['section']}>
        <h2 id={`${id}-results`}>Results</h2>
        <div className={styles['results']}>
          <Suspense fallback={<p className="muted">Loading the chart…</p>}>
            <ReadinessChart scopeName={scope.name} scores={domainScores(ratings)} />
          </Suspense>
          <ResultsTable readiness={readiness} scopes={scopes} />
        </div>
      </section>

      <section aria-labelledby={`${id}-ratings`} className={styles['section']}>
        <h2 id={`${id}-ratings`}>Ratings of {scope.name}</h2>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-scope`}>
            Whose readiness
          </label>
          <select
            id={`${id}-scope`}
            className="field__input"
            value={scope.key}
            onChange={(event) => setScopeKey(event.target.value)}
          >
            {scopes.map((s) => (
              <option key={s.key} value={s.key}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        {!canRate ? (
          <p className="muted">
            {archived
              ? 'The plan is archived: its ratings can be read, not changed.'
              : user.role === 'viewer'
                ? 'You can read the ratings; district administrators and principals give them.'
                : scope.schoolId === null
                  ? 'District administrators rate the district as a whole.'
                  : 'This school is rated by its principal or a district administrator.'}
          </p>
        ) : null}
        {readinessDomains.map((domain) => (
          <section key={domain.key} aria-labelledby={`${id}-${domain.key}`} className={styles['domain']}>
            <h3 id={`${id}-${domain.key}`} className={styles['domain__title']}>
              {domain.title}
            </h3>
            {domain.indicators.map((indicator) => (
              <RatingForm
                key={`${scope.key}:${indicator.key}`}
                planId={plan.id}
                scope={scope.schoolId}
                scopeName={scope.name}
                indicator={indicator}
                rating={ratings.find((r) => r.indicatorKey === indicator.key)}
                canRate={canRate}
                canMakeAction={user.role === 'district_admin'}
                actionText={(actionId) => actions.get(actionId)}
                links={links}
                footer={ratingFooter}
              />
            ))}
          </section>
        ))}
      </section>
    </div>
  );
}
