import { useEffect, useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { ownerName } from '@planner/shared/dashboard';
import { countOf, formatDate, todayIso } from '@planner/shared/format';
import {
  actionStatuses,
  actionStatusLabels,
  type ActionStatus,
  type HighImpactAction,
  type Plan,
} from '@planner/shared/plan';
import type { StageKey } from '@planner/shared/roadmap';
import type { DistrictUser } from '@planner/shared/user';
import { PersonOptions } from '../../components/PersonOptions';
import { ScrollRegion } from '../../components/ScrollRegion';
import { SubmitButton } from '../../components/SubmitButton';
import { isApiError, type ApiError } from '../../lib/api';
import { useCurrentUser } from '../../lib/current-user';
import { useCanEditPlan } from '../../lib/plan-editing';
import { labelledResolver, useSingleSubmit } from '../../lib/forms';
import { useDocumentTitle } from '../../lib/use-document-title';
import { ActionRow, ActionRowView, type ActionRowData } from './ActionRow';
import { actionsNow, useBulkUpdateActions } from './bulk-update-actions';
import styles from './plans.module.css';
import { isOverdue } from '@planner/shared/action-due';

/** Where the actions page links to, given by the route that shows it. */
export interface ActionsLinks {
  stage: (stageKey: StageKey) => string;
}

interface ActionsPageProps {
  plan: Plan;
  /** The district's people, who may own an action. */
  users: DistrictUser[];
  links: ActionsLinks;
}

type Row = ActionRowData;

const anyone = '';
const mine = 'mine';
const nobody = 'nobody';
const sorts = { stage: 'Stage', due: 'Due date', status: 'Status', owner: 'Owner' } as const;
type Sort = keyof typeof sorts;

// ---- The change to apply to the selected actions ----------------------------------------------------

const keep = '';
const noOwner = 'none';
const bulkSchema = z
  .object({ status: z.string(), owner: z.string() })
  .refine((form) => form.status !== keep || form.owner !== keep, {
    path: ['status'],
    error: 'Choose a status or an owner to apply',
  });
type BulkForm = z.infer<typeof bulkSchema>;
const bulkLabels = { status: 'New status', owner: 'New owner' };
const bulkResolver = labelledResolver(bulkSchema, bulkLabels);

interface Outcome {
  kind: 'saved' | 'conflict' | 'error';
  message: string;
  /** On a conflict: each selected action someone changed meanwhile, as it is now. */
  changed?: Row[];
}

function describeChange(form: BulkForm, users: DistrictUser[]): string {
  const parts: string[] = [];
  const status = actionStatuses.find((s) => s === form.status);
  if (status) parts.push(`status set to ${actionStatusLabels[status]}`);
  if (form.owner === noOwner) parts.push('owner cleared');
  else if (form.owner !== keep)
    parts.push(`owner set to ${users.find((u) => u.id === form.owner)?.name ?? 'the person'}`);
  const text = parts.join(' and ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function BulkEditForm({
  plan,
  users,
  selected,
  onDone,
}: {
  plan: Plan;
  users: DistrictUser[];
  selected: Row[];
  onDone: (outcome: Outcome) => void;
}) {
  const id = useId();
  const bulk = useBulkUpdateActions(plan.id);
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<BulkForm>({ resolver: bulkResolver, defaultValues: { status: keep, owner: keep } });
  const [noneSelected, setNoneSelected] = useState(false);

  const apply = async (form: BulkForm) => {
    if (selected.length === 0) {
      setNoneSelected(true);
      return;
    }
    setNoneSelected(false);
    const status = actionStatuses.find((s) => s === form.status) as ActionStatus | undefined;
    const sent = new Map(selected.map((action) => [action.id, action.version]));
    try {
      const saved = await bulk.mutateAsync({
        actions: selected.map((action) => ({ id: action.id, version: action.version })),
        ...(status ? { status } : {}),
        ...(form.owner === keep ? {} : { ownerUserId: form.owner === noOwner ? null : form.owner }),
      });
      reset();
      onDone({ kind: 'saved', message: `${describeChange(form, users)} for ${countOf(saved.length, 'action')}.` });
    } catch (error) {
      if (!isApiError(error)) throw error;
      onDone(failure(error, sent, selected));
    }
  };

  const { onSubmit, busy } = useSingleSubmit(handleSubmit(apply));

  return (
    <form className={`card ${styles['bulk-form']}`} aria-labelledby={`${id}-title`} noValidate onSubmit={onSubmit}>
      <h2 id={`${id}-title`}>Change the selected actions</h2>
      <p className="field__hint">All of them change, or none: if someone changed one meanwhile, nothing is saved.</p>
      {noneSelected && selected.length === 0 ? (
        <p className="field__error" role="alert">
          Select at least one action in the table first.
        </p>
      ) : null}
      <div className={styles['bulk-form__fields']}>
        <div className={`field${errors.status ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor={`${id}-status`}>
            {bulkLabels.status}
          </label>
          {errors.status?.message ? (
            <p className="field__error" id={`${id}-status-error`}>
              <span className="visually-hidden">Error: </span>
              {errors.status.message}
            </p>
          ) : null}
          <select
            id={`${id}-status`}
            className="field__input"
            aria-invalid={errors.status ? true : undefined}
            aria-describedby={errors.status ? `${id}-status-error` : undefined}
            {...register('status')}
          >
            <option value={keep}>Keep each one’s status</option>
            {actionStatuses.map((status) => (
              <option key={status} value={status}>
                {actionStatusLabels[status]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-owner`}>
            {bulkLabels.owner}
          </label>
          <select id={`${id}-owner`} className="field__input" {...register('owner')}>
            <option value={keep}>Keep each one’s owner</option>
            <option value={noOwner}>No owner</option>
            <PersonOptions people={users} />
          </select>
        </div>
      </div>
      <div className="form__actions">
        <SubmitButton
          busy={busy}
          label={`Apply to ${countOf(selected.length, 'selected action')}`}
          busyLabel="Saving…"
        />
      </div>
    </form>
  );
}

function failure(error: ApiError, sent: Map<string, number>, selected: Row[]): Outcome {
  if (error.code !== 'version_conflict') return { kind: 'error', message: error.detail };
  const changed = actionsNow(error)
    .filter((now) => sent.get(now.id) !== now.version)
    .map((now) => {
      const row = selected.find((a) => a.id === now.id);
      return { ...now, stageOrder: row?.stageOrder ?? 0, stageTitle: row?.stageTitle ?? '' };
    });
  return {
    kind: 'conflict',
    message:
      'Nothing was changed: someone changed some of these actions after this page loaded them. They are shown as they are now; check them and apply again.',
    changed,
  };
}

function OutcomeMessage({ outcome, users }: { outcome: Outcome; users: DistrictUser[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome.kind !== 'saved') ref.current?.focus();
  }, [outcome]);
  if (outcome.kind === 'saved') {
    return <p className={styles['bulk-saved']}>{outcome.message}</p>;
  }
  return (
    <div ref={ref} className="alert alert--error" tabIndex={-1}>
      <p className="alert__title">
        {outcome.kind === 'conflict' ? 'Changed by someone else meanwhile' : 'The actions could not be changed'}
      </p>
      <div className="alert__body">
        <p>{outcome.message}</p>
        {outcome.changed && outcome.changed.length > 0 ? (
          <ul>
            {outcome.changed.map((action) => (
              <li key={action.id}>
                <strong>{action.text}</strong>: now {actionStatusLabels[action.status]}, owner{' '}
                {ownerName(action, users) ?? 'none'}, due {action.dueDate ? formatDate(action.dueDate) : 'no date'}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}

// ---- The page ------------------------------------------------------------------------------------------

/** /plans/:planId/actions: every high-impact action of every stage in one table, several changed at once. */
export function ActionsPage({ plan, users, links }: ActionsPageProps) {
  useDocumentTitle(`Actions – ${plan.title}`);
  const canEdit = useCanEditPlan();
  const { user, district } = useCurrentUser();
  const id = useId();
  const [stage, setStage] = useState('');
  const [status, setStatus] = useState('');
  const [owner, setOwner] = useState(anyone);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [sort, setSort] = useState<Sort>('stage');
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(new Set());
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const selectAllRef = useRef<HTMLInputElement>(null);
  // Overdue by the district's calendar day, as in its reminders and dashboard.
  const today = todayIso(district.timeZone);

  const all: Row[] = plan.stages.flatMap((s) =>
    [...s.actions]
      .sort((a, b) => a.position - b.position)
      .map((action) => ({ ...action, stageOrder: s.order, stageTitle: s.title })),
  );
  const ownerOf = (action: HighImpactAction) => ownerName(action, users);
  const shown = all
    .filter((a) => stage === '' || a.stageKey === stage)
    .filter((a) => status === '' || a.status === status)
    .filter((a) =>
      owner === anyone
        ? true
        : owner === mine
          ? a.ownerUserId === user.id
          : owner === nobody
            ? ownerOf(a) === null
            : a.ownerUserId === owner,
    )
    .filter((a) => !overdueOnly || isOverdue(a, today));
  const sorted = [...shown].sort((a, b) => {
    switch (sort) {
      case 'due':
        return (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999');
      case 'status':
        return actionStatuses.indexOf(a.status) - actionStatuses.indexOf(b.status);
      case 'owner':
        return (ownerOf(a) ?? '\uffff').localeCompare(ownerOf(b) ?? '\uffff');
      default:
        return a.stageOrder - b.stageOrder;
    }
  });
  const selected = sorted.filter((a) => selectedIds.has(a.id));
  const allShownSelected = sorted.length > 0 && selected.length === sorted.length;

  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = selected.length > 0 && !allShownSelected;
  }, [selected.length, allShownSelected]);

  const toggle = (actionId: string, on: boolean) =>
    setSelectedIds((was) => {
      const next = new Set(was);
      if (on) next.add(actionId);
      else next.delete(actionId);
      return next;
    });

  const filterSelect = (
    name: string,
    label: string,
    value: string,
    onChange: (value: string) => void,
    options: [string, string][],
  ) => (
    <div className="field">
      <label className="field__label" htmlFor={`${id}-${name}`}>
        {label}
      </label>
      <select
        id={`${id}-${name}`}
        className="field__input"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map(([optionValue, words]) => (
          <option key={optionValue} value={optionValue}>
            {words}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <div className="page">
      <h1>High-impact actions</h1>
      <p className="page__lede">
        Every action of the plan’s four stages in one table.
        {canEdit
          ? ' Owner, status and due date save as you change them; select several to give them one status or one owner at once.'
          : ''}
      </p>

      <section className="card" aria-labelledby={`${id}-filters`}>
        <h2 id={`${id}-filters`}>Show</h2>
        <div className={styles['actions-filters']}>
          {filterSelect('stage', 'Stage', stage, setStage, [
            ['', 'Every stage'],
            ...plan.stages.map((s): [string, string] => [s.key, `Stage ${s.order}: ${s.title}`]),
          ])}
          {filterSelect('status', 'Status', status, setStatus, [
            ['', 'Any status'],
            ...actionStatuses.map((s): [string, string] => [s, actionStatusLabels[s]]),
          ])}
          {filterSelect('owner', 'Owner', owner, setOwner, [
            [anyone, 'Anyone'],
            [mine, 'Mine'],
            [nobody, 'No owner'],
            ...users.map((u): [string, string] => [u.id, u.name]),
          ])}
          {filterSelect(
            'sort',
            'Sort by',
            sort,
            (value) => setSort(value as Sort),
            Object.entries(sorts) as [string, string][],
          )}
          <label className={`checkbox ${styles['actions-filters__check']}`}>
            <input type="checkbox" checked={overdueOnly} onChange={(event) => setOverdueOnly(event.target.checked)} />
            <span>Overdue only</span>
          </label>
        </div>
      </section>

      {canEdit ? (
        <>
          <BulkEditForm
            plan={plan}
            users={users}
            selected={selected}
            onDone={(result) => {
              setOutcome(result);
              if (result.kind === 'saved') setSelectedIds(new Set());
            }}
          />
          <div aria-live="polite">{outcome ? <OutcomeMessage outcome={outcome} users={users} /> : null}</div>
        </>
      ) : null}

      <p className={styles['actions-count']} role="status">
        {countOf(sorted.length, 'action')} shown
        {canEdit ? `, ${String(selected.length)} selected` : ''}
      </p>

      {sorted.length === 0 ? (
        <p className="muted">No action matches these choices.</p>
      ) : (
        <ScrollRegion label="High-impact actions">
          <table className={`data-table ${styles['actions-table']}`}>
            <caption className="visually-hidden">High-impact actions of the plan</caption>
            <thead>
              <tr>
                {canEdit ? (
                  <th scope="col">
                    <input
                      ref={selectAllRef}
                      type="checkbox"
                      aria-label="Select all actions shown"
                      checked={allShownSelected}
                      onChange={(event) =>
                        setSelectedIds(event.target.checked ? new Set(sorted.map((a) => a.id)) : new Set())
                      }
                    />
                  </th>
                ) : null}
                <th scope="col">Action</th>
                <th scope="col">Stage</th>
                <th scope="col">Owner</th>
                <th scope="col">Status</th>
                <th scope="col">Due date</th>
                {canEdit ? (
                  <th scope="col">
                    <span className="visually-hidden">Saved?</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {sorted.map((action) =>
                canEdit ? (
                  <ActionRow
                    key={action.id}
                    planId={plan.id}
                    action={action}
                    users={users}
                    stageHref={links.stage(action.stageKey)}
                    overdue={isOverdue(action, today)}
                    columns={7}
                    editing={{ selected: selectedIds.has(action.id), onSelect: (on) => toggle(action.id, on) }}
                  />
                ) : (
                  <ActionRowView
                    key={action.id}
                    action={action}
                    users={users}
                    stageHref={links.stage(action.stageKey)}
                    overdue={isOverdue(action, today)}
                    columns={5}
                  />
                ),
              )}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}
