import {
  entryProblems,
  logicModelEntryNouns,
  entryPlace,
  maxLogicModelEntries,
  type CreateLogicModelEntry,
  type LogicModel,
  type LogicModelCanvas,
  type LogicModelEntry,
  type LogicModelLinkInput,
  type LogicModelLinkKind,
  type LogicModelSection,
  type UpdateLogicModel,
  type UpdateLogicModelEntry,
} from '@planner/shared/logic-model';
import type { Knex } from 'knex';
import { asActor } from '../../db/history-context';
import type { Executor } from '../../db/knex';
import { readTogether } from '../../db/read-together';
import type { FieldError } from '@planner/shared/problem';
import { deleteConflict, invalidInput, notFound, versionConflict } from '../../http/app-error';
import type { SignedInUser } from '../../http/auth';
import { listLastRemovals } from '../history/service';
import { lockPlanOrNotFound, planCoreQueries, planOrNotFound } from '../plans/service';
import { roleTitlesOf } from '../roles/service';
import { tableQueries } from '../stage-tables/service';
import { lastNameKey, presentCanvas, presentEntry, presentLogicModel, type LastNames, type Targets } from './presenter';
import * as repo from './repo';

/**
 * The names of everything an entry may link to in the plan, by kind and id; undefined when the plan is
 * not the district's (unless the caller has checked the plan already, as the export has).
 */
async function targetsOf(
  db: Executor,
  districtId: string,
  planId: string,
  planChecked = false,
): Promise<Targets | undefined> {
  const core = planCoreQueries(db, districtId, planId);
  const queries: Record<string, Knex.QueryBuilder> = {
    actions: core.actions,
    ...tableQueries(db, districtId, planId, ['fundingSources', 'partners', 'measures'] as const),
  };
  if (!planChecked) queries.plan = core.plan;
  const rows = await readTogether(db, queries);
  if (!planChecked && rows.plan!.length === 0) return undefined;
  const named = (list: Record<string, unknown>[], column: string) =>
    new Map(list.map((r) => [String(r.id), String(r[column] ?? '')]));
  return {
    fundingSource: named(rows.fundingSources!, 'name'),
    partner: named(rows.partners!, 'name'),
    action: named(rows.actions!, 'shown_text'),
    role: await roleTitlesOf(db, districtId, planId),
    measure: named(rows.measures!, 'name'),
  };
}

/** Where each kind of item an entry links to is kept, and the column that names it. */
const linkedItems: Record<LogicModelLinkKind, { table: string; name: string }> = {
  fundingSource: { table: 'plan_funding_sources', name: 'name' },
  partner: { table: 'plan_partners', name: 'name' },
  action: { table: 'plan_actions', name: 'text' },
  role: { table: 'plan_roles', name: 'title' },
  measure: { table: 'plan_measures', name: 'name' },
};

/**
 * The name each item of a broken link had when it was removed, from the history: renamed after the link was
 * saved, it is not the name the link holds. Read only when some link is broken.
 */
async function lastNamesOf(
  db: Executor,
  districtId: string,
  planId: string,
  rows: readonly repo.EntryRow[],
  targets: Targets,
): Promise<LastNames> {
  const broken = rows
    .flatMap((row) => row.links ?? [])
    .filter((link) => link.kind in linkedItems && !targets[link.kind as LogicModelLinkKind].has(link.id));
  if (broken.length === 0) return new Map();
  const items = broken.map((link) => ({ table: linkedItems[link.kind as LogicModelLinkKind].table, id: link.id }));
  const removals = await listLastRemovals(db, districtId, planId, items);
  const before = new Map(removals.map((r) => [`${r.item_table} ${r.item_id}`, r.before]));
  return new Map(
    broken.flatMap((link) => {
      const { table, name } = linkedItems[link.kind as LogicModelLinkKind];
      const last = before.get(`${table} ${link.id}`)?.[name];
      return typeof last === 'string' ? [[lastNameKey(link.kind, link.id), last] as const] : [];
    }),
  );
}

/** One entry as the model shows it, broken links under their items' last names. */
async function presentEntryNow(
  db: Executor,
  districtId: string,
  planId: string,
  row: repo.EntryRow,
  targets: Targets,
): Promise<LogicModelEntry> {
  return presentEntry(row, targets, await lastNamesOf(db, districtId, planId, [row], targets));
}

