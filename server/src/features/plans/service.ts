import { randomBytes } from 'node:crypto';
import { isAnswered } from '@planner/shared/progress';
import {
  limits,
  type BulkUpdateActions,
  type CreateAction,
  type CreatePlan,
  type CreateQuestion,
  type DeleteQuestionQuery,
  type HighImpactAction,
  type KeyQuestion,
  type PlanSummary,
  type SaveAnswer,
  type UpdateAction,
  type UpdatePlan,
  type UpdateQuestion,
} from '@planner/shared/plan';
import { isUniqueViolation } from '../../db/errors';
import { asActor, setActor } from '../../db/history-context';
import type { Executor } from '../../db/knex';
import { readTogether } from '../../db/read-together';
import { AppError, deleteConflict, invalidInput, notFound, versionConflict } from '../../http/app-error';
import type { SignedInUser } from '../../http/auth';
import { namesOf, namesQuery, whyNotAnOwner } from '../users/service';
import * as repo from './repo';
import {
  presentAction,
  presentPlanCore,
  presentPlanHead,
  presentPlanList,
  presentQuestion,
  type PlanCore,
} from './presenter';

export type { PlanCore } from './presenter';
export type PlanRow = repo.PlanRow;

/** The plan of the district, or 404 exactly as for a missing one: every plan route starts here. */
export async function planOrNotFound(db: Executor, districtId: string, planId: string): Promise<repo.PlanRow> {
  const plan = await repo.findPlan(db, districtId, planId);
  if (!plan) throw notFound('The plan');
  return plan;
}

export async function planIsArchived(db: Executor, districtId: string, planId: string): Promise<boolean> {
  return (await repo.findPlan(db, districtId, planId))?.status === 'archived';
}

/**
 * The plan, locked until the transaction ends, so what is counted before an insert (the caps on rows,
 * readings and own items) stays true under parallel adds. NO KEY UPDATE: inserts that merely reference
 * the plan do not wait on it.
 */
export async function lockPlanOrNotFound(trx: Executor, districtId: string, planId: string): Promise<repo.PlanRow> {
  const plan = await lockPlanIfAny(trx, districtId, planId);
  if (!plan) throw notFound('The plan');
  return plan;
}

/** The same lock, for a caller to whom a plan deleted meanwhile is no error. */
export async function lockPlanIfAny(
  trx: Executor,
  districtId: string,
  planId: string,
): Promise<repo.PlanRow | undefined> {
  return (await repo.planQuery(trx, districtId, planId).forNoKeyUpdate().first()) as repo.PlanRow | undefined;
}

/**
 * The plan's row locked for its deletion: unlike the lock above, this one also waits for transactions that
 * are adding rows which refer to the plan (comments, table rows) and keeps new ones out until it is gone.
 */
export async function lockPlanForDelete(trx: Executor, districtId: string, planId: string): Promise<void> {
  const plan = await repo.planQuery(trx, districtId, planId).forUpdate().first();
  if (!plan) throw notFound('The plan');
}

/** What the district pays for a teacher, to cost the roles (see shared/budget.ts). */
export const costSettingsOf = (plan: repo.PlanRow) => ({
  averageTeacherCostCents: Number(plan.average_teacher_cost_cents),
  contractDays: plan.contract_days,
});

const duplicateTitle = (title: string, schoolYear: string) =>
  new AppError(
    'conflict',
    `The district already has a plan titled “${title}” for ${schoolYear}. Choose another title or school year.`,
  );

/** Runs an insert or update of a plan row, turning a taken title and year into a 409 a person can act on. */
async function unlessTitleTaken<T>(write: Promise<T>, title: string, schoolYear: string): Promise<T> {
  try {
    return await write;
  } catch (err) {
    if (isUniqueViolation(err, repo.uniqueTitleConstraint)) throw duplicateTitle(title, schoolYear);
    throw err;
  }
}

/** The district's plans with their progress, in one statement. */
export async function listPlans(db: Executor, user: SignedInUser): Promise<PlanSummary[]> {
  const rows = await readTogether(db, {
    plans: repo.plansQuery(db, user.districtId),
    stages: repo.stagesQuery(db),
    progress: repo.progressCountsQuery(db, user.districtId),
  });
  return presentPlanList(
    rows.plans as unknown as repo.PlanRow[],
    rows.stages as unknown as repo.StageRow[],
    rows.progress as unknown as repo.ProgressCountRow[],
  );
}

