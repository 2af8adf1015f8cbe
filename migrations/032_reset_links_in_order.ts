import type { Knex } from 'knex';

/**
 * Which reset link is the newest is decided by the order links were made in, not by which email went
 * first: two asks a moment apart have their emails finish in either order, and the first to finish used
 * to spend the other. `made_order` counts up as links are made (created_at can tie, and is the
 * transaction's start, not the insert's).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table password_resets add column made_order bigint generated always as identity');
  await knex.raw('create index password_resets_user_made_order on password_resets (user_id, made_order)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index password_resets_user_made_order');
  await knex.schema.alterTable('password_resets', (t) => {
    t.dropColumn('made_order');
  });
}
