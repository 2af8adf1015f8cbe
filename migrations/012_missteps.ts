import type { Knex } from 'knex';
import { appRole } from './010_row_level_security';
import { addCommentSubjectKind, removeCommentSubjectKind } from './comment-subject-kinds';

/**
 * Missteps per stage: each stage of a plan keeps the missteps the district means to avoid, in its own
 * words (a starter's key when it began as one), each watched, happening or avoided, with a note. Recorded
 * in the plan's history as `misstep`, under its stage; comments may be about a misstep.
 */
const currentDistrict = `nullif(current_setting('planner.district_id', true), '')::uuid`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('plan_missteps', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('district_id').notNullable();
    t.uuid('plan_id').notNullable();
    t.text('stage_key').notNullable().references('roadmap_stages.key');
    /** The starter it began as (shared/src/misstep.ts); null for one the district wrote. */
    t.text('starter_key');
    t.text('text').notNullable();
    t.text('status').notNullable().defaultTo('watched');
    t.text('note').notNullable().defaultTo('');
    t.integer('version').notNullable().defaultTo(1);
    t.uuid('updated_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.foreign(['district_id', 'plan_id']).references(['district_id', 'id']).inTable('plans').onDelete('CASCADE');
    t.unique(['district_id', 'plan_id', 'id']);
    t.unique(['plan_id', 'starter_key']);
    t.index(['district_id', 'plan_id']);
  });
  await knex.raw(
    `alter table plan_missteps add constraint plan_missteps_status_check check (status in ('watched', 'happening', 'avoided'))`,
  );
  await knex.raw(`grant select, insert, update, delete on plan_missteps to ${appRole}`);
  await knex.raw(`alter table plan_missteps enable row level security`);
  await knex.raw(
    `create policy district_rows on plan_missteps to ${appRole} using (district_id = ${currentDistrict}) with check (district_id = ${currentDistrict})`,
  );
  // Migration 008's history: the row's own stage_key names its stage.
  await knex.raw(
    `create trigger plan_missteps_history after insert or update or delete on plan_missteps for each row execute function record_plan_change('misstep', '')`,
  );
  // A thread may be about a misstep.
  await addCommentSubjectKind(knex, 'misstep');
}

export async function down(knex: Knex): Promise<void> {
  await removeCommentSubjectKind(knex, 'misstep');
  await knex.schema.dropTable('plan_missteps');
}
