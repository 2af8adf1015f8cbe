import { useEffect, useId, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { commentSubjectKindLabels, type CommentThread } from '@planner/shared/comment';
import { countOf } from '@planner/shared/format';
import { stageKeys, type StageKey } from '@planner/shared/roadmap';
import { LoadError } from '../../components/LoadError';
import { LoadingState } from '../../components/LoadingState';
import { useAfterCommit } from '../../lib/use-after-commit';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useCommentCounts } from './comment-counts';
import { useThreads } from './comment-threads';
import { CommentThreadView } from './CommentThreadView';
import type { MentionablePerson } from './MentionPicker';
import styles from './comments.module.css';

interface PlanCommentsPageProps {
  planId: string;
  planTitle: string;
  stages: readonly { key: StageKey; order: number; title: string }[];
  /** Where a thread's item is: its stage page at the item, a measure's or a role's page. */
  itemHref: (subject: CommentThread['subject']) => string;
  people: readonly MentionablePerson[];
  canComment: boolean;
}

const isStageKey = (value: string | null): value is StageKey => stageKeys.some((key) => key === value);

function ThreadSubject({ thread, stageName, href }: { thread: CommentThread; stageName: string; href: string }) {
  return (
    <p className={styles['thread__subject']}>
      {commentSubjectKindLabels[thread.subject.kind]} in {stageName}: <Link to={href}>{thread.subject.label}</Link>
    </p>
  );
}

