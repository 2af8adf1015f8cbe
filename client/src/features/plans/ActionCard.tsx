import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ownerName } from '@planner/shared/dashboard';
import { formatDate } from '@planner/shared/format';
import { actionStatuses, actionStatusLabels, limits, type HighImpactAction } from '@planner/shared/plan';
import type { DistrictUser } from '@planner/shared/user';
import { CharacterCount, useCharacterLimit } from '../../components/CharacterCount';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ConflictPanel } from '../../components/ConflictPanel';
import { ItemNow } from '../../components/ItemNow';
import { FieldSaveState } from '../../components/FieldSaveState';
import { ItemHistorySlot } from '../../components/ItemHistorySlot';
import { ItemTextField } from '../../components/ItemTextField';
import { PersonOptions } from '../../components/PersonOptions';
import { conflictFields, type ConflictFieldSpec } from '../../lib/autosave/conflict-fields';
import { districtUsersQueryKey } from '../../lib/shared-query-keys';
import { listItemProps } from '../../lib/list-news';
import { useTypedDate } from '../../lib/use-typed-date';
import { useDeleteAction } from './delete-action';
import { useLinkedAction } from './linked-action';
import { actionFieldLabels, ownerFields, useActionAutosave, type ActionValue } from './update-action';
import styles from './plans.module.css';

const someoneElse = 'someone-else';

const ownerLabel = (value: Pick<ActionValue, 'ownerUserId' | 'ownerName'>, users: DistrictUser[]) =>
  ownerName(value, users) ?? 'No owner';

const dueDateText = (dueDate: string | null) => (dueDate ? formatDate(dueDate) : 'No due date');

/** How each field of an action reads in a conflict, shared by its card and its row on the actions page. */
export const conflictSpecs = (users: DistrictUser[]): ConflictFieldSpec<ActionValue>[] => [
  { label: 'Action', fields: ['text'], format: (v) => v.text },
  {
    label: 'Not applicable',
    fields: ['notApplicable'],
    format: (v) => (v.notApplicable ? 'Not applicable' : 'Applicable'),
  },
  { label: 'Status', fields: ['status'], format: (v) => actionStatusLabels[v.status] },
  { label: 'Owner', fields: [...ownerFields], format: (v) => ownerLabel(v, users) },
  { label: 'Due date', fields: ['dueDate'], format: (v) => dueDateText(v.dueDate) },
  { label: 'Notes', fields: ['notes'], format: (v) => v.notes, mergeable: true },
];

interface ActionCardProps {
  planId: string;
  action: HighImpactAction;
  users: DistrictUser[];
  onRemoved: () => void;
  /** Shown at the foot of the action, such as its comments. */
  footer?: ReactNode;
}

/** An action's due date, saved once whole (see useTypedDate); its card and its row on the actions page share it. */
export function useDueDate(saver: ReturnType<typeof useActionAutosave>) {
  return useTypedDate({
    value: saver.value.dueDate,
    label: actionFieldLabels.dueDate,
    onDate: (dueDate, when) => saver.edit({ dueDate }, when),
    onProblem: (message) => saver.setInvalid('dueDate', message),
    onBlur: saver.flush,
    refused: saver.refused['dueDate'],
  });
}

/**
 * Why the owner chosen was refused (someone deactivated meanwhile), by the field; the district's people are
 * read again then, so the picker shows who is deactivated now and stops offering them.
 */
export function useOwnerRefused(saver: ReturnType<typeof useActionAutosave>): string | undefined {
  const queryClient = useQueryClient();
  const refused = saver.refused['ownerUserId'];
  useEffect(() => {
    if (refused) void queryClient.invalidateQueries({ queryKey: districtUsersQueryKey });
  }, [refused, queryClient]);
  return refused;
}

