import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import {
  createMisstepSchema,
  maxMisstepsPerStage,
  misstepLimits,
  misstepsOfStage,
  misstepStarters,
  misstepStatuses,
  misstepStatusLabels,
  type Misstep,
} from '@planner/shared/misstep';
import type { StageKey } from '@planner/shared/roadmap';
import { CharacterCount, useCharacterLimit } from '../../components/CharacterCount';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ConflictPanel } from '../../components/ConflictPanel';
import { ItemNow } from '../../components/ItemNow';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadError } from '../../components/LoadError';
import { FieldSaveState } from '../../components/FieldSaveState';
import { ItemHistorySlot } from '../../components/ItemHistorySlot';
import { LoadingState } from '../../components/LoadingState';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import type { ApiError } from '../../lib/api';
import { conflictFields, type ConflictFieldSpec } from '../../lib/autosave/conflict-fields';
import { applyServerErrors, generalErrorMessage, labelledResolver, useSingleSubmit } from '../../lib/forms';
import { listItemProps, useListNews, type ListNews } from '../../lib/list-news';
import { useKeptDraft, useKeptFormDraft, type KeptFormDraft } from '../../lib/use-kept-draft';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';
import { useAddStarters } from './add-starters';
import { useCreateMisstep } from './create-misstep';
import { useDeleteMisstep } from './delete-misstep';
import { useMissteps } from './missteps';
import { useMisstepAutosave, type MisstepValue } from './update-misstep';
import styles from './missteps.module.css';

const conflictSpecs: ConflictFieldSpec<MisstepValue>[] = [
  { label: 'Misstep', fields: ['text'], format: (v) => v.text },
  { label: 'Status', fields: ['status'], format: (v) => misstepStatusLabels[v.status] },
  { label: 'Note', fields: ['note'], format: (v) => v.note, mergeable: true },
];

function StatusBadge({ misstep }: { misstep: Pick<Misstep, 'status'> }) {
  return (
    <span className={`status-badge ${styles[`status-${misstep.status}`] ?? ''}`}>
      {misstepStatusLabels[misstep.status]}
    </span>
  );
}

/** A misstep an admin edits: its words, whether it is watched, happening or avoided, and a note. */
function MisstepCard({
  planId,
  misstep,
  onRemoved,
  footer,
  takeFocus,
  onFocused,
}: {
  planId: string;
  misstep: Misstep;
  onRemoved: () => void;
  footer?: ReactNode;
  /** Set on the first of the starters just added, so that the person goes on to reword it. */
  takeFocus?: boolean;
  onFocused?: () => void;
}) {
  const saver = useMisstepAutosave(planId, misstep);
  const remove = useDeleteMisstep(planId, misstep);
  const [confirming, setConfirming] = useState(false);
  const statusRef = useRef<HTMLSelectElement>(null);
  const textRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!takeFocus) return;
    textRef.current?.focus();
    onFocused?.();
  }, [takeFocus, onFocused]);
  const id = useId();
  const value = saver.value;
  const conflict = saver.conflict;
  const { fields, merged, kept } = conflict
    ? conflictFields(conflictSpecs, conflict.mine, value, conflict.theirs, conflict.base)
    : { fields: [], merged: null, kept: {} };
  const back = () => statusRef.current?.focus();
  const textLimit = useCharacterLimit(value.text.length, misstepLimits.text);
  const noteLimit = useCharacterLimit(value.note.length, misstepLimits.note);

  return (
    <li {...listItemProps(misstep.id)}>
      <fieldset
        className={`${styles['card']}${value.status === 'happening' ? ` ${styles['card--happening']}` : ''}`}
        aria-describedby={`${id}-state`}
      >
        <legend className={styles['card__title']}>{value.text || 'A misstep'}</legend>
        <div className={styles['grid']}>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-text`}>
              Misstep, in our words
            </label>
            <input
              ref={textRef}
              id={`${id}-text`}
              className="field__input"
              value={value.text}
              maxLength={misstepLimits.text}
              autoComplete="off"
              aria-describedby={textLimit.id}
              {...textLimit.controlProps}
              onChange={(event) => {
                const text = event.target.value;
                saver.edit({ text });
                saver.setInvalid('text', text.trim() === '' ? 'Misstep: must not be empty' : null);
              }}
              onBlur={saver.flush}
            />
            <CharacterCount limit={textLimit} onlyAtLimit />
          </div>
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
                const status = misstepStatuses.find((s) => s === event.target.value);
                if (status) saver.edit({ status }, 'now');
              }}
            >
              {misstepStatuses.map((status) => (
                <option key={status} value={status}>
                  {misstepStatusLabels[status]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-note`}>
            Note
          </label>
          <textarea
            id={`${id}-note`}
            className="field__input"
            rows={2}
            maxLength={misstepLimits.note}
            value={value.note}
            aria-describedby={noteLimit.id}
            {...noteLimit.controlProps}
            onChange={(event) => saver.edit({ note: event.target.value })}
            onBlur={saver.flush}
          />
          <CharacterCount limit={noteLimit} />
        </div>
        <div className="item-options">
          <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
            Remove<span className="visually-hidden"> misstep: {value.text}</span>
          </button>
          <FieldSaveState id={`${id}-state`} status={saver.status} error={saver.error} />
        </div>
        <ItemHistorySlot itemId={misstep.id} label={value.text} versions={{ misstep: misstep.version }} />
        {conflict ? (
          <ConflictPanel
            subject="this misstep"
            named={`the misstep “${value.text}”`}
            fields={fields}
            changedBy={null}
            changedAt={conflict.current.updatedAt}
            onKeepMine={saver.keepMine}
            onUseTheirs={() => saver.takeTheirs(kept)}
            onMerge={merged ? () => saver.merge(merged) : undefined}
            returnFocusTo={back}
          />
        ) : null}
      </fieldset>
      {footer}
      <ConfirmDialog
        open={confirming}
        title="Remove this misstep?"
        confirmLabel="Remove misstep"
        busy={remove.isPending}
        busyLabel="Removing…"
        error={remove.error?.detail}
        onCancel={() => {
          setConfirming(false);
          remove.reset();
        }}
        onConfirm={() =>
          // The version shown, refreshed by a refusal: a second confirm removes the misstep as it is now.
          remove.mutate(misstep.version, {
            onSuccess: () => {
              setConfirming(false);
              onRemoved();
            },
          })
        }
      >
        <p>“{value.text}” will be removed from this stage for everyone, with its status and note.</p>
        {remove.error?.code === 'version_conflict' ? (
          <ItemNow
            facts={[
              { label: 'Misstep', value: misstep.text },
              { label: 'Status', value: misstepStatusLabels[misstep.status] },
              { label: 'Note', value: misstep.note },
            ]}
          />
        ) : null}
      </ConfirmDialog>
    </li>
  );
}

