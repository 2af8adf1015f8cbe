import { randomUUID } from 'node:crypto';
import type {
  CommentCounts,
  CommentQuery,
  CommentSubject,
  CommentThread,
  CreateComment,
  ThreadList,
  UpdateComment,
} from '@planner/shared/comment';
import {
  alignmentFactorLabels,
  alignmentFactors,
  alignmentSubjectId,
  parseAlignmentSubjectId,
  type AlignmentFactor,
} from '@planner/shared/alignment';
import { threadLink } from '@planner/shared/notification';
import { readinessActionStage } from '@planner/shared/readiness';
import { stageKeys } from '@planner/shared/roadmap';
import { rowTitle, stageTableNames, stageTables, type StageTableName } from '@planner/shared/stage-tables';
import type { Db, Executor } from '../../db/knex';
import { toIsoDateTime } from '../../db/values';
import { AppError, forbidden, invalidInput, notFound, versionConflict } from '../../http/app-error';
import type { SignedInUser } from '../../http/auth';
import { entryLabelsOf, logicModelSubjectOf } from '../logic-model/service';
import { notify, rewordComment, withdrawFromComment, type Notice } from '../notifications/service';
import { missteps, misstepSubjectOf } from '../missteps/service';
import { loadPlanCore, planOrNotFound, worksheetSubjectOf } from '../plans/service';
import { ratingLabelsOf, ratingSubjectOf } from '../readiness/service';
import { roleSubjectOf, roleTitlesOf } from '../roles/service';
import { findAnyRow, fieldsOfRow, rowsOf } from '../stage-tables/service';
import { inputLabelsOf, inputSubjectOf } from '../stakeholder-inputs/service';
import { isActive, listUsers, namesOf } from '../users/service';
import * as repo from './repo';

interface Subject {
  label: string;
  stageKey: string;
  table: StageTableName | null;
  /** Who last wrote the item: they hear of comments on it. */
  writtenBy: string | null;
}

const key = (kind: string, id: string) => `${kind}:${id}`;
/** "Instructional coach: Pay for reach". */
const alignmentLabel = (roleTitle: string, factor: AlignmentFactor) => `${roleTitle}: ${alignmentFactorLabels[factor]}`;
const plainNames = stageTableNames.filter((n) => n !== 'measures');

/** The item a new thread is about, in the plan, or a 400 on `subject`. */
async function subjectOf(db: Executor, districtId: string, planId: string, subject: CommentSubject): Promise<Subject> {
  let found: Subject | undefined;
  if (subject.kind === 'answer' || subject.kind === 'action') {
    const item = await worksheetSubjectOf(db, districtId, planId, { kind: subject.kind, id: subject.id });
    found = item && { ...item, table: null };
  } else if (subject.kind === 'input') {
    const input = await inputSubjectOf(db, districtId, planId, subject.id);
    // Stakeholders, and what they said, belong to stage 1, Design for impact.
    found = input && { ...input, stageKey: 'design', table: null };
  } else if (subject.kind === 'role') {
    const role = await roleSubjectOf(db, districtId, planId, subject.id);
    // Roles are defined in stage 4, Build strategically.
    found = role && { ...role, stageKey: 'build', table: null };
  } else if (subject.kind === 'alignment') {
    const named = parseAlignmentSubjectId(subject.id);
    const role = named ? await roleSubjectOf(db, districtId, planId, named.roleId) : undefined;
    if (named && role)
      found = { ...role, label: alignmentLabel(role.label, named.factor), stageKey: 'build', table: null };
  } else if (subject.kind === 'misstep') {
    const misstep = await misstepSubjectOf(db, districtId, planId, subject.id);
    found = misstep && { ...misstep, table: null };
  } else if (subject.kind === 'readiness') {
    const rating = await ratingSubjectOf(db, districtId, planId, subject.id);
    found = rating && { ...rating, table: null };
  } else if (subject.kind === 'logic_model_entry') {
    const entry = await logicModelSubjectOf(db, districtId, planId, subject.id);
    // The logic model states the problem and the goal: stage 1, Design for impact.
    found = entry && { ...entry, stageKey: 'design', table: null };
  } else {
    const names = subject.kind === 'measure' ? (['measures'] as StageTableName[]) : plainNames;
    const hit = await findAnyRow(db, districtId, planId, subject.id, names);
    found = hit && {
      label: rowTitle(hit.name, fieldsOfRow(hit.name, hit.row)),
      stageKey: stageTables[hit.name].stageKey,
      table: hit.name,
      writtenBy: (hit.row.updated_by as string | null) ?? null,
    };
  }
  if (!found) throw invalidInput([{ in: 'body', field: 'subject', message: 'is not an item of this plan' }]);
  return found;
}

