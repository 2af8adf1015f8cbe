import type { Knex } from 'knex';

/**
 * The comment a notification tells of (a mention, or a comment in a thread one takes part in): when its
 * author edits it, the notification says the edited words; when they delete it, its words leave the
 * notification, and an email or digest entry not yet sent is not sent. Notifications made before this have
 * none, and keep their words.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notifications', (t) => {
    t.uuid('comment_id').references('comments.id').onDelete('CASCADE');
  });
  await knex.raw(`create index notifications_comment on notifications (comment_id) where comment_id is not null`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notifications', (t) => {
    t.dropColumn('comment_id');
  });
}
