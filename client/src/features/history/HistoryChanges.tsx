import type { HistoryEntry } from '@planner/shared/history';
import { diffWords, isLongText } from './text-diff';
import styles from './history.module.css';

type Change = HistoryEntry['changes'][number];

const empty = <span className="muted">(empty)</span>;
const shown = (text: string) => (text === '' ? empty : text);

/** A long text changed: the words taken out and put in, or both versions whole when too long to compare. */
function TextDiff({ before, after }: { before: string; after: string }) {
  const parts = diffWords(before, after);
  if (!parts) {
    return (
      <div className={styles['before-after']}>
        <p className={styles['before-after__label']}>Before</p>
        <p className={`answer-text ${styles['before-after__text']}`}>{shown(before)}</p>
        <p className={styles['before-after__label']}>After</p>
        <p className={`answer-text ${styles['before-after__text']}`}>{shown(after)}</p>
      </div>
    );
  }
  return (
    <p className={`answer-text ${styles['diff']}`}>
      {parts.map((part, index) =>
        part.kind === 'same' ? (
          <span key={index}>{part.text}</span>
        ) : part.kind === 'removed' ? (
          <del key={index} className={styles['diff__removed']}>
            <span className="visually-hidden"> [removed: </span>
            {part.text}
            <span className="visually-hidden">] </span>
          </del>
        ) : (
          <ins key={index} className={styles['diff__added']}>
            <span className="visually-hidden"> [added: </span>
            {part.text}
            <span className="visually-hidden">] </span>
          </ins>
        ),
      )}
    </p>
  );
}

function ChangeValue({ change, operation }: { change: Change; operation: HistoryEntry['operation'] }) {
  if (operation === 'created') return <>{shown(change.after)}</>;
  if (operation === 'removed') return <>{shown(change.before)}</>;
  if (isLongText(change.before) || isLongText(change.after)) {
    return <TextDiff before={change.before} after={change.after} />;
  }
  return (
    <>
      <span className={styles['value--before']}>{shown(change.before)}</span>
      <span aria-hidden="true"> → </span>
      <span className="visually-hidden"> changed to </span>
      <span className={styles['value--after']}>{shown(change.after)}</span>
    </>
  );
}

/** Each field a change touched, by the label people see: as it was and as it became. */
export function HistoryChanges({ entry }: { entry: HistoryEntry }) {
  if (entry.changes.length === 0) return null;
  return (
    <dl className={styles['changes']}>
      {entry.changes.map((change) => (
        <div key={change.field} className={styles['changes__item']}>
          <dt>{change.label}</dt>
          <dd>
            <ChangeValue change={change} operation={entry.operation} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

const verbs: Record<HistoryEntry['operation'], string> = { created: 'added', changed: 'changed', removed: 'removed' };

/** "Dana Admin changed" / "Dana Admin added": who did what, for the head of a line of the history. */
export const whoDid = (entry: HistoryEntry): string =>
  `${entry.actor?.name ?? 'The planner'} ${verbs[entry.operation]}`;
