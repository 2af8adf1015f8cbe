import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { todayIso } from '@planner/shared/format';
import {
  createStakeholderInputSchema,
  inputFieldLabels,
  inputKindLabels,
  inputKinds,
  maxInputSourceLength,
  maxInputSummaryLength,
  shapedKindLabels,
  shapedKinds,
  type CreateStakeholderInput,
  type ShapedKind,
} from '@planner/shared/stakeholder-input';
import { CharacterCount, useCharacterLimit, type CharacterLimit } from '../../components/CharacterCount';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FieldFrame, fieldDescribedBy } from '../../components/FieldFrame';
import { SubmitButton } from '../../components/SubmitButton';
import { isApiError, type ApiError } from '../../lib/api';
import { useCurrentUser } from '../../lib/current-user';
import { applyServerErrors, generalErrorMessage, labelledResolver, useSingleSubmit } from '../../lib/forms';
import type { ListNews } from '../../lib/list-news';
import { useKeptDraft, useKeptFormDraft, type KeptFormDraft } from '../../lib/use-kept-draft';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';
import styles from './stakeholder-inputs.module.css';
import { useEscapeKey } from '../../lib/escape-key';

/** An item of the plan an input may have shaped, as the form offers it. */
export interface LinkableItem {
  kind: ShapedKind;
  id: string;
  label: string;
}

export interface InputDraft {
  kind: string;
  heardOn: string;
  source: string;
  summary: string;
  /** Ticked items, as "kind:id". */
  shaped: string[];
}

type TextField = 'kind' | 'heardOn' | 'source' | 'summary';

const refOf = (value: string) => {
  const at = value.indexOf(':');
  return { kind: value.slice(0, at), id: value.slice(at + 1) };
};
export const refKey = (kind: string, id: string) => `${kind}:${id}`;

const { kind, heardOn, source, summary } = createStakeholderInputSchema.shape;
const resolver = labelledResolver(
  z
    .object({ kind, heardOn, source, summary, shaped: z.array(z.string()) })
    .transform((draft) => ({ ...draft, shaped: draft.shaped.map(refOf) })) as unknown as z.ZodType<
    CreateStakeholderInput,
    InputDraft
  >,
  inputFieldLabels,
);

const groupTitles: Record<ShapedKind, string> = {
  answer: 'Answers to key questions',
  action: 'High-impact actions',
  role: 'Teacher-leader roles',
  decision: 'Tight and loose decisions',
  measure: 'Measures of success',
};

interface InputFormProps {
  heading: string;
  /** What the form holds, as leaving it unsaved names it: "the new input". */
  formName: string;
  /** Which form this is ("new-input:<stakeholder id>"): its words are kept under it if the session ends. */
  keptAs?: string;
  submitLabel: string;
  initial: InputDraft;
  items: readonly LinkableItem[];
  /** Links this input already has to items removed since: kept while ticked. */
  brokenLinks?: readonly { kind: ShapedKind; id: string }[];
  error: ApiError | null;
  /** Resolves true once saved; a 400's field errors are shown next to their fields. */
  onSave: (input: CreateStakeholderInput) => Promise<boolean>;
  onCancel?: () => void;
  clearOnSave?: boolean;
  savedMessage: string;
  /** The list's live region, shown under the form (adding): it also says what was removed. */
  news?: ListNews;
  children?: ReactNode;
}

