import {
  planAlignment,
  roleAlignment,
  type AlignmentAnswer,
  type AnswerableFactor,
  type PlanAlignment,
  type RoleAlignment,
  type SaveAlignmentAnswer,
} from '@planner/shared/alignment';
import type { Executor } from '../../db/knex';
import { versionConflict } from '../../http/app-error';
import type { SignedInUser } from '../../http/auth';
import { planOrNotFound } from '../plans/service';
import { getRole, rolesOf } from '../roles/service';
import { answersByRole, presentAnswer } from './presenter';
import * as repo from './repo';

/** The district's answers on the plan's roles, by role id (for the export). */
export async function alignmentAnswersOf(
  db: Executor,
  districtId: string,
  planId: string,
): Promise<Map<string, AlignmentAnswer[]>> {
  return answersByRole(await repo.listForPlan(db, districtId, planId));
}

/** The standards the plan's roles serve, and each role against the high-impact factors. */
export async function planAlignmentOf(db: Executor, user: SignedInUser, planId: string): Promise<PlanAlignment> {
  await planOrNotFound(db, user.districtId, planId);
  const roles = await rolesOf(db, user.districtId, planId);
  return planAlignment(roles, await alignmentAnswersOf(db, user.districtId, planId));
}

export async function roleAlignmentOf(
  db: Executor,
  user: SignedInUser,
  planId: string,
  roleId: string,
): Promise<RoleAlignment> {
  const role = await getRole(db, user, planId, roleId);
  const answers = await repo.listForRole(db, user.districtId, planId, roleId);
  return roleAlignment(role, answers.map(presentAnswer));
}

/**
 * The district's answer on a factor the role's fields do not decide: a first answer (version null), or a
 * change of the one loaded (its version). Either meeting someone else's newer answer is a 409 with it.
 */
export async function saveAnswer(
  db: Executor,
  user: SignedInUser,
  planId: string,
  roleId: string,
  factor: AnswerableFactor,
  input: SaveAlignmentAnswer,
): Promise<RoleAlignment> {
  await getRole(db, user, planId, roleId);
  const values = { answer: input.answer, note: input.note, updated_by: user.id };
  const saved =
    input.version === null
      ? await repo.insertFirst(db, {
          district_id: user.districtId,
          plan_id: planId,
          role_id: roleId,
          factor,
          ...values,
        })
      : await repo.update(db, { districtId: user.districtId, planId, roleId, factor, version: input.version }, values);
  if (!saved) {
    const current = (await repo.listForRole(db, user.districtId, planId, roleId)).find((a) => a.factor === factor);
    throw versionConflict('answer', current ? presentAnswer(current) : null);
  }
  return roleAlignmentOf(db, user, planId, roleId);
}

/** The answers of copied roles onto their copies. */
export const copyAlignmentAnswers = (
  trx: Executor,
  user: SignedInUser,
  fromPlanId: string,
  toPlanId: string,
  roleIds: ReadonlyMap<string, string>,
) => repo.copyAll(trx, user.districtId, fromPlanId, toPlanId, roleIds, user.id);
