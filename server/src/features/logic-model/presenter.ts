import {
  logicModelLinkKinds,
  sortEntries,
  type LogicModel,
  type LogicModelCanvas,
  type LogicModelEntry,
  type LogicModelLinkKind,
  type LogicModelLinkOption,
  type LogicModelSection,
  type OutputHorizon,
} from '@planner/shared/logic-model';
import { toIsoDateTime } from '../../db/values';
import type { CanvasRow, EntryRow } from './repo';

/** The names of what entries may link to, now: by kind, then by id. */
export type Targets = Record<LogicModelLinkKind, ReadonlyMap<string, string>>;

export function presentCanvas(row: CanvasRow | undefined): LogicModelCanvas {
  // A plan whose canvas was never written reads as empty, at the version its first save sends.
  if (!row) return { id: null, problemStatement: '', goal: '', version: 1, updatedAt: null };
  return {
    id: row.id,
    problemStatement: row.problem_statement,
    goal: row.goal,
    version: row.version,
    updatedAt: toIsoDateTime(row.updated_at),
  };
}

/** The names removed items had last, by `${kind} ${id}`: what a broken link shows. */
export type LastNames = ReadonlyMap<string, string>;

export const lastNameKey = (kind: string, id: string) => `${kind} ${id}`;

/**
 * An entry with each link resolved: the item's name now, or broken under the name it last had (from the
 * history, else as the link was saved).
 */
export function presentEntry(row: EntryRow, targets: Targets, lastNames: LastNames = new Map()): LogicModelEntry {
  return {
    id: row.id,
    section: row.section as LogicModelSection,
    horizon: (row.horizon as OutputHorizon | null) ?? null,
    text: row.text,
    links: (row.links ?? []).map((link) => {
      const kind = link.kind as LogicModelLinkKind;
      const name = targets[kind]?.get(link.id);
      const label = name ?? lastNames.get(lastNameKey(kind, link.id)) ?? link.label;
      return { kind, id: link.id, label, broken: name === undefined };
    }),
    version: row.version,
    updatedAt: toIsoDateTime(row.updated_at),
  };
}

export function linkOptionsOf(targets: Targets): LogicModelLinkOption[] {
  return logicModelLinkKinds.flatMap((kind) => [...targets[kind]].map(([id, label]) => ({ kind, id, label })));
}

export function presentLogicModel(
  canvas: CanvasRow | undefined,
  entries: EntryRow[],
  targets: Targets,
  lastNames: LastNames,
): LogicModel {
  return {
    canvas: presentCanvas(canvas),
    entries: sortEntries(entries.map((row) => presentEntry(row, targets, lastNames))),
    linkOptions: linkOptionsOf(targets),
  };
}
