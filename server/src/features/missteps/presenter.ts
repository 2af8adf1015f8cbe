import type { Misstep } from '@planner/shared/misstep';
import { toIsoDateTime } from '../../db/values';
import type { MisstepRow } from './repo';

export function presentMisstep(row: MisstepRow): Misstep {
  return {
    id: row.id,
    planId: row.plan_id,
    stageKey: row.stage_key,
    starterKey: row.starter_key,
    text: row.text,
    status: row.status,
    note: row.note,
    version: row.version,
    updatedAt: toIsoDateTime(row.updated_at),
  };
}
