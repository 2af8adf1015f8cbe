import type { OutputHorizon } from '@planner/shared/logic-model';
import type { BroughtBack, RestoreChange } from '@planner/shared/history';
import type { StageKey } from '@planner/shared/roadmap';
import { fieldsOf, stageTables, stageTableNames } from '@planner/shared/stage-tables';
import { sqlStateOf } from '../db/errors';
import { setActor } from '../db/history-context';
import type { Db, Executor } from '../db/knex';
import { snake } from '../db/columns';
import { AppError, invalidInput, notFound } from '../http/app-error';
import type { SignedInUser } from '../http/auth';
import {
  findChange,
  listRemovedTogether,
  listUpdatedTogether,
  reinsert,
  type ChangeRow,
} from '../features/history/service';
import { assertRoomForEntries, updateCanvas, updateEntry } from '../features/logic-model/service';
import { assertRoomForReadings, updateReading } from '../features/measures/service';
import { assertRoomForMissteps, updateMisstep } from '../features/missteps/service';
import { saveAnswer } from '../features/alignment/service';
import * as plans from '../features/plans/service';
import { relinkActions, updateRating as updateReadinessRating } from '../features/readiness/service';
import {
  assertRoomForRoles,
  roleFieldsOfRow,
  rolesReviewedSince,
  updateRole,
  withDecidedSchools,
} from '../features/roles/service';
import { assertRoomForRows, fieldsOfRow, plainRows, rowOrNotFound, updateRow } from '../features/stage-tables/service';
import { findUser, isActive } from '../features/users/service';
import { assertRoomForInputs, inputFieldsOfRow, updateInput } from '../features/stakeholder-inputs/service';
import { changePlan } from './update-plan';

const tableBySql = new Map(stageTableNames.map((name) => [`plan_${snake(name)}`, name]));

/** The order rows go back in: every parent before what refers to it. */
const restoreOrder = [
  'plan_questions',
  'plan_actions',
  ...stageTableNames.map((name) => `plan_${snake(name)}`),
  'plan_measure_readings',
  'plan_missteps',
  'plan_roles',
  'plan_role_alignment_answers',
  'plan_role_schools',
  'plan_role_priorities',
  'plan_role_measures',
  'plan_stakeholder_inputs',
  'role_reviews',
  'role_events',
  'plan_logic_model_entries',
];

/**
 * Refuses what would pass a cap once back, with the error a new item past it gets. Under the plan's lock,
 * as adds count, so that an add and a restore at once cannot both take the last place.
 */
async function assertRoomFor(trx: Executor, user: SignedInUser, planId: string, removed: ChangeRow[]): Promise<void> {
  const { districtId } = user;
  const rowsOf = (table: string) => removed.filter((r) => r.item_table === table).map((r) => r.before!);
  for (const name of stageTableNames) {
    const rows = rowsOf(`plan_${snake(name)}`);
    if (rows.length > 0) await assertRoomForRows(trx, districtId, name, planId, rows.length);
  }
  const readingsByMeasure = new Map<string, number>();
  for (const reading of rowsOf('plan_measure_readings')) {
    const measureId = String(reading.measure_id);
    readingsByMeasure.set(measureId, (readingsByMeasure.get(measureId) ?? 0) + 1);
  }
  for (const [measureId, readings] of readingsByMeasure) {
    await assertRoomForReadings(trx, districtId, measureId, readings);
  }
  const misstepsByStage = new Map<StageKey, number>();
  for (const misstep of rowsOf('plan_missteps')) {
    const stageKey = misstep.stage_key as StageKey;
    misstepsByStage.set(stageKey, (misstepsByStage.get(stageKey) ?? 0) + 1);
  }
  for (const [stageKey, missteps] of misstepsByStage) {
    await assertRoomForMissteps(trx, districtId, planId, stageKey, missteps);
  }
  const ownItems = [...rowsOf('plan_questions'), ...rowsOf('plan_actions')].filter((r) => r.template_key == null);
  if (ownItems.length > 0) {
    await plans.assertRoomForOwnItems(trx, districtId, planId, { adding: ownItems.length, field: '' });
  }
  const inputs = rowsOf('plan_stakeholder_inputs');
  if (inputs.length > 0) await assertRoomForInputs(trx, districtId, planId, inputs.length);
  const roles = rowsOf('plan_roles');
  if (roles.length > 0) await assertRoomForRoles(trx, districtId, planId, roles.length);
  const entries = rowsOf('plan_logic_model_entries');
  if (entries.length > 0) await assertRoomForEntries(trx, districtId, planId, entries.length);
}

const roleLinkTables = new Set(['plan_role_schools', 'plan_role_priorities', 'plan_role_measures']);

