import type { Knex } from 'knex';
import type { Executor } from '../../db/knex';
import { isoDateTimeSql } from '../../db/values';
import { preparedStatement } from '../../db/scoped-pg-client';

/**
 * The plans feature owns `plans`, the roadmap template (`roadmap_stages`, `roadmap_items`) and each
 * plan's worksheet rows (`plan_questions` with their answers, `plan_actions`). Writes return the row
 * they wrote; template items read their wording from the template (`shown_text`).
 */

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
  shown_text: string;
  position: number;
  not_applicable: boolean;
  version: number;
  answer_text: string;
  answered: boolean;
  answer_version: number;
  answer_updated_at: Date | null;
  answer_updated_by: string | null;
}

export interface ActionRow {
  id: string;
  plan_id: string;
  stage_key: string;
  template_key: string | null;
  shown_text: string;
  position: number;
  not_applicable: boolean;
  status: string;
  owner_user_id: string | null;
  owner_name: string | null;
  due_date: Date | string | null;
  notes: string;
  version: number;
  updated_at: Date;
  updated_by: string | null;
}

/** Each plan's items per stage, counted as progress counts them (see shared/src/progress.ts). */
export interface ProgressCountRow {
  plan_id: string;
  stage_key: string;
  answered_questions: number;
  applicable_questions: number;
  done_actions: number;
  applicable_actions: number;
}

export const uniqueTitleConstraint = 'plans_district_year_title_unique';

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

/** A question or action row's wording: its own for the district's items, the template's otherwise. */
const shownText = (db: Executor, table: string) =>
  db.raw(`coalesce(??.text, (select t.text from roadmap_items t where t.key = ??.template_key)) as shown_text`, [
    table,
    table,
  ]);

export const stagesQuery = (db: Executor) =>
  db('roadmap_stages').select('key', 'position', 'title', 'summary').orderBy('position');

export function listStages(db: Executor): Promise<StageRow[]> {
  return stagesQuery(db);
}

export const plansQuery = (db: Executor, districtId: string) =>
  db('plans')
    .select(planColumns)
    .where({ district_id: districtId })
    .orderBy([{ column: 'school_year', order: 'desc' }, 'title', 'id']);

export function listPlans(db: Executor, districtId: string): Promise<PlanRow[]> {
  return plansQuery(db, districtId);
}

export const planQuery = (db: Executor, districtId: string, planId: string) =>
  db('plans').select(planColumns).where({ district_id: districtId, id: planId });

export function findPlan(db: Executor, districtId: string, planId: string): Promise<PlanRow | undefined> {
  return planQuery(db, districtId, planId).first();
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
  where: { districtId: string; planId: string; version: number },
  changes: Partial<Pick<PlanRow, 'title' | 'school_year' | 'status' | 'average_teacher_cost_cents' | 'contract_days'>>,
): Promise<PlanRow | undefined> {
  const [plan] = (await db('plans')
    .where({ district_id: where.districtId, id: where.planId, version: where.version })
    .update({ ...changes, version: db.raw('version + 1'), updated_at: db.fn.now() })
    .returning(planColumns)) as PlanRow[];
  return plan;
}

/** Removes the plan; what hangs on it goes with it (foreign keys cascade). */
export function deletePlan(db: Executor, districtId: string, planId: string): Promise<number> {
  return db('plans').where({ district_id: districtId, id: planId }).delete();
}

/**
 * Progress counts per plan and stage, counted by Postgres in one pass over a plan's questions and actions
 * together: a district's hundred plans are thousands of items, and only their counts leave the database.
 */
export function progressCountsQuery(db: Executor, districtId: string, planId?: string) {
  const only = (query: Knex.QueryBuilder) => (planId ? query.where('plan_id', planId) : query);
  const questions = only(
    db('plan_questions')
      .select(
        'plan_id',
        'stage_key',
        db.raw('true as question'),
        'not_applicable',
        'answered',
        db.raw('null as status'),
      )
      .where('district_id', districtId),
  );
  const actions = only(
    db('plan_actions')
      .select('plan_id', 'stage_key', db.raw('false'), 'not_applicable', db.raw('false'), 'status')
      .where('district_id', districtId),
  );
  const counted = (column: keyof ProgressCountRow, items: string) =>
    db.raw(`(count(*) filter (where ${items}))::int as ??`, [column]);
  return db
    .select(
      'plan_id',
      'stage_key',
      counted('answered_questions', 'question and not not_applicable and answered'),
      counted('applicable_questions', 'question and not not_applicable'),
      counted('done_actions', `not question and not not_applicable and status = 'done'`),
      counted('applicable_actions', 'not question and not not_applicable'),
    )
    .from(db.raw('(? union all ?) as items', [questions, actions]))
    .groupBy('plan_id', 'stage_key');
}

