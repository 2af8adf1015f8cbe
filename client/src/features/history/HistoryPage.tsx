import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';
import { countOf, formatDateTime } from '@planner/shared/format';
import { historyKindLabels, historyKinds, type HistoryEntry, type HistoryKind } from '@planner/shared/history';
import { timeZoneLabel } from '@planner/shared/district';
import { isoDateSchema } from '@planner/shared/common';
import type { StageKey } from '@planner/shared/roadmap';
import { useCurrentUser } from '../../lib/current-user';
import { labelledResolver } from '../../lib/forms';
import { useDocumentTitle } from '../../lib/use-document-title';
import { HistoryChanges, whoDid } from './HistoryChanges';
import { useHistory, type HistoryFilters } from './history';
import { useRestoreChange } from './restore-change';
import { namedApart } from './named-apart';
import styles from './history.module.css';

export interface HistoryStage {
  key: StageKey;
  order: number;
  title: string;
}

export interface HistoryPerson {
  id: string;
  name: string;
  active: boolean;
}

/** Where the history page links to, given by the route that shows it. */
export interface HistoryLinks {
  /** The page an item is on (its stage, its measure, its role); null when it has none. */
  item: (entry: Pick<HistoryEntry, 'kind' | 'itemId' | 'stageKey' | 'table'>) => string | null;
}

interface HistoryPageProps {
  planTitle: string;
  planId: string;
  stages: HistoryStage[];
  people: HistoryPerson[];
  canRestore: boolean;
  links: HistoryLinks;
  onRestored?: () => void;
}

const pageSize = 50;

const optionalDate = z.union([z.literal(''), isoDateSchema]);
const filtersSchema = z
  .object({
    actor: z.string(),
    stage: z.string(),
    kind: z.string(),
    from: optionalDate,
    to: optionalDate,
  })
  .refine((f) => f.from === '' || f.to === '' || f.from <= f.to, {
    path: ['to'],
    error: 'must be on or after the first day',
  });
type FilterForm = z.infer<typeof filtersSchema>;
const labels = { actor: 'Person', stage: 'Stage', kind: 'Kind of item', from: 'From', to: 'To' };
const resolver = labelledResolver(filtersSchema, labels);
const noFilters: FilterForm = { actor: '', stage: '', kind: '', from: '', to: '' };

const toQuery = (form: FilterForm): HistoryFilters => ({
  actor: form.actor || undefined,
  stage: (form.stage || undefined) as HistoryFilters['stage'],
  kind: (historyKinds.find((kind) => kind === form.kind) ?? undefined) as HistoryKind | undefined,
  from: form.from || undefined,
  to: form.to || undefined,
});