/** A misstep, for people who read the plan. */
function MisstepView({ misstep, footer }: { misstep: Misstep; footer?: ReactNode }) {
  return (
    <li className={`${styles['card']}${misstep.status === 'happening' ? ` ${styles['card--happening']}` : ''}`}>
      <h3 className={styles['card__title']}>{misstep.text}</h3>
      <p className={styles['note']}>
        <StatusBadge misstep={misstep} />
      </p>
      {misstep.note.trim() ? <p className={styles['note']}>Note: {misstep.note}</p> : null}
      <ItemHistorySlot itemId={misstep.id} label={misstep.text} versions={{ misstep: misstep.version }} />
      {footer}
    </li>
  );
}

/** The starters offered to a stage that has no missteps yet: taken all at once, then edited or removed. */
function StarterOffer({ planId, stageKey, onAdded }: { planId: string; stageKey: StageKey; onAdded: () => void }) {
  const addStarters = useAddStarters(planId);
  const headingId = useId();
  return (
    <section className={styles['offer']} aria-labelledby={headingId}>
      <h3 id={headingId}>Common missteps to start from</h3>
      <p>
        Districts building teacher leadership often stumble on these at this stage. Start from them, then reword, remove
        or add your own; or write your own list below.
      </p>
      <ul>
        {misstepStarters[stageKey].map((s) => (
          <li key={s.key}>{s.text}</li>
        ))}
      </ul>
      {addStarters.error ? <ErrorAlert>{addStarters.error.detail}</ErrorAlert> : null}
      <button
        type="button"
        className="button button--secondary"
        // Busy rather than disabled, so that focus stays on it until the missteps it adds take it.
        aria-disabled={addStarters.isPending || undefined}
        onClick={() => {
          if (!addStarters.isPending) addStarters.mutate(stageKey, { onSuccess: onAdded });
        }}
      >
        {addStarters.isPending ? 'Adding…' : `Start from these ${misstepStarters[stageKey].length} missteps`}
      </button>
    </section>
  );
}

const formSchema = z.object({ text: createMisstepSchema.shape.text });
const labels = { text: 'Misstep' };

interface AddMisstepFormProps {
  planId: string;
  stageKey: StageKey;
  news: ListNews;
  /** The stage lists one fewer than it may: the one added now fills it, and the form goes. */
  lastOne: boolean;
  /** Called when the one added filled the stage: focus goes on to what says so, not to the page. */
  onFilled: () => void;
}

