import {
  maxInputsPerPlan,
  inputLabel,
  type CreateStakeholderInput,
  type DeleteStakeholderQuery,
  type ShapedRef,
  type StakeholderInput,
  type UpdateStakeholderInput,
} from '@planner/shared/stakeholder-input';
import { formatDate, todayIso } from '@planner/shared/format';
import type { Plan } from '@planner/shared/plan';
import type { StageKey } from '@planner/shared/roadmap';
import { rowTitle } from '@planner/shared/stage-tables';
import { asActor } from '../../db/history-context';
import type { Executor } from '../../db/knex';
import { deleteConflict, invalidInput, notFound, versionConflict } from '../../http/app-error';
import type { SignedInUser } from '../../http/auth';
import { loadPlanCore, lockPlanOrNotFound } from '../plans/service';
import { roleTitlesOf } from '../roles/service';
import { fieldsOfRow, rowOrNotFound, rowsOf } from '../stage-tables/service';
import { itemKey, presentInput, type PlanItem } from './presenter';
import * as repo from './repo';

export type { InputRow } from './repo';

interface ItemSources {
  stages: readonly {
    key: StageKey;
    questions: readonly { key: string; text: string }[];
    actions: readonly { id: string; text: string }[];
  }[];
  /** Rows by their field names, as the API presents them. */
  decisions: readonly ({ id: string } & Record<string, unknown>)[];
  measures: readonly ({ id: string } & Record<string, unknown>)[];
  roles: Iterable<readonly [id: string, title: string]>;
}

/**
 * Every item of the plan an input may have shaped, in words: the answers (by question key) and actions
 * of each stage, the roles, the tight/loose decisions and the measures.
 */
function itemsFrom({ stages, decisions, measures, roles }: ItemSources): Map<string, PlanItem> {
  const items = new Map<string, PlanItem>();
  for (const stage of stages) {
    const stageKey = stage.key;
    for (const q of stage.questions) items.set(itemKey('answer', q.key), { label: q.text, stageKey });
    for (const a of stage.actions) items.set(itemKey('action', a.id), { label: a.text, stageKey });
  }
  for (const row of decisions)
    items.set(itemKey('decision', row.id), { label: rowTitle('decisions', row), stageKey: 'build' });
  for (const row of measures)
    items.set(itemKey('measure', row.id), { label: rowTitle('measures', row), stageKey: 'measures' });
  for (const [id, title] of roles) items.set(itemKey('role', id), { label: title, stageKey: 'build' });
  return items;
}

/** The items of the plan as the database has them: a fixed number of queries. */
async function itemsOfPlan(db: Executor, districtId: string, planId: string): Promise<Map<string, PlanItem>> {
  const rowsByField = async (name: 'decisions' | 'measures') =>
    (await rowsOf(db, districtId, name, planId)).map((row) => ({ ...fieldsOfRow(name, row), id: row.id }));
  return itemsFrom({
    stages: (await loadPlanCore(db, districtId, planId)).stages,
    decisions: await rowsByField('decisions'),
    measures: await rowsByField('measures'),
    roles: await roleTitlesOf(db, districtId, planId),
  });
}

async function stakeholderNamesOf(db: Executor, districtId: string, planId: string): Promise<Map<string, string>> {
  return new Map(
    (await rowsOf(db, districtId, 'stakeholders', planId)).map((row) => [
      row.id,
      rowTitle('stakeholders', fieldsOfRow('stakeholders', row)),
    ]),
  );
}

/** Each newly named item must be in the plan; a link made earlier to an item removed since may stay. */
function checkShaped(
  items: ReadonlyMap<string, PlanItem>,
  shaped: readonly ShapedRef[],
  kept: readonly { kind: string; id: string }[],
) {
  const had = new Set(kept.map((r) => itemKey(r.kind, r.id)));
  const errors = shaped
    .map((ref, index) => ({ ref, index }))
    .filter(({ ref }) => !had.has(itemKey(ref.kind, ref.id)) && !items.has(itemKey(ref.kind, ref.id)))
    .map(({ index }) => ({
      in: 'body' as const,
      field: `shaped.${index}`,
      message: 'is not an item of this plan',
    }));
  if (errors.length > 0) throw invalidInput(errors);
}

async function presentOne(db: Executor, districtId: string, planId: string, row: repo.InputRow) {
  const [items, names] = [await itemsOfPlan(db, districtId, planId), await stakeholderNamesOf(db, districtId, planId)];
  return presentInput(row, items, names);
}

/** Every input of the plan, newest heard first, each with where it landed. */
export async function inputsOfPlan(db: Executor, districtId: string, planId: string): Promise<StakeholderInput[]> {
  const items = await itemsOfPlan(db, districtId, planId);
  const names = await stakeholderNamesOf(db, districtId, planId);
  const rows = await repo.listInputs(db, districtId, planId);
  return rows.map((row) => presentInput(row, items, names));
}