function FiltersForm({
  stages,
  people,
  onApply,
}: {
  stages: HistoryStage[];
  people: HistoryPerson[];
  onApply: (filters: FilterForm) => void;
}) {
  const id = useId();
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<FilterForm>({ resolver, defaultValues: noFilters });
  const { timeZone } = useCurrentUser().district;
  const daysHintId = `${id}-days-hint`;
  const field = (name: keyof FilterForm) => {
    const describedBy = [
      name === 'from' || name === 'to' ? daysHintId : '',
      errors[name] ? `${id}-${name}-error` : '',
    ].filter(Boolean);
    return {
      id: `${id}-${name}`,
      'aria-invalid': errors[name] ? true : undefined,
      'aria-describedby': describedBy.length > 0 ? describedBy.join(' ') : undefined,
    };
  };
  const error = (name: keyof FilterForm) =>
    errors[name]?.message ? (
      <p className="field__error" id={`${id}-${name}-error`}>
        <span className="visually-hidden">Error: </span>
        {errors[name].message}
      </p>
    ) : null;

  return (
    <form
      className="card"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(event) => void handleSubmit(onApply)(event)}
    >
      <h2 id={`${id}-title`}>Filter the changes</h2>
      <div className={styles['filters']}>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-actor`}>
            {labels.actor}
          </label>
          <select className="field__input" {...field('actor')} {...register('actor')}>
            <option value="">Anyone</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
                {person.active ? '' : ' (deactivated)'}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-stage`}>
            {labels.stage}
          </label>
          <select className="field__input" {...field('stage')} {...register('stage')}>
            <option value="">Every stage</option>
            {stages.map((stage) => (
              <option key={stage.key} value={stage.key}>
                Stage {stage.order}: {stage.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-kind`}>
            {labels.kind}
          </label>
          <select className="field__input" {...field('kind')} {...register('kind')}>
            <option value="">Every kind</option>
            {historyKinds.map((kind) => (
              <option key={kind} value={kind}>
                {historyKindLabels[kind]}
              </option>
            ))}
          </select>
        </div>
        <div className={`field${errors.from ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor={`${id}-from`}>
            {labels.from}
          </label>
          {error('from')}
          <input type="date" className="field__input" {...field('from')} {...register('from')} />
        </div>
        <div className={`field${errors.to ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor={`${id}-to`}>
            {labels.to}
          </label>
          {error('to')}
          <input type="date" className="field__input" {...field('to')} {...register('to')} />
        </div>
      </div>
      <p className="field__hint" id={daysHintId}>
        From and To are days in the district’s time zone, {timeZoneLabel(timeZone)}, as the times below are.
      </p>
      <div className={`form__actions ${styles['filters__actions']}`}>
        <button type="submit" className="button button--primary">
          Show changes
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            reset(noFilters);
            onApply(noFilters);
          }}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}

function BringBack({
  entry,
  name,
  planId,
  href,
  roleHref,
  onRestored,
}: {
  entry: HistoryEntry;
  /** Said after "Bring back", told apart from the others on the page. */
  name: string;
  planId: string;
  href: string | null;
  roleHref: (roleId: string) => string | null;
  onRestored?: (() => void) | undefined;
}) {
  const restore = useRestoreChange(planId, onRestored);
  const doneRef = useRef<HTMLDivElement>(null);
  // The button gives way to what happened: focus goes there rather than to the page.
  useEffect(() => {
    if (restore.isSuccess) doneRef.current?.focus();
  }, [restore.isSuccess]);
  if (restore.isSuccess) {
    const leftOut = restore.data?.linksLeftOut ?? [];
    return (
      <div role="status" ref={doneRef} tabIndex={-1}>
        <p>
          “{entry.itemLabel}” is back, with what went with it
          {leftOut.length > 0 ? `, but for its links to ${countOf(leftOut.length, 'role')} reviewed since` : ''}.{' '}
          {href ? (
            <Link to={href}>
              Open it<span className="visually-hidden"> (“{entry.itemLabel}”)</span>
            </Link>
          ) : null}
        </p>
        {leftOut.length > 0 ? (
          <>
            <ul>
              {leftOut.map((link) => {
                const to = roleHref(link.roleId);
                return (
                  <li key={link.roleId}>
                    {to ? <Link to={to}>{link.roleTitle}</Link> : link.roleTitle}{' '}
                    {link.roleStatus === 'approved'
                      ? 'was approved without the link after it was removed.'
                      : 'is in review without the link, sent or reviewed after it was removed.'}
                  </li>
                );
              })}
            </ul>
            <p>
              Put back, a link would change what its principals saw without them knowing. To link a role again, edit it:
              it then returns to draft, to be reviewed again.
            </p>
          </>
        ) : null}
      </div>
    );
  }
  return (
    <>
      <button
        type="button"
        className="button button--secondary button--small"
        // Busy rather than disabled, so that it keeps focus while it works.
        aria-disabled={restore.isPending || undefined}
        onClick={() => {
          if (!restore.isPending) restore.mutate({ changeId: entry.id });
        }}
      >
        {restore.isPending ? 'Bringing back…' : 'Bring back'}
        <span className="visually-hidden"> {name}</span>
      </button>
      {restore.error ? (
        <p className="field__error" role="alert">
          {restore.error.detail}
        </p>
      ) : null}
    </>
  );
}

/** /plans/:planId/history: every recorded change of the plan, newest first, filtered and a page at a time. */
export function HistoryPage({ planTitle, planId, stages, people, canRestore, links, onRestored }: HistoryPageProps) {
  useDocumentTitle(`History – ${planTitle}`);
  // In the district's time zone, whose days the filters are: a change shows on the day it is found under.
  const { timeZone } = useCurrentUser().district;
  const [filters, setFilters] = useState<HistoryFilters>({});
  const history = useHistory(planId, filters, { limit: pageSize });
  const entries = history.data?.pages.flatMap((page) => page.entries) ?? [];
  // Each button names its item and when it was removed, to the second: the same item may be removed twice.
  const removals = entries.filter((entry) => canRestore && entry.operation === 'removed' && entry.restorable);
  const removalNames = namedApart(
    removals.map((entry) => `“${entry.itemLabel}”, removed ${formatDateTime(entry.at, timeZone, true)}`),
  );
  const bringBackName = new Map(removals.map((entry, index) => [entry.id, removalNames[index]]));
  const [focusFrom, setFocusFrom] = useState<number | null>(null);
  const stageName = (key: StageKey | null) => {
    const stage = stages.find((s) => s.key === key);
    return stage ? `Stage ${stage.order}: ${stage.title}` : null;
  };

  // After "Show older changes", focus goes to the first change that came in, where reading continues:
  // the line at that place takes this ref when it appears.
  const focusOnArrival = useCallback((element: HTMLLIElement | null) => element?.focus(), []);
  const showOlder = async () => {
    if (history.isFetchingNextPage) return;
    const shown = entries.length;
    const result = await history.fetchNextPage();
    // Only once older changes came: until then (or when none did) focus stays on the button.
    if (!result.isError && (result.data?.pages.flatMap((page) => page.entries).length ?? 0) > shown) {
      setFocusFrom(shown);
    }
  };

  const summary = history.isSuccess
    ? entries.length === 0
      ? 'No changes match these filters.'
      : `Showing ${countOf(entries.length, 'change')}${history.hasNextPage ? ', newest first; older ones can be shown' : ''}.`
    : '';

  return (
    <div className="page">
      <h1>History</h1>
      <p className="page__lede">
        Every change to this plan: who made it, when, and each value before and after.
        {canRestore ? ' A removed action, row or role can be brought back, with what went with it.' : ''}
      </p>
      <FiltersForm
        stages={stages}
        people={people}
        onApply={(form) => {
          setFocusFrom(null);
          setFilters(toQuery(form));
        }}
      />

      <p className={styles['page-status']} role="status">
        {history.isPending ? 'Loading the changes…' : summary}
      </p>
      {history.isError ? (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">The history could not be loaded</p>
          <div className="alert__body">
            <p>{history.error.message}</p>
            <button type="button" className="button button--secondary" onClick={() => void history.refetch()}>
              Try again
            </button>
          </div>
        </div>
      ) : null}

      {entries.length > 0 ? (
        <ol className={styles['entries']} aria-label="Changes, newest first">
          {entries.map((entry, index) => {
            const href = links.item(entry);
            const stage = stageName(entry.stageKey);
            const isFirstNew = focusFrom !== null && index === focusFrom;
            return (
              <li
                key={entry.id}
                className={styles['entry']}
                ref={isFirstNew ? focusOnArrival : undefined}
                tabIndex={isFirstNew ? -1 : undefined}
              >
                <h2 className={styles['entry__item']}>
                  {href && entry.operation !== 'removed' ? <Link to={href}>{entry.itemLabel}</Link> : entry.itemLabel}
                </h2>
                <p className={styles['entry__meta']}>
                  {historyKindLabels[entry.kind]}
                  {stage ? ` · ${stage}` : ''}
                </p>
                <p className={styles['entry__head']}>
                  <span className={styles['entry__who']}>{whoDid(entry)}</span>{' '}
                  <time dateTime={entry.at}>{formatDateTime(entry.at, timeZone)}</time>
                </p>
                <HistoryChanges entry={entry} />
                {canRestore && entry.operation === 'removed' && entry.restorable ? (
                  <div className={styles['entry__actions']}>
                    <BringBack
                      entry={entry}
                      name={bringBackName.get(entry.id) ?? `“${entry.itemLabel}”`}
                      planId={planId}
                      href={href}
                      roleHref={(roleId) => links.item({ kind: 'role', itemId: roleId, stageKey: null, table: null })}
                      onRestored={onRestored}
                    />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : null}
      {history.hasNextPage ? (
        <button
          type="button"
          className="button button--secondary"
          // Busy rather than disabled, so that it keeps focus while it loads; a second press does nothing.
          aria-disabled={history.isFetchingNextPage || undefined}
          onClick={() => void showOlder()}
        >
          {history.isFetchingNextPage ? 'Loading…' : 'Show older changes'}
        </button>
      ) : null}
    </div>
  );
}
