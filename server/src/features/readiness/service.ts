import type { HighImpactAction } from '@planner/shared/plan';
import { limits } from '@planner/shared/plan';
import {
  domainScores,
  isLowRating,
  readinessActionStage,
  readinessActionText,
  readinessIndicator,
  type CreateReadinessRating,
  type Readiness,
  type ReadinessRating,
  type UpdateReadinessRating,
} from '@planner/shared/readiness';
import { setActor } from '../../db/history-context';
import type { Executor } from '../../db/knex';
import { AppError, invalidInput, notFound, versionConflict } from '../../http/app-error';
import type { SignedInUser } from '../../http/auth';
import { addAction, hasRoomForOwnItems, lockPlanOrNotFound, planOrNotFound } from '../plans/service';
import { schoolsOfDistrict } from '../schools/service';
import { namesOf } from '../users/service';
import { presentRating } from './presenter';
import * as repo from './repo';

async function present(db: Executor, districtId: string, rows: repo.RatingRow[]): Promise<ReadinessRating[]> {
  const names = await namesOf(
    db,
    districtId,
    rows.flatMap((r) => r.updated_by ?? []),
  );
  return rows.map((row) => presentRating(row, names));
}

/** The schools the person may rate: an admin any active school, a principal the active schools they lead. */
function rateableSchoolIds(user: SignedInUser, schools: Awaited<ReturnType<typeof schoolsOfDistrict>>): string[] {
  if (user.role === 'viewer') return [];
  return schools
    .filter((s) => !s.archived && (user.role === 'district_admin' || s.principals.some((p) => p.id === user.id)))
    .map((s) => s.id);
}

/** The plan's self-assessment: its ratings, the schools they are of, and what the person may rate. */
export async function readinessOf(db: Executor, user: SignedInUser, planId: string): Promise<Readiness> {
  await planOrNotFound(db, user.districtId, planId);
  const rows = await repo.listRatings(db, user.districtId, planId);
  const schools = await schoolsOfDistrict(db, user.districtId);
  const rated = new Set(rows.map((r) => r.school_id));
  return {
    // An archived school keeps its ratings: it stays in the results where it has any.
    schools: schools
      .filter((s) => !s.archived || rated.has(s.id))
      .map((s) => ({ id: s.id, name: s.name, archived: s.archived })),
    ratings: await present(db, user.districtId, rows),
    canRate: { district: user.role === 'district_admin', schoolIds: rateableSchoolIds(user, schools) },
  };
}

/** Who may rate a scope: admins the district and any school, principals only their own schools. */
async function assertMayRate(db: Executor, user: SignedInUser, schoolId: string | null, creating: boolean) {
  if (schoolId === null) {
    if (user.role !== 'district_admin') {
      throw new AppError('forbidden', 'Only a district administrator rates the district as a whole.');
    }
    return;
  }
  const schools = await schoolsOfDistrict(db, user.districtId);
  const school = schools.find((s) => s.id === schoolId);
  if (!school) {
    throw invalidInput([{ in: 'body', field: 'schoolId', message: 'is not a school of your district' }]);
  }
  if (creating && school.archived) {
    throw invalidInput([{ in: 'body', field: 'schoolId', message: `${school.name} is archived` }]);
  }
  if (!rateableSchoolIds(user, schools).includes(schoolId) && !(school.archived && user.role === 'district_admin')) {
    throw new AppError('forbidden', `Only ${school.name}'s principal or a district administrator rates this school.`);
  }
}

export async function createRating(
  db: Executor,
  user: SignedInUser,
  planId: string,
  input: CreateReadinessRating,
): Promise<ReadinessRating> {
  return db.transaction(async (trx) => {
    await setActor(trx, user.id);
    await lockPlanOrNotFound(trx, user.districtId, planId);
    await assertMayRate(trx, user, input.schoolId, true);
    // Someone rated it first (the plan's lock orders the two): theirs is the rating to compare with.
    const existing = await repo.findForScope(trx, user.districtId, planId, input);
    if (existing) throw versionConflict('rating', (await present(trx, user.districtId, [existing]))[0]);
    const row = await repo.insertRating(trx, {
      district_id: user.districtId,
      plan_id: planId,
      school_id: input.schoolId,
      indicator_key: input.indicatorKey,
      rating: input.rating,
      evidence: input.evidence,
      updated_by: user.id,
    });
    return (await present(trx, user.districtId, [row]))[0]!;
  });
}

async function ratingOrNotFound(db: Executor, user: SignedInUser, planId: string, ratingId: string) {
  await planOrNotFound(db, user.districtId, planId);
  const row = await repo.findRating(db, user.districtId, planId, ratingId);
  if (!row) throw notFound('The rating');
  return row;
}

export async function updateRating(
  db: Executor,
  user: SignedInUser,
  planId: string,
  ratingId: string,
  input: UpdateReadinessRating,
): Promise<ReadinessRating> {
  const current = await ratingOrNotFound(db, user, planId, ratingId);
  await assertMayRate(db, user, current.school_id, false);
  if (current.rating === null && input.rating === undefined) {
    throw invalidInput([{ in: 'body', field: 'rating', message: "is required: give this year's rating" }]);
  }
  // Cleared (rating null): this year's rating goes with its evidence; last year's and the action stay.
  const cleared = input.rating === null;
  const saved = await repo.updateRating(
    db,
    { districtId: user.districtId, planId, id: ratingId, version: input.version },
    { rating: input.rating, evidence: cleared ? '' : input.evidence, updated_by: user.id },
  );
  if (saved) return (await present(db, user.districtId, [saved]))[0]!;
  // Read again: the save that made this one stale may have committed after `current` was read.
  const now = await ratingOrNotFound(db, user, planId, ratingId);
  throw versionConflict('rating', (await present(db, user.districtId, [now]))[0]);
}

