import type { Knex } from 'knex';

/**
 * An email the mail server refused is tried again later, a few times, rather than every minute for ever:
 * before, a refused address (a mailbox that is gone) was claimed again on each run, and fifty of them at
 * the head of the queue held back every other email. `email_attempts` counts the mail server's refusals;
 * `email_retry_at` is when the next try may be. A notification whose email was given up on stays in the
 * planner with `emailed_at` null.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notifications', (t) => {
    t.integer('email_attempts').notNullable().defaultTo(0);
    t.timestamp('email_retry_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notifications', (t) => {
    t.dropColumn('email_retry_at');
    t.dropColumn('email_attempts');
  });
}
