import type { Knex } from 'knex';

/** A principal decides once per review round: a second wall behind the service's row lock. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('role_reviews', (t) => {
    t.unique(['role_id', 'reviewer_id', 'round']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('role_reviews', (t) => {
    t.dropUnique(['role_id', 'reviewer_id', 'round']);
  });
}
