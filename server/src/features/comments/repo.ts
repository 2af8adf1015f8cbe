import type { CommentSubjectKind } from '@planner/shared/comment';
import type { Executor } from '../../db/knex';

/** The comments feature owns `comments` and `comment_mentions`. */

export interface CommentRow {
  id: string;
  plan_id: string;
  thread_id: string;
  subject_kind: CommentSubjectKind;
  subject_id: string;
  stage_key: string;
  author_id: string;
  /** Who had last written the item when the comment was made: told of it as the item's writer. */
  subject_written_by: string | null;
  body: string;
  version: number;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
  resolved_at: Date | null;
  resolved_by: string | null;
}

const columns = [
  'id',
  'plan_id',
  'thread_id',
  'subject_kind',
  'subject_id',
  'stage_key',
  'author_id',
  'subject_written_by',
  'body',
  'version',
  'created_at',
  'edited_at',
  'deleted_at',
  'resolved_at',
  'resolved_by',
];

export function listOfPlan(db: Executor, districtId: string, planId: string): Promise<CommentRow[]> {
  return db('comments')
    .select(columns)
    .where({ district_id: districtId, plan_id: planId })
    .orderBy([{ column: 'created_at' }, { column: 'id' }]);
}

export function listOfThread(
  db: Executor,
  districtId: string,
  planId: string,
  threadId: string,
): Promise<CommentRow[]> {
  return db('comments')
    .select(columns)
    .where({ district_id: districtId, plan_id: planId, thread_id: threadId })
    .orderBy([{ column: 'created_at' }, { column: 'id' }]);
}

export function find(db: Executor, districtId: string, planId: string, id: string): Promise<CommentRow | undefined> {
  return db('comments').select(columns).where({ district_id: districtId, plan_id: planId, id }).first();
}

export async function insert(
  db: Executor,
  row: Omit<CommentRow, 'version' | 'created_at' | 'edited_at' | 'deleted_at' | 'resolved_at' | 'resolved_by'> & {
    district_id: string;
  },
): Promise<CommentRow> {
  const [created] = (await db('comments').insert(row).returning(columns)) as CommentRow[];
  return created!;
}

export async function update(
  db: Executor,
  where: { districtId: string; planId: string; id: string; version: number },
  changes: { body: string; edited_at?: unknown; deleted_at?: unknown },
): Promise<CommentRow | undefined> {
  const [row] = (await db('comments')
    .where({ district_id: where.districtId, plan_id: where.planId, id: where.id, version: where.version })
    .whereNull('deleted_at')
    .update({ ...changes, version: db.raw('version + 1') })
    .returning(columns)) as CommentRow[];
  return row;
}

/** Resolves or reopens the thread (its first comment carries the state). */
export async function setResolved(
  db: Executor,
  districtId: string,
  planId: string,
  threadId: string,
  by: string | null,
): Promise<void> {
  await db('comments')
    .where({ district_id: districtId, plan_id: planId, id: threadId })
    .update(by ? { resolved_at: db.fn.now(), resolved_by: by } : { resolved_at: null, resolved_by: null });
}

export function listMentions(db: Executor, districtId: string, commentIds: readonly string[]) {
  return db('comment_mentions')
    .select('comment_id', 'user_id')
    .where({ district_id: districtId })
    .whereIn('comment_id', commentIds as string[]) as Promise<{ comment_id: string; user_id: string }[]>;
}

export async function replaceMentions(db: Executor, districtId: string, commentId: string, userIds: readonly string[]) {
  await db('comment_mentions').where({ comment_id: commentId }).delete();
  if (userIds.length === 0) return;
  await db('comment_mentions').insert(
    userIds.map((userId) => ({ district_id: districtId, comment_id: commentId, user_id: userId })),
  );
}

/** The latest comment naming this person in each open thread of these plans. */
export async function listOpenMentioning(
  db: Executor,
  districtId: string,
  userId: string,
  planIds: readonly string[],
): Promise<CommentRow[]> {
  if (planIds.length === 0) return [];
  return (await db('comments as c')
    .distinctOn('c.thread_id')
    .select(columns.map((c) => `c.${c}`))
    .join('comment_mentions as m', 'm.comment_id', 'c.id')
    .join('comments as root', 'root.id', 'c.thread_id')
    .where({ 'm.user_id': userId, 'c.district_id': districtId })
    .whereIn('c.plan_id', planIds as string[])
    .whereNull('c.deleted_at')
    .whereNull('root.resolved_at')
    .orderBy([{ column: 'c.thread_id' }, { column: 'c.created_at', order: 'desc' }])) as CommentRow[];
}

/** Open threads of the plan counted per item (a thread whose every comment was deleted is gone). */
export function countOpen(
  db: Executor,
  districtId: string,
  planId: string,
): Promise<{ subject_kind: CommentSubjectKind; subject_id: string; stage_key: string; open: number }[]> {
  return db('comments as root')
    .select('root.subject_kind', 'root.subject_id', 'root.stage_key')
    .count({ open: '*' })
    .where({ 'root.district_id': districtId, 'root.plan_id': planId })
    .whereRaw('root.id = root.thread_id')
    .whereNull('root.resolved_at')
    .whereExists((q) =>
      q
        .select(db.raw('1'))
        .from('comments as c')
        .where({ 'c.district_id': districtId })
        .whereRaw('c.thread_id = root.id')
        .whereNull('c.deleted_at'),
    )
    .groupBy('root.subject_kind', 'root.subject_id', 'root.stage_key')
    .then((rows) =>
      (
        rows as { subject_kind: CommentSubjectKind; subject_id: string; stage_key: string; open: string | number }[]
      ).map((r) => ({ ...r, open: Number(r.open) })),
    );
}

/**
 * The plan's comments not deleted, and the sum of every comment's version: a comment written, edited or
 * deleted counts it up (resolving a thread does not: it changes no words).
 */
export async function countComments(
  db: Executor,
  districtId: string,
  planId: string,
): Promise<{ comments: number; revision: number }> {
  const row = (await db('comments')
    .where({ district_id: districtId, plan_id: planId })
    .first(
      db.raw('count(*) filter (where deleted_at is null) as comments'),
      db.raw('coalesce(sum(version), 0) as revision'),
    )) as {
    comments: string | number;
    revision: string | number;
  };
  return { comments: Number(row.comments), revision: Number(row.revision) };
}
