import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import type { PlanSummary } from '@planner/shared/plan';
import { planPath } from '../../app/paths';
import { PlanForm } from './PlanForm';
import { useCopyPlan } from './copy-plan';
import { nextSchoolYear, titleForYear } from './school-year';

interface CopyPlanControlProps {
  plan: PlanSummary;
  /** The id of the plan's title, which tells which plan the button copies. */
  describedBy: string;
}

/** Copies a plan's answers, actions and own items into a plan for another school year. */
export function CopyPlanControl({ plan, describedBy }: CopyPlanControlProps) {
  const [open, setOpen] = useState(false);
  const formId = useId();
  const copyPlan = useCopyPlan(plan.id);
  const navigate = useNavigate();
  const schoolYear = nextSchoolYear(plan.schoolYear);

  return (
    <div className="copy-plan">
      <button
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
      </button>
      <div id={formId} className="copy-plan__form" hidden={!open}>
        {open ? (
          <>
            <p className="copy-plan__hint">
              Answers, actions and your own questions are copied; action statuses start again at “Not started”.
            </p>
            <PlanForm
              defaultValues={{ title: titleForYear(plan.title, plan.schoolYear, schoolYear), schoolYear }}
              submitLabel="Copy plan"
              pendingLabel="Copying…"
              isPending={copyPlan.isPending}
              error={copyPlan.error}
              onSubmit={async (values) => {
                const copy = await copyPlan.mutateAsync(values);
                void navigate(planPath(copy.id));
              }}
              onCancel={() => setOpen(false)}
            />
          </>
        ) : null}
      </div>
    </div>
  );
}