/** The reads of a plan's core (plan, stages, questions, actions, answer authors), for one round trip with others. */
export function planCoreQueries(db: Executor, districtId: string, planId: string) {
  return {
    plan: repo.planQuery(db, districtId, planId),
    stages: repo.stagesQuery(db),
    questions: repo.questionsQuery(db, districtId, planId),
    actions: repo.actionsQuery(db, districtId, planId),
    answerAuthors: namesQuery(db, districtId, repo.answerAuthorsQuery(db, districtId, planId)),
  };
}

/** The core of a plan from what planCoreQueries read; 404 when the plan is not the district's. */
export function planCoreFrom(
  rows: Record<keyof ReturnType<typeof planCoreQueries>, Record<string, unknown>[]>,
): PlanCore {
  const plan = rows.plan[0] as repo.PlanRow | undefined;
  if (!plan) throw notFound('The plan');
  const names = new Map((rows.answerAuthors as { id: string; name: string }[]).map((u) => [u.id, u.name]));
  return presentPlanCore(
    plan,
    rows.stages as unknown as repo.StageRow[],
    rows.questions as unknown as repo.QuestionRow[],
    rows.actions as unknown as repo.ActionRow[],
    names,
  );
}

/**
 * The reads of the whole plan's document that are this feature's: the plan and its progress counts, to
 * present here, and its stages with questions and actions as JSON Postgres builds (`stagesJson`).
 */
export function planDocumentReads(db: Executor, districtId: string, planId: string) {
  return {
    queries: {
      plan: repo.planQuery(db, districtId, planId),
      stages: repo.stagesQuery(db),
      progress: repo.progressCountsQuery(db, districtId, planId),
    },
    documents: {
      stagesJson: repo.stagesJsonQuery(
        db,
        districtId,
        planId,
        namesQuery(db, districtId, repo.answerAuthorsQuery(db, districtId, planId)),
      ),
    },
  };
}

/** The plan's own fields and progress from what planDocumentReads read; 404 when it is not the district's. */
export function planHeadFrom(rows: Record<'plan' | 'stages' | 'progress', Record<string, unknown>[]>): PlanSummary {
  const plan = rows.plan[0] as repo.PlanRow | undefined;
  if (!plan) throw notFound('The plan');
  return presentPlanHead(
    plan,
    rows.stages as unknown as repo.StageRow[],
    rows.progress as unknown as repo.ProgressCountRow[],
  );
}

/** A plan's worksheets (stages, questions, answers, actions) and progress, in one statement. */
export async function loadPlanCore(db: Executor, districtId: string, planId: string): Promise<PlanCore> {
  return planCoreFrom(await readTogether(db, planCoreQueries(db, districtId, planId)));
}

/** A new plan from the roadmap template; the caller owns the transaction. */
export async function createPlan(trx: Executor, user: SignedInUser, input: CreatePlan): Promise<repo.PlanRow> {
  const plan = await unlessTitleTaken(
    repo.insertPlan(trx, {
      district_id: user.districtId,
      title: input.title,
      school_year: input.schoolYear,
      created_by: user.id,
    }),
    input.title,
    input.schoolYear,
  );
  await repo.insertTemplateItems(trx, user.districtId, plan.id);
  return plan;
}

/** A new plan with the worksheets of `from`; the caller owns the transaction and copies the rest. */
export async function copyPlan(
  trx: Executor,
  user: SignedInUser,
  from: repo.PlanRow,
  input: CreatePlan,
): Promise<repo.PlanRow> {
  const plan = await unlessTitleTaken(
    repo.insertPlan(trx, {
      district_id: user.districtId,
      title: input.title,
      school_year: input.schoolYear,
      created_by: user.id,
      copied_from_plan_id: from.id,
      average_teacher_cost_cents: from.average_teacher_cost_cents,
      contract_days: from.contract_days,
    }),
    input.title,
    input.schoolYear,
  );
  await repo.copyItems(trx, user.districtId, from.id, plan.id);
  return plan;
}