/** The words and place of every item of the plan a thread may be about, read at once for a list. */
async function subjectsOfPlan(db: Executor, districtId: string, planId: string): Promise<Map<string, Subject>> {
  const subjects = new Map<string, Subject>();
  const core = await loadPlanCore(db, districtId, planId);
  for (const stage of core.stages) {
    for (const q of stage.questions) {
      subjects.set(key('answer', q.key), { label: q.text, stageKey: stage.key, table: null, writtenBy: null });
    }
    for (const a of stage.actions) {
      subjects.set(key('action', a.id), { label: a.text, stageKey: stage.key, table: null, writtenBy: null });
    }
  }
  for (const name of stageTableNames) {
    for (const row of await rowsOf(db, districtId, name, planId)) {
      subjects.set(key(name === 'measures' ? 'measure' : 'row', row.id), {
        label: rowTitle(name, fieldsOfRow(name, row)),
        stageKey: stageTables[name].stageKey,
        table: name,
        writtenBy: null,
      });
    }
  }
  for (const [id, title] of await roleTitlesOf(db, districtId, planId)) {
    subjects.set(key('role', id), { label: title, stageKey: 'build', table: null, writtenBy: null });
    for (const factor of alignmentFactors) {
      subjects.set(key('alignment', alignmentSubjectId(id, factor)), {
        label: alignmentLabel(title, factor),
        stageKey: 'build',
        table: null,
        writtenBy: null,
      });
    }
  }
  for (const m of await missteps(db, districtId, planId)) {
    subjects.set(key('misstep', m.id), { label: m.text, stageKey: m.stageKey, table: null, writtenBy: null });
  }
  for (const [id, label] of await ratingLabelsOf(db, districtId, planId)) {
    subjects.set(key('readiness', id), { label, stageKey: readinessActionStage, table: null, writtenBy: null });
  }
  for (const [id, label] of await entryLabelsOf(db, districtId, planId)) {
    subjects.set(key('logic_model_entry', id), { label, stageKey: 'design', table: null, writtenBy: null });
  }
  for (const [id, label] of await inputLabelsOf(db, districtId, planId)) {
    subjects.set(key('input', id), { label, stageKey: 'design', table: null, writtenBy: null });
  }
  return subjects;
}

function presentThreads(
  rows: repo.CommentRow[],
  mentions: { comment_id: string; user_id: string }[],
  names: ReadonlyMap<string, string>,
  subjects: ReadonlyMap<string, Subject>,
): CommentThread[] {
  const person = (id: string) => ({ id, name: names.get(id) ?? 'A former user' });
  const roots = rows.filter((r) => r.id === r.thread_id);
  return (
    roots
      .map((root) => {
        const comments = rows.filter((r) => r.thread_id === root.id);
        const subject = subjects.get(key(root.subject_kind, root.subject_id));
        return {
          id: root.id,
          subject: {
            kind: root.subject_kind,
            id: root.subject_id,
            table: subject?.table ?? null,
            label: subject?.label ?? 'A removed item',
            stageKey: root.stage_key as CommentThread['subject']['stageKey'],
          },
          resolved: root.resolved_at !== null,
          resolvedBy: root.resolved_by ? person(root.resolved_by) : null,
          resolvedAt: root.resolved_at ? toIsoDateTime(root.resolved_at) : null,
          comments: comments.map((c) => ({
            id: c.id,
            threadId: c.thread_id,
            author: person(c.author_id),
            body: c.deleted_at ? '' : c.body,
            mentions: mentions.filter((m) => m.comment_id === c.id).map((m) => person(m.user_id)),
            createdAt: toIsoDateTime(c.created_at),
            editedAt: c.edited_at ? toIsoDateTime(c.edited_at) : null,
            deleted: c.deleted_at !== null,
            version: c.version,
          })),
          lastActivityAt: toIsoDateTime(
            new Date(Math.max(...comments.map((c) => Math.max(c.created_at.getTime(), c.edited_at?.getTime() ?? 0)))),
          ),
        };
      })
      // A thread whose every comment was deleted is gone.
      .filter((t) => t.comments.some((c) => !c.deleted))
      .sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt) || b.id.localeCompare(a.id))
  );
}

