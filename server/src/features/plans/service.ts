import { randomBytes } from 'node:crypto';
import { isAnswered } from '@planner/shared/progress';
import {
  limits,
  type CreateAction,
  type CreatePlan,
  type CreateQuestion,
  type HighImpactAction,
  type KeyQuestion,
  type Plan,
  type PlanSummary,
  type SaveAnswer,
  type UpdateAction,
  type UpdatePlan,
  type UpdateQuestion,
} from '@planner/shared/plan';
import type { Db, Executor } from '../../db/knex';
import { AppError, invalidInput, notFound } from '../../http/app-error';
import type { SignedInUser } from '../../http/auth';
import { copyTables, tablesOfPlan } from '../stage-tables/service';
import { isUserOfDistrict } from '../users/service';
import * as repo from './repo';
import { presentAction, presentPlan, presentPlanList, presentQuestion } from './presenter';

/** The plan of the user's district, or 404 exactly as for a missing one. */
export async function planOrNotFound(db: Executor, user: SignedInUser, planId: string): Promise<repo.PlanRow> {
  const plan = await repo.findPlan(db, user.districtId, planId);
  if (!plan) throw notFound('The plan');
  return plan;
}

const conflict = (what: string, current: unknown) =>
  new AppError(
    'version_conflict',
    `Someone else changed this ${what} after you loaded it. Compare the two versions and choose what to keep.`,
    {
      current,
    },
  );

export async function listPlans(db: Db, user: SignedInUser): Promise<PlanSummary[]> {
  const [plans, stages] = await Promise.all([repo.listPlans(db, user.districtId), repo.listStages(db)]);
  const rows =
    plans.length > 0
      ? await repo.listProgressRows(
          db,
          user.districtId,
          plans.map((p) => p.id),
        )
      : [];
  return presentPlanList(plans, stages, rows);
}

/** The whole plan in a fixed number of queries (four, and one per stage table), whatever its size. */
export async function getPlan(db: Executor, user: SignedInUser, planId: string): Promise<Plan> {
  const plan = await planOrNotFound(db, user, planId);
  // One after another: inside a transaction they share one connection.
  const stages = await repo.listStages(db);
  const questions = await repo.listQuestions(db, user.districtId, planId);
  const actions = await repo.listActions(db, user.districtId, planId);
  const tables = await tablesOfPlan(db, user.districtId, planId);
  return presentPlan(plan, stages, questions, actions, tables);
}

export async function createPlan(db: Db, user: SignedInUser, input: CreatePlan): Promise<Plan> {
  return db.transaction(async (trx) => {
    const plan = await repo.insertPlan(trx, {
      district_id: user.districtId,
      title: input.title,
      school_year: input.schoolYear,
      created_by: user.id,
    });
    await repo.insertTemplateItems(trx, user.districtId, plan.id);
    return getPlan(trx, user, plan.id);
  });
}

export async function copyPlan(db: Db, user: SignedInUser, fromPlanId: string, input: CreatePlan): Promise<Plan> {
  return db.transaction(async (trx) => {
    const from = await planOrNotFound(trx, user, fromPlanId);
    const plan = await repo.insertPlan(trx, {
      district_id: user.districtId,
      title: input.title,
      school_year: input.schoolYear,
      created_by: user.id,
      copied_from_plan_id: from.id,
      average_teacher_cost_cents: from.average_teacher_cost_cents,
      contract_days: from.contract_days,
    });
    await repo.copyItems(trx, user.districtId, from.id, plan.id);
    await copyTables(trx, user.districtId, from.id, plan.id);
    return getPlan(trx, user, plan.id);
  });
}