/**
 * A low rating as a high-impact action of stage 2, in one transaction: the action names the indicator and
 * who was rated, carries the evidence in its notes, and the rating keeps the link to it.
 */
export async function makeAction(
  db: Executor,
  user: SignedInUser,
  planId: string,
  ratingId: string,
): Promise<{ action: HighImpactAction; rating: ReadinessRating }> {
  return db.transaction(async (trx) => {
    await setActor(trx, user.id);
    await lockPlanOrNotFound(trx, user.districtId, planId);
    const row = await repo.lockRating(trx, user.districtId, planId, ratingId);
    if (!row) throw notFound('The rating');
    if (row.action_id !== null) throw new AppError('conflict', 'This rating has an action already.');
    if (!isLowRating(row.rating)) {
      throw new AppError('conflict', 'Only a rating of 1 or 2 becomes an action.');
    }
    const scopeName =
      row.school_id === null
        ? 'the district'
        : ((await schoolsOfDistrict(trx, user.districtId)).find((s) => s.id === row.school_id)?.name ?? 'a school');
    // The request has no body: the cap is said of the plan, not of a field the person could correct.
    if (!(await hasRoomForOwnItems(trx, user.districtId, planId))) {
      throw new AppError(
        'conflict',
        `A plan holds at most ${limits.customItemsPerPlan} questions and actions of its own: remove one to make this rating an action.`,
      );
    }
    const indicator = readinessIndicator(row.indicator_key);
    const action = await addAction(trx, user, planId, {
      stageKey: readinessActionStage,
      text: readinessActionText(row.indicator_key, scopeName, row.rating!),
      notes: [indicator?.help ?? '', row.evidence ? `Evidence: ${row.evidence}` : ''].filter(Boolean).join('\n'),
    });
    const linked = await repo.updateRating(
      trx,
      { districtId: user.districtId, planId, id: ratingId, version: row.version },
      { action_id: action.id },
    );
    return { action, rating: (await present(trx, user.districtId, [linked!]))[0]! };
  });
}

/** Into a copy for the next school year: this year's ratings as last year's, to compare against. */
export const copyReadiness = repo.copyRatings;

export const relinkActions = repo.relinkActions;

/** The words of a plan's ratings for the history and comments: indicator and scope, by rating id. */
export async function ratingLabelsOf(db: Executor, districtId: string, planId: string): Promise<Map<string, string>> {
  const rows = await repo.listRatings(db, districtId, planId);
  const schools = new Map((await schoolsOfDistrict(db, districtId)).map((s) => [s.id, s.name]));
  return new Map(rows.map((r) => [r.id, ratingLabel(r.indicator_key, r.school_id, schools)]));
}

/** "Readiness: Protected time to lead (Lakeview Middle)". */
export function ratingLabel(indicatorKey: string, schoolId: string | null, schools: ReadonlyMap<string, string>) {
  const scope = schoolId === null ? 'the district' : (schools.get(schoolId) ?? 'a removed school');
  return `Readiness: ${readinessIndicator(indicatorKey)?.title ?? indicatorKey} (${scope})`;
}

/** A rating as the subject of a comment thread: its words, its stage (2), who rated it; none when not of the plan. */
export async function ratingSubjectOf(
  db: Executor,
  districtId: string,
  planId: string,
  ratingId: string,
): Promise<{ label: string; stageKey: string; writtenBy: string | null } | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(ratingId)) return undefined;
  const row = await repo.findRating(db, districtId, planId, ratingId);
  if (!row) return undefined;
  const schools = new Map((await schoolsOfDistrict(db, districtId)).map((s) => [s.id, s.name]));
  return {
    label: ratingLabel(row.indicator_key, row.school_id, schools),
    stageKey: readinessActionStage,
    writtenBy: row.updated_by,
  };
}

/** Each rated scope of a plan (the district first, then schools by name) with its domain averages, for exports. */
export async function readinessScoresOf(
  db: Executor,
  districtId: string,
  planId: string,
): Promise<{ scope: string; scores: ReturnType<typeof domainScores> }[]> {
  const rows = await repo.listRatings(db, districtId, planId);
  if (rows.length === 0) return [];
  const schools = await schoolsOfDistrict(db, districtId);
  const scopes = [
    { id: null as string | null, name: 'The district' },
    ...schools.map((s) => ({ id: s.id as string | null, name: s.archived ? `${s.name} (archived)` : s.name })),
  ];
  return scopes
    .map((scope) => ({ scope, rows: rows.filter((r) => r.school_id === scope.id) }))
    .filter((s) => s.rows.length > 0)
    .map((s) => ({
      scope: s.scope.name,
      scores: domainScores(
        s.rows.map((r) => ({ indicatorKey: r.indicator_key, rating: r.rating, previousRating: r.previous_rating })),
      ),
    }));
}