async function threadsOf(
  db: Executor,
  districtId: string,
  planId: string,
  rows: repo.CommentRow[],
  withLabels: boolean,
) {
  const mentions =
    rows.length > 0
      ? await repo.listMentions(
          db,
          districtId,
          rows.map((r) => r.id),
        )
      : [];
  const names = await namesOf(db, districtId, [
    ...rows.flatMap((r) => (r.resolved_by ? [r.author_id, r.resolved_by] : [r.author_id])),
    ...mentions.map((m) => m.user_id),
  ]);
  const subjects =
    withLabels && rows.length > 0 ? await subjectsOfPlan(db, districtId, planId) : new Map<string, Subject>();
  return presentThreads(rows, mentions, names, subjects);
}

/** The plan's threads, newest activity first, filtered; and the open ones counted per stage and item. */
export async function listThreads(
  db: Executor,
  user: SignedInUser,
  planId: string,
  query: CommentQuery,
): Promise<ThreadList> {
  await planOrNotFound(db, user.districtId, planId);
  const all = await threadsOf(db, user.districtId, planId, await repo.listOfPlan(db, user.districtId, planId), true);
  const open = all.filter((t) => !t.resolved);
  const byItem = new Map<string, { kind: CommentThread['subject']['kind']; id: string; open: number }>();
  for (const t of open) {
    const k = key(t.subject.kind, t.subject.id);
    byItem.set(k, { kind: t.subject.kind, id: t.subject.id, open: (byItem.get(k)?.open ?? 0) + 1 });
  }
  const threads = all.filter(
    (t) =>
      (query.status === 'all' || t.resolved === (query.status === 'resolved')) &&
      (!query.subjectKind || t.subject.kind === query.subjectKind) &&
      (!query.subjectId || t.subject.id === query.subjectId) &&
      (!query.stage || t.subject.stageKey === query.stage) &&
      (!query.mentions || t.comments.some((c) => c.mentions.some((m) => m.id === user.id))),
  );
  return {
    threads,
    counts: {
      open: open.length,
      byStage: Object.fromEntries(
        ['design', 'context', 'measures', 'build'].map((s) => [s, open.filter((t) => t.subject.stageKey === s).length]),
      ),
      byItem: [...byItem.values()],
    },
  };
}

/** The plan's open threads counted in all, per stage and per item, without reading the threads themselves. */
export async function countOpenThreads(db: Executor, user: SignedInUser, planId: string): Promise<CommentCounts> {
  await planOrNotFound(db, user.districtId, planId);
  const rows = await repo.countOpen(db, user.districtId, planId);
  const byStage = Object.fromEntries(stageKeys.map((s) => [s, 0]));
  for (const r of rows) byStage[r.stage_key] = (byStage[r.stage_key] ?? 0) + r.open;
  return {
    open: rows.reduce((sum, r) => sum + r.open, 0),
    byStage,
    byItem: rows.map((r) => ({ kind: r.subject_kind, id: r.subject_id, open: r.open })),
  };
}

async function oneThread(db: Executor, user: SignedInUser, planId: string, threadId: string): Promise<CommentThread> {
  const rows = await repo.listOfThread(db, user.districtId, planId, threadId);
  const [thread] = await threadsOf(db, user.districtId, planId, rows, true);
  if (!thread) throw notFound('The thread');
  return thread;
}

/**
 * Mentions must name active people of the district; those the comment `had` already stay without a
 * second look, so a comment naming someone deactivated since can still be edited.
 */
async function checkMentions(
  db: Executor,
  districtId: string,
  mentions: readonly string[],
  had: readonly string[] = [],
): Promise<void> {
  const added = mentions.filter((id) => !had.includes(id));
  if (added.length === 0) return;
  const people = await listUsers(db, districtId);
  const unknown = added.filter((id) => !people.some((p) => p.id === id));
  const inactive = people.filter((p) => added.includes(p.id) && !isActive(p)).map((p) => p.name);
  const errors = [];
  if (inactive.length > 0) {
    errors.push(`${inactive.join(', ')} ${inactive.length === 1 ? 'is' : 'are'} no longer active in your district`);
  }
  if (unknown.length > 0) {
    errors.push(`${unknown.length === 1 ? 'one is not' : `${unknown.length} are not`} a person of your district`);
  }
  if (errors.length > 0) throw invalidInput(errors.map((message) => ({ in: 'body', field: 'mentions', message })));
}

const excerpt = (body: string) => (body.length > 200 ? `${body.slice(0, 199)}…` : body);

/**
 * Tells the people mentioned, and those who wrote the item or took part in the thread, that someone
 * commented; the commenter is not told of their own comment.
 */
