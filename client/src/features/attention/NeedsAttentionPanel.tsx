import { useId } from 'react';
import { Link } from 'react-router';
import type { AttentionItem } from '@planner/shared/attention';
import { attentionKindLabels } from '@planner/shared/attention-labels';
import { formatDate } from '@planner/shared/format';
import { LoadError } from '../../components/LoadError';
import { LoadingState } from '../../components/LoadingState';
import { useDistrictDateTime } from '../../lib/district-time';
import { useNeedsAttention } from './needs-attention';
import styles from './attention.module.css';

// `since` is a day (YYYY-MM-DD) or a moment (ISO 8601), written as `dateTime` writes moments.
const sinceText = (since: string, dateTime: (moment: string) => string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(since) ? formatDate(since) : dateTime(since);
const isAppPath = (link: string) => link.startsWith('/') && !link.startsWith('//');

interface NeedsAttentionPanelProps {
  /** One plan's (the dashboard's); every current plan's by default, each item naming its plan. */
  planId?: string;
}

function AttentionEntry({ item, showPlan }: { item: AttentionItem; showPlan: boolean }) {
  const dateTime = useDistrictDateTime();
  return (
    <li className={`${styles['entry']} ${styles[`entry--${item.kind}`] ?? ''}`}>
      <p className={styles['entry__kind']}>
        {attentionKindLabels[item.kind]}
        {showPlan ? <span className={styles['entry__plan']}> · {item.planTitle}</span> : null}
      </p>
      <p className={styles['entry__title']}>
        {isAppPath(item.link) ? <Link to={item.link}>{item.title}</Link> : item.title}
      </p>
      <p className={styles['entry__detail']}>{item.detail}</p>
      <p className={styles['entry__since']}>
        {item.kind === 'action_overdue' ? 'Overdue since' : 'Since'} {sinceText(item.since, dateTime)}
      </p>
    </li>
  );
}

/** "Needs attention": roles sent back, overdue actions, readings due, reviews waiting and mentions, each a link to act. */
export function NeedsAttentionPanel({ planId }: NeedsAttentionPanelProps) {
  const id = useId();
  const attention = useNeedsAttention(planId);
  return (
    <section className={styles['panel']} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Needs your attention</h2>
      {attention.isPending ? <LoadingState label="Finding what needs you…" /> : null}
      {attention.isError ? <LoadError title="What needs your attention could not be loaded" query={attention} /> : null}
      {attention.isSuccess && attention.data.items.length === 0 ? (
        <p className="muted">Nothing needs you right now.</p>
      ) : null}
      {attention.isSuccess && attention.data.items.length > 0 ? (
        <ul className={styles['list']}>
          {attention.data.items.map((item, index) => (
            <AttentionEntry key={`${item.kind}-${item.link}-${String(index)}`} item={item} showPlan={!planId} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
