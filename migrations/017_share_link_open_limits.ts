import type { Knex } from 'knex';

/**
 * Counters of share-link openings per address, shared by every server process (rate-limiter-flexible's
 * Postgres layout, as the sign-in counters): with several processes the limit stays the limit.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('share_link_open_limits', (t) => {
    t.string('key', 255).primary();
    t.integer('points').notNullable().defaultTo(0);
    t.bigInteger('expire');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('share_link_open_limits');
}
