import { useId, useRef, useState, type ReactNode } from 'react';
import type { Comment, CommentThread } from '@planner/shared/comment';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCurrentUser } from '../../lib/current-user';
import { useHasKeptDraft } from '../../lib/use-kept-draft';
import { commentDraftsPrefix } from './comment-drafts';
import { CommentForm } from './CommentForm';
import { CommentText } from './CommentText';
import type { MentionablePerson } from './MentionPicker';
import { useCreateComment, useDeleteComment, useResolveThread, useUpdateComment } from './write-comment';
import styles from './comments.module.css';
import { useDistrictDateTime } from '../../lib/district-time';

/** The thread's title as a heading of this level, or as a paragraph where no heading fits the page's outline. */
type HeadingLevel = 2 | 3 | null;

interface ThreadProps {
  planId: string;
  thread: CommentThread;
  people: readonly MentionablePerson[];
  canComment: boolean;
  headingLevel: HeadingLevel;
  /** What the thread is about, when it is listed away from its item (the plan's comments page). */
  subject?: ReactNode;
  /** Tells the page what happened, for its live region. */
  onStatus: (message: string) => void;
  /** Moves focus on where a resolved thread leaves the list; elsewhere it stays on the button. */
  onResolved?: () => void;
  /**
   * Moves focus on once a comment of the thread is deleted, when its Delete button has gone: to the thread's
   * title (this id) while the thread is still shown, else somewhere of the page's choosing.
   */
  onCommentDeleted: (threadTitleId: string) => void;
}

const mentionedPeople = (comment: Comment, people: readonly MentionablePerson[]): MentionablePerson[] =>
  comment.mentions.map((m) => people.find((p) => p.id === m.id) ?? { id: m.id, name: m.name, email: '' });

function CommentItem({
  planId,
  comment,
  people,
  canComment,
  draftsPrefix,
  onStatus,
  onDeleted,
}: {
  planId: string;
  comment: Comment;
  /** Where the comment's edit is kept as the session ends: under its thread's item. */
  draftsPrefix: string;
  people: readonly MentionablePerson[];
  canComment: boolean;
  onStatus: (message: string) => void;
  onDeleted: () => void;
}) {
  const dateTime = useDistrictDateTime();
  const { user } = useCurrentUser();
  const editDraft = `${draftsPrefix}edit.${comment.id}`;
  const [editing, setEditing] = useState(useHasKeptDraft(editDraft));
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const update = useUpdateComment(planId, comment.id);
  const remove = useDeleteComment(planId, comment.id);
  const editRef = useRef<HTMLButtonElement>(null);
  const mine = comment.author.id === user.id && canComment && !comment.deleted;
  return (
    <li className={styles['comment']}>
      <p className={styles['comment__meta']}>
        <span className={styles['comment__author']}>{comment.author.name}</span>{' '}
        <time dateTime={comment.createdAt}>{dateTime(comment.createdAt)}</time>
        {comment.editedAt ? <span> (edited {dateTime(comment.editedAt)})</span> : null}
      </p>
      {comment.deleted ? (
        <p className="muted">This comment was deleted.</p>
      ) : editing ? (
        <CommentForm
          label="Your comment"
          name={`Your comment of ${dateTime(comment.createdAt)}`}
          formName={`your comment of ${dateTime(comment.createdAt)}`}
          draft={editDraft}
          submitLabel="Save comment"
          busyLabel="Saving…"
          people={people}
          initialBody={comment.body}
          initialMentions={mentionedPeople(comment, people)}
          focusOnMount
          onSubmit={async (body, mentions) => {
            await update.mutateAsync({ body, mentions, version: comment.version });
            setEditing(false);
            onStatus('Your comment was saved.');
            requestAnimationFrame(() => editRef.current?.focus());
          }}
          onCancel={() => {
            setEditing(false);
            requestAnimationFrame(() => editRef.current?.focus());
          }}
        />
      ) : (
        <CommentText text={comment.body} />
      )}
      {mine && !editing ? (
        <div className={styles['comment__actions']}>
          <button
            ref={editRef}
            type="button"
            className="button button--secondary button--small"
            onClick={() => setEditing(true)}
          >
            Edit<span className="visually-hidden"> your comment of {dateTime(comment.createdAt)}</span>
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setConfirmingDelete(true)}
          >
            Delete<span className="visually-hidden"> your comment of {dateTime(comment.createdAt)}</span>
          </button>
        </div>
      ) : null}
      <ConfirmDialog
        open={confirmingDelete}
        title="Delete your comment?"
        confirmLabel="Delete comment"
        busy={remove.isPending}
        busyLabel="Deleting…"
        error={remove.error?.detail}
        onCancel={() => {
          setConfirmingDelete(false);
          remove.reset();
        }}
        onConfirm={() =>
          // Once the threads have come back: this comment (or its whole thread) may be gone by then, and the
          // page's callbacks still run.
          void remove.mutateAsync().then(
            () => {
              setConfirmingDelete(false);
              onStatus('Your comment was deleted.');
              onDeleted();
            },
            // The dialog shows the error.
            () => undefined,
          )
        }
      >
        <p>Its words are removed for everyone; the replies to it stay. This cannot be undone.</p>
      </ConfirmDialog>
    </li>
  );
}

