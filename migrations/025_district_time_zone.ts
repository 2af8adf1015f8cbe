import type { Knex } from 'knex';

/**
 * A district's time zone (an IANA name, such as America/Chicago): when its days begin and end, for
 * reminders ("overdue" once the due day is over there), the daily digest (sent in the morning there), and
 * the "today" of its dashboard, what needs attention and its exports. `version` counts changes to the
 * district's settings, so an administrator's stale form gets 409 rather than undoing another's change.
 *
 * Existing districts get America/New_York. Nothing they hold says where they are (a name, people's emails,
 * perhaps sign-in domains), and guessing a state from a domain would be wrong as often as right. New York's is
 * the US zone with the most people and the one the planner already wrote for: the digest went at 13:00 UTC,
 * 8 AM there in winter. A district elsewhere sets its own on the Schools page.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('districts', (t) => {
    t.text('time_zone').notNullable().defaultTo('America/New_York');
    t.integer('version').notNullable().defaultTo(1);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('districts', (t) => {
    t.dropColumn('version');
    t.dropColumn('time_zone');
  });
}
