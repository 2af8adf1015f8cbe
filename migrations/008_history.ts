import type { Knex } from 'knex';

/**
 * The history of every plan: each change to plan data (plan settings, questions and answers, actions,
 * every stage-table row, readings, roles and their links) is recorded by a trigger in the transaction of
 * the change, with the row before and after, who made it (`planner.actor_id`, set by the service) and
 * the transaction it was part of (so what was deleted together can be brought back together).
 *
 * Readings and a role's schools gain their plan's id, so every recorded row names its plan, even when it
 * goes in a cascade after its parent.
 */
const recorded: { table: string; kind: string; stage: string | null }[] = [
  { table: 'plans', kind: 'plan', stage: null },
  { table: 'plan_questions', kind: 'question', stage: null },
  { table: 'plan_actions', kind: 'action', stage: null },
  { table: 'plan_priorities', kind: 'row', stage: 'design' },
  { table: 'plan_stakeholders', kind: 'row', stage: 'design' },
  { table: 'plan_funding_sources', kind: 'row', stage: 'context' },
  { table: 'plan_data_systems', kind: 'row', stage: 'context' },
  { table: 'plan_expertise', kind: 'row', stage: 'context' },
  { table: 'plan_collaboration_areas', kind: 'row', stage: 'context' },
  { table: 'plan_measures', kind: 'measure', stage: 'measures' },
  { table: 'plan_measure_readings', kind: 'reading', stage: 'measures' },
  { table: 'plan_decisions', kind: 'row', stage: 'build' },
  { table: 'plan_partners', kind: 'row', stage: 'build' },
  { table: 'plan_roles', kind: 'role', stage: 'build' },
  { table: 'plan_role_schools', kind: 'role', stage: 'build' },
  { table: 'plan_role_priorities', kind: 'role', stage: 'build' },
  { table: 'plan_role_measures', kind: 'role', stage: 'build' },
  // Kept so a removed role comes back with its decisions and history; not listed as changes of their own.
  { table: 'role_reviews', kind: 'role', stage: 'build' },
  { table: 'role_events', kind: 'role', stage: 'build' },
];