async function tell(
  db: Executor,
  user: SignedInUser,
  planId: string,
  comment: { id: string; threadId: string; body: string; label: string },
  mentioned: readonly string[],
  involved: readonly string[],
  emailed?: Notice['emailed'],
): Promise<void> {
  const mentionedOthers = mentioned.filter((id) => id !== user.id);
  // A district has a plan per school year, often asking the same questions: the title says which one.
  const plan = await planOrNotFound(db, user.districtId, planId);
  const where = `in “${plan.title}” (${plan.school_year})`;
  await notify(db, {
    districtId: user.districtId,
    recipients: mentionedOthers,
    kind: 'mention',
    planId,
    title: `${user.name} mentioned you on “${comment.label}” ${where}`,
    body: excerpt(comment.body),
    link: threadLink(planId, comment.threadId),
    commentId: comment.id,
    emailed,
  });
  await notify(db, {
    districtId: user.districtId,
    recipients: involved.filter((id) => id !== user.id && !mentionedOthers.includes(id)),
    kind: 'comment',
    planId,
    title: `${user.name} commented on “${comment.label}” ${where}`,
    body: excerpt(comment.body),
    link: threadLink(planId, comment.threadId),
    commentId: comment.id,
    emailed,
    // Once per person: one taken out of the mentions again, having heard of it as a comment, is not told twice.
    dedupeKey: `comment:${comment.id}`,
  });
}

/** A new thread on an item of the plan, or a reply in a thread (which opens it again if it was resolved). */
export async function createComment(
  db: Db,
  user: SignedInUser,
  planId: string,
  input: CreateComment,
): Promise<CommentThread> {
  await planOrNotFound(db, user.districtId, planId);
  await checkMentions(db, user.districtId, input.mentions);
  return db.transaction(async (trx) => {
    let threadId: string;
    let subject: Subject;
    let involved: string[];
    const id = randomUUID();
    if (input.subject) {
      subject = await subjectOf(trx, user.districtId, planId, input.subject);
      threadId = id;
      involved = subject.writtenBy ? [subject.writtenBy] : [];
      await repo.insert(trx, {
        id,
        district_id: user.districtId,
        plan_id: planId,
        thread_id: id,
        subject_kind: input.subject.kind,
        subject_id: input.subject.id,
        stage_key: subject.stageKey,
        author_id: user.id,
        subject_written_by: subject.writtenBy,
        body: input.body,
      });
    } else {
      const thread = await repo.listOfThread(trx, user.districtId, planId, input.threadId!);
      const root = thread.find((c) => c.id === input.threadId);
      if (!root) throw invalidInput([{ in: 'body', field: 'threadId', message: 'is not a thread of this plan' }]);
      // A removed item's writer is the one its thread last told as such.
      subject = await subjectOf(trx, user.districtId, planId, { kind: root.subject_kind, id: root.subject_id }).catch(
        () => ({
          label: 'A removed item',
          stageKey: root.stage_key,
          table: null,
          writtenBy: thread.findLast((c) => c.subject_written_by)?.subject_written_by ?? null,
        }),
      );
      threadId = root.id;
      involved = [...thread.map((c) => c.author_id), ...(subject.writtenBy ? [subject.writtenBy] : [])];
      await repo.insert(trx, {
        id,
        district_id: user.districtId,
        plan_id: planId,
        thread_id: root.id,
        subject_kind: root.subject_kind,
        subject_id: root.subject_id,
        stage_key: root.stage_key,
        author_id: user.id,
        subject_written_by: subject.writtenBy,
        body: input.body,
      });
      if (root.resolved_at) await repo.setResolved(trx, user.districtId, planId, root.id, null);
    }
    await repo.replaceMentions(trx, user.districtId, id, input.mentions);
    await tell(trx, user, planId, { id, threadId, body: input.body, label: subject.label }, input.mentions, involved);
    return oneThread(trx, user, planId, threadId);
  });
}

async function ownComment(db: Executor, user: SignedInUser, planId: string, commentId: string, verb: string) {
  const comment = await repo.find(db, user.districtId, planId, commentId);
  if (!comment || comment.deleted_at) throw notFound('The comment');
  if (comment.author_id !== user.id) throw forbidden(`You can ${verb} only your own comments.`);
  return comment;
}