/** A high-impact action: status, owner, due date and notes, each saved as it changes. */
export function ActionCard({ planId, action, users, onRemoved, footer }: ActionCardProps) {
  const saver = useActionAutosave(planId, action);
  const deleteAction = useDeleteAction(planId, action);
  const value = saver.value;
  const [ownerIsSomeoneElse, setOwnerIsSomeoneElse] = useState(value.ownerName !== null);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const statusRef = useRef<HTMLSelectElement>(null);
  const id = useId();
  const stateId = `${id}-state`;
  const ownerNameLimit = useCharacterLimit(value.ownerName?.length ?? 0, limits.ownerName);
  const notesLimit = useCharacterLimit(value.notes.length, limits.notes);
  const dueDate = useDueDate(saver);
  const dueErrorId = `${id}-due-error`;

  const ownerChoice = value.ownerUserId ?? (ownerIsSomeoneElse || value.ownerName !== null ? someoneElse : '');
  const ownerRefused = useOwnerRefused(saver);
  const ownerErrorId = `${id}-owner-error`;
  const linked = useLinkedAction<HTMLLegendElement>(action.id);
  const backToCard = () => statusRef.current?.focus();

  const conflict = saver.conflict;
  const { fields, merged, kept } = conflict
    ? conflictFields(conflictSpecs(users), conflict.mine, value, conflict.theirs, conflict.base)
    : { fields: [], merged: null, kept: {} };

  return (
    <li className="action-item" {...listItemProps(action.id)}>
      <fieldset
        className={`${styles['action-card']}${value.notApplicable ? ` ${styles['action-card--not-applicable']}` : ''}`}
        aria-describedby={stateId}
      >
        <legend className={styles['action-card__title']} {...linked}>
          {value.text}
        </legend>
        {value.notApplicable ? (
          <p className="field__hint">Marked not applicable: it does not count toward progress.</p>
        ) : null}
        {action.isCustom ? (
          <ItemTextField
            label="Action text"
            value={value.text}
            maxLength={limits.actionText}
            onChange={(text) => saver.edit({ text })}
            onBlur={saver.flush}
          />
        ) : null}
        <div className={styles['action-card__grid']}>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-status`}>
              Status
            </label>
            <select
              ref={statusRef}
              id={`${id}-status`}
              className="field__input"
              value={value.status}
              onChange={(event) => {
                const status = actionStatuses.find((candidate) => candidate === event.target.value);
                if (status) saver.edit({ status }, 'now');
              }}
            >
              {actionStatuses.map((status) => (
                <option key={status} value={status}>
                  {actionStatusLabels[status]}
                </option>
              ))}
            </select>
          </div>
          <div className={`field${ownerRefused ? ' field--invalid' : ''}`}>
            <label className="field__label" htmlFor={`${id}-owner`}>
              Owner
            </label>
            {ownerRefused ? (
              <p className="field__error" id={ownerErrorId}>
                <span className="visually-hidden">Error: </span>
                {ownerRefused}
              </p>
            ) : null}
            <select
              id={`${id}-owner`}
              className="field__input"
              aria-invalid={ownerRefused ? true : undefined}
              aria-describedby={ownerRefused ? ownerErrorId : undefined}
              value={ownerChoice}
              onChange={(event) => {
                const choice = event.target.value;
                if (choice === someoneElse) {
                  // Saved once a name is typed; an owner is a user or a name, never both.
                  setOwnerIsSomeoneElse(true);
                  return;
                }
                setOwnerIsSomeoneElse(false);
                saver.edit({ ownerUserId: choice === '' ? null : choice, ownerName: null }, 'now');
              }}
            >
              <option value="">No owner yet</option>
              <PersonOptions people={users} current={value.ownerUserId} />
              <option value={someoneElse}>Someone else…</option>
            </select>
          </div>
          <div className={`field${dueDate.error ? ' field--invalid' : ''}`}>
            <label className="field__label" htmlFor={`${id}-due`}>
              {actionFieldLabels.dueDate}
            </label>
            {dueDate.error ? (
              <p className="field__error" id={dueErrorId}>
                <span className="visually-hidden">Error: </span>
                {dueDate.error}
              </p>
            ) : null}
            <input
              id={`${id}-due`}
              type="date"
              className="field__input"
              aria-invalid={dueDate.error ? true : undefined}
              aria-describedby={dueDate.error ? dueErrorId : undefined}
              {...dueDate.inputProps}
            />
          </div>
        </div>
        {ownerChoice === someoneElse ? (
          <div className="field">
            <label className="field__label" htmlFor={`${id}-owner-name`}>
              Owner’s name
            </label>
            <input
              id={`${id}-owner-name`}
              className="field__input"
              value={value.ownerName ?? ''}
              maxLength={limits.ownerName}
              autoComplete="off"
              aria-describedby={ownerNameLimit.id}
              {...ownerNameLimit.controlProps}
              onChange={(event) => {
                const ownerName = event.target.value;
                saver.edit({ ownerUserId: null, ownerName: ownerName.trim() === '' ? null : ownerName });
              }}
              onBlur={saver.flush}
            />
            <CharacterCount limit={ownerNameLimit} onlyAtLimit />
          </div>
        ) : null}
        <div className="field">
          <label className="field__label" htmlFor={`${id}-notes`}>
            Notes
          </label>
          <textarea
            id={`${id}-notes`}
            className="field__input"
            rows={3}
            maxLength={limits.notes}
            value={value.notes}
            aria-describedby={notesLimit.id}
            {...notesLimit.controlProps}
            onChange={(event) => saver.edit({ notes: event.target.value })}
            onBlur={saver.flush}
          />
          <CharacterCount limit={notesLimit} />
        </div>
        <div className="item-options">
          {action.isCustom ? (
            <button type="button" className="button button--secondary" onClick={() => setConfirmingRemove(true)}>
              Remove<span className="visually-hidden"> action: {value.text}</span>
            </button>
          ) : (
            <label className="checkbox">
              <input
                type="checkbox"
                checked={value.notApplicable}
                onChange={(event) => saver.edit({ notApplicable: event.target.checked }, 'now')}
              />
              <span>
                Not applicable<span className="visually-hidden"> to our district: {value.text}</span>
              </span>
            </label>
          )}
          <FieldSaveState id={stateId} status={saver.status} error={saver.error} />
        </div>
        <ItemHistorySlot itemId={action.id} label={value.text} versions={{ action: action.version }} />

        {conflict ? (
          <ConflictPanel
            subject="this action"
            named={`the action “${value.text}”`}
            fields={fields}
            changedBy={null}
            changedAt={conflict.current.updatedAt}
            onKeepMine={saver.keepMine}
            onUseTheirs={() => {
              saver.takeTheirs(kept);
              setOwnerIsSomeoneElse({ ...conflict.theirs, ...kept }.ownerName !== null);
            }}
            onMerge={merged ? () => saver.merge(merged) : undefined}
            returnFocusTo={backToCard}
          />
        ) : null}
      </fieldset>
      {footer}

      <ConfirmDialog
        open={confirmingRemove}
        title="Remove this action?"
        confirmLabel="Remove action"
        busy={deleteAction.isPending}
        busyLabel="Removing…"
        error={deleteAction.error?.detail}
        onCancel={() => {
          setConfirmingRemove(false);
          deleteAction.reset();
        }}
        onConfirm={() =>
          // The version shown, refreshed by a refusal: a second confirm removes the action as it is now.
          deleteAction.mutate(action.version, {
            onSuccess: () => {
              setConfirmingRemove(false);
              onRemoved();
            },
          })
        }
      >
        <p>
          “{value.text}” will be removed from this plan for everyone, with its status, owner, due date and notes; the
          plan's history keeps it, from where it can be brought back.
        </p>
        {deleteAction.error?.code === 'version_conflict' ? (
          <ItemNow
            facts={[
              { label: 'Status', value: actionStatusLabels[action.status] },
              { label: 'Owner', value: ownerLabel(action, users) },
              { label: 'Due date', value: dueDateText(action.dueDate) },
              { label: 'Notes', value: action.notes },
            ]}
          />
        ) : null}
      </ConfirmDialog>
    </li>
  );
}

/** A high-impact action, for people who read the plan. */
export function ActionView({
  action,
  users,
  footer,
}: {
  action: HighImpactAction;
  users: DistrictUser[];
  footer?: ReactNode;
}) {
  const linked = useLinkedAction<HTMLHeadingElement>(action.id);
  return (
    <li
      className={`${styles['action-card']} ${styles['action-card--readonly']}${action.notApplicable ? ` ${styles['action-card--not-applicable']}` : ''}`}
    >
      <h3 className={styles['action-card__title']} {...linked}>
        {action.text}
      </h3>
      {action.notApplicable ? <p className="field__hint">Marked not applicable.</p> : null}
      <dl className={styles['action-card__facts']}>
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`status-badge status-badge--${action.status}`}>{actionStatusLabels[action.status]}</span>
          </dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>{ownerLabel(action, users)}</dd>
        </div>
        <div>
          <dt>Due date</dt>
          <dd>{dueDateText(action.dueDate)}</dd>
        </div>
      </dl>
      {action.notes.trim() ? (
        <>
          <p className={styles['action-card__notes-label']}>Notes</p>
          <p className="answer-text">{action.notes}</p>
        </>
      ) : null}
      <ItemHistorySlot itemId={action.id} label={action.text} versions={{ action: action.version }} />
      {footer}
    </li>
  );
}
