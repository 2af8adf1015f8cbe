import type { ReadinessRating } from '@planner/shared/readiness';
import { toIsoDateTime } from '../../db/values';
import type { RatingRow } from './repo';

/** A rating as the API answers it; `names` holds the people who rated, by id. */
export function presentRating(row: RatingRow, names: ReadonlyMap<string, string>): ReadinessRating {
  const rated = row.rating !== null;
  return {
    id: row.id,
    schoolId: row.school_id,
    indicatorKey: row.indicator_key as ReadinessRating['indicatorKey'],
    rating: row.rating,
    evidence: row.evidence,
    previousRating: row.previous_rating,
    previousEvidence: row.previous_evidence,
    actionId: row.action_id,
    ratedBy:
      rated && row.updated_by ? { id: row.updated_by, name: names.get(row.updated_by) ?? 'A former user' } : null,
    ratedAt: rated ? toIsoDateTime(row.updated_at) : null,
    version: row.version,
    updatedAt: toIsoDateTime(row.updated_at),
  };
}
