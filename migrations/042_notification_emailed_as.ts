import type { Knex } from 'knex';

/**
 * `emailed_as`: the kind of notification whose email went, for this one or for the one of the same comment it
 * replaces; `sending:<kind>` while its email is on its way (the mail server has not answered yet), null while it
 * waits (`emailed_at` is set from its claim on). A notification of a comment made in place of one emailed, or on its
 * way, keeps it, so no second email goes, but a mention in place of a comment emailed is emailed. Those already
 * claimed went (or were given up on).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notifications', (t) => {
    t.text('emailed_as');
  });
  await knex.raw('update notifications set emailed_as = kind where emailed_at is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notifications', (t) => {
    t.dropColumn('emailed_as');
  });
}
