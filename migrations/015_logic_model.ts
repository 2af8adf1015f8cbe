import type { Knex } from 'knex';
import { appRole } from './010_row_level_security';
import { addCommentSubjectKind, removeCommentSubjectKind } from './comment-subject-kinds';

/**
 * A plan's logic model (Teach to Lead's canvas): its problem statement and goal, one row per plan, and
 * its entries (inputs, activities, outputs at 1, 3 or 12 months, outcomes). An entry's links to funding
 * sources, partners, actions, roles and measures are kept in the entry as [{ kind, id, label }] with no
 * foreign key, so a link to something removed stays (shown as broken, under the name it last had) and
 * heals when the item is brought back under its id. No links is null, not [], so the history can put a
 * removed entry back as it was (an empty list would read as an empty text[]).
 */
const currentDistrict = `nullif(current_setting('planner.district_id', true), '')::uuid`;

async function districtWall(knex: Knex, table: string) {
  await knex.raw(`grant select, insert, update, delete on ?? to ${appRole}`, [table]);
  await knex.raw(`alter table ?? enable row level security`, [table]);
  await knex.raw(
    `create policy district_rows on ?? to ${appRole} using (district_id = ${currentDistrict}) with check (district_id = ${currentDistrict})`,
    [table],
  );
}

async function recordHistory(knex: Knex, table: string, kind: string) {
  // DDL takes no bind parameters: knex inlines the values, escaped, with toQuery(). The logic model
  // states the problem and the goal: the business of stage 1, Design for impact.
  const sql = knex
    .raw(
      `create trigger ?? after insert or update or delete on ?? for each row execute function record_plan_change(?, ?)`,
      [`${table}_history`, table, kind, 'design'],
    )
    .toQuery();
  await knex.raw(sql);
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('plan_logic_models', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('district_id').notNullable();
    t.uuid('plan_id').notNullable();
    t.foreign(['district_id', 'plan_id']).references(['district_id', 'id']).inTable('plans').onDelete('CASCADE');
    t.unique(['district_id', 'plan_id']);
    t.text('problem_statement').notNullable().defaultTo('');
    t.text('goal').notNullable().defaultTo('');
    t.integer('version').notNullable().defaultTo(1);
    t.uuid('updated_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('plan_logic_model_entries', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('district_id').notNullable();
    t.uuid('plan_id').notNullable();
    t.foreign(['district_id', 'plan_id']).references(['district_id', 'id']).inTable('plans').onDelete('CASCADE');
    t.index(['district_id', 'plan_id']);
    t.text('section').notNullable();
    /** Months after the start an output is expected at (1, 3 or 12); outputs only. */
    t.integer('horizon');
    t.text('text').notNullable();
    t.jsonb('links');
    t.integer('version').notNullable().defaultTo(1);
    t.uuid('updated_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(
    `alter table plan_logic_model_entries add constraint plan_logic_model_entries_section_check
       check (section in ('input', 'activity', 'output', 'outcome'))`,
  );
  await knex.raw(
    `alter table plan_logic_model_entries add constraint plan_logic_model_entries_horizon_check
       check ((section = 'output' and horizon in (1, 3, 12)) or (section <> 'output' and horizon is null))`,
  );
  await knex.raw(
    `alter table plan_logic_model_entries add constraint plan_logic_model_entries_links_check
       check (links is null or (jsonb_typeof(links) = 'array' and jsonb_array_length(links) > 0))`,
  );

  for (const table of ['plan_logic_models', 'plan_logic_model_entries']) await districtWall(knex, table);
  await recordHistory(knex, 'plan_logic_models', 'logic_model');
  await recordHistory(knex, 'plan_logic_model_entries', 'logic_model_entry');

  await addCommentSubjectKind(knex, 'logic_model_entry');
}

export async function down(knex: Knex): Promise<void> {
  await removeCommentSubjectKind(knex, 'logic_model_entry');
  await knex.schema.dropTable('plan_logic_model_entries');
  await knex.schema.dropTable('plan_logic_models');
}
