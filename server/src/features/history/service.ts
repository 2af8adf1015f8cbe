import type { HistoryPage, HistoryQuery } from '@planner/shared/history';
import type { Executor } from '../../db/knex';
import type { SignedInUser } from '../../http/auth';
import { planOrNotFound } from '../plans/service';
import { roleTitlesOf } from '../roles/service';
import { schoolsOfDistrict } from '../schools/service';
import { rowsOf } from '../stage-tables/service';
import { namesOf } from '../users/service';
import { presentChange, type Lookups } from './presenter';
import * as repo from './repo';

export type { ChangeRow } from './repo';

const idsIn = (rows: repo.ChangeRow[], column: string) =>
  rows.flatMap((r) => [r.before?.[column], r.after?.[column]]).filter((v): v is string => typeof v === 'string');

/** What names the changes of a page need, loaded only for the kinds of item the page holds. */
async function lookupsFor(db: Executor, districtId: string, planId: string, rows: repo.ChangeRow[]): Promise<Lookups> {
  const has = (...tables: string[]) => rows.some((r) => tables.includes(r.item_table));
  const none = new Map<string, string>();
  const rowNames = async (name: 'priorities' | 'measures', field: string) =>
    new Map((await rowsOf(db, districtId, name, planId)).map((r) => [r.id, String(r[field] ?? '')]));
  return {
    people: await namesOf(db, districtId, [...rows.flatMap((r) => r.actor_id ?? []), ...idsIn(rows, 'owner_user_id')]),
    schools: has('plan_role_schools', 'readiness_ratings')
      ? new Map((await schoolsOfDistrict(db, districtId)).map((s) => [s.id, s.name]))
      : none,
    priorities: has('plan_role_priorities') ? await rowNames('priorities', 'title') : none,
    measures: has('plan_role_measures', 'plan_measure_readings') ? await rowNames('measures', 'name') : none,
    roles: has('plan_role_schools', 'plan_role_priorities', 'plan_role_measures', 'plan_role_alignment_answers')
      ? await roleTitlesOf(db, districtId, planId)
      : none,
  };
}

/** The plan's history, newest first, filtered and a page at a time. */
export async function historyOf(
  db: Executor,
  user: SignedInUser,
  planId: string,
  query: HistoryQuery,
): Promise<HistoryPage> {
  await planOrNotFound(db, user.districtId, planId);
  const rows = await repo.listChanges(db, user.districtId, planId, {
    ...query,
    limit: query.limit + 1,
    timeZone: user.districtTimeZone,
  });
  const page = rows.slice(0, query.limit);
  const lookups = await lookupsFor(db, user.districtId, planId, page);
  return {
    entries: page.map((row) => presentChange(row, lookups)),
    nextCursor: rows.length > query.limit ? String(page.at(-1)!.id) : null,
  };
}

export const findChange = repo.findChange;
export const listRemovedTogether = repo.listRemovedTogether;
export const listUpdatedTogether = repo.listUpdatedTogether;
export const listLastRemovals = repo.listLastRemovals;
export const deleteHistoryOf = repo.deleteHistoryOf;
export const countChangesOf = repo.countChangesOf;
export const lastArchivedAt = repo.lastArchivedAt;
export const reinsert = repo.reinsert;
