import type { AlignmentAnswerValue, AnswerableFactor } from '@planner/shared/alignment';
import type { Executor } from '../../db/knex';

/** The alignment feature owns `plan_role_alignment_answers`: the district's answers per role and factor. */

export interface AnswerRow {
  id: string;
  district_id: string;
  plan_id: string;
  role_id: string;
  factor: AnswerableFactor;
  answer: AlignmentAnswerValue;
  note: string;
  version: number;
  updated_by: string | null;
  updated_at: Date;
}

export function listForPlan(db: Executor, districtId: string, planId: string): Promise<AnswerRow[]> {
  return db('plan_role_alignment_answers')
    .select('*')
    .where({ district_id: districtId, plan_id: planId })
    .orderBy([{ column: 'factor' }, { column: 'id' }]);
}

export function listForRole(db: Executor, districtId: string, planId: string, roleId: string): Promise<AnswerRow[]> {
  return db('plan_role_alignment_answers')
    .select('*')
    .where({ district_id: districtId, plan_id: planId, role_id: roleId })
    .orderBy('factor');
}

/** A first answer; undefined when the role has one on this factor already (someone answered first). */
export async function insertFirst(
  db: Executor,
  row: Pick<AnswerRow, 'district_id' | 'plan_id' | 'role_id' | 'factor' | 'answer' | 'note' | 'updated_by'>,
): Promise<AnswerRow | undefined> {
  const [created] = (await db('plan_role_alignment_answers')
    .insert(row)
    .onConflict(['role_id', 'factor'])
    .ignore()
    .returning('*')) as AnswerRow[];
  return created;
}

/** Optimistic update; undefined when the version is stale or there is no answer. */
export async function update(
  db: Executor,
  where: { districtId: string; planId: string; roleId: string; factor: AnswerableFactor; version: number },
  changes: Pick<AnswerRow, 'answer' | 'note' | 'updated_by'>,
): Promise<AnswerRow | undefined> {
  const [row] = (await db('plan_role_alignment_answers')
    .where({
      district_id: where.districtId,
      plan_id: where.planId,
      role_id: where.roleId,
      factor: where.factor,
      version: where.version,
    })
    .update({ ...changes, version: db.raw('version + 1'), updated_at: db.fn.now() })
    .returning('*')) as AnswerRow[];
  return row;
}

/** Every answer of a plan's roles onto their copies (`roleIds` maps each old role to its copy). */
export async function copyAll(
  db: Executor,
  districtId: string,
  fromPlanId: string,
  toPlanId: string,
  roleIds: ReadonlyMap<string, string>,
  by: string,
): Promise<void> {
  const rows = await listForPlan(db, districtId, fromPlanId);
  const copies = rows.flatMap((r) => {
    const roleId = roleIds.get(r.role_id);
    return roleId
      ? [
          {
            district_id: districtId,
            plan_id: toPlanId,
            role_id: roleId,
            factor: r.factor,
            answer: r.answer,
            note: r.note,
            updated_by: by,
          },
        ]
      : [];
  });
  if (copies.length > 0) await db('plan_role_alignment_answers').insert(copies);
}
