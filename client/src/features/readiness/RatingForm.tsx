import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { quotedAtSentenceEnd } from '@planner/shared/format';
import {
  createReadinessRatingSchema,
  isLowRating,
  readinessFieldLabels,
  readinessLevelLabels,
  readinessLevels,
  readinessRatingSchema,
  type ReadinessIndicator,
  type ReadinessRating,
} from '@planner/shared/readiness';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { isApiError } from '../../lib/api';
import { applyServerErrors, generalErrorMessage, labelledResolver, useSingleSubmit } from '../../lib/forms';
import { useMakeAction } from './make-action';
import { useClearRating, useSaveRating, type RatingInput } from './save-rating';
import styles from './readiness.module.css';
import { useDistrictDateTime } from '../../lib/district-time';
import { useKeptDraft, useKeptFormDraft, type KeptFormDraft } from '../../lib/use-kept-draft';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';

interface Draft {
  rating: string;
  evidence: string;
}

const resolver = labelledResolver(
  z.object({
    rating: z
      .string()
      .min(1, { error: 'is required: choose one' })
      .transform(Number)
      .pipe(createReadinessRatingSchema.shape.rating),
    evidence: createReadinessRatingSchema.shape.evidence,
  }) as unknown as z.ZodType<RatingInput, Draft>,
  readinessFieldLabels,
);

const formLabels = { rating: readinessFieldLabels.rating, evidence: readinessFieldLabels.evidence };

const levelWords = (level: number | null) =>
  level === null ? 'Not rated' : `${String(level)}: ${readinessLevelLabels[level as 1 | 2 | 3 | 4]}`;

export interface RatingLinks {
  /** Where the action made from a rating is shown. */
  action: (actionId: string) => string;
}

interface RatingFormProps {
  planId: string;
  scope: string | null;
  scopeName: string;
  indicator: ReadinessIndicator;
  rating: ReadinessRating | undefined;
  canRate: boolean;
  canMakeAction: boolean;
  actionText: (actionId: string) => string | undefined;
  links: RatingLinks;
  footer?: (rating: ReadinessRating, label: string) => ReactNode;
}

