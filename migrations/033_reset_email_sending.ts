import type { Knex } from 'knex';

/**
 * When a reset email waiting to be tried again is being sent (claimed by the emails job, or by the person
 * asking again): a person who asks again meanwhile gets that email, whose link is the newest, not a second
 * one besides it. Cleared once the mail server has answered.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('password_resets', (t) => {
    t.timestamp('email_sending_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('password_resets', (t) => {
    t.dropColumn('email_sending_at');
  });
}
