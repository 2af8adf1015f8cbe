import { useNavigate } from 'react-router';
import { planPath } from '../../app/paths';
import { PlanForm } from './PlanForm';
import { useCreatePlan } from './create-plan';

/** A new plan starts from the roadmap template. */
export function NewPlanSection() {
  const createPlan = useCreatePlan();
  const navigate = useNavigate();
  return (
    <section className="card" aria-labelledby="new-plan-heading">
      <h2 id="new-plan-heading">New plan</h2>
      <p className="card__lede">Start a plan for a school year from the four-stage roadmap.</p>
      <PlanForm
        defaultValues={{ title: '', schoolYear: '' }}
        submitLabel="Create plan"
        pendingLabel="Creating…"
        isPending={createPlan.isPending}
        error={createPlan.error}
        onSubmit={async (values) => {
          const plan = await createPlan.mutateAsync(values);
          void navigate(planPath(plan.id));
        }}
      />
    </section>
  );
}