/**
 * The inputs of a plan already loaded (an export), named from it: its stages, decisions and measures, and
 * the roles given. Reads only the inputs, so the plan is read once.
 */
export async function inputsOfLoadedPlan(
  db: Executor,
  districtId: string,
  plan: Plan,
  roles: readonly { id: string; title: string }[],
): Promise<StakeholderInput[]> {
  const { tables } = plan;
  const items = itemsFrom({
    stages: plan.stages,
    decisions: tables.decisions as unknown as ItemSources['decisions'],
    measures: tables.measures as unknown as ItemSources['measures'],
    roles: roles.map((r) => [r.id, r.title] as const),
  });
  const names = new Map(
    tables.stakeholders.map((row) => [row.id, rowTitle('stakeholders', row as unknown as Record<string, unknown>)]),
  );
  const rows = await repo.listInputs(db, districtId, plan.id);
  return rows.map((row) => presentInput(row, items, names));
}

export function listInputs(db: Executor, user: SignedInUser, planId: string): Promise<StakeholderInput[]> {
  return inputsOfPlan(db, user.districtId, planId);
}

/** Refuses `adding` more inputs past the plan's cap; under the plan's lock. */
export async function assertRoomForInputs(
  trx: Executor,
  districtId: string,
  planId: string,
  adding = 1,
): Promise<void> {
  if ((await repo.countInputs(trx, districtId, planId)) + adding > maxInputsPerPlan) {
    throw invalidInput([
      { in: 'body', field: '', message: `a plan holds at most ${maxInputsPerPlan} inputs of stakeholders` },
    ]);
  }
}

/**
 * Refuses an input heard after today in the district's time zone, as a measure's reading is (the schema lets
 * through the latest today anywhere on Earth, all it knows without the district).
 */
function assertHeardByNow(user: SignedInUser, heardOn: string | undefined): void {
  const today = todayIso(user.districtTimeZone);
  if (heardOn === undefined || heardOn <= today) return;
  throw invalidInput([
    {
      in: 'body',
      field: 'heardOn',
      message: `must be today (${formatDate(today)} in the district's time zone) or earlier: an input records what was heard`,
    },
  ]);
}

export async function addInput(
  db: Executor,
  user: SignedInUser,
  planId: string,
  stakeholderId: string,
  input: CreateStakeholderInput,
): Promise<StakeholderInput> {
  assertHeardByNow(user, input.heardOn);
  return asActor(db, user.id, async (trx) => {
    await lockPlanOrNotFound(trx, user.districtId, planId);
    await rowOrNotFound(trx, user, 'stakeholders', planId, stakeholderId, { keptFromRemoval: true });
    const names = await stakeholderNamesOf(trx, user.districtId, planId);
    const items = await itemsOfPlan(trx, user.districtId, planId);
    checkShaped(items, input.shaped, []);
    await assertRoomForInputs(trx, user.districtId, planId);
    const row = await repo.insertInput(trx, {
      district_id: user.districtId,
      plan_id: planId,
      stakeholder_id: stakeholderId,
      kind: input.kind,
      heard_on: input.heardOn,
      source: input.source,
      summary: input.summary,
      shaped: input.shaped,
      updated_by: user.id,
    });
    return presentInput(row, items, names);
  });
}

/**
 * Keeps an input's stakeholder from removal until the transaction ends, so that a removal of the stakeholder
 * running meanwhile waits for this change and finds its inputs changed (409), or has gone first (404).
 */
async function keptFromStakeholderRemoval(trx: Executor, user: SignedInUser, planId: string, input: repo.InputRow) {
  await rowOrNotFound(trx, user, 'stakeholders', planId, input.stakeholder_id, { keptFromRemoval: true });
}

export async function updateInput(
  db: Executor,
  user: SignedInUser,
  planId: string,
  inputId: string,
  input: UpdateStakeholderInput,
  options: { fromHistory?: boolean } = {},
): Promise<StakeholderInput> {
  assertHeardByNow(user, input.heardOn);
  return asActor(db, user.id, async (trx) => {
    const current = await repo.findInput(trx, user.districtId, planId, inputId);
    if (!current) throw notFound('The input');
    await keptFromStakeholderRemoval(trx, user, planId, current);
    // An earlier value from this plan's own history comes back as it was: a link to an item removed since
    // returns as a broken link, as it would have stayed had it never changed.
    if (input.shaped && !options.fromHistory) {
      checkShaped(await itemsOfPlan(trx, user.districtId, planId), input.shaped, current.shaped);
    }
    const changes: Record<string, unknown> = { updated_by: user.id };
    if (input.kind !== undefined) changes.kind = input.kind;
    if (input.heardOn !== undefined) changes.heard_on = input.heardOn;
    if (input.source !== undefined) changes.source = input.source;
    if (input.summary !== undefined) changes.summary = input.summary;
    if (input.shaped !== undefined) changes.shaped = input.shaped;
    const updated = await repo.updateInput(
      trx,
      { districtId: user.districtId, planId, id: inputId, version: input.version },
      changes,
    );
    if (updated) return presentOne(trx, user.districtId, planId, updated);
    // Read again: the save that made this one stale may have committed after `current` was read.
    const now = await repo.findInput(trx, user.districtId, planId, inputId);
    if (!now) throw notFound('The input');
    throw versionConflict('input', await presentOne(trx, user.districtId, planId, now));
  });
}