/**
 * The roles whose links to the item stay out: those reviewed since the removal (`rolesReviewedSince`), unless
 * the role itself comes back too, with its links as they were.
 */
async function rolesKeptAsReviewed(
  trx: Executor,
  user: SignedInUser,
  removed: ChangeRow[],
  removedAt: Date,
): Promise<BroughtBack['linksLeftOut']> {
  const returning = new Set(removed.filter((r) => r.item_table === 'plan_roles').map((r) => String(r.before!.id)));
  const linked = removed
    .filter((r) => roleLinkTables.has(r.item_table))
    .map((r) => String(r.before!.role_id))
    .filter((id) => !returning.has(id));
  const roles = await rolesReviewedSince(trx, user.districtId, [...new Set(linked)], removedAt);
  return roles.map((role) => ({
    roleId: role.id,
    roleTitle: role.title,
    roleStatus: role.status as 'in_review' | 'approved',
  }));
}

/**
 * Removing an action clears the link of the rating made into it (the database sets it null, a change of the
 * rating in the same transaction): it comes back with the action, unless the rating has another action since.
 */
async function relinkRatings(trx: Executor, user: SignedInUser, planId: string, txid: string, back: ChangeRow[]) {
  const actions = new Set(back.filter((r) => r.item_table === 'plan_actions').map((r) => String(r.before!.id)));
  if (actions.size === 0) return;
  const unlinked = (await listUpdatedTogether(trx, planId, txid, 'readiness_ratings')).filter(
    ({ before, after }) =>
      actions.has(String(before!.action_id)) &&
      Object.keys(before!).every((column) => column === 'action_id' || before![column] === after![column]) &&
      after!.action_id === null,
  );
  const links = unlinked.map((r) => ({ ratingId: r.item_id, actionId: String(r.before!.action_id) }));
  await relinkActions(trx, user.districtId, planId, links);
}

/**
 * Brings back a removed item with everything that went with it in the same transaction (and the links to it
 * that went), but for its links to roles reviewed since, which it names.
 */
async function bringBack(db: Db, user: SignedInUser, planId: string, change: ChangeRow): Promise<BroughtBack> {
  const removed = await listRemovedTogether(db, planId, change.txid);
  return db.transaction(async (trx) => {
    await setActor(trx, user.id);
    await plans.lockPlanOrNotFound(trx, user.districtId, planId);
    await assertRoomFor(trx, user, planId, removed);
    const linksLeftOut = await rolesKeptAsReviewed(trx, user, removed, change.created_at);
    const leftOut = new Set(linksLeftOut.map((l) => l.roleId));
    const back = removed.filter((r) => !(roleLinkTables.has(r.item_table) && leftOut.has(String(r.before!.role_id))));
    try {
      for (const table of restoreOrder) {
        const rows = back.filter((r) => r.item_table === table).map((r) => r.before!);
        await reinsert(
          trx,
          table,
          table === 'role_reviews' ? await withDecidedSchools(trx, user.districtId, rows) : rows,
        );
      }
    } catch (err) {
      if (sqlStateOf(err) === '23505') throw new AppError('conflict', 'It has been brought back already.');
      if (sqlStateOf(err) === '23503') {
        throw new AppError(
          'conflict',
          'What it belonged to has been removed since: bring that back first, from its own line of the history.',
        );
      }
      throw err;
    }
    await relinkRatings(trx, user, planId, change.txid, back);
    return { linksLeftOut };
  });
}

const linkAlone = () => new AppError('conflict', 'A link of a role comes back with its role, not on its own.');

/**
 * A version naming someone deactivated since (as owner, say) does not come back: the item's form would not
 * take them either. One the item names still is no change, and stays.
 */
async function assertPersonStillActive(
  db: Db,
  user: SignedInUser,
  person: { then: unknown; now: unknown; role: string; item: string },
): Promise<void> {
  if (typeof person.then !== 'string' || person.then === person.now) return;
  const then = await findUser(db, user.districtId, person.then);
  if (!then || isActive(then)) return;
  throw new AppError(
    'conflict',
    `${then.name}, the ${person.role} in this version, is deactivated: nothing was restored. Change the ${person.item} by hand instead, with an active ${person.role}.`,
  );
}

const versionNeeded = () =>
  invalidInput([{ in: 'body', field: 'version', message: 'is required: send the version of the item as you see it' }]);

/**
 * Restores an earlier value of an item (through its own service, with the usual version check), or brings
 * back a removed one, answering what it left out. Either way the restore is itself a recorded change.
 */