export async function up(knex: Knex): Promise<void> {
  // Readings and a role's schools name their plan, and their parent within it.
  await knex.schema.alterTable('plan_measure_readings', (t) => t.uuid('plan_id'));
  await knex.raw(
    `update plan_measure_readings r set plan_id = m.plan_id from plan_measures m where m.id = r.measure_id`,
  );
  await knex.raw('alter table plan_measure_readings alter column plan_id set not null');
  await knex.schema.alterTable('plan_measure_readings', (t) => {
    t.dropForeign(['district_id', 'measure_id']);
    t.foreign(['district_id', 'plan_id', 'measure_id'], 'plan_measure_readings_measure_fk')
      .references(['district_id', 'plan_id', 'id'])
      .inTable('plan_measures')
      .onDelete('CASCADE');
    t.index(['district_id', 'plan_id']);
  });
  await knex.schema.alterTable('plan_role_schools', (t) => t.uuid('plan_id'));
  await knex.raw(`update plan_role_schools s set plan_id = r.plan_id from plan_roles r where r.id = s.role_id`);
  await knex.raw('alter table plan_role_schools alter column plan_id set not null');
  await knex.schema.alterTable('plan_role_schools', (t) => {
    t.dropForeign(['district_id', 'role_id']);
    t.foreign(['district_id', 'plan_id', 'role_id'], 'plan_role_schools_role_fk')
      .references(['district_id', 'plan_id', 'id'])
      .inTable('plan_roles')
      .onDelete('CASCADE');
  });

  for (const table of ['role_reviews', 'role_events']) {
    await knex.schema.alterTable(table, (t) => t.uuid('plan_id'));
    await knex.raw(`update ?? x set plan_id = r.plan_id from plan_roles r where r.id = x.role_id`, [table]);
    await knex.raw('alter table ?? alter column plan_id set not null', [table]);
  }

  await knex.schema.createTable('plan_changes', (t) => {
    // A sequence: the order changes were made in, and the cursor of the history's pages.
    t.bigIncrements('id').primary();
    t.uuid('district_id').notNullable();
    t.uuid('plan_id').notNullable();
    t.text('item_table').notNullable();
    /** The row's id; a question's key (answers and questions are named by key); for a role's links, the role's. */
    t.text('item_id').notNullable();
    /** plan, question, answer, action, row, measure, reading or role. */
    t.text('item_kind').notNullable();
    t.text('stage_key');
    t.text('operation').notNullable();
    t.jsonb('before');
    t.jsonb('after');
    /** No foreign key: the history keeps who made a change whatever becomes of their account. */
    t.uuid('actor_id');
    t.bigInteger('txid').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(
    `alter table plan_changes add constraint plan_changes_operation_check check (operation in ('insert', 'update', 'delete'))`,
  );
  await knex.raw('create index plan_changes_plan on plan_changes (plan_id, id desc)');
  await knex.raw('create index plan_changes_item on plan_changes (plan_id, item_table, item_id, id desc)');
  await knex.raw('create index plan_changes_actor on plan_changes (plan_id, actor_id, id desc)');
  await knex.raw('create index plan_changes_stage on plan_changes (plan_id, stage_key, id desc)');
  await knex.raw('create index plan_changes_kind on plan_changes (plan_id, item_kind, id desc)');
  await knex.raw('create index plan_changes_tx on plan_changes (plan_id, txid)');

  await knex.raw(`
    create function record_plan_change() returns trigger language plpgsql as $$
    declare
      before_row jsonb;
      after_row jsonb;
      item jsonb;
      kind text := tg_argv[0];
    begin
      if current_setting('planner.recording', true) = 'off' then
        return null;
      end if;
      if tg_op <> 'INSERT' then before_row := to_jsonb(old); end if;
      if tg_op <> 'DELETE' then after_row := to_jsonb(new); end if;
      -- A save that changed nothing a person wrote is not a change.
      if tg_op = 'UPDATE' and (before_row - 'version' - 'updated_at' - 'updated_by')
                             = (after_row - 'version' - 'updated_at' - 'updated_by') then
        return null;
      end if;
      item := coalesce(after_row, before_row);
      if tg_table_name = 'plan_questions' and tg_op = 'UPDATE'
         and before_row->>'answer_text' is distinct from after_row->>'answer_text' then
        kind := 'answer';
      end if;
      insert into plan_changes (district_id, plan_id, item_table, item_id, item_kind, stage_key, operation,
                                before, after, actor_id, txid)
      values ((item->>'district_id')::uuid,
              (case when tg_table_name = 'plans' then item->>'id' else item->>'plan_id' end)::uuid,
              tg_table_name,
              case when tg_table_name = 'plan_questions' then item->>'key'
                   else coalesce(item->>'id', item->>'role_id') end,
              kind,
              coalesce(item->>'stage_key', nullif(tg_argv[1], '')),
              lower(tg_op), before_row, after_row,
              coalesce(nullif(current_setting('planner.actor_id', true), '')::uuid,
                       (item->>'updated_by')::uuid, (item->>'answer_updated_by')::uuid),
              txid_current());
      return null;
    end $$`);
  for (const { table, kind, stage } of recorded) {
    // DDL takes no bind parameters: knex inlines the values, escaped, with toQuery().
    const sql = knex
      .raw(
        `create trigger ?? after insert or update or delete on ?? for each row execute function record_plan_change(?, ?)`,
        [`${table}_history`, table, kind, stage ?? ''],
      )
      .toQuery();
    await knex.raw(sql);
  }

  // Append-only: nothing rewrites the history; it goes only with its plan (when recording is off).
  await knex.raw(`
    create function keep_plan_history() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and current_setting('planner.recording', true) = 'off' then
        return old;
      end if;
      raise exception 'The history of a plan is append-only' using errcode = 'P0001';
    end $$`);
  await knex.raw(
    `create trigger plan_changes_append_only before update or delete on plan_changes for each row execute function keep_plan_history()`,
  );
}

export async function down(knex: Knex): Promise<void> {
  for (const { table } of recorded) await knex.raw('drop trigger if exists ?? on ??', [`${table}_history`, table]);
  await knex.schema.dropTableIfExists('plan_changes');
  await knex.raw('drop function if exists keep_plan_history()');
  await knex.raw('drop function if exists record_plan_change()');
  for (const table of ['role_reviews', 'role_events']) {
    await knex.schema.alterTable(table, (t) => t.dropColumn('plan_id'));
  }
  await knex.schema.alterTable('plan_role_schools', (t) => {
    t.dropForeign(['district_id', 'plan_id', 'role_id'], 'plan_role_schools_role_fk');
    t.foreign(['district_id', 'role_id']).references(['district_id', 'id']).inTable('plan_roles').onDelete('CASCADE');
    t.dropColumn('plan_id');
  });
  await knex.schema.alterTable('plan_measure_readings', (t) => {
    t.dropForeign(['district_id', 'plan_id', 'measure_id'], 'plan_measure_readings_measure_fk');
    t.foreign(['district_id', 'measure_id'])
      .references(['district_id', 'id'])
      .inTable('plan_measures')
      .onDelete('CASCADE');
    t.dropIndex(['district_id', 'plan_id']);
    t.dropColumn('plan_id');
  });
}