/** One indicator of one scope: its rating 1 to 4 and evidence, last year's beside it, and its action. */
export function RatingForm({
  planId,
  scope,
  scopeName,
  indicator,
  rating,
  canRate,
  canMakeAction,
  actionText,
  links,
  footer,
}: RatingFormProps) {
  const dateTime = useDistrictDateTime();
  const id = useId();
  const alertRef = useRef<HTMLDivElement>(null);
  const [saved, setSaved] = useState('');
  const savedRef = useRef<HTMLParagraphElement>(null);
  const actionLinkRef = useRef<HTMLAnchorElement>(null);
  // The button that made the action gives way to a link to it: focus goes to that link once it shows.
  const [focusActionLink, setFocusActionLink] = useState(false);
  const save = useSaveRating(planId, scope, indicator.key);
  const makeAction = useMakeAction(planId);
  const clear = useClearRating(planId);
  const initial: Draft = { rating: rating?.rating ? String(rating.rating) : '', evidence: rating?.evidence ?? '' };
  const keptAs = `readiness-rating:${planId}:${scope ?? 'district'}:${indicator.key}`;
  const kept = useKeptDraft<KeptFormDraft<Draft>>(keptAs);
  // Given back after a new sign-in: saved against the rating as it was when chosen, so that one saved meanwhile
  // is met (409) rather than overwritten. Their next save or clear ends it.
  const [keptVersion, setKeptVersion] = useState(kept?.version);
  const based =
    keptVersion === undefined
      ? rating
      : keptVersion === null
        ? undefined
        : rating && { ...rating, version: keptVersion };
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    reset,
    control,
    formState: { errors, isDirty },
  } = useForm<Draft, unknown, RatingInput>({ resolver, defaultValues: initial });
  useKeptFormDraft(keptAs, kept, { control, setValue, isDirty, version: based?.version ?? null });
  const loaded = `${String(rating?.version ?? 0)}:${rating?.rating ?? ''}:${rating?.evidence ?? ''}`;
  // Set when a save met another person's (409), or words were given back: what this person chose stays in the
  // fields as the rating is loaded again, for them to save over theirs or change, rather than be lost. Their next
  // save or clear ends it.
  const [keepDraft, setKeepDraft] = useState(kept !== null);
  // Otherwise a save replaces what the fields show.
  useEffect(() => {
    if (keepDraft) return;
    reset({ rating: rating?.rating ? String(rating.rating) : '', evidence: rating?.evidence ?? '' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded, reset]);

  const error = save.error ?? clear.error ?? makeAction.error;
  // The 409 carries the rating as the other person saved it.
  const theirs = error?.code === 'version_conflict' ? readinessRatingSchema.safeParse(error.current).data : undefined;
  const generalError =
    error && error.code === 'version_conflict'
      ? `Someone else saved this rating after you loaded it${
          theirs
            ? `: it is now ${levelWords(theirs.rating)}${theirs.evidence ? `, with the evidence ${quotedAtSentenceEnd(theirs.evidence)}` : '.'}`
            : '.'
        } Your rating and evidence are still in the form: save again to put yours in its place.`
      : error
        ? generalErrorMessage(error, readinessFieldLabels)
        : null;
  useEffect(() => {
    if (generalError) alertRef.current?.focus();
  }, [generalError]);

  const { onSubmit, busy } = useSingleSubmit(
    handleSubmit(async (input) => {
      setKeepDraft(false);
      setKeptVersion(undefined);
      setSaved('');
      makeAction.reset();
      clear.reset();
      try {
        await save.mutateAsync({ ...input, current: based });
        setSaved(`Saved: ${indicator.title}, ${levelWords(input.rating)}.`);
      } catch (caught) {
        if (isApiError(caught) && caught.code === 'version_conflict') setKeepDraft(true);
        if (isApiError(caught)) applyServerErrors(caught, formLabels, setError);
      }
    }),
  );
  useUnsavedChanges(`the rating of ${indicator.title} for ${scopeName}`, isDirty && !busy);

  const action = rating?.actionId ? { id: rating.actionId, text: actionText(rating.actionId) } : null;
  useEffect(() => {
    if (!focusActionLink || !actionLinkRef.current) return;
    actionLinkRef.current.focus();
    setFocusActionLink(false);
  }, [focusActionLink, action?.id]);
  const headingId = `${id}-heading`;
  return (
    <section className={styles['indicator']} aria-labelledby={headingId}>
      <h4 id={headingId} className={styles['indicator__title']}>
        {indicator.title}
      </h4>
      <p className={styles['indicator__help']}>{indicator.help}</p>
      {rating && rating.previousRating !== null ? (
        <p className={styles['indicator__previous']}>
          Last year: <strong>{levelWords(rating.previousRating)}</strong>
          {rating.previousEvidence ? ` (${rating.previousEvidence})` : ''}
        </p>
      ) : null}
      {canRate ? (
        <form noValidate onSubmit={onSubmit} aria-label={`Rate ${indicator.title} for ${scopeName}`}>
          {generalError ? <ErrorAlert ref={alertRef}>{generalError}</ErrorAlert> : null}
          <fieldset
            className={`${styles['levels']}${errors.rating ? ' field--invalid' : ''}`}
            aria-describedby={errors.rating ? `${id}-rating-error` : undefined}
          >
            <legend className="field__label">
              Rating<span className="visually-hidden"> of {indicator.title}</span>
            </legend>
            {errors.rating ? (
              <p className="field__error" id={`${id}-rating-error`}>
                <span className="visually-hidden">Error: </span>
                {errors.rating.message}
              </p>
            ) : null}
            {readinessLevels.map((level) => (
              <label key={level} className={styles['level']}>
                <input type="radio" value={String(level)} {...register('rating')} />
                <span>{levelWords(level)}</span>
              </label>
            ))}
          </fieldset>
          <div className={`field field--wide${errors.evidence ? ' field--invalid' : ''}`}>
            <label className="field__label" htmlFor={`${id}-evidence`}>
              Evidence<span className="visually-hidden"> for {indicator.title}</span>
            </label>
            <p className="field__hint" id={`${id}-evidence-hint`}>
              What the rating rests on: a survey, a schedule, a meeting.
            </p>
            {errors.evidence ? (
              <p className="field__error" id={`${id}-evidence-error`}>
                <span className="visually-hidden">Error: </span>
                {errors.evidence.message}
              </p>
            ) : null}
            <textarea
              id={`${id}-evidence`}
              className="field__input"
              rows={2}
              aria-invalid={errors.evidence ? true : undefined}
              aria-describedby={[`${id}-evidence-hint`, errors.evidence ? `${id}-evidence-error` : null]
                .filter(Boolean)
                .join(' ')}
              {...register('evidence')}
            />
          </div>
          <div className="form__actions">
            <SubmitButton busy={busy} label="Save rating" busyLabel="Saving…">
              <span className="visually-hidden"> of {indicator.title}</span>
            </SubmitButton>
            {rating && rating.rating !== null ? (
              <button
                type="button"
                className="button button--secondary"
                // Busy rather than disabled, so that focus stays on it while it clears.
                aria-disabled={clear.isPending || busy || undefined}
                onClick={() => {
                  if (clear.isPending || busy) return;
                  setKeepDraft(false);
                  setKeptVersion(undefined);
                  setSaved('');
                  save.reset();
                  makeAction.reset();
                  clear.mutate(rating, {
                    onSuccess: () => {
                      setSaved(`Cleared: ${indicator.title}. The plan's history keeps the rating it had.`);
                      // The button goes with the rating: focus moves to what happened rather than to the page.
                      savedRef.current?.focus();
                    },
                  });
                }}
              >
                {clear.isPending ? 'Clearing…' : 'Clear rating'}
                <span className="visually-hidden"> of {indicator.title}</span>
              </button>
            ) : null}
          </div>
          <p className="add-item__done" ref={savedRef} tabIndex={-1} aria-live="polite">
            {saved}
          </p>
        </form>
      ) : (
        <dl className={styles['indicator__facts']}>
          <div>
            <dt>Rating</dt>
            <dd>{levelWords(rating?.rating ?? null)}</dd>
          </div>
          {rating?.evidence ? (
            <div>
              <dt>Evidence</dt>
              <dd>{rating.evidence}</dd>
            </div>
          ) : null}
        </dl>
      )}
      {rating?.ratedBy && rating.ratedAt ? (
        <p className="muted">
          Rated by {rating.ratedBy.name} on {dateTime(rating.ratedAt)}
        </p>
      ) : null}
      {action ? (
        <p className={styles['indicator__action']}>
          High-impact action:{' '}
          <Link ref={actionLinkRef} to={links.action(action.id)}>
            {action.text ?? 'open it in stage 2'}
          </Link>
        </p>
      ) : rating && isLowRating(rating.rating) && canMakeAction ? (
        <p className={styles['indicator__action']}>
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={makeAction.isPending || undefined}
            onClick={() => {
              if (makeAction.isPending) return;
              save.reset();
              makeAction.mutate(rating.id, { onSuccess: () => setFocusActionLink(true) });
            }}
          >
            Make this a high-impact action<span className="visually-hidden">: {indicator.title}</span>
          </button>
        </p>
      ) : null}
      {rating && footer ? footer(rating, `the readiness rating: ${indicator.title} (${scopeName})`) : null}
    </section>
  );
}
