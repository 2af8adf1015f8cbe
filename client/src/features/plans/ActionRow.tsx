import { useId, useRef } from 'react';
import { Link } from 'react-router';
import { formatDate } from '@planner/shared/format';
import { actionStatuses, actionStatusLabels, type HighImpactAction } from '@planner/shared/plan';
import type { DistrictUser } from '@planner/shared/user';
import { ConflictPanel } from '../../components/ConflictPanel';
import { PersonOptions } from '../../components/PersonOptions';
import { FieldSaveState } from '../../components/FieldSaveState';
import { conflictFields } from '../../lib/autosave/conflict-fields';
import { conflictSpecs, useDueDate, useOwnerRefused } from './ActionCard';
import { useActionAutosave } from './update-action';
import styles from './plans.module.css';

/** An action with the stage it belongs to, as the actions page lists it. */
export type ActionRowData = HighImpactAction & { stageOrder: number; stageTitle: string };

const typedOwner = 'typed';

interface ActionRowProps {
  planId: string;
  action: ActionRowData;
  users: DistrictUser[];
  stageHref: string;
  overdue: boolean;
  /** Offered to administrators: the row's checkbox, and its fields edited in place. */
  editing?: { selected: boolean; onSelect: (selected: boolean) => void };
  columns: number;
}

function StageCell({ action }: { action: ActionRowData }) {
  return (
    <td>
      Stage {action.stageOrder}: {action.stageTitle}
    </td>
  );
}

function ActionCell({ action, stageHref, text }: { action: ActionRowData; stageHref: string; text: string }) {
  return (
    <th scope="row" className={styles['actions-table__action']}>
      <Link to={stageHref}>{text}</Link>
      {action.notApplicable ? <span className="muted"> (not applicable)</span> : null}
    </th>
  );
}

/** One action of the actions page, for people who read the plan. */
export function ActionRowView({ action, users, stageHref, overdue }: Omit<ActionRowProps, 'editing' | 'planId'>) {
  const owner = action.ownerUserId
    ? (users.find((u) => u.id === action.ownerUserId)?.name ?? 'A former user')
    : action.ownerName;
  return (
    <tr>
      <ActionCell action={action} stageHref={stageHref} text={action.text} />
      <StageCell action={action} />
      <td>{owner ?? <span className="muted">No owner</span>}</td>
      <td>
        <span className={`status-badge status-badge--${action.status}`}>{actionStatusLabels[action.status]}</span>
      </td>
      <td>
        {action.dueDate ? formatDate(action.dueDate) : <span className="muted">None</span>}
        {overdue ? <span className={styles['overdue']}> (overdue)</span> : null}
      </td>
    </tr>
  );
}

/** One action of the actions page: selectable, its owner, status and due date saved as they change. */
export function ActionRow({ planId, action, users, stageHref, overdue, editing, columns }: ActionRowProps) {
  const saver = useActionAutosave(planId, action);
  const value = saver.value;
  const dueDate = useDueDate(saver);
  const dueErrorId = useId();
  const conflict = saver.conflict;
  const rowRef = useRef<HTMLTableRowElement>(null);
  const backToRow = () => rowRef.current?.querySelector('select')?.focus();
  const { fields, merged, kept } = conflict
    ? conflictFields(conflictSpecs(users), conflict.mine, value, conflict.theirs, conflict.base)
    : { fields: [], merged: null, kept: {} };
  const ownerChoice = value.ownerUserId ?? (value.ownerName !== null ? typedOwner : '');
  const ownerRefused = useOwnerRefused(saver);
  const ownerErrorId = useId();

  return (
    <>
      <tr ref={rowRef}>
        <td>
          <input
            type="checkbox"
            aria-label={`Select: ${action.text}`}
            checked={editing?.selected ?? false}
            onChange={(event) => editing?.onSelect(event.target.checked)}
          />
        </td>
        <ActionCell action={action} stageHref={stageHref} text={value.text} />
        <StageCell action={action} />
        <td>
          <select
            className={`field__input ${styles['actions-table__input']}`}
            aria-label={`Owner of ${value.text}`}
            aria-invalid={ownerRefused ? true : undefined}
            aria-describedby={ownerRefused ? ownerErrorId : undefined}
            value={ownerChoice}
            onChange={(event) => {
              const choice = event.target.value;
              if (choice === typedOwner) return;
              saver.edit({ ownerUserId: choice === '' ? null : choice, ownerName: null }, 'now');
            }}
          >
            <option value="">No owner</option>
            {value.ownerName !== null && value.ownerUserId === null ? (
              <option value={typedOwner}>{value.ownerName}</option>
            ) : null}
            <PersonOptions people={users} current={value.ownerUserId} />
          </select>
          {ownerRefused ? (
            <p className="field__error" id={ownerErrorId}>
              <span className="visually-hidden">Error: </span>
              {ownerRefused}
            </p>
          ) : null}
        </td>
        <td>
          <select
            className={`field__input ${styles['actions-table__input']}`}
            aria-label={`Status of ${value.text}`}
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
        </td>
        <td>
          <input
            type="date"
            className={`field__input ${styles['actions-table__input']}`}
            aria-label={`Due date of ${value.text}`}
            aria-invalid={dueDate.error ? true : undefined}
            aria-describedby={dueDate.error ? dueErrorId : undefined}
            {...dueDate.inputProps}
          />
          {overdue ? <span className={styles['overdue']}> (overdue)</span> : null}
          {dueDate.error ? (
            <p className="field__error" id={dueErrorId}>
              <span className="visually-hidden">Error: </span>
              {dueDate.error}
            </p>
          ) : null}
        </td>
        <td className={styles['actions-table__state']}>
          <FieldSaveState status={saver.status} error={saver.error} />
        </td>
      </tr>
      {conflict ? (
        <tr>
          <td colSpan={columns}>
            <ConflictPanel
              subject={`“${value.text}”`}
              named={`the action “${value.text}”`}
              itemRef={rowRef}
              fields={fields}
              changedBy={null}
              changedAt={conflict.current.updatedAt}
              onKeepMine={saver.keepMine}
              onUseTheirs={() => saver.takeTheirs(kept)}
              onMerge={merged ? () => saver.merge(merged) : undefined}
              returnFocusTo={backToRow}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}
