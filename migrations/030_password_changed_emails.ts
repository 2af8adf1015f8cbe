import type { Knex } from 'knex';

/**
 * A person is emailed when their password changes (from a reset link or their Account page), so that a change
 * they did not make does not go unseen. `password_changed_at`: when it last changed, which the email says.
 * `password_email_due_at` set: the email is to go then, sent by the emails job as notifications' emails are
 * (a signed-in request's change is committed only as it answers, so the request cannot send it): at once after
 * the change, later after a try that did not go, on the schedule of reset emails (024);
 * `password_email_attempts` counts the mail server's refusals. A password set on joining is no change: it
 * leaves them unset.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.timestamp('password_changed_at', { useTz: true });
    t.timestamp('password_email_due_at', { useTz: true });
    t.integer('password_email_attempts').notNullable().defaultTo(0);
  });
  await knex.raw(
    'create index users_password_email_due_at on users (password_email_due_at) where password_email_due_at is not null',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index users_password_email_due_at');
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('password_email_attempts');
    t.dropColumn('password_email_due_at');
    t.dropColumn('password_changed_at');
  });
}