async function targetsOrNotFound(
  db: Executor,
  districtId: string,
  planId: string,
  planChecked = false,
): Promise<Targets> {
  const targets = await targetsOf(db, districtId, planId, planChecked);
  if (!targets) throw notFound('The plan');
  return targets;
}

/**
 * The whole logic model of a plan; `planChecked` when the caller has read the plan already in the same
 * transaction (the export reads the plan once).
 */
export async function logicModelOf(
  db: Executor,
  districtId: string,
  planId: string,
  planChecked = false,
): Promise<LogicModel> {
  const targets = await targetsOrNotFound(db, districtId, planId, planChecked);
  const rows = await readTogether(db, {
    canvas: repo.canvasQuery(db, districtId, planId),
    entries: repo.entriesQuery(db, districtId, planId),
  });
  const entries = rows.entries as unknown as repo.EntryRow[];
  return presentLogicModel(
    rows.canvas[0] as unknown as repo.CanvasRow | undefined,
    entries,
    targets,
    await lastNamesOf(db, districtId, planId, entries, targets),
  );
}

export function getLogicModel(db: Executor, user: SignedInUser, planId: string): Promise<LogicModel> {
  return logicModelOf(db, user.districtId, planId);
}

export async function updateCanvas(
  db: Executor,
  user: SignedInUser,
  planId: string,
  input: UpdateLogicModel,
): Promise<LogicModelCanvas> {
  return db.transaction(async (trx) => {
    await planOrNotFound(trx, user.districtId, planId);
    await repo.ensureCanvas(trx, user.districtId, planId);
    const updated = await repo.updateCanvas(
      trx,
      { districtId: user.districtId, planId, version: input.version },
      {
        ...(input.problemStatement !== undefined ? { problem_statement: input.problemStatement } : {}),
        ...(input.goal !== undefined ? { goal: input.goal } : {}),
        updated_by: user.id,
      },
    );
    if (updated) return presentCanvas(updated);
    throw versionConflict('logic model', presentCanvas(await repo.findCanvas(trx, user.districtId, planId)));
  });
}

/**
 * The links to store: each names an item of the plan (its name kept, for the day it is removed). A
 * link the entry already held stays even when its item is gone since: it shows as broken, not lost.
 */
function linksToStore(
  links: readonly LogicModelLinkInput[],
  targets: Targets,
  held: readonly repo.StoredLink[],
): repo.StoredLink[] {
  const errors: FieldError[] = [];
  const stored = links.flatMap((link, i) => {
    const name = targets[link.kind].get(link.id);
    if (name !== undefined) return [{ kind: link.kind, id: link.id, label: name }];
    const kept = held.find((h) => h.kind === link.kind && h.id === link.id);
    if (kept) return [kept];
    errors.push({ in: 'body', field: `links.${i}.id`, message: 'is not an item of this plan' });
    return [];
  });
  if (errors.length > 0) throw invalidInput(errors);
  return stored;
}

/** Refuses `adding` more entries past the logic model's cap; under the plan's lock. */
export async function assertRoomForEntries(
  trx: Executor,
  districtId: string,
  planId: string,
  adding = 1,
): Promise<void> {
  if ((await repo.countEntries(trx, districtId, planId)) + adding > maxLogicModelEntries) {
    throw invalidInput([
      { in: 'body', field: '', message: `a logic model holds at most ${maxLogicModelEntries} entries` },
    ]);
  }
}

export async function addEntry(
  db: Executor,
  user: SignedInUser,
  planId: string,
  input: CreateLogicModelEntry,
): Promise<LogicModelEntry> {
  return db.transaction(async (trx) => {
    await lockPlanOrNotFound(trx, user.districtId, planId);
    await assertRoomForEntries(trx, user.districtId, planId);
    const targets = await targetsOrNotFound(trx, user.districtId, planId);
    const row = await repo.insertEntry(trx, {
      district_id: user.districtId,
      plan_id: planId,
      section: input.section,
      horizon: input.horizon,
      text: input.text,
      links: linksToStore(input.links, targets, []),
      updated_by: user.id,
    });
    return presentEntry(row, targets);
  });
}

