import type { Executor } from '../../db/knex';

/** The readiness feature owns `readiness_ratings`. */

export interface RatingRow {
  id: string;
  plan_id: string;
  school_id: string | null;
  indicator_key: string;
  rating: number | null;
  evidence: string;
  previous_rating: number | null;
  previous_evidence: string;
  action_id: string | null;
  version: number;
  updated_by: string | null;
  updated_at: Date | string;
}

const columns = [
  'id',
  'plan_id',
  'school_id',
  'indicator_key',
  'rating',
  'evidence',
  'previous_rating',
  'previous_evidence',
  'action_id',
  'version',
  'updated_by',
  'updated_at',
];

/** A plan's ratings: the district's first, then by school and indicator. */
export function listRatings(db: Executor, districtId: string, planId: string): Promise<RatingRow[]> {
  return db('readiness_ratings')
    .select(columns)
    .where({ district_id: districtId, plan_id: planId })
    .orderByRaw('school_id nulls first, indicator_key');
}

export function findRating(
  db: Executor,
  districtId: string,
  planId: string,
  id: string,
): Promise<RatingRow | undefined> {
  return db('readiness_ratings').select(columns).where({ district_id: districtId, plan_id: planId, id }).first();
}

/** The rating of one indicator for one scope (the district is the null school), if it has one. */
export function findForScope(
  db: Executor,
  districtId: string,
  planId: string,
  scope: { schoolId: string | null; indicatorKey: string },
): Promise<RatingRow | undefined> {
  return db('readiness_ratings')
    .select(columns)
    .where({ district_id: districtId, plan_id: planId, school_id: scope.schoolId, indicator_key: scope.indicatorKey })
    .first();
}

/** The rating, locked until the transaction ends (two clicks on "make an action" make one action). */
export function lockRating(
  db: Executor,
  districtId: string,
  planId: string,
  id: string,
): Promise<RatingRow | undefined> {
  return db('readiness_ratings')
    .select(columns)
    .where({ district_id: districtId, plan_id: planId, id })
    .forUpdate()
    .first();
}

export async function insertRating(db: Executor, row: Record<string, unknown>): Promise<RatingRow> {
  const [created] = (await db('readiness_ratings').insert(row).returning(columns)) as RatingRow[];
  return created!;
}

export async function updateRating(
  db: Executor,
  where: { districtId: string; planId: string; id: string; version: number },
  changes: Record<string, unknown>,
): Promise<RatingRow | undefined> {
  const [row] = (await db('readiness_ratings')
    .where({ district_id: where.districtId, plan_id: where.planId, id: where.id, version: where.version })
    .update({ ...changes, version: db.raw('version + 1'), updated_at: db.fn.now() })
    .returning(columns)) as RatingRow[];
  return row;
}

/** Links each rating back to its action (brought back from the history), only while the rating has none. */
export async function relinkActions(
  db: Executor,
  districtId: string,
  planId: string,
  links: { ratingId: string; actionId: string }[],
): Promise<void> {
  for (const { ratingId, actionId } of links) {
    await db('readiness_ratings')
      .where({ district_id: districtId, plan_id: planId, id: ratingId })
      .whereNull('action_id')
      .update({ action_id: actionId, version: db.raw('version + 1') });
  }
}

/**
 * A copy for the next school year: each rating given becomes last year's rating of a fresh row, with no
 * rating yet for this year and no action (last year's action is last year's).
 */
export async function copyRatings(
  db: Executor,
  districtId: string,
  fromPlanId: string,
  toPlanId: string,
): Promise<void> {
  await db.raw(
    `insert into readiness_ratings (district_id, plan_id, school_id, indicator_key, previous_rating, previous_evidence)
     select district_id, ?, school_id, indicator_key, rating, evidence
       from readiness_ratings
      where district_id = ? and plan_id = ? and rating is not null`,
    [toPlanId, districtId, fromPlanId],
  );
}
