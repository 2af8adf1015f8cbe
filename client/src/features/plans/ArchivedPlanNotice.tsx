import { useEffect, useRef, useState } from 'react';
import type { Plan } from '@planner/shared/plan';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCanEditPlans, useCurrentUser } from '../../lib/current-user';
import { useArchivedRefusals, useRefusedChanges } from '../../lib/plan-editing';
import { useSingleSubmit } from '../../lib/form-errors';
import { KeptChange } from './KeptChange';
import { useUpdatePlan } from './update-plan';

/**
 * Says that an archived plan is read-only, on each of its pages, and lets an administrator make it active
 * again from there. Once they have, it says so in the button's place, where focus goes. A plan archived
 * while someone was changing it turns read-only under them: the notice then says that their last change
 * was not saved, and takes the focus from the field that went. So it says of a change kept on this device
 * (typed offline, in a tab since closed) that reached the plan only after it was archived.
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
  const refusedAsArchived = useRefusedChanges(user.id, plan.id).filter((c) => c.code === 'plan_archived');
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
  const keptChanges = (said: (item: string) => string) =>
    refusedAsArchived.map((change, index) => (
      <KeptChange
        key={change.key}
        change={change}
        sentence={said(change.item)}
        sentenceId={`archived-refused-${plan.id}-${String(index)}`}
      />
    ));
  const keptTexts =
    refusedAsArchived.length > 0 ? keptChanges((item) => `Your change to ${item} was not saved.`) : null;
  // Refused here just now with no words to keep (a status chosen), or before a reload (its text is still kept).
  const refusedUnkept = changeRefused && refusedAsArchived.length === 0;
  const notSaved = refusedUnkept || refusedAsArchived.length > 0;
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
    return refusedAsArchived.length > 0 ? (
      <section className="alert alert--info" aria-label="Your text, not saved while the plan was archived">
        <p>The plan was archived before your change reached it, and is active again now.</p>
        {keptChanges((item) => `Your change to ${item} was not saved.`)}
      </section>
    ) : null;
  }
  const describedBy = refusedUnkept
    ? `archived-refused-${plan.id}`
    : refusedAsArchived.map((_, index) => `archived-refused-${plan.id}-${String(index)}`).join(' ');
  return (
    <section
      className="alert alert--info"
      aria-labelledby={`archived-${plan.id}`}
      aria-describedby={notSaved ? describedBy : undefined}
      ref={noticeRef}
      tabIndex={-1}
    >
      <p className="alert__title" id={`archived-${plan.id}`}>
        This plan is archived
      </p>
      <div className="alert__body">
        {refusedUnkept ? (
          <p id={`archived-refused-${plan.id}`}>
            It was archived before your last change reached it, so that change was not saved.
          </p>
        ) : null}
        {keptChanges(
          (item) => `It was archived before your change to ${item} reached it, so that change was not saved.`,
        )}
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
