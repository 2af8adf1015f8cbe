import type { Knex } from 'knex';

/**
 * Working together on a plan: comment threads on its items (with mentions), notifications of what
 * concerns a person (in the app, and by email at once or in a daily digest as each person chooses), and
 * the person responsible for a measure (reminded when a reading is due).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('plan_measures', (t) => {
    t.uuid('owner_user_id').references('users.id').onDelete('SET NULL');
  });

  await knex.schema.createTable('comments', (t) => {
    t.uuid('id').primary();
    t.uuid('district_id').notNullable();
    t.uuid('plan_id').notNullable();
    t.foreign(['district_id', 'plan_id']).references(['district_id', 'id']).inTable('plans').onDelete('CASCADE');
    /** The first comment of the thread; a thread's first comment is its own thread. */
    t.uuid('thread_id').notNullable();
    /** answer (a question's key), action, row, measure or role, and the item's id. */
    t.text('subject_kind').notNullable();
    t.text('subject_id').notNullable();
    /** The stage the item is in, so threads are counted per stage without looking the item up. */
    t.text('stage_key').notNullable();
    t.uuid('author_id').notNullable().references('users.id');
    t.text('body').notNullable();
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('edited_at', { useTz: true });
    t.timestamp('deleted_at', { useTz: true });
    /** On a thread's first comment only. */
    t.timestamp('resolved_at', { useTz: true });
    t.uuid('resolved_by').references('users.id');
    t.index(['district_id', 'plan_id', 'thread_id']);
    t.index(['district_id', 'plan_id', 'subject_kind', 'subject_id']);
  });
  await knex.raw(
    `alter table comments add constraint comments_subject_kind_check check (subject_kind in ('answer', 'action', 'row', 'measure', 'role'))`,
  );
  await knex.schema.createTable('comment_mentions', (t) => {
    t.uuid('comment_id').notNullable().references('comments.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id');
    t.uuid('district_id').notNullable();
    t.primary(['comment_id', 'user_id']);
    t.index(['district_id', 'user_id']);
  });

  await knex.schema.createTable('notifications', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('district_id').notNullable();
    t.uuid('user_id').notNullable();
    t.foreign(['district_id', 'user_id']).references(['district_id', 'id']).inTable('users').onDelete('CASCADE');
    t.text('kind').notNullable();
    t.uuid('plan_id');
    t.foreign(['district_id', 'plan_id']).references(['district_id', 'id']).inTable('plans').onDelete('CASCADE');
    t.text('title').notNullable();
    t.text('body').notNullable().defaultTo('');
    /** Where in the planner it leads, as a path of the app. */
    t.text('link').notNullable();
    /** A reminder's identity (the action and its due date, say): the same reminder is made once only. */
    t.text('dedupe_key');
    /** none, now or digest: how the person asked to hear of this kind. */
    t.text('email').notNullable().defaultTo('none');
    t.timestamp('emailed_at', { useTz: true });
    t.timestamp('read_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['user_id', 'created_at']);
  });
  await knex.raw(
    `create unique index notifications_dedupe on notifications (user_id, dedupe_key) where dedupe_key is not null`,
  );
  await knex.raw(
    `create index notifications_unsent on notifications (email, created_at) where email <> 'none' and emailed_at is null`,
  );
  await knex.raw(
    `alter table notifications add constraint notifications_email_check check (email in ('none', 'now', 'digest'))`,
  );

  await knex.schema.createTable('notification_settings', (t) => {
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('kind').notNullable();
    t.text('delivery').notNullable();
    t.primary(['user_id', 'kind']);
  });
  await knex.raw(
    `alter table notification_settings add constraint notification_settings_delivery_check check (delivery in ('in_app', 'email_now', 'email_digest'))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['notification_settings', 'notifications', 'comment_mentions', 'comments']) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.schema.alterTable('plan_measures', (t) => t.dropColumn('owner_user_id'));
}