export async function updatePlan(
  db: Executor,
  user: SignedInUser,
  planId: string,
  input: UpdatePlan,
): Promise<PlanSummary> {
  const current = await planOrNotFound(db, user.districtId, planId);
  const updated = await unlessTitleTaken(
    asActor(db, user.id, (trx) =>
      repo.updatePlan(
        trx,
        { districtId: user.districtId, planId, version: input.version },
        {
          title: input.title,
          school_year: input.schoolYear,
          status: input.status,
          average_teacher_cost_cents: input.averageTeacherCostCents,
          contract_days: input.contractDays,
        },
      ),
    ),
    input.title ?? current.title,
    input.schoolYear ?? current.school_year,
  );
  const stages = await repo.listStages(db);
  const rows = await repo.listProgressCounts(db, user.districtId, planId);
  if (!updated) {
    const now = (await repo.findPlan(db, user.districtId, planId)) ?? current;
    throw versionConflict('plan', presentPlanList([now], stages, rows)[0]);
  }
  return presentPlanList([updated], stages, rows)[0]!;
}

/** Removes the plan and, by the database's cascades, everything that hangs on it. */
export async function deletePlan(db: Executor, districtId: string, planId: string): Promise<void> {
  if ((await repo.deletePlan(db, districtId, planId)) === 0) throw notFound('The plan');
}

export function countWorksheet(db: Executor, districtId: string, planId: string) {
  return repo.countWorksheet(db, districtId, planId);
}

// ---- Answers and key questions -------------------------------------------------------------------------

/** The question as it is now, for a refused write: 404 when the plan or question is not the district's. */
async function currentQuestion(db: Executor, user: SignedInUser, planId: string, key: string) {
  const row = await repo.findQuestion(db, user.districtId, planId, key);
  if (!row) throw notFound('The question');
  return row;
}

const presentWithNames = async (db: Executor, user: SignedInUser, row: repo.QuestionRow) =>
  presentQuestion(row, await namesOf(db, user.districtId, row.answer_updated_by ? [row.answer_updated_by] : []));

export async function saveAnswer(
  db: Executor,
  user: SignedInUser,
  planId: string,
  key: string,
  input: SaveAnswer,
): Promise<KeyQuestion> {
  const saved = await repo.updateAnswer(
    db,
    { districtId: user.districtId, planId, key, version: input.version },
    { text: input.text, answered: isAnswered(input.text), userId: user.id },
  );
  // Whoever saves is the signed-in person: their name needs no lookup.
  if (saved) return presentQuestion(saved, new Map([[user.id, user.name]]));
  const now = await currentQuestion(db, user, planId, key);
  const present = await presentWithNames(db, user, now);
  // A stale save of the very text already there (a retried request, say) conflicts with nothing.
  if (now.answer_text === input.text) return present;
  throw versionConflict('answer', present);
}

/** Whether the plan takes `adding` more questions or actions of its own (count under the plan's lock). */
export async function hasRoomForOwnItems(
  db: Executor,
  districtId: string,
  planId: string,
  adding = 1,
): Promise<boolean> {
  return (await repo.countOwnItems(db, districtId, planId)) + adding <= limits.customItemsPerPlan;
}

/**
 * Refuses own items past the cap: on the text of a new one, or on no field where the request has none
 * (items brought back from the history).
 */
export async function assertRoomForOwnItems(
  db: Executor,
  districtId: string,
  planId: string,
  { adding = 1, field = 'text' }: { adding?: number; field?: 'text' | '' } = {},
): Promise<void> {
  if (!(await hasRoomForOwnItems(db, districtId, planId, adding))) {
    throw invalidInput([
      {
        in: 'body',
        field,
        message: `a plan holds at most ${limits.customItemsPerPlan} questions and actions of its own`,
      },
    ]);
  }
}

export async function addQuestion(
  db: Executor,
  user: SignedInUser,
  planId: string,
  input: CreateQuestion,
): Promise<KeyQuestion> {
  return db.transaction(async (trx) => {
    await setActor(trx, user.id);
    await lockPlanOrNotFound(trx, user.districtId, planId);
    await assertRoomForOwnItems(trx, user.districtId, planId);
    const row = await repo.insertQuestion(trx, {
      district_id: user.districtId,
      plan_id: planId,
      key: `c-${randomBytes(6).toString('hex')}`,
      stage_key: input.stageKey,
      text: input.text,
    });
    return presentQuestion(row, new Map());
  });
}