/** /plans/:planId/comments: the plan's open threads, newest activity first, by stage and "mentions me". */
export function PlanCommentsPage({ planId, planTitle, stages, itemHref, people, canComment }: PlanCommentsPageProps) {
  useDocumentTitle(`Comments – ${planTitle}`);
  const id = useId();
  const [params, setParams] = useSearchParams();
  // The filters answer at once; the address follows, so a filtered list can be shared or reloaded.
  const [stage, setStage] = useState<StageKey | undefined>(() => {
    const fromAddress = params.get('stage');
    return isStageKey(fromAddress) ? fromAddress : undefined;
  });
  const [mentionsMe, setMentionsMe] = useState(() => params.get('mentions') === 'me');
  const [followed, setFollowed] = useState(() => params.get('thread'));
  const [status, setStatus] = useState('');
  const counts = useCommentCounts(planId);
  const threads = useThreads(planId, { status: 'open', stage, mentions: mentionsMe ? 'me' : undefined });
  // A thread followed from a notification shows whatever its state, even resolved since.
  const all = useThreads(planId, { status: 'all' }, followed !== null);
  const followedThread = followed ? all.data?.threads.find((t) => t.id === followed) : undefined;
  const followedRef = useRef<HTMLDivElement>(null);
  const focusedFollowed = useRef(false);

  useEffect(() => {
    if (!followedThread || focusedFollowed.current) return;
    focusedFollowed.current = true;
    followedRef.current?.querySelector<HTMLElement>('[tabindex="-1"]')?.focus();
  }, [followedThread]);

  const stageName = (key: StageKey) => {
    const s = stages.find((candidate) => candidate.key === key);
    return s ? `Stage ${String(s.order)}: ${s.title}` : key;
  };
  const setFilter = (name: 'stage' | 'mentions', value: string | null) => {
    if (name === 'stage') setStage(isStageKey(value) ? value : undefined);
    else setMentionsMe(value === 'me');
    setFollowed(null);
    const next = new URLSearchParams(params);
    if (value === null) next.delete(name);
    else next.set(name, value);
    next.delete('thread');
    setParams(next, { replace: true });
  };

  const shown = (threads.data?.threads ?? []).filter((t) => t.id !== followedThread?.id);
  const listRef = useRef<HTMLUListElement>(null);
  const openHeadingRef = useRef<HTMLHeadingElement>(null);
  // A resolved thread leaves the open ones: reading goes on at the next thread's heading, or the list's.
  const focusAfterResolved = (index: number) => {
    const next = listRef.current?.children[index + 1]?.querySelector<HTMLElement>('[tabindex="-1"]');
    (next ?? openHeadingRef.current)?.focus();
  };
  const afterCommit = useAfterCommit();
  // A deleted comment's thread, or else (the thread went with it) the open threads' heading.
  const focusAfterDelete = (threadTitleId: string) =>
    afterCommit(() => (document.getElementById(threadTitleId) ?? openHeadingRef.current)?.focus());
  const listed = threads.data?.threads.length;
  return (
    <div className={styles['comments-page']}>
      <h1>Comments</h1>
      <p className="page__lede">
        The plan’s open comment threads, newest activity first. Each leads to the answer, action, row, measure or role
        it is about.
      </p>
      <form className={styles['filters']} aria-label="Filter the threads" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-stage`}>
            Stage
          </label>
          <select
            id={`${id}-stage`}
            className="field__input"
            value={stage ?? ''}
            onChange={(event) => setFilter('stage', event.target.value === '' ? null : event.target.value)}
          >
            <option value="">All stages{counts.data ? ` (${String(counts.data.open)} open)` : ''}</option>
            {stages.map((s) => (
              <option key={s.key} value={s.key}>
                {stageName(s.key)}
                {counts.data ? ` (${String(counts.data.byStage[s.key] ?? 0)} open)` : ''}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={mentionsMe}
            onChange={(event) => setFilter('mentions', event.target.checked ? 'me' : null)}
          />
          <span>Only threads that mention me</span>
        </label>
      </form>
      <p className="visually-hidden" role="status">
        {status || (listed !== undefined ? `${countOf(listed, 'open thread')} listed.` : '')}
      </p>

      {followed !== null ? (
        <section aria-labelledby={`${id}-followed`} className={styles['comments-page__section']}>
          <h2 id={`${id}-followed`}>The thread you followed</h2>
          {all.isPending ? <LoadingState label="Loading the thread…" /> : null}
          {all.isSuccess && !followedThread ? (
            <p className="muted">This thread is no longer there: its comments were deleted.</p>
          ) : null}
          {followedThread ? (
            <div ref={followedRef}>
              <CommentThreadView
                planId={planId}
                thread={followedThread}
                people={people}
                canComment={canComment}
                headingLevel={3}
                subject={
                  <ThreadSubject
                    thread={followedThread}
                    stageName={stageName(followedThread.subject.stageKey)}
                    href={itemHref(followedThread.subject)}
                  />
                }
                onStatus={setStatus}
                onCommentDeleted={focusAfterDelete}
              />
            </div>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby={`${id}-open`} className={styles['comments-page__section']}>
        <h2 id={`${id}-open`} ref={openHeadingRef} tabIndex={-1}>
          Open threads
          {stage ? ` in ${stageName(stage)}` : ''}
          {mentionsMe ? ' that mention you' : ''}
        </h2>
        {threads.isPending ? <LoadingState label="Loading the comments…" /> : null}
        {threads.isError ? <LoadError title="The comments could not be loaded" query={threads} /> : null}
        {threads.isSuccess && shown.length === 0 ? (
          <p className="muted">
            {followedThread && !followedThread.resolved ? 'No other open threads.' : 'No open threads.'}
          </p>
        ) : null}
        {shown.length > 0 ? (
          <ul className={styles['thread-list']} ref={listRef}>
            {shown.map((thread, index) => (
              <li key={thread.id}>
                <CommentThreadView
                  planId={planId}
                  thread={thread}
                  people={people}
                  canComment={canComment}
                  headingLevel={3}
                  subject={
                    <ThreadSubject
                      thread={thread}
                      stageName={stageName(thread.subject.stageKey)}
                      href={itemHref(thread.subject)}
                    />
                  }
                  onStatus={setStatus}
                  onResolved={() => focusAfterResolved(index)}
                  onCommentDeleted={focusAfterDelete}
                />
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}
