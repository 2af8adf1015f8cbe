import { lazy, Suspense, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { Plan, PlanSummary } from '@planner/shared/plan';
import { planStatusLabels } from '@planner/shared/plan-labels';
import { LoadError } from '../../components/LoadError';
import { LoadingState } from '../../components/LoadingState';
import { ProgressMeter } from '../../components/ProgressMeter';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useCanEditPlans } from '../../lib/current-user';
import { CopyPlanControl } from './CopyPlanControl';
import { NewPlanSection } from './NewPlanSection';
import { usePlans } from './plans';
import styles from './plans.module.css';

interface PlansPageProps {
  planHref: (planId: string) => string;
  /** Opens a plan just created or copied. */
  onOpenPlan: (plan: Plan) => void;
  /** Shown under the heading, such as what needs the reader across the plans. */
  before?: ReactNode;
  /** The title of the plan the person has just deleted, to say so. */
  deletedTitle?: string | null;
}

/** Said in a status region there from the page's start, once it is on the page: one that comes with its words is not read out. */
function useDeletedMessage(title: string | null | undefined): string {
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (!title) return;
    const frame = requestAnimationFrame(() => setMessage(`Plan “${title}” deleted.`));
    return () => cancelAnimationFrame(frame);
  }, [title]);
  return message;
}

interface PlanListItemProps extends Omit<PlansPageProps, 'before' | 'deletedTitle'> {
  plan: PlanSummary;
  plans: readonly PlanSummary[];
  canEdit: boolean;
}

function PlanListItem({ plan, plans, canEdit, planHref, onOpenPlan }: PlanListItemProps) {
  const titleId = useId();
  return (
    <li className={styles['plan-card']}>
      <h3 className={styles['plan-card__title']} id={titleId}>
        <Link to={planHref(plan.id)}>{plan.title}</Link>
      </h3>
      <p className={styles['plan-card__meta']}>
        <span>School year {plan.schoolYear}</span>
        <span className={`status-badge status-badge--${plan.status}`}>{planStatusLabels[plan.status]}</span>
      </p>
      <ProgressMeter progress={plan.progress} />
      {canEdit ? <CopyPlanControl plan={plan} plans={plans} describedBy={titleId} onCopied={onOpenPlan} /> : null}
    </li>
  );
}

// Rarely anything to show: its code comes after the page, not with it.
const DeletedPlanChangesNotice = lazy(() =>
  import('./NotSavedNotice').then((module) => ({ default: module.DeletedPlanChangesNotice })),
);

// Newest school year first: the plan people are working on now.
const bySchoolYear = (a: PlanSummary, b: PlanSummary) =>
  b.schoolYear.localeCompare(a.schoolYear) || a.title.localeCompare(b.title);

export function PlansPage({ planHref, onOpenPlan, before, deletedTitle }: PlansPageProps) {
  useDocumentTitle('Plans');
  const deletedMessage = useDeletedMessage(deletedTitle);
  const canEdit = useCanEditPlans();
  const plans = usePlans();
  const planIds = useMemo(() => (plans.data ? new Set(plans.data.plans.map((plan) => plan.id)) : null), [plans.data]);

  let content;
  if (plans.isPending) {
    content = <LoadingState label="Loading your plans…" />;
  } else if (plans.isError) {
    content = <LoadError title="Your plans could not be loaded" query={plans} />;
  } else if (plans.data.plans.length === 0) {
    content = (
      <section className="empty-state" aria-labelledby="plans-empty-heading">
        <h2 id="plans-empty-heading">No plans yet</h2>
        <p>
          Your district’s teacher-leadership plans for each school year will be listed here.
          {canEdit ? ' Start one with “New plan” above.' : ' A district administrator starts them.'}
        </p>
      </section>
    );
  } else {
    const sorted = [...plans.data.plans].sort(bySchoolYear);
    const current = sorted.filter((plan) => plan.status !== 'archived');
    const archived = sorted.filter((plan) => plan.status === 'archived');
    content = (
      <>
        <section aria-labelledby="current-plans-heading">
          <h2 id="current-plans-heading">Current plans</h2>
          {current.length === 0 ? (
            <p className="muted">No current plans: every plan is archived.</p>
          ) : (
            <ul className={styles['plan-list']}>
              {current.map((plan) => (
                <PlanListItem
                  key={plan.id}
                  plan={plan}
                  plans={sorted}
                  canEdit={canEdit}
                  planHref={planHref}
                  onOpenPlan={onOpenPlan}
                />
              ))}
            </ul>
          )}
        </section>
        {archived.length > 0 ? (
          <section aria-labelledby="archived-plans-heading" className={styles['plans-archived']}>
            <h2 id="archived-plans-heading">Archived plans</h2>
            <ul className={styles['plan-list']}>
              {archived.map((plan) => (
                <PlanListItem
                  key={plan.id}
                  plan={plan}
                  plans={sorted}
                  canEdit={canEdit}
                  planHref={planHref}
                  onOpenPlan={onOpenPlan}
                />
              ))}
            </ul>
          </section>
        ) : null}
      </>
    );
  }

  return (
    <div className="page">
      <h1>Plans</h1>
      <p role="status" className={styles['deleted-notice']}>
        {deletedMessage}
      </p>
      {planIds ? (
        <Suspense fallback={null}>
          <DeletedPlanChangesNotice planIds={planIds} />
        </Suspense>
      ) : null}
      {before}
      {canEdit ? <NewPlanSection onCreated={onOpenPlan} /> : null}
      {content}
    </div>
  );
}