/** A thread: its comments in order, a reply, and resolving or reopening it. */
export function CommentThreadView({
  planId,
  thread,
  people,
  canComment,
  headingLevel,
  subject,
  onStatus,
  onResolved,
  onCommentDeleted,
}: ThreadProps) {
  const dateTime = useDistrictDateTime();
  const id = useId();
  const replyDraft = `${commentDraftsPrefix(thread.subject)}reply.${thread.id}`;
  const [replying, setReplying] = useState(useHasKeptDraft(replyDraft));
  const reply = useCreateComment(planId);
  const first = thread.comments[0];
  const resolve = useResolveThread(planId, first?.id ?? thread.id);
  const replyRef = useRef<HTMLButtonElement>(null);
  const Heading = headingLevel === null ? 'p' : (`h${String(headingLevel)}` as 'h2' | 'h3');
  const starter = thread.comments.find((c) => !c.deleted) ?? first;
  const startedBy = `started by ${first?.author.name ?? 'someone'} on ${dateTime(first?.createdAt ?? thread.lastActivityAt)}`;
  const title = `Thread ${startedBy}`;
  return (
    <article
      className={`${styles['thread']}${thread.resolved ? ` ${styles['thread--resolved']}` : ''}`}
      aria-labelledby={`${id}-title`}
    >
      <Heading className={styles['thread__title']} id={`${id}-title`} tabIndex={-1}>
        {title}
      </Heading>
      {subject}
      <p className={styles['thread__state']}>
        {thread.resolved ? (
          <span className="status-badge status-badge--done">
            Resolved{thread.resolvedBy ? ` by ${thread.resolvedBy.name}` : ''}
            {thread.resolvedAt ? ` on ${dateTime(thread.resolvedAt)}` : ''}
          </span>
        ) : (
          <span className="status-badge">Open</span>
        )}
      </p>
      <ol
        className={styles['thread__comments']}
        aria-label={starter ? `Comments of the thread started by ${starter.author.name}` : 'Comments'}
      >
        {thread.comments.map((comment) => (
          <CommentItem
            key={comment.id}
            planId={planId}
            comment={comment}
            people={people}
            canComment={canComment}
            draftsPrefix={commentDraftsPrefix(thread.subject)}
            onStatus={onStatus}
            onDeleted={() => onCommentDeleted(`${id}-title`)}
          />
        ))}
      </ol>
      {resolve.error ? (
        <ErrorAlert title={thread.resolved ? 'The thread was not reopened' : 'The thread was not resolved'}>
          <p>{resolve.error.detail}</p>
        </ErrorAlert>
      ) : null}
      {canComment ? (
        replying ? (
          <CommentForm
            label="Reply"
            name={`Reply to the thread ${startedBy}`}
            formName={`your reply to the thread ${startedBy}`}
            draft={replyDraft}
            submitLabel="Send reply"
            busyLabel="Sending…"
            people={people}
            focusOnMount
            onSubmit={async (body, mentions) => {
              await reply.mutateAsync({ threadId: thread.id, body, mentions });
              setReplying(false);
              onStatus(thread.resolved ? 'Your reply was sent; the thread is open again.' : 'Your reply was sent.');
              requestAnimationFrame(() => replyRef.current?.focus());
            }}
            onCancel={() => {
              setReplying(false);
              requestAnimationFrame(() => replyRef.current?.focus());
            }}
          />
        ) : (
          <div className={styles['thread__actions']}>
            <button
              ref={replyRef}
              type="button"
              className="button button--secondary button--small"
              onClick={() => setReplying(true)}
            >
              Reply<span className="visually-hidden"> to the thread started by {first?.author.name}</span>
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={!first}
              aria-disabled={resolve.isPending || undefined}
              onClick={() => {
                if (resolve.isPending) return;
                resolve.mutate(thread.resolved ? 'reopen' : 'resolve', {
                  onSuccess: () => {
                    onStatus(thread.resolved ? 'The thread is open again.' : 'The thread is resolved.');
                    if (!thread.resolved) onResolved?.();
                  },
                });
              }}
            >
              {thread.resolved ? 'Reopen thread' : 'Resolve thread'}
              <span className="visually-hidden"> started by {first?.author.name}</span>
            </button>
          </div>
        )
      ) : null}
    </article>
  );
}