export function listProgressCounts(db: Executor, districtId: string, planId: string): Promise<ProgressCountRow[]> {
  return progressCountsQuery(db, districtId, planId) as unknown as Promise<ProgressCountRow[]>;
}

/** What a plan's worksheets hold, counted, to say what deleting it removes. */
export async function countWorksheet(
  db: Executor,
  districtId: string,
  planId: string,
): Promise<{ answered: number; own_questions: number; actions: number }> {
  const row = (await db('plans')
    .where({ 'plans.district_id': districtId, 'plans.id': planId })
    .first(
      db('plan_questions')
        .count('*')
        .where({ district_id: districtId, plan_id: planId, answered: true })
        .as('answered'),
      db('plan_questions')
        .count('*')
        .where({ district_id: districtId, plan_id: planId })
        .whereNull('template_key')
        .as('own_questions'),
      db('plan_actions').count('*').where({ district_id: districtId, plan_id: planId }).as('actions'),
    )) as Record<string, string | number>;
  return { answered: Number(row.answered), own_questions: Number(row.own_questions), actions: Number(row.actions) };
}

// ---- Key questions and their answers -------------------------------------------------------------------

const questionColumns = [
  'plan_id',
  'key',
  'stage_key',
  'template_key',
  'position',
  'not_applicable',
  'version',
  'answer_text',
  'answered',
  'answer_version',
  'answer_updated_at',
  'answer_updated_by',
];

function questionQuery(db: Executor, districtId: string) {
  return db('plan_questions')
    .select([...questionColumns, shownText(db, 'plan_questions')])
    .where('district_id', districtId);
}

export const questionsQuery = (db: Executor, districtId: string, planId: string) =>
  questionQuery(db, districtId).where('plan_id', planId).orderBy(['stage_key', 'position']);

export function listQuestions(db: Executor, districtId: string, planId: string): Promise<QuestionRow[]> {
  return questionsQuery(db, districtId, planId);
}

/** Who last wrote each answer of a plan, as a subquery of ids. */
export const answerAuthorsQuery = (db: Executor, districtId: string, planId: string) =>
  db('plan_questions')
    .distinct('answer_updated_by')
    .where({ district_id: districtId, plan_id: planId })
    .whereNotNull('answer_updated_by');

