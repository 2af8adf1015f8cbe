import type { Knex } from 'knex';

/**
 * Migration 026 tied each new notification of a comment (a mention, or a comment in a thread one takes part
 * in) to its comment, so that an edit or a deletion reaches it. Those made before it name no comment: a
 * comment deleted since still showed its words there, and one edited since its first words. Each was made in
 * the transaction that made its comment, so it carries the comment's creation time to the microsecond (both
 * are that transaction's `now()`) and a link to the comment's thread: by those it finds its comment, where
 * exactly one matches. Then it reads as 026's do: a deleted comment's notification says so, and its email or
 * digest entry not yet sent is not sent; an edited one's says the words as they are.
 */
const deletedCommentBody = 'This comment was deleted.';
/** As comments/service.ts cuts a comment for its notification. */
const excerpt = (body: string) => (body.length > 200 ? `${body.slice(0, 199)}…` : body);

export async function up(knex: Knex): Promise<void> {
  // The link's "?" goes as a value: knex would read it in the statement as a placeholder.
  const ofComment = `
    from comments c
    where c.district_id = n.district_id and c.plan_id = n.plan_id and c.created_at = n.created_at
      and n.link = '/plans/' || c.plan_id || ? || c.thread_id`;
  await knex.raw(
    `update notifications n set comment_id = (select c.id ${ofComment})
     where n.comment_id is null and n.kind in ('mention', 'comment') and (select count(*) ${ofComment}) = 1`,
    ['/comments?thread=', '/comments?thread='],
  );
  await knex.raw(
    `update notifications n set body = ?, email = 'none'
     from comments c
     where c.id = n.comment_id and c.deleted_at is not null and n.body <> ?`,
    [deletedCommentBody, deletedCommentBody],
  );
  const edited = (
    await knex.raw<{ rows: { id: string; body: string; comment: string }[] }>(`
      select n.id, n.body, c.body as comment from notifications n join comments c on c.id = n.comment_id
      where c.deleted_at is null and c.edited_at is not null`)
  ).rows;
  for (const row of edited) {
    if (row.body !== excerpt(row.comment)) {
      await knex('notifications')
        .where({ id: row.id })
        .update({ body: excerpt(row.comment) });
    }
  }
}

/** Tying them to their comments is what 026 does for every notification made since: nothing to undo. */
export async function down(): Promise<void> {}