export async function updateQuestion(
  db: Executor,
  user: SignedInUser,
  planId: string,
  key: string,
  input: UpdateQuestion,
): Promise<KeyQuestion> {
  if (input.text !== undefined) {
    const question = await currentQuestion(db, user, planId, key);
    if (question.template_key !== null) {
      throw invalidInput([
        {
          in: 'body',
          field: 'text',
          message: "the roadmap's own questions keep their wording; add a question of your own instead",
        },
      ]);
    }
  }
  const saved = await asActor(db, user.id, (trx) =>
    repo.updateQuestion(
      trx,
      { districtId: user.districtId, planId, key, version: input.version },
      { text: input.text, not_applicable: input.notApplicable },
    ),
  );
  if (saved) return presentWithNames(db, user, saved);
  throw versionConflict('question', await presentWithNames(db, user, await currentQuestion(db, user, planId, key)));
}

/** Removes an own question as the person saw it: one changed since, or answered since, stays (409 with it now). */
export async function removeQuestion(
  db: Executor,
  user: SignedInUser,
  planId: string,
  key: string,
  seen: DeleteQuestionQuery,
): Promise<void> {
  const removed = await asActor(db, user.id, (trx) =>
    repo.deleteQuestion(trx, {
      districtId: user.districtId,
      planId,
      key,
      version: seen.version,
      answerVersion: seen.answerVersion,
    }),
  );
  if (removed > 0) return;
  const question = await currentQuestion(db, user, planId, key);
  if (question.template_key !== null) {
    throw new AppError('conflict', "The roadmap's own questions cannot be removed. Mark it not applicable instead.");
  }
  throw deleteConflict('question', await presentWithNames(db, user, question));
}

// ---- High-impact actions -------------------------------------------------------------------------------

export async function currentAction(db: Executor, user: SignedInUser, planId: string, actionId: string) {
  const row = await repo.findAction(db, user.districtId, planId, actionId);
  if (!row) throw notFound('The action');
  return row;
}

/**
 * Owner is a user of the district or a typed name, never both; a chosen user must be an active one of this
 * district, unless they own the action already (`currentOwnerId`): an action keeps its deactivated owner.
 */
async function ownerChanges(
  db: Executor,
  user: SignedInUser,
  input: { ownerUserId?: string | null; ownerName?: string | null },
  currentOwnerId?: string | null,
): Promise<Pick<repo.ActionChanges, 'owner_user_id' | 'owner_name'>> {
  const ownerName = input.ownerName?.trim() ? input.ownerName.trim() : input.ownerName === undefined ? undefined : null;
  if (input.ownerUserId && ownerName) {
    throw invalidInput([
      { in: 'body', field: 'ownerName', message: 'give either a person of the district or a typed name, not both' },
    ]);
  }
  const ownerProblem =
    input.ownerUserId &&
    input.ownerUserId !== currentOwnerId &&
    (await whyNotAnOwner(db, user.districtId, input.ownerUserId, 'choose someone active, or type a name'));
  if (ownerProblem) throw invalidInput([{ in: 'body', field: 'ownerUserId', message: ownerProblem }]);
  // Setting one kind of owner clears the other.
  if (input.ownerUserId) return { owner_user_id: input.ownerUserId, owner_name: null };
  if (ownerName) return { owner_user_id: null, owner_name: ownerName };
  const changes: Pick<repo.ActionChanges, 'owner_user_id' | 'owner_name'> = {};
  if (input.ownerUserId === null) changes.owner_user_id = null;
  if (ownerName === null) changes.owner_name = null;
  return changes;
}