export function findQuestion(
  db: Executor,
  districtId: string,
  planId: string,
  key: string,
): Promise<QuestionRow | undefined> {
  return questionQuery(db, districtId).where({ plan_id: planId, key }).first();
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
 * start again, and due dates and notes are cleared (last year's dates would all be overdue, its notes
 * said of a status no longer there).
 */
export async function copyItems(db: Executor, districtId: string, fromPlanId: string, toPlanId: string): Promise<void> {
  await db.raw(
    `insert into plan_questions (district_id, plan_id, key, stage_key, template_key, text, position, not_applicable, answer_text, answered)
     select district_id, ?, key, stage_key, template_key, text, position, not_applicable, answer_text, answered
     from plan_questions where district_id = ? and plan_id = ?`,
    [toPlanId, districtId, fromPlanId],
  );
  await db.raw(
    `insert into plan_actions (district_id, plan_id, stage_key, template_key, text, position, not_applicable, owner_user_id, owner_name)
     select district_id, ?, stage_key, template_key, text, position, not_applicable, owner_user_id, owner_name
     from plan_actions where district_id = ? and plan_id = ?`,
    [toPlanId, districtId, fromPlanId],
  );
}

/** Saves an answer on the version it was based on; undefined when that version is stale (or nothing matches). */
export async function updateAnswer(
  db: Executor,
  where: { districtId: string; planId: string; key: string; version: number },
  answer: { text: string; answered: boolean; userId: string },
): Promise<QuestionRow | undefined> {
  const [row] = (await db('plan_questions')
    .where({ district_id: where.districtId, plan_id: where.planId, key: where.key, answer_version: where.version })
    .update({
      answer_text: answer.text,
      answered: answer.answered,
      answer_version: db.raw('answer_version + 1'),
      answer_updated_at: db.fn.now(),
      answer_updated_by: answer.userId,
      updated_at: db.fn.now(),
    })
    .returning([...questionColumns, shownText(db, 'plan_questions')])
    // Autosave sends this on every pause in typing: prepared, it is planned once per connection.
    .options(preparedStatement)) as QuestionRow[];
  return row;
}

export async function countOwnItems(db: Executor, districtId: string, planId: string): Promise<number> {
  const row = (await db.first(
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
  )) as { questions: string | number; actions: string | number };
  return Number(row.questions) + Number(row.actions);
}

/** Next position at the end of a stage's list, as a subquery of the insert. */
const nextPosition = (db: Executor, table: 'plan_questions' | 'plan_actions', planId: string, stageKey: string) =>
  db.raw(`(select coalesce(max(position), 0) + 1 from ?? where plan_id = ? and stage_key = ?)`, [
    table,
    planId,
    stageKey,
  ]);

export async function insertQuestion(
  db: Executor,
  row: { district_id: string; plan_id: string; key: string; stage_key: string; text: string },
): Promise<QuestionRow> {
  const [created] = (await db('plan_questions')
    .insert({ ...row, position: nextPosition(db, 'plan_questions', row.plan_id, row.stage_key) })
    .returning([...questionColumns, shownText(db, 'plan_questions')])) as QuestionRow[];
  return created!;
}

export async function updateQuestion(
  db: Executor,
  where: { districtId: string; planId: string; key: string; version: number },
  changes: { text?: string; not_applicable?: boolean },
): Promise<QuestionRow | undefined> {
  const [row] = (await db('plan_questions')
    .where({ district_id: where.districtId, plan_id: where.planId, key: where.key, version: where.version })
    .update({ ...changes, version: db.raw('version + 1'), updated_at: db.fn.now() })
    .returning([...questionColumns, shownText(db, 'plan_questions')])) as QuestionRow[];
  return row;
}

/** Removes an own question as it was seen (its version and its answer's); 0 when stale, gone or the roadmap's. */
export function deleteQuestion(
  db: Executor,
  where: { districtId: string; planId: string; key: string; version: number; answerVersion: number },
): Promise<number> {
  return db('plan_questions')
    .where({
      district_id: where.districtId,
      plan_id: where.planId,
      key: where.key,
      version: where.version,
      answer_version: where.answerVersion,
    })
    .whereNull('template_key')
    .delete();
}

// ---- High-impact actions -------------------------------------------------------------------------------

const actionColumns = [
  'id',
  'plan_id',
  'stage_key',
  'template_key',
  'position',
  'not_applicable',
  'status',
  'owner_user_id',
  'owner_name',
  'due_date',
  'notes',
  'version',
  'updated_at',
  'updated_by',
];

function actionQuery(db: Executor, districtId: string) {
  return db('plan_actions')
    .select([...actionColumns, shownText(db, 'plan_actions')])
    .where('district_id', districtId);
}

export const actionsQuery = (db: Executor, districtId: string, planId: string) =>
  actionQuery(db, districtId).where('plan_id', planId).orderBy(['stage_key', 'position']);

export function listActions(db: Executor, districtId: string, planId: string): Promise<ActionRow[]> {
  return actionsQuery(db, districtId, planId);
}

export function findAction(
  db: Executor,
  districtId: string,
  planId: string,
  actionId: string,
): Promise<ActionRow | undefined> {
  return actionQuery(db, districtId).where({ plan_id: planId, id: actionId }).first();
}

export function listActionsById(
  db: Executor,
  districtId: string,
  planId: string,
  ids: readonly string[],
): Promise<ActionRow[]> {
  return actionQuery(db, districtId)
    .where({ plan_id: planId })
    .whereIn('id', ids as string[]);
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
): Promise<ActionRow> {
  const [created] = (await db('plan_actions')
    .insert({ ...row, position: nextPosition(db, 'plan_actions', row.plan_id, row.stage_key) })
    .returning([...actionColumns, shownText(db, 'plan_actions')])) as ActionRow[];
  return created!;
}

export async function updateAction(
  db: Executor,
  where: { districtId: string; planId: string; actionId: string; version: number },
  changes: ActionChanges & { updated_by: string },
): Promise<ActionRow | undefined> {
  const [row] = (await db('plan_actions')
    .where({ district_id: where.districtId, plan_id: where.planId, id: where.actionId, version: where.version })
    .update({ ...changes, version: db.raw('version + 1'), updated_at: db.fn.now() })
    .returning([...actionColumns, shownText(db, 'plan_actions')])) as ActionRow[];
  return row;
}

/** Removes an own action at the version it was seen; 0 when stale, gone or the roadmap's. */
export function deleteAction(
  db: Executor,
  where: { districtId: string; planId: string; actionId: string; version: number },
): Promise<number> {
  return db('plan_actions')
    .where({ district_id: where.districtId, plan_id: where.planId, id: where.actionId, version: where.version })
    .whereNull('template_key')
    .delete();
}

/** The active plans of every district: what reminders are about. */
export function listActivePlans(db: Executor): Promise<PlanRow[]> {
  return db('plans').select(planColumns).where({ status: 'active' }).orderBy('id');
}

// ---- The stages as one JSON document ------------------------------------------------------------------

/** SQL of a row's wording, as `shownText` reads it. */
const shownTextOf = (alias: string) =>
  `coalesce(${alias}.text, (select t.text from roadmap_items t where t.key = ${alias}.template_key))`;

/**
 * The plan's stages with their questions and actions as JSON built by Postgres, the `stages` of the whole
 * plan's document: each question as presentQuestion makes it (a departed author reads "A former user"),
 * each action as presentAction does, the stages as presentPlanCore orders them. The document embeds the
 * text as it comes, unparsed; plans.test.ts holds it to the presenters' answer.
 */
export function stagesJsonQuery(
  db: Executor,
  districtId: string,
  planId: string,
  /** Who wrote the answers, `id` and `name` (the users feature's). */
  authors: Knex.QueryBuilder,
): Knex.Raw {
  const question = `json_build_object(
      'key', q.key, 'stageKey', q.stage_key, 'text', ${shownTextOf('q')}, 'isCustom', q.template_key is null,
      'notApplicable', q.not_applicable, 'position', q.position, 'version', q.version,
      'answer', json_build_object(
        'text', q.answer_text, 'version', q.answer_version, 'updatedAt', ${isoDateTimeSql('q.answer_updated_at')},
        'updatedBy', case when q.answer_updated_by is null then null
                     else json_build_object('id', q.answer_updated_by, 'name', coalesce(u.name, 'A former user')) end))`;
  const action = `json_build_object(
      'id', a.id, 'stageKey', a.stage_key, 'templateKey', a.template_key, 'text', ${shownTextOf('a')},
      'isCustom', a.template_key is null, 'notApplicable', a.not_applicable, 'position', a.position,
      'status', a.status, 'ownerUserId', a.owner_user_id, 'ownerName', a.owner_name, 'dueDate', a.due_date,
      'notes', a.notes, 'version', a.version, 'updatedAt', ${isoDateTimeSql('a.updated_at')})`;
  return db.raw(
    `select coalesce(json_agg(json_build_object(
        'key', s.key, 'order', s.position, 'title', s.title, 'summary', s.summary,
        'questions', coalesce((
          select json_agg(${question} order by q.position)
            from plan_questions q
            left join (?) u on u.id = q.answer_updated_by
           where q.district_id = ? and q.plan_id = ? and q.stage_key = s.key), '[]'::json),
        'actions', coalesce((
          select json_agg(${action} order by a.position)
            from plan_actions a
           where a.district_id = ? and a.plan_id = ? and a.stage_key = s.key), '[]'::json)
      ) order by s.position), '[]'::json)
      from roadmap_stages s`,
    [authors, districtId, planId, districtId, planId],
  );
}
