import type { PlanContents } from '@planner/shared/plan';
import { plainTableNames, stageTables } from '@planner/shared/stage-tables';
import { withoutHistory } from '../db/history-context';
import type { Db } from '../db/knex';
import { deleteHistoryOf } from '../features/history/service';
import type { SignedInUser } from '../http/auth';
import { countReadingsOf } from '../features/measures/service';
import { countWorksheet, deletePlan, planOrNotFound } from '../features/plans/service';
import { countRoles } from '../features/roles/service';
import { countTables } from '../features/stage-tables/service';

/** Everything that deleting the plan removes, counted, read in one snapshot. */
export async function planContents(db: Db, user: SignedInUser, planId: string): Promise<PlanContents> {
  return db.transaction(
    async (trx) => {
      await planOrNotFound(trx, user.districtId, planId);
      const worksheet = await countWorksheet(trx, user.districtId, planId);
      const tables = await countTables(trx, user.districtId, planId);
      const readings = await countReadingsOf(trx, user.districtId, planId);
      const roles = await countRoles(trx, user.districtId, planId);
      return {
        answeredQuestions: worksheet.answered,
        ownQuestions: worksheet.own_questions,
        actions: worksheet.actions,
        tableRows: plainTableNames.map((name) => ({ table: name, title: stageTables[name].title, rows: tables[name] })),
        measures: tables.measures,
        readings,
        roles: roles.roles,
        reviewDecisions: roles.reviews,
      };
    },
    { isolationLevel: 'repeatable read', readOnly: true },
  );
}

/**
 * Removes the plan; its worksheets, tables, readings, roles and their reviews go with it by cascade, and
 * so does its history (not recorded row by row: the plan itself is gone).
 */
export async function removePlan(db: Db, user: SignedInUser, planId: string): Promise<void> {
  await db.transaction(async (trx) => {
    await withoutHistory(trx);
    await deletePlan(trx, user.districtId, planId);
    await deleteHistoryOf(trx, user.districtId, planId);
  });
}
