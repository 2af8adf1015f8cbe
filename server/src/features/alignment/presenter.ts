import type { AlignmentAnswer } from '@planner/shared/alignment';
import { toIsoDateTime } from '../../db/values';
import type { AnswerRow } from './repo';

export const presentAnswer = (row: AnswerRow): AlignmentAnswer => ({
  factor: row.factor,
  answer: row.answer,
  note: row.note,
  version: row.version,
  updatedAt: toIsoDateTime(row.updated_at),
});

/** Answers grouped by their role's id. */
export function answersByRole(rows: AnswerRow[]): Map<string, AlignmentAnswer[]> {
  const byRole = new Map<string, AlignmentAnswer[]>();
  for (const row of rows) byRole.set(row.role_id, [...(byRole.get(row.role_id) ?? []), presentAnswer(row)]);
  return byRole;
}
