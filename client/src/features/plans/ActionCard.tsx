import { useId, useRef, useState } from 'react';
import { actionStatuses, actionStatusLabels, limits, type HighImpactAction } from '@planner/shared/plan';
import type { DistrictUser } from '@planner/shared/user';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ConflictPanel, type ConflictField } from '../../components/autosave/ConflictPanel';
import { FieldSaveState } from '../../components/autosave/FieldSaveState';
import { useDeleteAction } from './delete-action';
import { ItemTextField } from './ItemTextField';
import { useActionAutosave, type ActionValue } from './update-action';

const someoneElse = 'someone-else';

function ownerLabel(value: Pick<ActionValue, 'ownerUserId' | 'ownerName'>, users: DistrictUser[]): string {
  if (value.ownerUserId) return users.find((user) => user.id === value.ownerUserId)?.name ?? 'A district user';
  return value.ownerName?.trim() ? value.ownerName : 'No owner';
}

function formatDueDate(dueDate: string | null): string {
  if (!dueDate) return 'No due date';
  const date = new Date(`${dueDate}T00:00:00`);
  return Number.isNaN(date.getTime()) ? dueDate : date.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

const theirsOnlyNote = 'Only they changed this: theirs is kept whichever you choose.';

/**
 * The fields that differ from the version someone else saved: first those this person changed (the
 * choice is about them), then those only the other person changed (kept either way).
 */
function conflictFields(mine: Partial<ActionValue>, shown: ActionValue, theirs: ActionValue, users: DistrictUser[]) {
  const rows: { fields: (keyof ActionValue)[]; field: ConflictField }[] = [
    { fields: ['text'], field: { label: 'Action', mine: shown.text, theirs: theirs.text } },
    {
      fields: ['notApplicable'],
      field: {
        label: 'Not applicable',
        mine: shown.notApplicable ? 'Not applicable' : 'Applicable',
        theirs: theirs.notApplicable ? 'Not applicable' : 'Applicable',
      },
    },
    {
      fields: ['status'],
      field: { label: 'Status', mine: actionStatusLabels[shown.status], theirs: actionStatusLabels[theirs.status] },
    },
    {
      fields: ['ownerUserId', 'ownerName'],
      field: { label: 'Owner', mine: ownerLabel(shown, users), theirs: ownerLabel(theirs, users) },
    },
    {
      fields: ['dueDate'],
      field: { label: 'Due date', mine: formatDueDate(shown.dueDate), theirs: formatDueDate(theirs.dueDate) },
    },
    { fields: ['notes'], field: { label: 'Notes', mine: shown.notes, theirs: theirs.notes } },
  ];
  const differing = rows.filter((row) => row.fields.some((field) => shown[field] !== theirs[field]));
  const isMine = (row: (typeof rows)[number]) => row.fields.some((field) => field in mine);
  return [
    ...differing.filter(isMine).map((row) => row.field),
    ...differing.filter((row) => !isMine(row)).map((row) => ({ ...row.field, note: theirsOnlyNote })),
  ];
}

interface ActionCardProps {
  planId: string;
  action: HighImpactAction;
  users: DistrictUser[];
  onRemoved: () => void;
}

/** A high-impact action: status, owner, due date and notes, each saved as it changes. */
export function ActionCard({ planId, action, users, onRemoved }: ActionCardProps) {
  const saver = useActionAutosave(planId, action);
  const deleteAction = useDeleteAction(planId, action);
  const value = saver.value;
  const [ownerIsSomeoneElse, setOwnerIsSomeoneElse] = useState(value.ownerName !== null);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const statusRef = useRef<HTMLSelectElement>(null);
  const id = useId();
  const stateId = `${id}-state`;

  const ownerChoice = value.ownerUserId ?? (ownerIsSomeoneElse || value.ownerName !== null ? someoneElse : '');
  const ownerIsUnknownUser = value.ownerUserId !== null && !users.some((user) => user.id === value.ownerUserId);
  const backToCard = () => statusRef.current?.focus();

  const conflict = saver.conflict;
  const fields = conflict ? conflictFields(conflict.mine, value, conflict.theirs, users) : [];
  const notesDiffer = fields.some((field) => field.label === 'Notes' && !field.note);

  return (
    <li className="action-item">
      <fieldset
        className={`action-card${value.notApplicable ? ' action-card--not-applicable' : ''}`}
        aria-describedby={stateId}
      >
        <legend className="action-card__title">{value.text}</legend>
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
        <div className="action-card__grid">
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
          <div className="field">
            <label className="field__label" htmlFor={`${id}-owner`}>
              Owner
            </label>
            <select
              id={`${id}-owner`}
              className="field__input"
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
              {users.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name}
                </option>
              ))}
              {ownerIsUnknownUser && value.ownerUserId ? (
                <option value={value.ownerUserId}>A district user</option>
              ) : null}
              <option value={someoneElse}>Someone else…</option>
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-due`}>
              Due date
            </label>
            <input
              id={`${id}-due`}
              type="date"
              className="field__input"
              value={value.dueDate ?? ''}
              onChange={(event) => {
                const dueDate = event.target.value;
                // A date typed part by part reads as empty until it is whole: clearing waits a moment.
                saver.edit({ dueDate: dueDate === '' ? null : dueDate }, dueDate === '' ? 'debounced' : 'now');
              }}
              onBlur={saver.flush}
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
              onChange={(event) => {
                const ownerName = event.target.value;
                saver.edit({ ownerUserId: null, ownerName: ownerName.trim() === '' ? null : ownerName });
              }}
              onBlur={saver.flush}
            />
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
            onChange={(event) => saver.edit({ notes: event.target.value })}
            onBlur={saver.flush}
          />
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

        {conflict ? (
          <ConflictPanel
            subject="this action"
            fields={fields}
            changedBy={null}
            changedAt={conflict.current.updatedAt}
            onKeepMine={() => {
              saver.keepMine();
              backToCard();
            }}
            onUseTheirs={() => {
              saver.takeTheirs();
              setOwnerIsSomeoneElse(conflict.theirs.ownerName !== null);
              backToCard();
            }}
            onMerge={
              notesDiffer
                ? () => {
                    saver.merge({ ...conflict.mine, notes: `${value.notes}\n\n${conflict.theirs.notes}` });
                    backToCard();
                  }
                : undefined
            }
          />
        ) : null}
      </fieldset>

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
          deleteAction.mutate(undefined, {
            onSuccess: () => {
              setConfirmingRemove(false);
              onRemoved();
            },
          })
        }
      >
        <p>
          “{value.text}” will be removed from this plan for everyone, with its status, owner, due date and notes. This
          cannot be undone.
        </p>
      </ConfirmDialog>
    </li>
  );
}

/** A high-impact action, for people who read the plan. */
export function ActionView({ action, users }: { action: HighImpactAction; users: DistrictUser[] }) {
  return (
    <li className={`action-card action-card--readonly${action.notApplicable ? ' action-card--not-applicable' : ''}`}>
      <h4 className="action-card__title">{action.text}</h4>
      {action.notApplicable ? <p className="field__hint">Marked not applicable.</p> : null}
      <dl className="action-card__facts">
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
          <dd>{formatDueDate(action.dueDate)}</dd>
        </div>
      </dl>
      {action.notes.trim() ? (
        <>
          <p className="action-card__notes-label">Notes</p>
          <p className="answer-text">{action.notes}</p>
        </>
      ) : null}
    </li>
  );
}