export async function updatePlan(db: Db, user: SignedInUser, planId: string, input: UpdatePlan): Promise<PlanSummary> {
  const current = await planOrNotFound(db, user, planId);
  const updated = await repo.updatePlan(db, user.districtId, planId, input.version, {
    title: input.title,
    school_year: input.schoolYear,
    status: input.status,
    average_teacher_cost_cents: input.averageTeacherCostCents,
    contract_days: input.contractDays,
  });
  const stages = await repo.listStages(db);
  const rows = await repo.listProgressRows(db, user.districtId, [planId]);
  if (!updated) {
    const now = (await repo.findPlan(db, user.districtId, planId)) ?? current;
    throw conflict('plan', presentPlanList([now], stages, rows)[0]);
  }
  return presentPlanList([updated], stages, rows)[0]!;
}

export async function deletePlan(db: Db, user: SignedInUser, planId: string): Promise<void> {
  if ((await repo.deletePlan(db, user.districtId, planId)) === 0) throw notFound('The plan');
}

async function questionOrNotFound(
  db: Executor,
  user: SignedInUser,
  planId: string,
  key: string,
): Promise<repo.QuestionRow> {
  await planOrNotFound(db, user, planId);
  const question = await repo.findQuestion(db, user.districtId, planId, key);
  if (!question) throw notFound('The question');
  return question;
}

export async function saveAnswer(
  db: Db,
  user: SignedInUser,
  planId: string,
  key: string,
  input: SaveAnswer,
): Promise<KeyQuestion> {
  await questionOrNotFound(db, user, planId, key);
  const saved = await repo.updateAnswer(
    db,
    { districtId: user.districtId, planId, key, version: input.version },
    { text: input.text, answered: isAnswered(input.text), userId: user.id },
  );
  const now = await questionOrNotFound(db, user, planId, key);
  // A stale save of the very text already there (a retried request, say) conflicts with nothing.
  if (!saved && now.answer_text !== input.text) throw conflict('answer', presentQuestion(now));
  return presentQuestion(now);
}

async function assertRoomForCustomItem(db: Executor, user: SignedInUser, planId: string): Promise<void> {
  const count = await repo.countCustomItems(db, user.districtId, planId);
  if (count.questions + count.actions >= limits.customItemsPerPlan) {
    throw invalidInput([
      {
        in: 'body',
        field: 'text',
        message: `a plan holds at most ${limits.customItemsPerPlan} questions and actions of its own`,
      },
    ]);
  }
}

export async function addQuestion(
  db: Db,
  user: SignedInUser,
  planId: string,
  input: CreateQuestion,
): Promise<KeyQuestion> {
  return db.transaction(async (trx) => {
    await planOrNotFound(trx, user, planId);
    await assertRoomForCustomItem(trx, user, planId);
    const key = `c-${randomBytes(6).toString('hex')}`;
    await repo.insertQuestion(trx, {
      district_id: user.districtId,
      plan_id: planId,
      key,
      stage_key: input.stageKey,
      text: input.text,
    });
    return presentQuestion((await repo.findQuestion(trx, user.districtId, planId, key))!);
  });
}

export async function updateQuestion(
  db: Db,
  user: SignedInUser,
  planId: string,
  key: string,
  input: UpdateQuestion,
): Promise<KeyQuestion> {
  const question = await questionOrNotFound(db, user, planId, key);
  if (input.text !== undefined && question.template_key !== null) {
    throw invalidInput([
      {
        in: 'body',
        field: 'text',
        message: "the roadmap's own questions keep their wording; add a question of your own instead",
      },
    ]);
  }
  const saved = await repo.updateQuestion(
    db,
    { districtId: user.districtId, planId, key, version: input.version },
    { text: input.text, not_applicable: input.notApplicable },
  );
  const now = await questionOrNotFound(db, user, planId, key);
  if (!saved) throw conflict('question', presentQuestion(now));
  return presentQuestion(now);
}

export async function removeQuestion(db: Db, user: SignedInUser, planId: string, key: string): Promise<void> {
  const question = await questionOrNotFound(db, user, planId, key);
  if (question.template_key !== null) {
    throw new AppError('conflict', "The roadmap's own questions cannot be removed. Mark it not applicable instead.");
  }
  await repo.deleteQuestion(db, user.districtId, planId, key);
}