export async function updateEntry(
  db: Executor,
  user: SignedInUser,
  planId: string,
  entryId: string,
  input: UpdateLogicModelEntry,
): Promise<LogicModelEntry> {
  return db.transaction(async (trx) => {
    const targets = await targetsOrNotFound(trx, user.districtId, planId);
    const now = await repo.findEntry(trx, user.districtId, planId, entryId);
    if (!now) throw notFound('The entry');
    const problems = entryProblems(now.section as LogicModelSection, input);
    if (problems.length > 0) throw invalidInput(problems.map((p) => ({ in: 'body' as const, ...p })));
    const updated = await repo.updateEntry(
      trx,
      { districtId: user.districtId, planId, id: entryId, version: input.version },
      {
        ...(input.horizon !== undefined ? { horizon: input.horizon } : {}),
        ...(input.text !== undefined ? { text: input.text } : {}),
        ...(input.links ? { links: linksToStore(input.links, targets, now.links ?? []) } : {}),
        updated_by: user.id,
      },
    );
    if (updated) return presentEntryNow(trx, user.districtId, planId, updated, targets);
    // Read again: the save that made this one stale may have committed after `now` was read.
    const current = await repo.findEntry(trx, user.districtId, planId, entryId);
    if (!current) throw notFound('The entry');
    throw versionConflict(
      logicModelEntryNouns[now.section as LogicModelSection],
      await presentEntryNow(trx, user.districtId, planId, current, targets),
    );
  });
}

/** Removes an entry at the version the person saw: one changed since stays (409 with it now). */
export async function removeEntry(
  db: Executor,
  user: SignedInUser,
  planId: string,
  entryId: string,
  version: number,
): Promise<void> {
  await planOrNotFound(db, user.districtId, planId);
  const where = { districtId: user.districtId, planId, id: entryId, version };
  if ((await asActor(db, user.id, (trx) => repo.deleteEntry(trx, where))) > 0) return;
  const now = await repo.findEntry(db, user.districtId, planId, entryId);
  if (!now) throw notFound('The entry');
  const targets = await targetsOrNotFound(db, user.districtId, planId, true);
  throw deleteConflict(
    logicModelEntryNouns[now.section as LogicModelSection],
    await presentEntryNow(db, user.districtId, planId, now, targets),
  );
}

/** An entry in words, for a comment thread about it or a line of the history: "Outputs, at 3 months: …". */
export const entryLabel = (row: { section: string; horizon: number | null; text: string }) =>
  `${entryPlace({ section: row.section as LogicModelSection, horizon: row.horizon })}: ${row.text}`;

/** An entry of the plan (what a comment may be about), with who last changed it. */
export async function logicModelSubjectOf(db: Executor, districtId: string, planId: string, entryId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(entryId)) return undefined;
  const row = await repo.findEntry(db, districtId, planId, entryId);
  return row && { label: entryLabel(row), writtenBy: row.updated_by };
}

/** Every entry of the plan in words, by id: what the comments list names. */
export async function entryLabelsOf(db: Executor, districtId: string, planId: string): Promise<Map<string, string>> {
  const rows = (await repo.entriesQuery(db, districtId, planId)) as repo.EntryRow[];
  return new Map(rows.map((r) => [r.id, entryLabel(r)]));
}

/** Which new id each copied item became, by kind; an item not copied keeps its link, shown as broken. */
export type CopiedIds = Partial<Record<LogicModelLinkKind, ReadonlyMap<string, string>>>;

/**
 * The logic model of one plan into another (a copy for the next year), in the caller's transaction:
 * the canvas, and each entry with its links following the copied items.
 */
export async function copyLogicModel(
  trx: Executor,
  districtId: string,
  fromPlanId: string,
  toPlanId: string,
  newIds: CopiedIds,
): Promise<void> {
  await repo.copyCanvas(trx, districtId, fromPlanId, toPlanId);
  const entries = (await repo.entriesQuery(trx, districtId, fromPlanId)) as repo.EntryRow[];
  for (const entry of entries) {
    await repo.insertEntry(trx, {
      district_id: districtId,
      plan_id: toPlanId,
      section: entry.section,
      horizon: entry.horizon,
      text: entry.text,
      // A link to an item the copy does not carry (roles, when they are not copied) is left out: in the new
      // plan it was never linked, so it is not shown as broken.
      links: (entry.links ?? []).flatMap((link) => {
        const id = newIds[link.kind as LogicModelLinkKind]?.get(link.id);
        return id ? [{ ...link, id }] : [];
      }),
      updated_by: entry.updated_by,
      // The copy keeps the entries' order (the order they were added in).
      created_at: entry.created_at,
    });
  }
}
