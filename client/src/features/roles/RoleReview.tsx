import { useEffect, useId, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useQueryClient } from '@tanstack/react-query';
import {
  reviewDecisionLabels,
  reviewRequestSchema,
  roleFieldLabels,
  roleSchema,
  roleStatusLabels,
  schoolDecisionText,
  type ReviewDecision,
  type Role,
} from '@planner/shared/role';
import { CharacterCount, useCharacterLimit } from '../../components/CharacterCount';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ItemHistorySlot } from '../../components/ItemHistorySlot';
import { ScrollRegion } from '../../components/ScrollRegion';
import { SubmitButton } from '../../components/SubmitButton';
import type { ApiError } from '../../lib/api';
import { useCurrentUser } from '../../lib/current-user';
import { usePlanIsArchived } from '../../lib/plan-editing';
import { useKeepDraft, useKeptDraft, useRestoreKeptDraft } from '../../lib/use-kept-draft';
import { applyServerErrors, labelledResolver, useSingleSubmit } from '../../lib/forms';
import { changesSinceReview, fieldsChangedBetween, latestReviewBy } from './role-changes';
import type { RoleContext } from './role-values';
import { useReviewRole } from './review-role';
import { roleQueryKey, setCachedRole } from './role';
import { useSubmitRole } from './submit-role';
import styles from './roles.module.css';
import { useDistrictDateTime } from '../../lib/district-time';
import { useUnsavedChanges } from '../../lib/use-unsaved-changes';

const eventLabels: Record<Role['history'][number]['kind'], string> = {
  created: 'Created',
  submitted: 'Submitted for review',
  approved: 'Approved',
  changes_requested: 'Changes requested',
  returned_to_draft: 'Returned to draft',
};

