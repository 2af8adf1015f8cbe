import type { Plan } from '@planner/shared/plan';
import type { Executor } from '../db/knex';
import { readTogether } from '../db/read-together';
import { planRevisionQuery } from './plan-revision';
import { measureQueries, measuresRead } from '../features/measures/service';
import { planDocumentReads, planHeadFrom } from '../features/plans/service';
import { plainTablesJsonQuery } from '../features/stage-tables/service';

/**
 * The whole plan document as the API answers it, in one statement whatever the plan's size: the plan's
 * fields, progress and measures (with readings and status) presented here; its
 * stages, questions, answers, actions and plain stage tables (the bulk of it) as JSON Postgres builds, put
 * in as they come, neither parsed nor written again. With it, the plan's revision as that statement saw it (plan-document.ts keeps
 * the document by it).
 */
export async function readPlanJson(
  db: Executor,
  districtId: string,
  planId: string,
): Promise<{ json: string; revision: number }> {
  const own = planDocumentReads(db, districtId, planId);
  const read = await readTogether(
    db,
    {
      ...own.queries,
      ...measureQueries(db, districtId, planId),
      revision: planRevisionQuery(db, districtId, planId),
    },
    { ...own.documents, tablesJson: plainTablesJsonQuery(db, districtId, planId) },
  );
  const head = JSON.stringify(planHeadFrom(read));
  const measures = JSON.stringify(measuresRead(read));
  return {
    // `{...head, stages, tables: {...plain tables, measures}}`, as text.
    json: `${head.slice(0, -1)},"stages":${read.stagesJson},"tables":${read.tablesJson.slice(0, -1)},"measures":${measures}}}`,
    revision: Number(read.revision[0]!.revision),
  };
}

/** The whole plan document as an object, for what reads it on the server (exports, copies, share links). */
export async function loadPlan(db: Executor, districtId: string, planId: string): Promise<Plan> {
  return JSON.parse((await readPlanJson(db, districtId, planId)).json) as Plan;
}