function AddMisstepForm({ planId, stageKey, news, lastOne, onFilled }: AddMisstepFormProps) {
  const create = useCreateMisstep(planId);
  const headingId = useId();
  const [resolver] = useState(() => labelledResolver(formSchema, labels));
  const keptAs = `new-misstep:${planId}:${stageKey}`;
  const kept = useKeptDraft<KeptFormDraft<{ text: string }>>(keptAs);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    reset,
    setFocus,
    control,
    formState: { errors, isDirty },
  } = useForm({ resolver, defaultValues: { text: '' } });
  const draft = useWatch({ control, name: 'text' });
  useKeptFormDraft(keptAs, kept, { control, setValue, isDirty });
  const textLimit = useCharacterLimit(draft.length, misstepLimits.text);
  const generalError = create.error ? generalErrorMessage(create.error, labels) : null;
  const { onSubmit, busy } = useSingleSubmit(
    handleSubmit(async ({ text }) => {
      news.clear();
      try {
        await create.mutateAsync({ stageKey, text, status: 'watched', note: '' });
        if (lastOne) {
          reset({ text: '' });
          news.say(
            `Misstep added at the end of the list. The stage now lists ${maxMisstepsPerStage}, the most it can.`,
          );
          onFilled();
          return;
        }
        // Ready for the next one; focused before reset, which lets go of the field until it renders again.
        setFocus('text');
        reset({ text: '' });
        news.say('Misstep added at the end of the list.');
      } catch (caught) {
        applyServerErrors(caught as ApiError, labels, setError);
      }
    }),
  );
  useUnsavedChanges('the new misstep', isDirty && !busy);
  return (
    <form className="add-item" aria-labelledby={headingId} noValidate onSubmit={onSubmit}>
      <h3 id={headingId} className="add-item__heading">
        Add a misstep to avoid
      </h3>
      {generalError ? <ErrorAlert>{generalError}</ErrorAlert> : null}
      <div className="add-item__row">
        <TextField
          label="Misstep"
          hint="In your own words, such as “Adding duties to coaches without release time”"
          limit={textLimit}
          error={errors.text?.message}
          {...register('text')}
        />
        <SubmitButton busy={busy} label="Add misstep" busyLabel="Adding…" />
      </div>
    </form>
  );
}

interface StageMisstepsProps {
  planId: string;
  stageKey: StageKey;
  canEdit: boolean;
  onRemoved: () => void;
  /** Shown at the foot of each misstep, such as its comments. */
  misstepFooter?: (misstep: Misstep) => ReactNode;
}

/** A stage's checklist of missteps the district means to avoid, each watched, happening or avoided. */
export function StageMissteps({ planId, stageKey, canEdit, onRemoved, misstepFooter }: StageMisstepsProps) {
  const query = useMissteps(planId);
  // The offer goes once its starters are added: focus moves to the first of them rather than to the page.
  const [focusFirst, setFocusFirst] = useState(false);
  const focused = useCallback(() => setFocusFirst(false), []);
  const { news, removed } = useListNews(onRemoved);
  // The form goes once the stage is full: focus goes on to the words that say so, as they come (or at once).
  // Only just after: if someone removed one meanwhile, the stage fills later and focus stays where it is then.
  const focusFullNoteUntil = useRef(0);
  const fullNote = useRef<HTMLParagraphElement | null>(null);
  const fullNoteRef = useCallback((note: HTMLParagraphElement | null) => {
    fullNote.current = note;
    if (note && Date.now() < focusFullNoteUntil.current) {
      focusFullNoteUntil.current = 0;
      note.focus();
    }
  }, []);
  const filled = useCallback(() => {
    if (fullNote.current) fullNote.current.focus();
    else focusFullNoteUntil.current = Date.now() + 5_000;
  }, []);
  const missteps = query.data ? misstepsOfStage(query.data.missteps, stageKey) : [];
  const full = missteps.length >= maxMisstepsPerStage;
  if (query.isPending) return <LoadingState label="Loading the missteps…" />;
  if (query.isError) {
    return <LoadError title="The missteps could not be loaded" query={query} />;
  }
  const ids = missteps.map((m) => m.id);
  return (
    <>
      {missteps.length === 0 ? (
        canEdit ? (
          <StarterOffer planId={planId} stageKey={stageKey} onAdded={() => setFocusFirst(true)} />
        ) : (
          <p className="muted">No missteps to avoid listed for this stage yet.</p>
        )
      ) : (
        <ul className={styles['list']}>
          {missteps.map((m, index) =>
            canEdit ? (
              <MisstepCard
                key={m.id}
                planId={planId}
                misstep={m}
                onRemoved={() => removed(ids, m.id, `Misstep “${m.text}” removed.`)}
                footer={misstepFooter?.(m)}
                takeFocus={focusFirst && index === 0}
                onFocused={focused}
              />
            ) : (
              <MisstepView key={m.id} misstep={m} footer={misstepFooter?.(m)} />
            ),
          )}
        </ul>
      )}
      {canEdit && !full ? (
        <AddMisstepForm
          planId={planId}
          stageKey={stageKey}
          news={news}
          lastOne={missteps.length === maxMisstepsPerStage - 1}
          onFilled={filled}
        />
      ) : null}
      {canEdit && full ? (
        <p className="muted" ref={fullNoteRef} tabIndex={-1}>
          A stage lists at most {maxMisstepsPerStage} missteps.
        </p>
      ) : null}
      {canEdit ? (
        // Apart from the form, which goes at the cap: a removal from a full list is said too.
        <p className="add-item__done" aria-live="polite">
          {news.text}
        </p>
      ) : null}
    </>
  );
}
