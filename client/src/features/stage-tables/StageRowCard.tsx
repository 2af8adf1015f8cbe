import { useId, useRef, useState, type ReactNode } from 'react';
import { countOf } from '@planner/shared/format';
import { declarationOf, formatFieldValue, stageTables, type StageTableName } from '@planner/shared/stage-tables';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ConflictPanel } from '../../components/ConflictPanel';
import { FieldSaveState } from '../../components/FieldSaveState';
import { ItemHistorySlot } from '../../components/ItemHistorySlot';
import { conflictFields, type ConflictFieldSpec } from '../../lib/autosave/conflict-fields';
import type { FieldValues } from '../../lib/autosave/pending-edits';
import { useDeleteRow, type RemovedWithRow } from './delete-row';
import { RowField } from './RowField';
import {
  changeOf,
  directionChosen,
  fieldProblem,
  fieldSpecs,
  linkedFieldsOf,
  namesOf,
  titleFieldOf,
  titleOf,
  type FieldSpec,
  type PersonChoice,
  type StageRow,
} from './table-fields';
import { useRowAutosave } from './update-row';
import styles from './stage-tables.module.css';

const keptNote = 'The last saved value is kept until you correct it.';

const conflictSpecs = (specs: FieldSpec[], people: readonly PersonChoice[]): ConflictFieldSpec<FieldValues>[] =>
  specs.map((spec) => ({
    label: spec.label,
    fields: [spec.field],
    format: (value) => formatFieldValue(spec, value[spec.field], value, namesOf(people)),
    mergeable: spec.kind === 'longText',
  }));

interface StageRowCardProps {
  planId: string;
  name: StageTableName;
  row: StageRow;
  /** The card's title; the row's own name by default. */
  legend?: string;
  /** Shown under the title, such as a measure's status. */
  extra?: ReactNode;
  /** Where focus goes once the row is removed. */
  onRemoved: () => void;
  /** The district's people, for a field that names one. */
  people?: readonly PersonChoice[];
  /** What goes with the row when it is removed, loaded apart from it (a stakeholder's inputs); null while loading. */
  removedWith?: RemovedWithRow | null;
}

/** The history names a measure's changes apart from other rows'; a restore sends the row's version. */
const historyVersions = (name: StageTableName, version: number) =>
  name === 'measures' ? { measure: version } : { row: version };

