import type { Knex } from 'knex';

/**
 * A password-reset email that did not go is tried again, on the schedule of notifications' emails (022):
 * before, it was lost and the person had to ask again, not knowing why nothing came. The link is still kept
 * only as its hash: each try makes a new link (a new token, a new hour) and mails it, so nothing readable
 * waits in the table. `email_retry_at` set: the person's email waits to be tried then; `email_attempts`
 * counts the mail server's refusals. An admin's links, shown and not mailed, never have it set.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('password_resets', (t) => {
    t.integer('email_attempts').notNullable().defaultTo(0);
    t.timestamp('email_retry_at', { useTz: true });
  });
  await knex.raw(
    'create index password_resets_email_retry_at on password_resets (email_retry_at) where email_retry_at is not null',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index password_resets_email_retry_at');
  await knex.schema.alterTable('password_resets', (t) => {
    t.dropColumn('email_retry_at');
    t.dropColumn('email_attempts');
  });
}
