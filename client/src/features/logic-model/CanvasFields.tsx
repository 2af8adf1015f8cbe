import { useId, useRef } from 'react';
import { maxGoalLength, maxProblemStatementLength, type LogicModelCanvas } from '@planner/shared/logic-model';
import { CharacterCount, useCharacterLimit } from '../../components/CharacterCount';
import { ConflictPanel } from '../../components/ConflictPanel';
import { FieldSaveState } from '../../components/FieldSaveState';
import { ItemHistorySlot } from '../../components/ItemHistorySlot';
import { conflictFields, type ConflictFieldSpec } from '../../lib/autosave/conflict-fields';
import { useCanvasAutosave, type CanvasValue } from './update-canvas';
import styles from './logic-model.module.css';

const fields = [
  {
    name: 'problemStatement',
    label: 'Problem statement',
    hint: 'The problem of practice the program answers, in the district’s words.',
    max: maxProblemStatementLength,
    rows: 5,
  },
  {
    name: 'goal',
    label: 'Goal',
    hint: 'What the district means to achieve, and by when.',
    max: maxGoalLength,
    rows: 3,
  },
] as const;

const specs: ConflictFieldSpec<CanvasValue>[] = fields.map((f) => ({
  label: f.label,
  fields: [f.name],
  format: (v) => v[f.name],
  mergeable: true,
}));

interface CanvasFieldProps {
  field: (typeof fields)[number];
  value: string;
  /** The save state's id, which the field names too. */
  stateId: string;
  onChange: (text: string) => void;
  onBlur: () => void;
}

function CanvasField({ field, value, stateId, onChange, onBlur }: CanvasFieldProps) {
  const id = useId();
  const limit = useCharacterLimit(value.length, field.max);
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {field.label}
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        {field.hint}
      </p>
      <textarea
        id={id}
        className="field__input"
        rows={field.rows}
        maxLength={field.max}
        value={value}
        aria-describedby={`${id}-hint ${limit.id} ${stateId}`}
        {...limit.controlProps}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
      />
      <CharacterCount limit={limit} />
    </div>
  );
}

/** The problem statement and goal, saved as they are typed. */
export function CanvasEditor({ planId, canvas }: { planId: string; canvas: LogicModelCanvas }) {
  const saver = useCanvasAutosave(planId, canvas);
  const id = useId();
  const stateId = `${id}-state`;
  const conflict = saver.conflict;
  const compared = conflict ? conflictFields(specs, conflict.mine, saver.value, conflict.theirs, conflict.base) : null;
  const rootRef = useRef<HTMLDivElement>(null);
  // Back to the first field the person changed, where they were.
  const backToField = () => {
    const changed = fields.findIndex((field) => conflict !== null && field.name in conflict.mine);
    rootRef.current?.querySelectorAll('textarea')[Math.max(changed, 0)]?.focus();
  };
  return (
    <div ref={rootRef}>
      {fields.map((field) => (
        <CanvasField
          key={field.name}
          field={field}
          value={saver.value[field.name]}
          stateId={stateId}
          onChange={(text) => saver.edit({ [field.name]: text })}
          onBlur={saver.flush}
        />
      ))}
      <FieldSaveState id={stateId} status={saver.status} error={saver.error} />
      {canvas.id ? (
        <ItemHistorySlot
          itemId={canvas.id}
          label="Problem statement and goal"
          versions={{ logic_model: canvas.version }}
        />
      ) : null}
      {conflict && compared ? (
        <ConflictPanel
          subject="the problem statement and goal"
          named="the logic model’s problem statement and goal"
          fields={compared.fields}
          changedBy={null}
          changedAt={conflict.current.updatedAt}
          onKeepMine={saver.keepMine}
          onUseTheirs={() => saver.takeTheirs(compared.kept)}
          onMerge={compared.merged ? () => saver.merge(compared.merged!) : undefined}
          returnFocusTo={backToField}
        />
      ) : null}
    </div>
  );
}

/** The problem statement and goal, for people who read the plan. */
export function CanvasView({ canvas }: { canvas: LogicModelCanvas }) {
  return (
    <dl>
      {fields.map((field) => (
        <div key={field.name}>
          <dt>
            <strong>{field.label}</strong>
          </dt>
          <dd className={styles['canvas-text']}>
            {canvas[field.name].trim() === '' ? <span className="muted">Not written yet</span> : canvas[field.name]}
          </dd>
        </div>
      ))}
    </dl>
  );
}
