import type { Knex } from 'knex';

/**
 * `record_attempted_at`: when the daily check last tried to look at a verified domain, whether the DNS servers
 * answered or not. The check takes the least recently tried first, so a domain whose lookups keep failing (its
 * `record_checked_at` unchanged: a failure says nothing of the record) goes behind the others after each try
 * instead of taking a place at the head of every run.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('district_sign_in_domains', (t) => {
    t.timestamp('record_attempted_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('district_sign_in_domains', (t) => {
    t.dropColumn('record_attempted_at');
  });
}
