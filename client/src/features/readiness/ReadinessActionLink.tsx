import { Link } from 'react-router';
import { readinessIndicator, readinessLevelLabels, type ReadinessLevel } from '@planner/shared/readiness';
import { useReadiness } from './readiness';

/** On an action made from a readiness rating: which rating it came from, linking back to the assessment. */
export function ReadinessActionLink({ planId, actionId, href }: { planId: string; actionId: string; href: string }) {
  const readiness = useReadiness(planId);
  const rating = readiness.data?.ratings.find((r) => r.actionId === actionId);
  if (!rating || !readiness.data) return null;
  const scope =
    rating.schoolId === null
      ? 'the district'
      : (readiness.data.schools.find((s) => s.id === rating.schoolId)?.name ?? 'a school');
  const level =
    rating.rating === null
      ? 'not rated this year'
      : `rated ${String(rating.rating)}, ${readinessLevelLabels[rating.rating as ReadinessLevel]}`;
  return (
    <p className="field__hint">
      From the readiness self-assessment:{' '}
      <Link to={href}>
        {readinessIndicator(rating.indicatorKey)?.title} ({scope}, {level})
      </Link>
    </p>
  );
}