/** One row of a stage table, each field saved as it changes. */
export function StageRowCard({
  planId,
  name,
  row,
  legend,
  extra,
  onRemoved,
  people = [],
  removedWith,
}: StageRowCardProps) {
  const saver = useRowAutosave(planId, name, row);
  const deleteRow = useDeleteRow(planId, name, row.id);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const firstFieldRef = useRef<HTMLElement | null>(null);
  const id = useId();
  const stateId = `${id}-state`;
  const def = stageTables[name];
  const specs = fieldSpecs(name);
  const value = saver.value;
  // Until the person picks a direction, it follows the baseline and target as they are typed.
  const [choseDirection, setChoseDirection] = useState(() => directionChosen(name, row));
  const changeFor = (field: string, changed: unknown) => changeOf(name, value, field, changed, choseDirection);
  const title = titleOf(name, value);
  const backToCard = () => firstFieldRef.current?.focus();
  const goesWith =
    name === 'measures'
      ? `its ${countOf(readingsOf(row).length, 'reading')}`
      : removedWith === null || removedWith?.failed
        ? 'what was heard from them'
        : (removedWith?.words ?? '');

  const conflict = saver.conflict;
  const { fields, merged, kept } = conflict
    ? conflictFields(
        conflictSpecs(specs, people),
        conflict.mine,
        value,
        conflict.theirs,
        conflict.base,
        linkedFieldsOf(name),
      )
    : { fields: [], merged: null, kept: {} };

  return (
    <div className="row-item">
      <fieldset className={styles['row-card']} aria-describedby={stateId}>
        <legend className={styles['row-card__title']}>{legend ?? title}</legend>
        {extra}
        <div className={styles['row-card__grid']}>
          {specs.map((spec, index) => (
            <RowField
              key={spec.field}
              spec={spec}
              id={`${id}-${spec.field}`}
              value={value[spec.field]}
              problem={(candidate) =>
                fieldProblem(name, spec.field, candidate, { ...value, ...changeFor(spec.field, candidate) })
              }
              onChange={(changed, when) => {
                if (spec.field === declarationOf(name).direction?.field) setChoseDirection(true);
                saver.edit(changeFor(spec.field, changed), when);
              }}
              onBlur={saver.flush}
              onProblem={(message) => saver.setInvalid(spec.field, message)}
              keptNote={keptNote}
              refused={saver.refused[spec.field]}
              invalid={saver.invalid[spec.field]}
              people={people}
              inputRef={
                index === 0
                  ? (element) => {
                      firstFieldRef.current = element;
                    }
                  : undefined
              }
            />
          ))}
        </div>
        <div className="item-options">
          <button type="button" className="button button--secondary" onClick={() => setConfirmingRemove(true)}>
            Remove
            <span className="visually-hidden">
              {' '}
              {def.rowNoun}: {title}
            </span>
          </button>
          <FieldSaveState id={stateId} status={saver.status} error={saver.error} />
        </div>
        <ItemHistorySlot itemId={row.id} label={title} versions={historyVersions(name, row.version)} />

        {conflict ? (
          <ConflictPanel
            subject={`this ${def.rowNoun}`}
            named={`the ${def.rowNoun} “${title}”`}
            fields={fields}
            changedBy={null}
            changedAt={conflict.current.updatedAt}
            onKeepMine={saver.keepMine}
            onUseTheirs={() => saver.takeTheirs(kept)}
            onMerge={merged ? () => saver.merge(merged) : undefined}
            returnFocusTo={backToCard}
          />
        ) : null}
      </fieldset>

      <ConfirmDialog
        open={confirmingRemove}
        title={`Remove this ${def.rowNoun}?`}
        confirmLabel={`Remove ${def.rowNoun}`}
        busy={deleteRow.isPending}
        busyLabel="Removing…"
        // Until what goes with the row is known, the removal cannot say what it saw of it.
        holdConfirm={removedWith === null || removedWith?.failed === true}
        holdLabel={removedWith === null ? 'Loading…' : undefined}
        error={deleteRow.error?.detail}
        onCancel={() => {
          setConfirmingRemove(false);
          deleteRow.reset();
        }}
        onConfirm={() =>
          // The version shown, refreshed by a refusal: a second confirm removes the row as it is now.
          deleteRow.mutate(
            { row, removedWith: removedWith ?? undefined },
            {
              onSuccess: () => {
                setConfirmingRemove(false);
                onRemoved();
              },
            },
          )
        }
      >
        <p>
          “{title}” will be removed from {def.title.toLowerCase()} for everyone
          {goesWith ? `, with ${goesWith}` : ''}; the plan's history keeps it, from where it can be brought back
          {goesWith ? ' with them' : ''}.
        </p>
        {removedWith?.failed ? (
          <p role="alert">
            What was heard from them could not be loaded, so it cannot be removed yet.{' '}
            <button type="button" className="button button--secondary button--small" onClick={removedWith.refresh}>
              Try again
            </button>
          </p>
        ) : null}
        {deleteRow.error?.code === 'version_conflict' ? (
          <>
            <p>As it is now:</p>
            <RowFacts row={row} specs={specs} people={people} />
          </>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}

interface StageRowViewProps {
  name: StageTableName;
  row: StageRow;
  extra?: ReactNode;
  /** A heading of its own, with every field listed under it (where the page is about this row). */
  heading?: { text: string; level: 2 | 3 };
  /** The district's people, to name the person a field holds. */
  people?: readonly PersonChoice[];
}

/** One row of a stage table, for people who read the plan. */
export function StageRowView({ name, row, extra, heading, people = [] }: StageRowViewProps) {
  const specs = fieldSpecs(name).filter((spec) => heading !== undefined || spec.field !== titleFieldOf(name));
  const title = heading?.text ?? titleOf(name, row);
  const Heading = heading?.level === 2 ? 'h2' : 'h3';
  return (
    <div className={`${styles['row-card']} row-card--readonly`}>
      <Heading className={styles['row-card__title']}>{title}</Heading>
      {extra}
      <RowFacts row={row} specs={specs} people={people} />
      <ItemHistorySlot itemId={row.id} label={title} versions={historyVersions(name, row.version)} />
    </div>
  );
}

/** A row's fields as people read them. */
function RowFacts({ row, specs, people }: { row: StageRow; specs: FieldSpec[]; people: readonly PersonChoice[] }) {
  return (
    <dl className={styles['row-card__facts']}>
      {specs.map((spec) => {
        const text = formatFieldValue(spec, row[spec.field], row, namesOf(people));
        return (
          <div key={spec.field} className={spec.kind === 'longText' ? styles['row-card__fact--wide'] : undefined}>
            <dt>{spec.label}</dt>
            <dd className={spec.kind === 'longText' ? 'answer-text' : undefined}>
              {text === '' ? <span className="muted">Not set</span> : text}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/** A measure's readings, which its rows carry beside the table's fields. */
const readingsOf = (row: StageRow): readonly unknown[] => (row as { readings?: readonly unknown[] }).readings ?? [];