/** What a stakeholder said (kind, date, source, words) and the items of the plan it shaped. */
export function InputForm({
  heading,
  formName,
  keptAs,
  submitLabel,
  initial,
  items,
  brokenLinks = [],
  error,
  onSave,
  onCancel,
  clearOnSave = false,
  savedMessage,
  news,
  children,
}: InputFormProps) {
  const id = useId();
  // What was heard was heard by the district's today (the server refuses a later day), not the device's.
  const today = todayIso(useCurrentUser().district.timeZone);
  const alertRef = useRef<HTMLDivElement>(null);
  const [ownText, setOwnText] = useState('');
  const said = news ?? { text: ownText, say: setOwnText, clear: () => setOwnText('') };
  const kept = useKeptDraft<KeptFormDraft<InputDraft>>(keptAs ?? null);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    reset,
    control,
    formState: { errors, isDirty },
  } = useForm<InputDraft, unknown, CreateStakeholderInput>({ resolver, defaultValues: initial });
  // No maxLength: what is past the limit stays in the field, counted, for the person to shorten.
  const sourceText = useWatch({ control, name: 'source' });
  const summaryText = useWatch({ control, name: 'summary' });
  useKeptFormDraft(keptAs ?? null, kept, { control, setValue, isDirty });
  const sourceLimit = useCharacterLimit(sourceText.length, maxInputSourceLength);
  const summaryLimit = useCharacterLimit(summaryText.length, maxInputSummaryLength);

  const generalError = error ? generalErrorMessage(error, inputFieldLabels) : null;
  useEffect(() => {
    if (error && generalError) alertRef.current?.focus();
  }, [error, generalError]);

  const { onSubmit, busy } = useSingleSubmit(
    handleSubmit(async (input) => {
      said.clear();
      try {
        if (!(await onSave(input))) return;
        if (clearOnSave) reset({ ...initial, source: '', summary: '', shaped: [] });
        said.say(savedMessage);
      } catch (caught) {
        if (isApiError(caught)) applyServerErrors(caught, inputFieldLabels, setError);
      }
    }),
  );
  useUnsavedChanges(formName, isDirty && !busy);

  const frame = (field: TextField, control: ReactNode, required: boolean, hint?: string, wide = false) => (
    <FieldFrame
      controlId={`${id}-${field}`}
      label={inputFieldLabels[field]}
      required={required}
      hint={hint}
      error={errors[field]?.message}
      wide={wide}
    >
      {control}
    </FieldFrame>
  );
  const inputProps = (field: TextField, hint: boolean, limit?: CharacterLimit) => ({
    id: `${id}-${field}`,
    className: 'field__input',
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby':
      [fieldDescribedBy(`${id}-${field}`, { hint, error: errors[field] }), limit?.id].filter(Boolean).join(' ') ||
      undefined,
    ...register(field),
  });

  const escapeScope = useEscapeKey<HTMLFormElement>(onCancel);
  return (
    <form
      className={`add-item ${styles.form}`}
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={onSubmit}
      {...escapeScope}
    >
      <h3 id={`${id}-heading`} tabIndex={-1} className="add-item__heading">
        {heading}
      </h3>
      {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
      <div className={styles.fields}>
        {frame(
          'kind',
          <select aria-required {...inputProps('kind', false)}>
            {inputKinds.map((k) => (
              <option key={k} value={k}>
                {inputKindLabels[k]}
              </option>
            ))}
          </select>,
          true,
        )}
        {frame('heardOn', <input type="date" max={today} aria-required {...inputProps('heardOn', false)} />, true)}
        {frame(
          'source',
          <>
            <input type="text" autoComplete="off" {...inputProps('source', true, sourceLimit)} />
            <CharacterCount limit={sourceLimit} onlyAtLimit allowsOver />
          </>,
          false,
          'Such as "Fall teacher survey, 212 responses" or "Union meeting"',
          true,
        )}
        {frame(
          'summary',
          <>
            <textarea rows={4} aria-required {...inputProps('summary', false, summaryLimit)} />
            <CharacterCount limit={summaryLimit} allowsOver />
          </>,
          true,
          undefined,
          true,
        )}
      </div>
      <fieldset className={styles.shaped} aria-describedby={`${id}-shaped-hint`}>
        <legend className="field__label">{inputFieldLabels.shaped}</legend>
        <p className="field__hint" id={`${id}-shaped-hint`}>
          Tick the answers, actions, roles, decisions and measures this input shaped.
        </p>
        {errors.shaped ? (
          <p className="field__error">
            <span className="visually-hidden">Error: </span>
            {errors.shaped.message ?? 'Check the items ticked'}
          </p>
        ) : null}
        {brokenLinks.length > 0 ? (
          <div className={styles.group}>
            <p className={styles['group-title']}>Removed from the plan since</p>
            {brokenLinks.map((link, index) => {
              // Removed items have no name left: several of a kind are told apart by number.
              const ofKind = brokenLinks.filter((l) => l.kind === link.kind);
              const number = ofKind.length > 1 ? ` ${ofKind.indexOf(link) + 1}` : '';
              return (
                <label key={`${refKey(link.kind, link.id)}:${index}`} className={styles.check}>
                  <input type="checkbox" value={refKey(link.kind, link.id)} {...register('shaped')} /> A removed{' '}
                  {shapedKindLabels[link.kind].toLowerCase()}
                  {number}
                </label>
              );
            })}
          </div>
        ) : null}
        {shapedKinds.map((group) => {
          const ofGroup = items.filter((item) => item.kind === group);
          if (ofGroup.length === 0) return null;
          return (
            <details
              key={group}
              className={styles.group}
              open={ofGroup.some((i) => initial.shaped.includes(refKey(i.kind, i.id)))}
            >
              <summary className={styles['group-title']}>
                {groupTitles[group]} ({ofGroup.length})
              </summary>
              {ofGroup.map((item) => (
                <label key={refKey(item.kind, item.id)} className={styles.check}>
                  <input type="checkbox" value={refKey(item.kind, item.id)} {...register('shaped')} /> {item.label}
                </label>
              ))}
            </details>
          );
        })}
      </fieldset>
      {children}
      <div className="form__actions">
        <SubmitButton busy={busy} label={submitLabel} busyLabel="Saving…" />
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
      <p className="add-item__done" aria-live="polite">
        {said.text}
      </p>
    </form>
  );
}
