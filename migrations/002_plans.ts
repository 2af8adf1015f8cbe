import type { Knex } from 'knex';
import { roadmapTemplate } from '../shared/src/roadmap';

/**
 * The roadmap template (from shared/src/roadmap.json, by stable key) and the plans built on it:
 * each plan has its own rows of key questions (answer kept on the row) and high-impact actions,
 * template ones pointing at their template key and custom ones written by the district.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('roadmap_stages', (t) => {
    t.text('key').primary();
    t.integer('position').notNullable();
    t.text('title').notNullable();
    t.text('summary').notNullable();
  });
  await knex.schema.createTable('roadmap_items', (t) => {
    t.text('key').primary();
    t.text('stage_key').notNullable().references('roadmap_stages.key');
    t.text('kind').notNullable();
    t.integer('position').notNullable();
    t.text('text').notNullable();
  });
  await knex.raw(
    `alter table roadmap_items add constraint roadmap_items_kind_check check (kind in ('question', 'action'))`,
  );
  await upsertRoadmapTemplate(knex);

  await knex.schema.createTable('plans', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('district_id').notNullable().references('districts.id').onDelete('CASCADE');
    t.text('title').notNullable();
    t.text('school_year').notNullable();
    t.text('status').notNullable().defaultTo('draft');
    t.uuid('copied_from_plan_id').references('plans.id').onDelete('SET NULL');
    t.integer('version').notNullable().defaultTo(1);
    t.uuid('created_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['district_id', 'id']);
    t.index(['district_id', 'status']);
  });
  await knex.raw(
    `alter table plans add constraint plans_status_check check (status in ('draft', 'active', 'archived'))`,
  );

  await knex.schema.createTable('plan_questions', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('district_id').notNullable();
    t.uuid('plan_id').notNullable();
    /** The template key (design.q1) or, for a custom question, c-<random>. */
    t.text('key').notNullable();
    t.text('stage_key').notNullable().references('roadmap_stages.key');
    t.text('template_key').references('roadmap_items.key');
    /** Custom questions only; template questions read their text from roadmap_items. */
    t.text('text');
    t.integer('position').notNullable();
    t.boolean('not_applicable').notNullable().defaultTo(false);
    t.integer('version').notNullable().defaultTo(1);
    t.text('answer_text').notNullable().defaultTo('');
    /** Set with the text by shared/progress isAnswered, so lists count progress without reading answers. */
    t.boolean('answered').notNullable().defaultTo(false);
    t.integer('answer_version').notNullable().defaultTo(1);
    t.timestamp('answer_updated_at', { useTz: true });
    t.uuid('answer_updated_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.foreign(['district_id', 'plan_id']).references(['district_id', 'id']).inTable('plans').onDelete('CASCADE');
    t.unique(['plan_id', 'key']);
    t.index(['district_id', 'plan_id']);
  });
  await knex.raw(
    `alter table plan_questions add constraint plan_questions_text_check check ((template_key is null) = (text is not null))`,
  );

  await knex.schema.createTable('plan_actions', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('district_id').notNullable();
    t.uuid('plan_id').notNullable();
    t.text('stage_key').notNullable().references('roadmap_stages.key');
    t.text('template_key').references('roadmap_items.key');
    t.text('text');
    t.integer('position').notNullable();
    t.boolean('not_applicable').notNullable().defaultTo(false);
    t.text('status').notNullable().defaultTo('not_started');
    t.uuid('owner_user_id');
    t.text('owner_name');
    t.date('due_date');
    t.text('notes').notNullable().defaultTo('');
    t.integer('version').notNullable().defaultTo(1);
    t.uuid('updated_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.foreign(['district_id', 'plan_id']).references(['district_id', 'id']).inTable('plans').onDelete('CASCADE');
    t.unique(['plan_id', 'template_key']);
    t.index(['district_id', 'plan_id']);
  });
  await knex.raw(
    `alter table plan_actions add constraint plan_actions_status_check check (status in ('not_started', 'in_progress', 'done', 'blocked'))`,
  );
  await knex.raw(
    `alter table plan_actions add constraint plan_actions_text_check check ((template_key is null) = (text is not null))`,
  );
  await knex.raw(
    `alter table plan_actions add constraint plan_actions_owner_check check (owner_user_id is null or owner_name is null)`,
  );
  // The owner is a user of the same district; if that user is removed the action keeps no owner.
  await knex.raw(
    `alter table plan_actions add constraint plan_actions_owner_fk foreign key (district_id, owner_user_id)
     references users (district_id, id) on delete set null (owner_user_id)`,
  );
}

/** Inserts or refreshes the template's stages and items by key; used again by later template migrations. */
export async function upsertRoadmapTemplate(knex: Knex): Promise<void> {
  for (const stage of roadmapTemplate) {
    await knex('roadmap_stages')
      .insert({ key: stage.key, position: stage.order, title: stage.title, summary: stage.summary })
      .onConflict('key')
      .merge();
    const items = [
      ...stage.questions.map((q, i) => ({
        key: q.key,
        stage_key: stage.key,
        kind: 'question',
        position: i + 1,
        text: q.text,
      })),
      ...stage.actions.map((a, i) => ({
        key: a.key,
        stage_key: stage.key,
        kind: 'action',
        position: i + 1,
        text: a.text,
      })),
    ];
    await knex('roadmap_items').insert(items).onConflict('key').merge();
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['plan_actions', 'plan_questions', 'plans', 'roadmap_items', 'roadmap_stages']) {
    await knex.schema.dropTableIfExists(table);
  }
}
