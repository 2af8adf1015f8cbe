import { useEffect, useId, useRef, useState } from 'react';
import type { Plan } from '@planner/shared/plan';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCanEditPlans, useCurrentUser } from '../../lib/current-user';
import { forgetUnsavedTexts, useArchivedRefusals, useUnsavedTexts } from '../../lib/plan-editing';
import { useSingleSubmit } from '../../lib/form-errors';
import { useUpdatePlan } from './update-plan';

/** One text the server refused, read-only, with a button to copy it (or, without a clipboard, to select it). */
function UnsavedText({ text, label }: { text: string; label: string }) {
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [said, setSaid] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setSaid('Copied.');
    } catch {
      ref.current?.select();
      setSaid('Select the text and copy it (Ctrl+C or ⌘C).');
    }
  };
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <textarea
        ref={ref}
        id={id}
        className="field__input"
        readOnly
        value={text}
        rows={Math.min(8, text.split('\n').length + 1)}
      />
      <button type="button" className="button button--secondary button--small" onClick={() => void copy()}>
        Copy<span className="visually-hidden"> {label.toLowerCase()}</span>
      </button>
      <p role="status">{said}</p>
    </div>
  );
}

/**
 * What the person typed into changes refused because the plan was archived meanwhile: the fields went with
 * the plan turning read-only, so the text is shown here to copy, on this device, until they are done with it.
 */
function UnsavedTexts({ texts }: { texts: string[] }) {
  if (texts.length === 0) return null;
  return (
    <>
      <p>What you typed is below, to copy; it is kept on this device until you say you are done with it.</p>
      {texts.map((text, index) => (
        <UnsavedText
          key={`${String(index)}:${text}`}
          text={text}
          label={
            texts.length === 1
              ? 'Your text, not saved'
              : `Your text, not saved (${String(index + 1)} of ${String(texts.length)})`
          }
        />
      ))}
    </>
  );
}

/**
 * Says that an archived plan is read-only, on each of its pages, and lets an administrator make it active
 * again from there. Once they have, it says so in the button's place, where focus goes. A plan archived
 * while someone was changing it turns read-only under them: the notice then says that their last change
 * was not saved, and takes the focus from the field that went.
 */
export function ArchivedPlanNotice({ plan }: { plan: Plan }) {
  const canEditPlans = useCanEditPlans();
  const updatePlan = useUpdatePlan(plan.id);
  const [reactivated, setReactivated] = useState(false);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const noticeRef = useRef<HTMLElement>(null);
  const refusals = useArchivedRefusals();
  const { user } = useCurrentUser();
  const unsavedTexts = useUnsavedTexts(user.id, plan.id);
  // Counted from when the plan was last seen active here (the frame gives each plan a notice of its own).
  const [refusalsWhileActive, setRefusalsWhileActive] = useState(refusals);
  const changeRefused = refusals > refusalsWhileActive;
  const { onSubmit, busy } = useSingleSubmit(async () => {
    try {
      await updatePlan.mutateAsync({ status: 'active', version: plan.version });
      setReactivated(true);
    } catch {
      // Shown below; a version conflict has already brought the plan as it is now.
    }
  });
  const error = updatePlan.error;

  useEffect(() => {
    if (reactivated) doneRef.current?.focus();
  }, [reactivated]);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);
  const archived = plan.status === 'archived';
  useEffect(() => {
    if (archived && changeRefused) noticeRef.current?.focus();
  }, [archived, changeRefused]);
  // Made active again: a later archiving starts a count of its own. (A refusal can arrive while the plan
  // still reads as active here, before it is loaded again: those are counted only once it is archived.)
  const [wasArchived, setWasArchived] = useState(archived);
  if (wasArchived !== archived) {
    setWasArchived(archived);
    if (!archived) setRefusalsWhileActive(refusals);
  }

  // What was refused while the plan was archived stays, here and after a reload, archived or active again
  // (made so here, or by someone else), to paste back, until the person is done with it.
  const keptTexts =
    unsavedTexts.length > 0 ? (
      <>
        <UnsavedTexts texts={unsavedTexts} />
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => {
            forgetUnsavedTexts(user.id, plan.id);
            document.querySelector<HTMLElement>('main h1')?.focus();
          }}
        >
          Done with this text
        </button>
      </>
    ) : null;
  // Refused here just now, or before a reload (its text is still kept).
  const notSaved = changeRefused || keptTexts !== null;
  if (reactivated && plan.status !== 'archived') {
    return (
      <div className="alert alert--info">
        <p ref={doneRef} tabIndex={-1} role="status">
          The plan is active again: its pages can be changed.
        </p>
        {keptTexts}
      </div>
    );
  }
  if (!archived) {
    return keptTexts ? (
      <section className="alert alert--info" aria-label="Your text, not saved while the plan was archived">
        <p>The plan was archived while you were changing it, and is active again now.</p>
        {keptTexts}
      </section>
    ) : null;
  }
  return (
    <section
      className="alert alert--info"
      aria-labelledby={`archived-${plan.id}`}
      aria-describedby={notSaved ? `archived-refused-${plan.id}` : undefined}
      ref={noticeRef}
      tabIndex={-1}
    >
      <p className="alert__title" id={`archived-${plan.id}`}>
        This plan is archived
      </p>
      <div className="alert__body">
        {notSaved ? (
          <p id={`archived-refused-${plan.id}`}>
            It was archived while it was open here, so your last change was not saved.
          </p>
        ) : null}
        {keptTexts}
        <p>It can be read, exported, shared and copied, but not changed.</p>
        {error ? (
          <ErrorAlert ref={errorRef}>
            {error.code === 'version_conflict'
              ? 'Someone else changed the plan’s settings just now. Its settings as they are now are shown: try again.'
              : error.detail}
          </ErrorAlert>
        ) : null}
        {canEditPlans ? (
          <form onSubmit={onSubmit}>
            <button type="submit" className="button button--secondary" aria-disabled={busy || undefined}>
              {busy ? 'Making it active…' : 'Make this plan active again'}
            </button>
          </form>
        ) : (
          <p>A district administrator can make it active again.</p>
        )}
      </div>
    </section>
  );
}
