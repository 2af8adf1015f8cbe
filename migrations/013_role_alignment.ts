import type { Knex } from 'knex';
import { appRole } from './010_row_level_security';

/**
 * Framework alignment: where a role's own fields cannot decide one of Opportunity Culture's principles or
 * Public Impact's factors (shared/src/alignment.ts), the district answers it per role: yes, no or not yet,
 * with a note. One answer per role and factor; it goes with its role. Recorded in the plan's history as
 * `alignment`, in stage 4 where roles are built.
 */
const currentDistrict = `nullif(current_setting('planner.district_id', true), '')::uuid`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('plan_role_alignment_answers', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('district_id').notNullable();
    t.uuid('plan_id').notNullable();
    t.uuid('role_id').notNullable();
    t.text('factor').notNullable();
    t.text('answer').notNullable();
    t.text('note').notNullable().defaultTo('');
    t.integer('version').notNullable().defaultTo(1);
    t.uuid('updated_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.foreign(['district_id', 'plan_id']).references(['district_id', 'id']).inTable('plans').onDelete('CASCADE');
    t.foreign(['district_id', 'plan_id', 'role_id'])
      .references(['district_id', 'plan_id', 'id'])
      .inTable('plan_roles')
      .onDelete('CASCADE');
    t.unique(['role_id', 'factor']);
    t.index(['district_id', 'plan_id']);
  });
  await knex.raw(
    `alter table plan_role_alignment_answers add constraint plan_role_alignment_answers_factor_check check (factor in ('reach', 'authority_accountability'))`,
  );
  await knex.raw(
    `alter table plan_role_alignment_answers add constraint plan_role_alignment_answers_answer_check check (answer in ('yes', 'no', 'not_yet'))`,
  );
  await knex.raw(`grant select, insert, update, delete on plan_role_alignment_answers to ${appRole}`);
  await knex.raw(`alter table plan_role_alignment_answers enable row level security`);
  await knex.raw(
    `create policy district_rows on plan_role_alignment_answers to ${appRole} using (district_id = ${currentDistrict}) with check (district_id = ${currentDistrict})`,
  );
  await knex.raw(
    `create trigger plan_role_alignment_answers_history after insert or update or delete on plan_role_alignment_answers for each row execute function record_plan_change('alignment', 'build')`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('plan_role_alignment_answers');
}
