import type { Knex } from 'knex';

/**
 * `subject_written_by`: who had last written the item when the comment was made, told of it as the item's
 * writer. A reply once the item is removed still tells them (the latest of its thread). Comments made before
 * this take it from their notifications, the closest the data holds: the one told "commented on" who had not
 * yet written in the thread (told of it as a mention, a writer is not found there).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('comments', (t) => {
    t.uuid('subject_written_by').references('users.id').onDelete('SET NULL');
  });
  // Filling in what is already so changes no archived plan's content.
  await knex.raw('alter table comments disable trigger comments_refused_when_archived');
  await knex.raw(`
    update comments c set subject_written_by = (
      select n.user_id from notifications n
       where n.comment_id = c.id and n.kind = 'comment'
         and not exists (
           select 1 from comments e
            where e.thread_id = c.thread_id and e.author_id = n.user_id and e.created_at < c.created_at)
       limit 1)
  `);
  await knex.raw('alter table comments enable trigger comments_refused_when_archived');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('comments', (t) => {
    t.dropColumn('subject_written_by');
  });
}