export async function addAction(
  db: Executor,
  user: SignedInUser,
  planId: string,
  input: CreateAction,
): Promise<HighImpactAction> {
  return db.transaction(async (trx) => {
    await setActor(trx, user.id);
    await lockPlanOrNotFound(trx, user.districtId, planId);
    await assertRoomForOwnItems(trx, user.districtId, planId);
    const row = await repo.insertAction(trx, {
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
    return presentAction(row);
  });
}

export async function updateAction(
  db: Executor,
  user: SignedInUser,
  planId: string,
  actionId: string,
  input: UpdateAction,
): Promise<HighImpactAction> {
  const current =
    input.text !== undefined || input.ownerUserId ? await currentAction(db, user, planId, actionId) : undefined;
  if (input.text !== undefined && current!.template_key !== null) {
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
      ...(await ownerChanges(db, user, input, current?.owner_user_id)),
    },
  );
  if (saved) return presentAction(saved);
  throw versionConflict('action', presentAction(await currentAction(db, user, planId, actionId)));
}

/**
 * One status or owner for several actions, in one transaction: all are saved, or none when any was
 * changed by someone else since it was loaded (409 with every named action as it is now).
 */
export async function updateActions(
  db: Executor,
  user: SignedInUser,
  planId: string,
  input: BulkUpdateActions,
): Promise<HighImpactAction[]> {
  await planOrNotFound(db, user.districtId, planId);
  const owner = await ownerChanges(db, user, { ownerUserId: input.ownerUserId });
  const saved = await asActor(db, user.id, async (trx) => {
    const rows = new Map<string, HighImpactAction>();
    // In one order whatever order the request lists them in: two people applying to the same actions at
    // once then queue on the first, and the later finds them changed (409) rather than a deadlock (500).
    for (const action of [...input.actions].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const row = await repo.updateAction(
        trx,
        { districtId: user.districtId, planId, actionId: action.id, version: action.version },
        { status: input.status, updated_by: user.id, ...owner },
      );
      // Rolls back the ones saved before it.
      if (!row) throw new StaleBulkUpdate();
      rows.set(row.id, presentAction(row));
    }
    return input.actions.map((action) => rows.get(action.id)!);
  }).catch((err: unknown) => {
    if (err instanceof StaleBulkUpdate) return undefined;
    throw err;
  });
  if (saved) return saved;
  // As they are now, after the rollback.
  const ids = input.actions.map((a) => a.id);
  const current = await repo.listActionsById(db, user.districtId, planId, ids);
  if (current.length < ids.length) {
    const missing = ids.length - current.length;
    throw invalidInput([
      {
        in: 'body',
        field: 'actions',
        message: `${missing === 1 ? 'one is not an action' : `${missing} are not actions`} of this plan`,
      },
    ]);
  }
  throw versionConflict(
    'actions',
    { actions: current.map(presentAction) },
    'Someone else changed one or more of these actions after you loaded them, so none was changed. Compare them as they are now and apply your change again.',
  );
}

class StaleBulkUpdate extends Error {}

/** Removes an own action at the version the person saw: one changed since stays (409 with it now). */
export async function removeAction(
  db: Executor,
  user: SignedInUser,
  planId: string,
  actionId: string,
  version: number,
): Promise<void> {
  const removed = await asActor(db, user.id, (trx) =>
    repo.deleteAction(trx, { districtId: user.districtId, planId, actionId, version }),
  );
  if (removed > 0) return;
  const action = await currentAction(db, user, planId, actionId);
  if (action.template_key !== null) {
    throw new AppError('conflict', "The roadmap's own actions cannot be removed. Mark it not applicable instead.");
  }
  throw deleteConflict('action', presentAction(action));
}

/** What a comment may be about in the worksheets: a question's answer or an action, with its words and stage. */
export async function worksheetSubjectOf(
  db: Executor,
  districtId: string,
  planId: string,
  subject: { kind: 'answer' | 'action'; id: string },
): Promise<{ label: string; stageKey: string; writtenBy: string | null } | undefined> {
  if (subject.kind === 'answer') {
    const question = await repo.findQuestion(db, districtId, planId, subject.id);
    return (
      question && { label: question.shown_text, stageKey: question.stage_key, writtenBy: question.answer_updated_by }
    );
  }
  if (!/^[0-9a-f-]{36}$/i.test(subject.id)) return undefined;
  const action = await repo.findAction(db, districtId, planId, subject.id);
  return action && { label: action.shown_text, stageKey: action.stage_key, writtenBy: action.updated_by };
}

/** One action of a plan as the API answers it, or undefined: what a reminder of it asks. */
export async function actionOfPlan(
  db: Executor,
  districtId: string,
  planId: string,
  actionId: string,
): Promise<HighImpactAction | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(actionId)) return undefined;
  const row = await repo.findAction(db, districtId, planId, actionId);
  return row && presentAction(row);
}

export const listActivePlans = repo.listActivePlans;

export const findPlan = repo.findPlan;
/** A plan of the district (no rows when it is not), for a read of several parts at once. */
export const planQuery = repo.planQuery;
/** The district's plans as stored, without their progress. */
export const plansOfDistrict = repo.listPlans;
