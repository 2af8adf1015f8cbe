import { useId, useRef, useState } from 'react';
import type { Plan, PlanSummary } from '@planner/shared/plan';
import { useAfterCommit } from '../../lib/use-after-commit';
import { PlanForm } from './PlanForm';
import { useCopyPlan } from './copy-plan';
import { proposedCopy } from './school-year';
import styles from './plans.module.css';

interface CopyPlanControlProps {
  plan: PlanSummary;
  /** Every plan of the district, so the proposed year is one not yet taken. */
  plans: readonly PlanSummary[];
  /** The id of the plan's title, which tells which plan the button copies. */
  describedBy: string;
  onCopied: (copy: Plan) => void;
}

/** Copies a plan into a plan for another school year, its roles too when the person asks. */
export function CopyPlanControl({ plan, plans, describedBy, onCopied }: CopyPlanControlProps) {
  const [open, setOpen] = useState(false);
  const formId = useId();
  const copyPlan = useCopyPlan(plan.id);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const afterCommit = useAfterCommit();

  return (
    <div className="copy-plan">
      <button
        ref={buttonRef}
        type="button"
        className="button button--secondary"
        aria-expanded={open}
        aria-controls={formId}
        aria-describedby={describedBy}
        onClick={() => {
          setOpen((wasOpen) => !wasOpen);
          copyPlan.reset();
        }}
      >
        Copy to a new year
        <span className="visually-hidden">
          {' '}
          from {plan.title} ({plan.schoolYear})
        </span>
      </button>
      <div id={formId} className={styles['copy-plan__form']} hidden={!open}>
        {open ? (
          <>
            <p className={styles['copy-plan__hint']}>The copy starts with:</p>
            <ul className={styles['copy-plan__list']}>
              <li>the answers to the key questions, and the questions your district added;</li>
              <li>the high-impact actions, their statuses reset to “Not started” and their due dates cleared;</li>
              <li>
                every stage table: priorities, stakeholders, funding sources, data systems, expertise, collaboration and
                trust, decisions and partners;
              </li>
              <li>the measures of success, without their readings.</li>
            </ul>
            <PlanForm
              formName={`the copy of “${plan.title}”`}
              defaultValues={{ ...proposedCopy(plan, plans), copyRoles: false }}
              offerCopyRoles
              submitLabel="Copy plan"
              pendingLabel="Copying…"
              error={copyPlan.error}
              onSubmit={async (values) => onCopied(await copyPlan.mutateAsync(values))}
              onCancel={() => {
                setOpen(false);
                // Cancel goes with the form: focus goes back to the button that opened it, not to the page.
                afterCommit(() => buttonRef.current?.focus());
              }}
            />
          </>
        ) : null}
      </div>
    </div>
  );
}
