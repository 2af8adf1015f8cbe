import { Link } from 'react-router';
import { countOf } from '@planner/shared/format';
import type { StageKey } from '@planner/shared/roadmap';
import { useCommentCounts } from './comment-counts';
import styles from './comments.module.css';

interface OpenCommentsSummaryProps {
  planId: string;
  stages: readonly { key: StageKey; order: number; title: string }[];
  /** The plan's comments page, filtered to a stage or not. */
  commentsHref: (stageKey?: StageKey) => string;
}

/** On the dashboard: the plan's open comment threads, in all and per stage, each leading to the comments page. */
export function OpenCommentsSummary({ planId, stages, commentsHref }: OpenCommentsSummaryProps) {
  const counts = useCommentCounts(planId);
  return (
    <section className={styles['open-summary']} aria-labelledby="open-comments-heading">
      <h2 id="open-comments-heading">Open comments</h2>
      {counts.isPending ? <p className="muted">Counting the open threads…</p> : null}
      {counts.isError ? <p className="muted">The open threads could not be counted.</p> : null}
      {counts.data ? (
        <>
          <p>
            <Link to={commentsHref()}>
              {countOf(counts.data.open, 'open thread')}
              <span className="visually-hidden"> of comments in this plan</span>
            </Link>
          </p>
          <ul className={styles['open-summary__stages']}>
            {stages.map((stage) => (
              <li key={stage.key}>
                <Link to={commentsHref(stage.key)}>
                  Stage {stage.order}: {stage.title}
                </Link>
                : {countOf(counts.data.byStage[stage.key] ?? 0, 'open thread')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
