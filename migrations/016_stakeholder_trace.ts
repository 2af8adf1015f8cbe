import type { Knex } from 'knex';
import { appRole } from './010_row_level_security';
import { addCommentSubjectKind, removeCommentSubjectKind } from './comment-subject-kinds';

/**
 * The stakeholder trace: input heard from a stakeholder (a row of the design stage's stakeholders),
 * recorded once with its kind, date and source, and the items of the plan it shaped. The links are a
 * jsonb list of {kind, id} with no foreign key, on purpose: an item removed since reads as a broken
 * link, never silently gone from what the stakeholder was told. A GIN index answers "the input behind
 * this item" by containment.
 */
const currentDistrict = `nullif(current_setting('planner.district_id', true), '')::uuid`;
const inputKinds = ['note', 'survey_finding', 'meeting', 'interview', 'focus_group', 'other'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('plan_stakeholders', (t) => t.unique(['district_id', 'plan_id', 'id']));
  await knex.schema.createTable('plan_stakeholder_inputs', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('district_id').notNullable();
    t.uuid('plan_id').notNullable();
    t.uuid('stakeholder_id').notNullable();
    t.text('kind').notNullable();
    t.date('heard_on').notNullable();
    t.text('source').notNullable().defaultTo('');
    t.text('summary').notNullable();
    /** [{kind, id}]: answer (a question's key), action, role, decision or measure, and the item's id. */
    t.jsonb('shaped').notNullable().defaultTo('[]');
    t.integer('version').notNullable().defaultTo(1);
    t.uuid('updated_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.foreign(['district_id', 'plan_id']).references(['district_id', 'id']).inTable('plans').onDelete('CASCADE');
    t.foreign(['district_id', 'plan_id', 'stakeholder_id'])
      .references(['district_id', 'plan_id', 'id'])
      .inTable('plan_stakeholders')
      .onDelete('CASCADE');
    t.index(['district_id', 'plan_id']);
    t.index(['district_id', 'plan_id', 'stakeholder_id']);
  });
  const check = knex
    .raw(
      `alter table plan_stakeholder_inputs add constraint plan_stakeholder_inputs_kind_check check (kind in (${inputKinds.map(() => '?').join(', ')}))`,
      inputKinds,
    )
    .toQuery();
  await knex.raw(check);
  await knex.raw(
    `alter table plan_stakeholder_inputs add constraint plan_stakeholder_inputs_shaped_check check (jsonb_typeof(shaped) = 'array')`,
  );
  await knex.raw(
    'create index plan_stakeholder_inputs_shaped on plan_stakeholder_inputs using gin (shaped jsonb_path_ops)',
  );

  // Migration 010's wall, on this table of district data too.
  await knex.raw(`grant select, insert, update, delete on plan_stakeholder_inputs to ${appRole}`);
  await knex.raw(`alter table plan_stakeholder_inputs enable row level security`);
  await knex.raw(
    `create policy district_rows on plan_stakeholder_inputs to ${appRole} using (district_id = ${currentDistrict}) with check (district_id = ${currentDistrict})`,
  );

  // In the plan's history (migration 008), as items of the design stage.
  await knex.raw(
    `create trigger plan_stakeholder_inputs_history after insert or update or delete on plan_stakeholder_inputs for each row execute function record_plan_change('input', 'design')`,
  );

  await addCommentSubjectKind(knex, 'input');
}

export async function down(knex: Knex): Promise<void> {
  await removeCommentSubjectKind(knex, 'input');
  await knex.schema.dropTable('plan_stakeholder_inputs');
  await knex.schema.alterTable('plan_stakeholders', (t) => t.dropUnique(['district_id', 'plan_id', 'id']));
}
