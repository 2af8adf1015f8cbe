import { useEffect, useId, useRef, useState } from 'react';
import type { HistoryEntry } from '@planner/shared/history';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import type { HistorySubject } from '../../components/ItemHistorySlot';
import { HistoryChanges, whoDid } from './HistoryChanges';
import { useHistory } from './history';
import { restoreNames } from './named-apart';
import { useRestoreChange } from './restore-change';
import styles from './history.module.css';
import { useDistrictDateTime } from '../../lib/district-time';
import { useEscapeKey } from '../../lib/escape-key';

interface ItemHistoryPanelProps {
  planId: string;
  subject: HistorySubject;
  /** District administrators restore; everyone else reads. */
  canRestore: boolean;
  /** Called once a restore is saved (or refused as stale), for the app to refresh what else shows the item. */
  onRestored?: () => void;
}

const isNewer = (entry: HistoryEntry, sinceId: string) => BigInt(entry.id) > BigInt(sinceId);

/** The newest change of each kind holds the value the item has now: there is nothing to restore from it. */
function currentIds(entries: HistoryEntry[]): Set<string> {
  const seen = new Set<string>();
  const ids = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.kind)) continue;
    seen.add(entry.kind);
    ids.add(entry.id);
  }
  return ids;
}

/**
 * A "History" disclosure on an item: who changed it, when, each field before and after, and (for an
 * administrator) a way back to an earlier version, through the usual version check.
 */
