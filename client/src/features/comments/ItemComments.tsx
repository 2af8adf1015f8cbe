import { useEffect, useId, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import type { CommentSubjectKind } from '@planner/shared/comment';
import { countOf } from '@planner/shared/format';
import { LoadError } from '../../components/LoadError';
import { LoadingState } from '../../components/LoadingState';
import { isApiError } from '../../lib/api';
import { holdsTypedText, useEscapeKey } from '../../lib/escape-key';
import { usePlanIsArchived } from '../../lib/plan-editing';
import { useAfterCommit } from '../../lib/use-after-commit';
import { useHasKeptDraft, useHasKeptDraftStartingWith, useUntakenKeptDrafts } from '../../lib/use-kept-draft';
import { commentDraftsPrefix } from './comment-drafts';
import { openCountOf, useCommentCounts } from './comment-counts';
import { useThreads } from './comment-threads';
import { CommentForm } from './CommentForm';
import { CommentThreadView } from './CommentThreadView';
import type { MentionablePerson } from './MentionPicker';
import { useCreateComment } from './write-comment';
import styles from './comments.module.css';

/** The anchor of an item's comments, so a link from elsewhere (the plan's comments) opens them. */
export const itemCommentsAnchor = (kind: CommentSubjectKind, id: string) =>
  `comments-${kind}-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** What a comment box keeps of its words (see CommentForm). */
interface KeptWords {
  body: string;
  mentions?: readonly { id?: unknown }[];
}

const shortened = (words: string) => (words.length > 60 ? `${words.slice(0, 59).trimEnd()}…` : words);
const mentionIds = (mentions: KeptWords['mentions']) =>
  (mentions ?? []).flatMap((person) => (typeof person.id === 'string' ? [person.id] : []));

interface ItemCommentsProps {
  planId: string;
  subject: { kind: CommentSubjectKind; id: string };
  /** The item in words, for the button and the panel: "Comments on …". */
  label: string;
  people: readonly MentionablePerson[];
  /** District admins and principals comment; viewers read. */
  canComment: boolean;
}

/**
 * On an answer, action, row, measure or role: a button with its open threads counted ("2 open comments")
 * that shows its threads, to read, reply to, resolve, and a form to start one.
 */
export function ItemComments({ planId, subject, label, people, canComment }: ItemCommentsProps) {
  const id = useId();
  const archived = usePlanIsArchived();
  const anchor = itemCommentsAnchor(subject.kind, subject.id);
  const location = useLocation();
  const linkedHere = location.hash === `#${anchor}`;
  const newCommentDraft = `new-comment.${subject.kind}.${subject.id}`;
  // Open again with the words of a comment the session ended under.
  const [open, setOpen] = useState(useHasKeptDraft(newCommentDraft) || linkedHere);
  // A reply or an edit kept as the session ended shows only in its thread: the closed comments' button says it
  // waits there, until they are opened.
  const keptInThreads = useHasKeptDraftStartingWith(commentDraftsPrefix(subject));
  const [draftWaiting, setDraftWaiting] = useState(keptInThreads);
  if (draftWaiting && open) setDraftWaiting(false);
  // A link to these comments, followed while the page is shown, opens them too.
  const [seenLinked, setSeenLinked] = useState(linkedHere);
  if (linkedHere !== seenLinked) {
    setSeenLinked(linkedHere);
    if (linkedHere) setOpen(true);
  }
  const [status, setStatus] = useState('');
  const counts = useCommentCounts(planId);
  const threads = useThreads(planId, { subjectKind: subject.kind, subjectId: subject.id, status: 'all' }, open);
  const create = useCreateComment(planId);
  // Once the threads are shown, a reply or an edit kept for a thread or comment now gone (or kept by someone who may no
  // longer comment) has no form to go back to: it is offered here, to post as a new comment or to copy, until the
  // person dismisses it; the button says it waits meanwhile.
  // With words kept for them, the threads are shown as the server has them now, not as cached before the session
  // ended: a form shown for a thread since deleted would take the words and lose them as the thread goes.
  const threadsShown = threads.isSuccess && !(keptInThreads && threads.isFetching);
  const untaken = useUntakenKeptDrafts<KeptWords>(commentDraftsPrefix(subject), open && threadsShown);
  const untakenWords = untaken.words.filter((kept) => typeof kept.body === 'string' && kept.body.trim() !== '');
  const untakenRef = useRef<HTMLDivElement>(null);
  const [untakenError, setUntakenError] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const afterCommit = useAfterCommit();
  // A deleted comment's thread, or else (the thread went with it) the button of these comments.
  const focusAfterDelete = (threadTitleId: string) =>
    afterCommit(() => (document.getElementById(threadTitleId) ?? toggleRef.current)?.focus());
  const openCount = openCountOf(counts.data, subject.kind, subject.id);
  // Escape closes the comments and goes back to their button; not while a comment is being written in them
  // (wherever focus is), to keep its words.
  const escapeScope = useEscapeKey<HTMLDivElement>(() => {
    if (holdsTypedText(rootRef.current)) return;
    setOpen(false);
    toggleRef.current?.focus();
  });

  useEffect(() => {
    if (!linkedHere) return;
    // After the page has put focus on its heading: the item is what the link was for, so it is shown, and
    // focus goes to its comments' button (the next Tab is into them, not back at the top of the page).
    const frame = requestAnimationFrame(() => {
      rootRef.current?.scrollIntoView({ block: 'start' });
      toggleRef.current?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [linkedHere]);

  // Posted or dismissed, the words go; focus stays among those left, else goes back to the comments' button.
  const afterUntaken = (kept: KeptWords) => {
    untaken.dismiss(kept);
    afterCommit(() => (untakenRef.current?.querySelector('button') ?? toggleRef.current)?.focus());
  };

  const list = threads.data?.threads ?? [];
  // Open threads first, each part newest activity first as the server sends them.
  const ordered = [...list.filter((t) => !t.resolved), ...list.filter((t) => t.resolved)];
  return (
    <div className={styles['item-comments']} id={anchor} ref={rootRef}>
      <button
        ref={toggleRef}
        type="button"
        className={`button button--secondary button--small ${styles['item-comments__toggle']}`}
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen(!open)}
      >
        {openCount > 0 ? countOf(openCount, 'open comment') : 'Comments'}
        {draftWaiting || untakenWords.length > 0 ? (
          <span className={styles['item-comments__draft']}> (unsent draft)</span>
        ) : null}
        <span className="visually-hidden"> on {label}</span>
      </button>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      <div
        id={`${id}-panel`}
        className={styles['item-comments__panel']}
        hidden={!open}
        role="region"
        aria-label={`Comments on ${label}`}
        {...escapeScope}
      >
        {open ? (
          <>
            {threads.isPending || (threads.isSuccess && !threadsShown) ? (
              <LoadingState label="Loading the comments…" />
            ) : null}
            {threads.isError ? <LoadError title="The comments could not be loaded" query={threads} /> : null}
            {threadsShown && ordered.length === 0 ? <p className="muted">No comments yet.</p> : null}
            {untakenWords.length > 0 ? (
              <div className="alert alert--info" ref={untakenRef}>
                <p>
                  Words you had typed here could not be put back where you left them: the comment or thread was deleted,
                  or you can no longer comment. They wait here until you{canComment ? ' post them or' : ''} dismiss
                  them.
                </p>
                {untakenError ? (
                  <p className="field__error" role="alert">
                    {untakenError}
                  </p>
                ) : null}
                {untakenWords.map((kept, index) => {
                  const named = <span className="visually-hidden"> the words “{shortened(kept.body)}”</span>;
                  return (
                    <div key={index} className={styles['item-comments__untaken']}>
                      <blockquote className={styles['item-comments__untaken-words']}>{kept.body}</blockquote>
                      <div className="form__actions">
                        {canComment ? (
                          <button
                            type="button"
                            className="button button--secondary button--small"
                            disabled={create.isPending}
                            onClick={() => {
                              void create
                                .mutateAsync({ subject, body: kept.body, mentions: mentionIds(kept.mentions) })
                                .then(() => {
                                  setUntakenError(null);
                                  setStatus('Your words were posted as a new comment.');
                                  afterUntaken(kept);
                                })
                                .catch((error: unknown) => {
                                  if (!isApiError(error)) throw error;
                                  setUntakenError(`Your words were not posted: ${error.detail} They are still here.`);
                                });
                            }}
                          >
                            Post as a new comment{named}
                          </button>
                        ) : null}
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          onClick={() => afterUntaken(kept)}
                        >
                          Dismiss{named}
                        </button>
                      </div>
                    </div>
                  );
                })}
              </div>
            ) : null}
            {(threadsShown ? ordered : []).map((thread) => (
              <CommentThreadView
                key={thread.id}
                planId={planId}
                thread={thread}
                people={people}
                canComment={canComment}
                headingLevel={null}
                onStatus={setStatus}
                onCommentDeleted={focusAfterDelete}
              />
            ))}
            {canComment ? (
              <CommentForm
                label="New comment"
                name={`New comment on ${label}`}
                formName={`the new comment on ${label}`}
                draft={newCommentDraft}
                submitLabel="Add comment"
                busyLabel="Adding…"
                people={people}
                onSubmit={async (body, mentions) => {
                  await create.mutateAsync({ subject, body, mentions });
                  setStatus('Your comment was added.');
                }}
              />
            ) : (
              <p className="muted">
                {archived
                  ? 'The plan is archived: its comments can be read, not added to.'
                  : 'Administrators and principals comment; you can read the comments.'}
              </p>
            )}
          </>
        ) : null}
      </div>
    </div>
  );
}