export async function updateComment(
  db: Db,
  user: SignedInUser,
  planId: string,
  commentId: string,
  input: UpdateComment,
): Promise<CommentThread> {
  const comment = await ownComment(db, user, planId, commentId, 'edit');
  return db.transaction(async (trx) => {
    const before = (await repo.listMentions(trx, user.districtId, [commentId])).map((m) => m.user_id);
    if (input.mentions) await checkMentions(trx, user.districtId, input.mentions, before);
    const saved = await repo.update(
      trx,
      { districtId: user.districtId, planId, id: commentId, version: input.version },
      { body: input.body, edited_at: trx.fn.now() },
    );
    if (!saved) throw versionConflict('comment', await oneThread(trx, user, planId, comment.thread_id));
    // Those told of it before read what it says now, not words its author took out.
    await rewordComment(trx, user.districtId, commentId, excerpt(input.body));
    const { mentions } = input;
    if (mentions) {
      await repo.replaceMentions(trx, user.districtId, commentId, mentions);
      // Those no longer named are not told they were (but of a comment, if they were in it as the others were);
      // those newly named are, and not also of a comment.
      const unnamed = await withdrawFromComment(
        trx,
        user.districtId,
        commentId,
        'mention',
        before.filter((id) => !mentions.includes(id)),
      );
      const thread = await repo.listOfThread(trx, user.districtId, planId, comment.thread_id);
      const involved = [
        ...thread
          .slice(
            0,
            thread.findIndex((c) => c.id === commentId),
          )
          .map((c) => c.author_id),
        comment.subject_written_by,
      ];
      const added = mentions.filter((id) => !before.includes(id));
      const untold = await withdrawFromComment(trx, user.districtId, commentId, 'comment', added);
      // One emailed of it already, by the notification that went, is not emailed of it again; but an email of it
      // as a comment did not tell one newly mentioned that they were asked directly: that is emailed, once.
      const emailed = new Map(
        [...unnamed, ...untold.filter((gone) => gone.emailed?.as === 'mention')].flatMap((gone) =>
          gone.emailed ? [[gone.user_id, gone.emailed] as const] : [],
        ),
      );
      const subject = (await oneThread(trx, user, planId, comment.thread_id)).subject;
      await tell(
        trx,
        user,
        planId,
        { id: commentId, threadId: comment.thread_id, body: input.body, label: subject.label },
        added,
        unnamed.map((gone) => gone.user_id).filter((id) => involved.includes(id)),
        emailed,
      );
    }
    return oneThread(trx, user, planId, comment.thread_id);
  });
}

export const countComments = repo.countComments;

/**
 * Deletes one's own comment: its words go, from the notifications of it too (and an email of it not yet
 * sent is not sent); the thread stays while other comments are in it.
 */
export async function deleteComment(db: Db, user: SignedInUser, planId: string, commentId: string): Promise<void> {
  const comment = await ownComment(db, user, planId, commentId, 'delete');
  await db.transaction(async (trx) => {
    const removed = await repo.update(
      trx,
      { districtId: user.districtId, planId, id: commentId, version: comment.version },
      { body: '', deleted_at: trx.fn.now() },
    );
    if (!removed) throw new AppError('conflict', 'The comment changed while you deleted it: reload and try again.');
    await rewordComment(trx, user.districtId, commentId, null);
  });
}

export async function setResolved(
  db: Db,
  user: SignedInUser,
  planId: string,
  commentId: string,
  resolved: boolean,
): Promise<CommentThread> {
  const comment = await repo.find(db, user.districtId, planId, commentId);
  if (!comment) throw notFound('The comment');
  await repo.setResolved(db, user.districtId, planId, comment.thread_id, resolved ? user.id : null);
  return oneThread(db, user, planId, comment.thread_id);
}

export interface OpenMention {
  planId: string;
  threadId: string;
  label: string;
  author: string;
  body: string;
  createdAt: string;
}

/** The open threads of these plans that mention the person, with the latest comment naming them. */
export async function openMentionsOf(
  db: Executor,
  user: SignedInUser,
  planIds: readonly string[],
): Promise<OpenMention[]> {
  const rows = await repo.listOpenMentioning(db, user.districtId, user.id, planIds);
  if (rows.length === 0) return [];
  const names = await namesOf(
    db,
    user.districtId,
    rows.map((r) => r.author_id),
  );
  const mentions: OpenMention[] = [];
  for (const planId of new Set(rows.map((r) => r.plan_id))) {
    const subjects = await subjectsOfPlan(db, user.districtId, planId);
    for (const row of rows.filter((r) => r.plan_id === planId)) {
      mentions.push({
        planId,
        threadId: row.thread_id,
        label: subjects.get(key(row.subject_kind, row.subject_id))?.label ?? 'A removed item',
        author: names.get(row.author_id) ?? 'A former user',
        body: excerpt(row.body),
        createdAt: toIsoDateTime(row.created_at),
      });
    }
  }
  return mentions.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