export function ItemHistoryPanel({ planId, subject, canRestore, onRestored }: ItemHistoryPanelProps) {
  const dateTime = useDistrictDateTime();
  const [open, setOpen] = useState(false);
  const [restoring, setRestoring] = useState<HistoryEntry | null>(null);
  const [restored, setRestored] = useState('');
  /** After a stale restore: the newest change the person had seen, so what came since can be shown. */
  const [staleSince, setStaleSince] = useState<string | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  // The first of the earlier changes just shown: focus goes there, so the reader continues from it.
  const [firstEarlierId, setFirstEarlierId] = useState<string | null>(null);
  const firstEarlierRef = useRef<HTMLLIElement>(null);
  const id = useId();
  const history = useHistory(
    planId,
    { item: subject.itemId },
    { limit: 20, enabled: open, freshness: JSON.stringify(subject.versions) },
  );
  const restore = useRestoreChange(planId, onRestored);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const escapeScope = useEscapeKey<HTMLElement>(() => {
    setOpen(false);
    toggleRef.current?.focus();
  });
  const entries = history.data?.pages.flatMap((page) => page.entries) ?? [];
  const current = currentIds(entries);
  const changedSince = staleSince === null ? [] : entries.filter((entry) => isNewer(entry, staleSince));
  const offered = entries.filter(
    (entry) =>
      canRestore &&
      entry.restorable &&
      entry.operation !== 'removed' &&
      !current.has(entry.id) &&
      subject.versions[entry.kind] !== undefined,
  );
  const offeredNames = restoreNames(offered, (entry) => dateTime(entry.at, true));
  const restoreName = new Map(offered.map((entry, index) => [entry.id, offeredNames[index]]));

  useEffect(() => {
    if (staleSince !== null) alertRef.current?.focus();
  }, [staleSince]);

  useEffect(() => {
    if (firstEarlierId !== null) firstEarlierRef.current?.focus();
  }, [firstEarlierId]);

  const showEarlier = async () => {
    // The button keeps focus while it loads (it says so, and a second press does nothing).
    if (history.isFetchingNextPage) return;
    const pagesBefore = history.data?.pages.length ?? 0;
    const result = await history.fetchNextPage();
    const earlier = result.data?.pages.slice(pagesBefore).flatMap((page) => page.entries) ?? [];
    if (result.isError || earlier.length === 0) return;
    setFirstEarlierId(earlier[0]!.id);
  };

  const confirmRestore = (entry: HistoryEntry) => {
    const version = subject.versions[entry.kind];
    const newest = entries[0]?.id ?? entry.id;
    setRestored('');
    restore.mutate(
      { changeId: entry.id, version },
      {
        onSuccess: () => {
          setRestoring(null);
          setStaleSince(null);
          setRestored(`Restored the version of ${dateTime(entry.at)}.`);
        },
        onError: (error) => {
          if (error.code !== 'version_conflict') return;
          setRestoring(null);
          setStaleSince(newest);
        },
      },
    );
  };

  return (
    <div className={styles['item-history']}>
      <button
        ref={toggleRef}
        type="button"
        className="button button--secondary button--small"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen((was) => !was)}
      >
        History<span className="visually-hidden"> of {subject.label}</span>
      </button>
      <p className={styles['restored']} role="status">
        {restored}
      </p>
      {open ? (
        <section
          id={`${id}-panel`}
          className={styles['item-history__panel']}
          aria-label={`History of ${subject.label}`}
          {...escapeScope}
        >
          {staleSince !== null ? (
            <div ref={alertRef} className="alert alert--error" role="alert" tabIndex={-1}>
              <p className="alert__title">Nothing was restored: this was changed after you opened it</p>
              <div className="alert__body">
                {changedSince.length > 0 ? (
                  <>
                    <p>What changed since:</p>
                    <ul className={styles['item-history__since']}>
                      {changedSince.map((entry) => (
                        <li key={entry.id}>
                          {whoDid(entry)} it on {dateTime(entry.at)}
                          <HistoryChanges entry={entry} />
                        </li>
                      ))}
                    </ul>
                  </>
                ) : (
                  <p>Its history below is now up to date.</p>
                )}
                <p>Look again and restore the version you want, if you still want to.</p>
              </div>
            </div>
          ) : null}
          {history.isPending ? <p className="muted">Loading the history…</p> : null}
          {history.isError ? (
            <p className="field__error" role="alert">
              The history could not be loaded. {history.error.message}
            </p>
          ) : null}
          {history.isSuccess && entries.length === 0 ? <p className="muted">No changes recorded yet.</p> : null}
          {entries.length > 0 ? (
            <ol className={styles['entries']}>
              {entries.map((entry) => {
                const offer = restoreName.get(entry.id);
                const isFirstEarlier = entry.id === firstEarlierId;
                return (
                  <li
                    key={entry.id}
                    className={styles['entry']}
                    ref={isFirstEarlier ? firstEarlierRef : undefined}
                    tabIndex={isFirstEarlier ? -1 : undefined}
                  >
                    <p className={styles['entry__head']}>
                      <span className={styles['entry__who']}>{whoDid(entry)}</span>{' '}
                      <time dateTime={entry.at}>{dateTime(entry.at)}</time>
                      {current.has(entry.id) && entry.operation !== 'removed' ? (
                        <span className={styles['entry__current']}> (current version)</span>
                      ) : null}
                    </p>
                    <HistoryChanges entry={entry} />
                    {offer !== undefined ? (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => {
                          restore.reset();
                          setRestoring(entry);
                        }}
                      >
                        Restore this version
                        {/* To the second, and by what it gives back if need be: each version's button is told apart. */}
                        <span className="visually-hidden"> of {offer}</span>
                      </button>
                    ) : null}
                  </li>
                );
              })}
            </ol>
          ) : null}
          {history.hasNextPage ? (
            <button
              type="button"
              className="button button--secondary button--small"
              aria-disabled={history.isFetchingNextPage || undefined}
              onClick={() => void showEarlier()}
            >
              {history.isFetchingNextPage ? 'Loading…' : 'Show earlier changes'}
            </button>
          ) : null}
        </section>
      ) : null}

      <ConfirmDialog
        open={restoring !== null}
        title="Restore this version?"
        confirmLabel="Restore this version"
        busy={restore.isPending}
        busyLabel="Restoring…"
        error={restore.error && restore.error.code !== 'version_conflict' ? restore.error.detail : null}
        onCancel={() => {
          setRestoring(null);
          restore.reset();
        }}
        onConfirm={() => {
          if (restoring) confirmRestore(restoring);
        }}
      >
        {restoring ? (
          <>
            <p>
              “{subject.label}” goes back, for everyone, to how it was after the change{' '}
              {restoring.actor ? `${restoring.actor.name} made` : 'made'} on {dateTime(restoring.at)}. The restore is
              recorded in the history, so it can be undone the same way.
            </p>
            <HistoryChanges entry={{ ...restoring, operation: 'created' }} />
          </>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