function SchoolStates({ role }: { role: Role }) {
  const inRound = role.status !== 'draft' && role.round > 0;
  if (role.schools.length === 0) {
    return <p className="muted">No schools chosen yet: the principals of the role's schools review it.</p>;
  }
  return (
    <ScrollRegion label="Schools that review this role">
      <table className="data-table">
        <caption>
          {inRound ? `Each school's decision in review round ${String(role.round)}` : 'Schools that review this role'}
        </caption>
        <thead>
          <tr>
            <th scope="col">School</th>
            <th scope="col">Principals</th>
            <th scope="col">Decision</th>
          </tr>
        </thead>
        <tbody>
          {role.schools.map((state) => (
            <tr key={state.school.id}>
              <th scope="row">{state.school.name}</th>
              <td>{state.principals.length > 0 ? state.principals.map((p) => p.name).join(', ') : 'No principal'}</td>
              <td>{inRound ? schoolDecisionText(state) : 'Not in review'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function SubmitControl({
  role,
  saveBusy,
  onSubmitted,
}: {
  role: Role;
  saveBusy: boolean;
  onSubmitted: (message: string) => void;
}) {
  const submit = useSubmitRole(role.planId, role.id, role.version);
  const alertRef = useRef<HTMLDivElement>(null);
  const hintId = useId();
  const error = submit.error;
  useEffect(() => {
    if (error) alertRef.current?.focus();
  }, [error]);
  // Any change to the role (such as choosing its schools) may fix what stopped it: the old message goes.
  const { reset } = submit;
  useEffect(() => {
    reset();
  }, [role.version, reset]);
  if (role.status !== 'draft' && role.status !== 'changes_requested') return null;
  return (
    <div className={styles['submit-role']}>
      {error ? (
        <ErrorAlert ref={alertRef} title="The role was not submitted">
          <p>{error.detail}</p>
        </ErrorAlert>
      ) : null}
      <button
        type="button"
        className="button button--primary"
        aria-describedby={hintId}
        disabled={submit.isPending || saveBusy}
        onClick={() =>
          submit.mutate(undefined, {
            onSuccess: (submitted) =>
              onSubmitted(`Submitted for review. Status: ${roleStatusLabels[submitted.status]}.`),
          })
        }
      >
        {submit.isPending
          ? 'Submitting…'
          : role.status === 'changes_requested'
            ? 'Submit again for review'
            : 'Submit for review'}
      </button>
      <p className="field__hint" id={hintId}>
        {saveBusy
          ? 'Waiting for your changes to be saved first.'
          : 'The principals of its schools are asked to review it; it is approved once every school has approved.'}
      </p>
    </div>
  );
}

const reviewLabels = { decision: 'Decision', comment: 'Comment' } as const;
const maxReviewComment = 5000;
const reviewResolver = labelledResolver(reviewRequestSchema, reviewLabels);

function ReviewForm({
  role,
  schoolNames,
  onDecided,
  onNotInReview,
}: {
  role: Role;
  schoolNames: string;
  onDecided: (message: string) => void;
  /** Refused as the role left review meanwhile: the page shows it as it is now, and the form may go with it. */
  onNotInReview: (refusal: { detail: string; comment: string }) => void;
}) {
  const id = useId();
  const review = useReviewRole(role.planId, role.id);
  const queryClient = useQueryClient();
  const alertRef = useRef<HTMLDivElement>(null);
  /** When the role changed under the principal's eyes: what changed, shown until they decide again. */
  const [changedMeanwhile, setChangedMeanwhile] = useState<string[] | null>(null);
  const draft = `review.${role.id}`;
  const kept = useKeptDraft<{ comment: string; decision?: ReviewDecision }>(draft);
  /** The decision button last pressed: kept with the comment as the session ends, given back unsent. */
  const [chosen, setChosen] = useState(kept?.decision);
  /** A choice given back, said until a button is pressed again. */
  const [keptChoice, setKeptChoice] = useState(kept?.decision);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    reset,
    control,
    formState: { errors, isDirty },
  } = useForm({
    resolver: reviewResolver,
    defaultValues: {
      decision: 'approve' as ReviewDecision,
      comment: '',
      version: role.version,
      round: role.round,
    },
  });
  const generalError =
    review.error && review.error.status !== 400 && review.error.code !== 'version_conflict'
      ? review.error.detail
      : null;
  useEffect(() => {
    if (generalError || changedMeanwhile) alertRef.current?.focus();
  }, [generalError, changedMeanwhile]);

  const { onSubmit, busy } = useSingleSubmit(
    handleSubmit(async (decision) => {
      // The decision is on the role as shown now.
      try {
        await review.mutateAsync({ ...decision, version: role.version, round: role.round });
        reset(decision);
        setChangedMeanwhile(null);
        onDecided(decision.decision === 'approve' ? 'You approved this role.' : 'You requested changes to this role.');
      } catch (caught) {
        const error = caught as ApiError;
        const current = roleSchema.safeParse(error.current);
        if (error.code === 'version_conflict' && current.success) {
          setChangedMeanwhile(fieldsChangedBetween(role, current.data).map((field) => roleFieldLabels[field]));
          setCachedRole(queryClient, current.data);
          return;
        }
        if (error.code === 'conflict') {
          onNotInReview({ detail: error.detail, comment: decision.comment });
          void queryClient.invalidateQueries({ queryKey: roleQueryKey(role.planId, role.id) });
          return;
        }
        applyServerErrors(error, reviewLabels, setError);
      }
    }),
  );
  useUnsavedChanges('your review of this role', isDirty && !busy);
  const commentError = errors.comment?.message;
  const comment = useWatch({ control, name: 'comment' });
  useRestoreKeptDraft(kept, (words) => {
    setValue('comment', words.comment, { shouldDirty: true });
    if (words.decision) setValue('decision', words.decision, { shouldDirty: true });
  });
  useKeepDraft(
    draft,
    { comment, decision: chosen },
    (words) => (words.comment ?? '').trim() !== '' || words.decision !== undefined,
  );
  const limit = useCharacterLimit(comment?.length ?? 0, maxReviewComment);
  const describedBy = [`${id}-hint`, limit.id, commentError ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <form className={styles['review-form']} aria-labelledby={`${id}-heading`} noValidate onSubmit={onSubmit}>
      <h3 id={`${id}-heading`}>Your review</h3>
      <p>You review this role for {schoolNames}. Approve it, or request changes and say what should change.</p>
      {generalError ? (
        <ErrorAlert ref={alertRef} title="Your decision was not saved">
          <p>{generalError}</p>
        </ErrorAlert>
      ) : changedMeanwhile ? (
        <ErrorAlert ref={alertRef} title="The role changed while you read it: your decision was not saved">
          <p>
            {changedMeanwhile.length > 0
              ? `What changed: ${changedMeanwhile.join(', ')}.`
              : 'It was sent for review again.'}{' '}
            The page now shows it as it is. Read it again, then decide.
          </p>
        </ErrorAlert>
      ) : null}
      <div className={`field${commentError ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor={`${id}-comment`}>
          {reviewLabels.comment}
        </label>
        <p className="field__hint" id={`${id}-hint`}>
          Required when you request changes; optional when you approve.
        </p>
        {commentError ? (
          <p className="field__error" id={`${id}-error`}>
            <span className="visually-hidden">Error: </span>
            {commentError}
          </p>
        ) : null}
        <textarea
          id={`${id}-comment`}
          className="field__input"
          rows={4}
          maxLength={maxReviewComment}
          aria-invalid={commentError ? true : undefined}
          aria-describedby={describedBy}
          {...limit.controlProps}
          {...register('comment')}
        />
        <CharacterCount limit={limit} />
      </div>
      {keptChoice ? (
        <p className={`${styles['callout']} ${styles['callout--info']}`} id={`${id}-kept`}>
          You had chosen “{reviewDecisionLabels[keptChoice]}” when your session ended. It was not sent: press it to send
          your decision.
        </p>
      ) : null}
      <div className="form__actions">
        {(['approve', 'request_changes'] as const).map((decision) => (
          <SubmitButton
            key={decision}
            className={`button ${decision === 'approve' ? 'button--primary' : 'button--secondary'}`}
            busy={busy}
            label={reviewDecisionLabels[decision]}
            aria-describedby={keptChoice === decision ? `${id}-kept` : undefined}
            onClick={() => {
              if (busy) return;
              setValue('decision', decision);
              setChosen(decision);
              setKeptChoice(undefined);
            }}
          />
        ))}
      </div>
    </form>
  );
}

/** For a principal whose earlier decision the role came back from: each field that changed since. */
function ChangesSinceYourDecision({ role, context }: { role: Role; context: RoleContext }) {
  const dateTime = useDistrictDateTime();
  const { user } = useCurrentUser();
  const review = latestReviewBy(role, user.id);
  if (!review || review.round === role.round) return null;
  const changes = changesSinceReview(role, review, context);
  const when = dateTime(review.createdAt);
  if (changes.length === 0) {
    return (
      <p className={`${styles['callout']} ${styles['callout--info']}`}>
        Nothing has changed since your decision of {when}.
      </p>
    );
  }
  return (
    <ScrollRegion label="What changed since your last decision">
      <table className="data-table changes-table">
        <caption>What changed since your decision of {when}</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">What you reviewed</th>
            <th scope="col">What it is now</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={change.field}>
              <th scope="row">{roleFieldLabels[change.field]}</th>
              <td className="answer-text">{change.reviewed}</td>
              <td className="answer-text">{change.now}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function ChangeRequests({ role }: { role: Role }) {
  const dateTime = useDistrictDateTime();
  const requests = role.reviews.filter((r) => r.round === role.round && r.decision === 'request_changes');
  if (role.status !== 'changes_requested' || requests.length === 0) return null;
  return (
    <div className={`${styles['callout']} ${styles['callout--warning']}`}>
      <p className={styles['callout__title']}>Changes requested</p>
      <ul className="plain-list">
        {requests.map((r) => (
          <li key={r.id}>
            {r.reviewer.name} on {dateTime(r.createdAt)}: <q>{r.comment}</q>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface RoleReviewSectionProps {
  role: Role;
  context: RoleContext;
  canEdit: boolean;
  /** Edits still on their way to the server: a submission waits for them. */
  saveBusy: boolean;
}

/** Where the review stands: each school's decision, submitting (admins) and deciding (the role's principals). */
export function RoleReviewSection({ role, context, canEdit, saveBusy }: RoleReviewSectionProps) {
  const { user } = useCurrentUser();
  // What the person just did (submitted, decided), focused so it is read out: the button they used is gone.
  const [doneMessage, setDoneMessage] = useState('');
  const doneRef = useRef<HTMLParagraphElement>(null);
  const [notInReview, setNotInReview] = useState<{ detail: string; comment: string } | null>(null);
  const notInReviewRef = useRef<HTMLDivElement>(null);
  const mySchools = role.schools.filter((s) => s.principals.some((p) => p.id === user.id));
  const decidedThisRound = role.reviews.some((r) => r.round === role.round && r.reviewer.id === user.id);
  const archived = usePlanIsArchived();
  const canReview =
    user.role === 'principal' && mySchools.length > 0 && role.status === 'in_review' && !decidedThisRound && !archived;

  useEffect(() => {
    if (doneMessage) doneRef.current?.focus();
  }, [doneMessage]);
  useEffect(() => {
    if (notInReview) notInReviewRef.current?.focus();
  }, [notInReview]);

  return (
    <div className={styles['role-review']}>
      <p>
        Status: <span className={`status-badge status-badge--${role.status}`}>{roleStatusLabels[role.status]}</span>
        {role.round > 0 ? <span className="muted"> · review round {role.round}</span> : null}
      </p>
      <ChangeRequests role={role} />
      {user.role === 'principal' ? <ChangesSinceYourDecision role={role} context={context} /> : null}
      <SchoolStates role={role} />
      {canEdit ? <SubmitControl role={role} saveBusy={saveBusy} onSubmitted={setDoneMessage} /> : null}
      <p className={styles['review-role__done']} ref={doneRef} tabIndex={-1} aria-live="polite">
        {doneMessage}
      </p>
      {notInReview ? (
        <ErrorAlert ref={notInReviewRef} title="Your decision was not saved">
          <p>{notInReview.detail} The page now shows the role as it is.</p>
          {notInReview.comment ? (
            <p>
              Your comment, not sent: <q className="answer-text">{notInReview.comment}</q>
            </p>
          ) : null}
        </ErrorAlert>
      ) : null}
      {canReview ? (
        <ReviewForm
          role={role}
          schoolNames={mySchools.map((s) => s.school.name).join(' and ')}
          onDecided={(message) => {
            setNotInReview(null);
            setDoneMessage(message);
          }}
          onNotInReview={setNotInReview}
        />
      ) : null}
      {user.role === 'principal' && mySchools.length > 0 && decidedThisRound && role.status === 'in_review' ? (
        <p className="muted">
          You have given your decision in this round; the other schools’ principals are still to decide.
        </p>
      ) : null}
    </div>
  );
}

/** Every review decision and every step of the role, oldest first. */
export function RoleRecord({ role }: { role: Role }) {
  const dateTime = useDistrictDateTime();
  return (
    <div className={styles['role-record']}>
      <h3>Review decisions</h3>
      {role.reviews.length === 0 ? (
        <p className="muted">No decisions yet.</p>
      ) : (
        <ol className={styles['record-list']}>
          {role.reviews.map((r) => (
            <li key={r.id} className={styles['record-list__item']}>
              <p className={styles['record-list__line']}>
                <strong>{r.reviewer.name}</strong> {r.decision === 'approve' ? 'approved' : 'requested changes'}{' '}
                <span className="muted">
                  on {dateTime(r.createdAt)}, round {r.round}
                </span>
              </p>
              {r.comment ? <p className={`${styles['record-list__comment']} answer-text`}>{r.comment}</p> : null}
            </li>
          ))}
        </ol>
      )}
      <h3>History</h3>
      <ol className={styles['record-list']}>
        {role.history.map((event) => (
          <li key={event.id} className={styles['record-list__item']}>
            <p className={styles['record-list__line']}>
              <strong>{eventLabels[event.kind]}</strong>{' '}
              <span className="muted">
                by {event.actor?.name ?? 'the planner'} on {dateTime(event.createdAt)}
              </span>
            </p>
            {event.note ? <p className={`${styles['record-list__comment']} answer-text`}>{event.note}</p> : null}
          </li>
        ))}
      </ol>
      <h3>Changes to its fields</h3>
      <ItemHistorySlot itemId={role.id} label={role.title} versions={{ role: role.version }} />
    </div>
  );
}
