import type { Executor } from '../../db/knex';

export interface PlanRow {
  id: string;
  district_id: string;
  title: string;
  school_year: string;
  status: string;
  copied_from_plan_id: string | null;
  average_teacher_cost_cents: string | number;
  contract_days: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface StageRow {
  key: string;
  position: number;
  title: string;
  summary: string;
}

export interface QuestionRow {
  plan_id: string;
  key: string;
  stage_key: string;
  template_key: string | null;
  text: string;
  position: number;
  not_applicable: boolean;
  version: number;
  answer_text: string;
  answered: boolean;
  answer_version: number;
  answer_updated_at: Date | null;
  answer_updated_by: string | null;
  answer_updated_by_name: string | null;
}

export interface ActionRow {
  id: string;
  plan_id: string;
  stage_key: string;
  template_key: string | null;
  text: string;
  position: number;
  not_applicable: boolean;
  status: string;
  owner_user_id: string | null;
  owner_name: string | null;
  due_date: Date | string | null;
  notes: string;
  version: number;
  updated_at: Date;
}

/** Just what progress needs, for every plan of a list at once. */
export interface ProgressRow {
  plan_id: string;
  stage_key: string;
  kind: 'question' | 'action';
  not_applicable: boolean;
  answered: boolean;
  status: string;
}

const planColumns = [
  'id',
  'district_id',
  'title',
  'school_year',
  'status',
  'copied_from_plan_id',
  'average_teacher_cost_cents',
  'contract_days',
  'version',
  'created_at',
  'updated_at',
];

export function listStages(db: Executor): Promise<StageRow[]> {
  return db('roadmap_stages').select('key', 'position', 'title', 'summary').orderBy('position');
}

export function listPlans(db: Executor, districtId: string): Promise<PlanRow[]> {
  return db('plans')
    .select(planColumns)
    .where({ district_id: districtId })
    .orderBy([{ column: 'school_year', order: 'desc' }, 'title']);
}

export function findPlan(db: Executor, districtId: string, planId: string): Promise<PlanRow | undefined> {
  return db('plans').select(planColumns).where({ district_id: districtId, id: planId }).first();
}

export async function insertPlan(
  db: Executor,
  row: {
    district_id: string;
    title: string;
    school_year: string;
    created_by: string;
    copied_from_plan_id?: string;
    average_teacher_cost_cents?: string | number;
    contract_days?: number;
  },
): Promise<PlanRow> {
  const [plan] = (await db('plans').insert(row).returning(planColumns)) as PlanRow[];
  return plan!;
}

/** Optimistic update: only when the version matches; undefined means stale (or gone). */
export async function updatePlan(
  db: Executor,
  districtId: string,
  planId: string,
  version: number,
  changes: Partial<Pick<PlanRow, 'title' | 'school_year' | 'status' | 'average_teacher_cost_cents' | 'contract_days'>>,
): Promise<PlanRow | undefined> {
  const [plan] = (await db('plans')
    .where({ district_id: districtId, id: planId, version })
    .update({ ...changes, version: db.raw('version + 1'), updated_at: db.fn.now() })
    .returning(planColumns)) as PlanRow[];
  return plan;
}

export function deletePlan(db: Executor, districtId: string, planId: string): Promise<number> {
  return db('plans').where({ district_id: districtId, id: planId }).delete();
}

export function listProgressRows(db: Executor, districtId: string, planIds: string[]): Promise<ProgressRow[]> {
  const questions = db('plan_questions')
    .select('plan_id', 'stage_key', db.raw(`'question' as kind`), 'not_applicable', 'answered', db.raw(`'' as status`))
    .where('district_id', districtId)
    .whereIn('plan_id', planIds);
  const actions = db('plan_actions')
    .select('plan_id', 'stage_key', db.raw(`'action' as kind`), 'not_applicable', db.raw('false as answered'), 'status')
    .where('district_id', districtId)
    .whereIn('plan_id', planIds);
  return questions.unionAll(actions) as unknown as Promise<ProgressRow[]>;
}

function questionQuery(db: Executor, districtId: string) {
  return db('plan_questions as q')
    .leftJoin('roadmap_items as t', 't.key', 'q.template_key')
    .leftJoin('users as u', 'u.id', 'q.answer_updated_by')
    .select(
      'q.plan_id',
      'q.key',
      'q.stage_key',
      'q.template_key',
      db.raw('coalesce(q.text, t.text) as text'),
      'q.position',
      'q.not_applicable',
      'q.version',
      'q.answer_text',
      'q.answered',
      'q.answer_version',
      'q.answer_updated_at',
      'q.answer_updated_by',
      'u.name as answer_updated_by_name',
    )
    .where('q.district_id', districtId);
}

export function listQuestions(db: Executor, districtId: string, planId: string): Promise<QuestionRow[]> {
  return questionQuery(db, districtId).where('q.plan_id', planId).orderBy(['q.stage_key', 'q.position']);
}

export function findQuestion(
  db: Executor,
  districtId: string,
  planId: string,
  key: string,
): Promise<QuestionRow | undefined> {
  return questionQuery(db, districtId).where({ 'q.plan_id': planId, 'q.key': key }).first();
}

function actionQuery(db: Executor, districtId: string) {
  return db('plan_actions as a')
    .leftJoin('roadmap_items as t', 't.key', 'a.template_key')
    .select(
      'a.id',
      'a.plan_id',
      'a.stage_key',
      'a.template_key',
      db.raw('coalesce(a.text, t.text) as text'),
      'a.position',
      'a.not_applicable',
      'a.status',
      'a.owner_user_id',
      'a.owner_name',
      'a.due_date',
      'a.notes',
      'a.version',
      'a.updated_at',
    )
    .where('a.district_id', districtId);
}

export function listActions(db: Executor, districtId: string, planId: string): Promise<ActionRow[]> {
  return actionQuery(db, districtId).where('a.plan_id', planId).orderBy(['a.stage_key', 'a.position']);
}

export function findAction(
  db: Executor,
  districtId: string,
  planId: string,
  actionId: string,
): Promise<ActionRow | undefined> {
  return actionQuery(db, districtId).where({ 'a.plan_id': planId, 'a.id': actionId }).first();
}

/** A new plan's template rows: every template question and action, straight from roadmap_items. */
export async function insertTemplateItems(db: Executor, districtId: string, planId: string): Promise<void> {
  await db.raw(
    `insert into plan_questions (district_id, plan_id, key, stage_key, template_key, position)
     select ?, ?, key, stage_key, key, position from roadmap_items where kind = 'question'`,
    [districtId, planId],
  );
  await db.raw(
    `insert into plan_actions (district_id, plan_id, stage_key, template_key, position)
     select ?, ?, stage_key, key, position from roadmap_items where kind = 'action'`,
    [districtId, planId],
  );
}

/**
 * A copy for the next year: answers, custom items and not-applicable marks carry over; action statuses
 * start again and due dates are cleared (last year's dates would all be overdue).
 */
export async function copyItems(db: Executor, districtId: string, fromPlanId: string, toPlanId: string): Promise<void> {
  await db.raw(
    `insert into plan_questions (district_id, plan_id, key, stage_key, template_key, text, position, not_applicable, answer_text, answered)
     select district_id, ?, key, stage_key, template_key, text, position, not_applicable, answer_text, answered
     from plan_questions where district_id = ? and plan_id = ?`,
    [toPlanId, districtId, fromPlanId],
  );
  await db.raw(
    `insert into plan_actions (district_id, plan_id, stage_key, template_key, text, position, not_applicable, owner_user_id, owner_name, notes)
     select district_id, ?, stage_key, template_key, text, position, not_applicable, owner_user_id, owner_name, notes
     from plan_actions where district_id = ? and plan_id = ?`,
    [toPlanId, districtId, fromPlanId],
  );
}

export async function updateAnswer(
  db: Executor,
  where: { districtId: string; planId: string; key: string; version: number },
  answer: { text: string; answered: boolean; userId: string },
): Promise<boolean> {
  const count = await db('plan_questions')
    .where({ district_id: where.districtId, plan_id: where.planId, key: where.key, answer_version: where.version })
    .update({
      answer_text: answer.text,
      answered: answer.answered,
      answer_version: db.raw('answer_version + 1'),
      answer_updated_at: db.fn.now(),
      answer_updated_by: answer.userId,
      updated_at: db.fn.now(),
    });
  return count === 1;
}

export function countCustomItems(
  db: Executor,
  districtId: string,
  planId: string,
): Promise<{ questions: number; actions: number }> {
  return db
    .first(
      db('plan_questions')
        .count('*')
        .where({ district_id: districtId, plan_id: planId })
        .whereNull('template_key')
        .as('questions'),
      db('plan_actions')
        .count('*')
        .where({ district_id: districtId, plan_id: planId })
        .whereNull('template_key')
        .as('actions'),
    )
    .then((row: { questions: string | number; actions: string | number }) => ({
      questions: Number(row.questions),
      actions: Number(row.actions),
    }));
}

/** Next position at the end of a stage's list. */
async function nextPosition(
  db: Executor,
  table: 'plan_questions' | 'plan_actions',
  planId: string,
  stageKey: string,
): Promise<number> {
  const row = (await db(table).max('position as max').where({ plan_id: planId, stage_key: stageKey }).first()) as {
    max: number | null;
  };
  return (row.max ?? 0) + 1;
}

export async function insertQuestion(
  db: Executor,
  row: { district_id: string; plan_id: string; key: string; stage_key: string; text: string },
): Promise<void> {
  await db('plan_questions').insert({
    ...row,
    position: await nextPosition(db, 'plan_questions', row.plan_id, row.stage_key),
  });
}

export async function updateQuestion(
  db: Executor,
  where: { districtId: string; planId: string; key: string; version: number },
  changes: { text?: string; not_applicable?: boolean },
): Promise<boolean> {
  const count = await db('plan_questions')
    .where({ district_id: where.districtId, plan_id: where.planId, key: where.key, version: where.version })
    .update({ ...changes, version: db.raw('version + 1'), updated_at: db.fn.now() });
  return count === 1;
}

export function deleteQuestion(db: Executor, districtId: string, planId: string, key: string): Promise<number> {
  return db('plan_questions')
    .where({ district_id: districtId, plan_id: planId, key })
    .whereNull('template_key')
    .delete();
}

export interface ActionChanges {
  text?: string;
  not_applicable?: boolean;
  status?: string;
  owner_user_id?: string | null;
  owner_name?: string | null;
  due_date?: string | null;
  notes?: string;
}

export async function insertAction(
  db: Executor,
  row: { district_id: string; plan_id: string; stage_key: string; text: string; updated_by: string } & ActionChanges,
): Promise<string> {
  const [created] = (await db('plan_actions')
    .insert({ ...row, position: await nextPosition(db, 'plan_actions', row.plan_id, row.stage_key) })
    .returning('id')) as { id: string }[];
  return created!.id;
}

export async function updateAction(
  db: Executor,
  where: { districtId: string; planId: string; actionId: string; version: number },
  changes: ActionChanges & { updated_by: string },
): Promise<boolean> {
  const count = await db('plan_actions')
    .where({ district_id: where.districtId, plan_id: where.planId, id: where.actionId, version: where.version })
    .update({ ...changes, version: db.raw('version + 1'), updated_at: db.fn.now() });
  return count === 1;
}

export function deleteAction(db: Executor, districtId: string, planId: string, actionId: string): Promise<number> {
  return db('plan_actions')
    .where({ district_id: districtId, plan_id: planId, id: actionId })
    .whereNull('template_key')
    .delete();
}
