import { useId } from 'react';
import { formatNumber } from '@planner/shared/format';
import { maxGoalLength, maxProblemStatementLength, type LogicModelCanvas } from '@planner/shared/logic-model';
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

/** The problem statement and goal, saved as they are typed. */
export function CanvasEditor({ planId, canvas }: { planId: string; canvas: LogicModelCanvas }) {
  const saver = useCanvasAutosave(planId, canvas);
  const id = useId();
  const stateId = `${id}-state`;
  const conflict = saver.conflict;
  const compared = conflict ? conflictFields(specs, conflict.mine, saver.value, conflict.theirs) : null;
  return (
    <div>
      {fields.map((field) => {
        const value = saver.value[field.name];
        const fieldId = `${id}-${field.name}`;
        return (
          <div className="field" key={field.name}>
            <label className="field__label" htmlFor={fieldId}>
              {field.label}
            </label>
            <p className="field__hint" id={`${fieldId}-hint`}>
              {field.hint}
            </p>
            <textarea
              id={fieldId}
              className="field__input"
              rows={field.rows}
              maxLength={field.max}
              value={value}
              aria-describedby={`${fieldId}-hint ${fieldId}-count ${stateId}`}
              onChange={(event) => saver.edit({ [field.name]: event.target.value })}
              onBlur={saver.flush}
            />
            <p className="field__hint" id={`${fieldId}-count`}>
              {formatNumber(value.length)} of {formatNumber(field.max)} characters
            </p>
          </div>
        );
      })}
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
          fields={compared.fields}
          changedBy={null}
          changedAt={conflict.current.updatedAt}
          onKeepMine={saver.keepMine}
          onUseTheirs={saver.takeTheirs}
          onMerge={compared.merged ? () => saver.merge(compared.merged!) : undefined}
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