/** Removes an input at the version the person saw: one changed since stays (409 with it now). */
export async function removeInput(
  db: Executor,
  user: SignedInUser,
  planId: string,
  inputId: string,
  version: number,
): Promise<void> {
  const where = { districtId: user.districtId, planId, id: inputId, version };
  const removed = await asActor(db, user.id, async (trx) => {
    const current = await repo.findInput(trx, user.districtId, planId, inputId);
    if (current) await keptFromStakeholderRemoval(trx, user, planId, current);
    return repo.deleteInput(trx, where);
  });
  if (removed > 0) return;
  const now = await repo.findInput(db, user.districtId, planId, inputId);
  if (!now) throw notFound('The input');
  throw deleteConflict('input', await presentOne(db, user.districtId, planId, now));
}

/** Whether a stakeholder's inputs are still as the person saw them when they asked to remove the stakeholder. */
export async function inputsAsSeen(
  trx: Executor,
  user: SignedInUser,
  stakeholderId: string,
  seen: DeleteStakeholderQuery,
): Promise<boolean> {
  const now = await repo.inputsState(trx, user.districtId, stakeholderId);
  if (now.count !== seen.inputs) return false;
  if (seen.inputsChangedAt === undefined || now.latestChange === null) return true;
  return now.latestChange.getTime() === Date.parse(seen.inputsChangedAt);
}

/** An input's fields from a row as stored (of its history), to restore them. */
export function inputFieldsOfRow(row: Record<string, unknown>): Omit<UpdateStakeholderInput, 'version'> {
  return {
    kind: row.kind as UpdateStakeholderInput['kind'],
    heardOn: String(row.heard_on).slice(0, 10),
    source: String(row.source ?? ''),
    summary: String(row.summary ?? ''),
    shaped: Array.isArray(row.shaped) ? (row.shaped as ShapedRef[]) : [],
  };
}

/** An input as the subject of a comment thread: its words, and who last wrote it. */
export async function inputSubjectOf(
  db: Executor,
  districtId: string,
  planId: string,
  inputId: string,
): Promise<{ label: string; writtenBy: string | null } | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(inputId)) return undefined;
  const row = await repo.findInput(db, districtId, planId, inputId);
  return row && { label: inputLabel(row), writtenBy: (row as { updated_by?: string | null }).updated_by ?? null };
}

/** Every input of the plan in words, by id (what comment lists name). */
export async function inputLabelsOf(db: Executor, districtId: string, planId: string): Promise<Map<string, string>> {
  return new Map((await repo.listInputs(db, districtId, planId)).map((row) => [row.id, inputLabel(row)]));
}

/**
 * A plan's inputs into its copy: each under the copy of its stakeholder, its links mapped to the copied
 * items (answers keep their keys); a link to an item the copy does not hold is left out.
 */
export async function copyInputs(
  trx: Executor,
  districtId: string,
  fromPlanId: string,
  toPlanId: string,
  newIds: Record<'stakeholders' | 'decision' | 'measure' | 'action' | 'role', ReadonlyMap<string, string>>,
): Promise<void> {
  const rows = await repo.listInputs(trx, districtId, fromPlanId);
  const copies = rows.flatMap((row) => {
    const stakeholderId = newIds.stakeholders.get(row.stakeholder_id);
    if (!stakeholderId) return [];
    const shaped = row.shaped.flatMap((ref) => {
      if (ref.kind === 'answer') return [ref];
      const id = newIds[ref.kind as 'decision' | 'measure' | 'action' | 'role']?.get(ref.id);
      return id ? [{ kind: ref.kind, id }] : [];
    });
    return [
      {
        district_id: districtId,
        plan_id: toPlanId,
        stakeholder_id: stakeholderId,
        kind: row.kind,
        heard_on: row.heard_on,
        source: row.source,
        summary: row.summary,
        shaped,
        // Inputs heard on one day keep their order (the order they were recorded in).
        created_at: row.created_at,
      },
    ];
  });
  await repo.insertInputs(trx, copies);
}

/** A plan's actions matched to their copies by stage and place (a copy keeps both). */
export function matchActions(
  from: readonly { id: string; stageKey: string; position: number }[],
  to: readonly { id: string; stageKey: string; position: number }[],
): Map<string, string> {
  const byPlace = new Map(to.map((a) => [`${a.stageKey}:${a.position}`, a.id]));
  return new Map(
    from.flatMap((a) => {
      const id = byPlace.get(`${a.stageKey}:${a.position}`);
      return id ? [[a.id, id] as [string, string]] : [];
    }),
  );
}
