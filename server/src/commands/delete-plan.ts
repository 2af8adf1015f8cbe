import type { PlanContents } from '@planner/shared/plan';
import { plainTableNames, stageTables } from '@planner/shared/stage-tables';
import { withoutHistory } from '../db/history-context';
import type { Db, Executor } from '../db/knex';
import { countComments } from '../features/comments/service';
import { countChangesOf, deleteHistoryOf } from '../features/history/service';
import { versionConflict } from '../http/app-error';
import type { SignedInUser } from '../http/auth';
import { countReadingsOf } from '../features/measures/service';
import { countWorksheet, deletePlan, lockPlanForDelete, planOrNotFound } from '../features/plans/service';
import { countRoles } from '../features/roles/service';
import { countTables } from '../features/stage-tables/service';

/** Everything that deleting the plan removes, counted, read in one snapshot. */
export async function planContents(db: Db, user: SignedInUser, planId: string): Promise<PlanContents> {
  return db.transaction(
    async (trx) => {
      await planOrNotFound(trx, user.districtId, planId);
      return countContents(trx, user, planId);
    },
    { isolationLevel: 'repeatable read', readOnly: true },
  );
}

/** The counts, with the revision they were read at; in one snapshot, or under the plan's lock. */
async function countContents(trx: Executor, user: SignedInUser, planId: string): Promise<PlanContents> {
  const worksheet = await countWorksheet(trx, user.districtId, planId);
  const tables = await countTables(trx, user.districtId, planId);
  const readings = await countReadingsOf(trx, user.districtId, planId);
  const roles = await countRoles(trx, user.districtId, planId);
  const comments = await countComments(trx, user.districtId, planId);
  const changes = await countChangesOf(trx, user.districtId, planId);
  return {
    answeredQuestions: worksheet.answered,
    ownQuestions: worksheet.own_questions,
    actions: worksheet.actions,
    tableRows: plainTableNames.map((name) => ({ table: name, title: stageTables[name].title, rows: tables[name] })),
    measures: tables.measures,
    readings,
    roles: roles.roles,
    reviewDecisions: roles.reviews,
    comments: comments.comments,
    revision: changes + comments.revision,
  };
}

/**
 * Removes the plan as the person confirmed it (`revision`, from its contents); its worksheets, tables,
 * readings, roles and their reviews go with it by cascade, and so does its history (not recorded row by
 * row: the plan itself is gone). A plan saved to since answers 409 with what it holds now, and stays.
 *
 * The revision is the count of the plan's history rather than the document's counters (migration 019):
 * those leave out roles and their reviews, which go with the plan too. Comments are not in the history:
 * their versions are added to it.
 */
export async function removePlan(db: Db, user: SignedInUser, planId: string, revision: number): Promise<void> {
  await db.transaction(async (trx) => {
    // Adds that count under the plan's lock wait for the delete, and so do rows of the plan's own tables
    // being written (their reference to the plan holds a lock this one waits for, then keeps out): the
    // counts below are the last committed.
    await lockPlanForDelete(trx, user.districtId, planId);
    const now = await countContents(trx, user, planId);
    if (now.revision !== revision) {
      throw versionConflict(
        'plan',
        now,
        'The plan changed after you counted what it holds, so nothing was deleted. Check what it holds now.',
      );
    }
    await withoutHistory(trx);
    await deletePlan(trx, user.districtId, planId);
    await deleteHistoryOf(trx, user.districtId, planId);
  });
}
