import type { StageKey } from '@planner/shared/roadmap';
import type { ShapedKind, StakeholderInput } from '@planner/shared/stakeholder-input';
import { toIsoDate, toIsoDateTime } from '../../db/values';
import type { InputRow } from './repo';

/** An item of the plan an input may name, in words, with its stage. */
export interface PlanItem {
  label: string;
  stageKey: StageKey | null;
}

export const itemKey = (kind: string, id: string) => `${kind}:${id}`;

export function presentInput(
  row: InputRow,
  items: ReadonlyMap<string, PlanItem>,
  stakeholders: ReadonlyMap<string, string>,
): StakeholderInput {
  return {
    id: row.id,
    stakeholderId: row.stakeholder_id,
    stakeholderName: stakeholders.get(row.stakeholder_id) ?? '',
    kind: row.kind as StakeholderInput['kind'],
    heardOn: toIsoDate(row.heard_on)!,
    source: row.source,
    summary: row.summary,
    shaped: row.shaped.map((ref) => {
      const item = items.get(itemKey(ref.kind, ref.id));
      return {
        kind: ref.kind as ShapedKind,
        id: ref.id,
        label: item?.label ?? '',
        stageKey: item?.stageKey ?? null,
        broken: item === undefined,
      };
    }),
    version: row.version,
    updatedAt: toIsoDateTime(row.updated_at),
  };
}