export async function restoreChange(
  db: Db,
  user: SignedInUser,
  planId: string,
  changeId: string,
  input: RestoreChange,
): Promise<BroughtBack | undefined> {
  await plans.planOrNotFound(db, user.districtId, planId);
  const change = await findChange(db, user.districtId, planId, changeId);
  if (!change) throw notFound('The change');
  // As the history shows it (not restorable): a link put back alone would change a role under review or
  // approved without its version, its status or its reviewers knowing.
  if (roleLinkTables.has(change.item_table)) throw linkAlone();
  if (change.operation === 'delete') return bringBack(db, user, planId, change);
  const value = change.after!;
  const version = input.version;
  if (version === undefined) throw versionNeeded();
  const table = tableBySql.get(change.item_table);
  if (table) {
    const people = fieldsOf(table).filter((f) => f.kind === 'person');
    const now =
      people.length > 0 ? fieldsOfRow(table, await rowOrNotFound(db, user, table, planId, change.item_id)) : {};
    for (const field of people) {
      await assertPersonStillActive(db, user, {
        then: fieldsOfRow(table, value)[field.name],
        now: now[field.name],
        role: field.label.toLowerCase(),
        item: stageTables[table].rowNoun,
      });
    }
    await updateRow(
      db,
      user,
      table,
      planId,
      change.item_id,
      { ...fieldsOfRow(table, value), version },
      plainRows(table),
    );
    return;
  }
  switch (change.item_table) {
    case 'plans':
      // Made active again, the plan's roles in review are settled, as by the plan's settings.
      await changePlan(db, user, planId, {
        title: String(value.title),
        schoolYear: String(value.school_year),
        status: value.status as 'draft' | 'active' | 'archived',
        averageTeacherCostCents: Number(value.average_teacher_cost_cents),
        contractDays: Number(value.contract_days),
        version,
      });
      return;
    case 'plan_questions':
      if (change.item_kind === 'answer') {
        await plans.saveAnswer(db, user, planId, change.item_id, { text: String(value.answer_text), version });
      } else {
        await plans.updateQuestion(db, user, planId, change.item_id, {
          ...(value.template_key === null ? { text: String(value.text) } : {}),
          notApplicable: value.not_applicable === true,
          version,
        });
      }
      return;
    case 'plan_actions':
      await assertPersonStillActive(db, user, {
        then: value.owner_user_id,
        now: (await plans.currentAction(db, user, planId, change.item_id)).owner_user_id,
        role: 'owner',
        item: 'action',
      });
      await plans.updateAction(db, user, planId, change.item_id, {
        ...(value.template_key === null ? { text: String(value.text) } : {}),
        status: value.status as 'not_started',
        ownerUserId: (value.owner_user_id as string | null) ?? null,
        ownerName: (value.owner_name as string | null) ?? null,
        dueDate: (value.due_date as string | null) ?? null,
        notes: String(value.notes ?? ''),
        notApplicable: value.not_applicable === true,
        version,
      });
      return;
    case 'plan_measure_readings':
      await updateReading(db, user, planId, String(value.measure_id), change.item_id, {
        date: String(value.date),
        value: Number(value.value),
        note: String(value.note ?? ''),
        version,
      });
      return;
    case 'readiness_ratings':
      if (typeof value.rating !== 'number') throw new AppError('conflict', 'This rating had no value then.');
      await updateReadinessRating(db, user, planId, change.item_id, {
        rating: value.rating,
        evidence: String(value.evidence ?? ''),
        version,
      });
      return;
    case 'plan_roles':
      await updateRole(db, user, planId, change.item_id, { ...roleFieldsOfRow(value), version });
      return;
    case 'plan_missteps':
      await updateMisstep(db, user, planId, change.item_id, {
        text: String(value.text),
        status: value.status as 'watched',
        note: String(value.note ?? ''),
        version,
      });
      return;
    case 'plan_role_alignment_answers':
      await saveAnswer(db, user, planId, String(value.role_id), value.factor as 'reach', {
        answer: value.answer as 'yes',
        note: String(value.note ?? ''),
        version,
      });
      return;
    case 'plan_logic_models':
      await updateCanvas(db, user, planId, {
        problemStatement: String(value.problem_statement ?? ''),
        goal: String(value.goal ?? ''),
        version,
      });
      return;
    case 'plan_logic_model_entries': {
      // Links come back to what they named; one whose item is gone since stays, shown as broken.
      const links = Array.isArray(value.links) ? (value.links as { kind: 'measure'; id: string }[]) : [];
      await updateEntry(db, user, planId, change.item_id, {
        text: String(value.text),
        horizon: typeof value.horizon === 'number' ? (value.horizon as OutputHorizon) : null,
        links: links.map((l) => ({ kind: l.kind, id: l.id })),
        version,
      });
      return;
    }
    case 'plan_stakeholder_inputs':
      await updateInput(
        db,
        user,
        planId,
        change.item_id,
        { ...inputFieldsOfRow(value), version },
        { fromHistory: true },
      );
      return;
    default:
      throw linkAlone();
  }
}