async function actionOrNotFound(
  db: Executor,
  user: SignedInUser,
  planId: string,
  actionId: string,
): Promise<repo.ActionRow> {
  await planOrNotFound(db, user, planId);
  const action = await repo.findAction(db, user.districtId, planId, actionId);
  if (!action) throw notFound('The action');
  return action;
}

/** Owner is a user of the district or a typed name, never both; a chosen user must be of this district. */
async function ownerChanges(
  db: Executor,
  user: SignedInUser,
  input: { ownerUserId?: string | null; ownerName?: string | null },
): Promise<Pick<repo.ActionChanges, 'owner_user_id' | 'owner_name'>> {
  const ownerName = input.ownerName?.trim() ? input.ownerName.trim() : input.ownerName === undefined ? undefined : null;
  if (input.ownerUserId && ownerName) {
    throw invalidInput([
      { in: 'body', field: 'ownerName', message: 'give either a user of the district or a typed name, not both' },
    ]);
  }
  if (input.ownerUserId && !(await isUserOfDistrict(db, user.districtId, input.ownerUserId))) {
    throw invalidInput([{ in: 'body', field: 'ownerUserId', message: 'is not a user of your district' }]);
  }
  // Setting one kind of owner clears the other.
  if (input.ownerUserId) return { owner_user_id: input.ownerUserId, owner_name: null };
  if (ownerName) return { owner_user_id: null, owner_name: ownerName };
  const changes: Pick<repo.ActionChanges, 'owner_user_id' | 'owner_name'> = {};
  if (input.ownerUserId === null) changes.owner_user_id = null;
  if (ownerName === null) changes.owner_name = null;
  return changes;
}

export async function addAction(
  db: Db,
  user: SignedInUser,
  planId: string,
  input: CreateAction,
): Promise<HighImpactAction> {
  return db.transaction(async (trx) => {
    await planOrNotFound(trx, user, planId);
    await assertRoomForCustomItem(trx, user, planId);
    const id = await repo.insertAction(trx, {
      district_id: user.districtId,
      plan_id: planId,
      stage_key: input.stageKey,
      text: input.text,
      status: input.status,
      due_date: input.dueDate,
      notes: input.notes,
      updated_by: user.id,
      ...(await ownerChanges(trx, user, input)),
    });
    return presentAction((await repo.findAction(trx, user.districtId, planId, id))!);
  });
}

export async function updateAction(
  db: Db,
  user: SignedInUser,
  planId: string,
  actionId: string,
  input: UpdateAction,
): Promise<HighImpactAction> {
  const action = await actionOrNotFound(db, user, planId, actionId);
  if (input.text !== undefined && action.template_key !== null) {
    throw invalidInput([
      {
        in: 'body',
        field: 'text',
        message: "the roadmap's own actions keep their wording; add an action of your own instead",
      },
    ]);
  }
  const saved = await repo.updateAction(
    db,
    { districtId: user.districtId, planId, actionId, version: input.version },
    {
      text: input.text,
      not_applicable: input.notApplicable,
      status: input.status,
      due_date: input.dueDate,
      notes: input.notes,
      updated_by: user.id,
      ...(await ownerChanges(db, user, input)),
    },
  );
  const now = await actionOrNotFound(db, user, planId, actionId);
  if (!saved) throw conflict('action', presentAction(now));
  return presentAction(now);
}

export async function removeAction(db: Db, user: SignedInUser, planId: string, actionId: string): Promise<void> {
  const action = await actionOrNotFound(db, user, planId, actionId);
  if (action.template_key !== null) {
    throw new AppError('conflict', "The roadmap's own actions cannot be removed. Mark it not applicable instead.");
  }
  await repo.deleteAction(db, user.districtId, planId, actionId);
}
