import type { Plan } from '@planner/shared/plan';
import { PlanForm } from './PlanForm';
import { useCreatePlan } from './create-plan';

/** A new plan starts from the roadmap template. */
export function NewPlanSection({ onCreated }: { onCreated: (plan: Plan) => void }) {
  const createPlan = useCreatePlan();
  return (
    <section className="card" aria-labelledby="new-plan-heading">
      <h2 id="new-plan-heading">New plan</h2>
      <p className="card__lede">Start a plan for a school year from the four-stage roadmap.</p>
      <PlanForm
        formName="the new plan"
        defaultValues={{ title: '', schoolYear: '', copyRoles: false }}
        submitLabel="Create plan"
        pendingLabel="Creating…"
        error={createPlan.error}
        onSubmit={async ({ title, schoolYear }) => onCreated(await createPlan.mutateAsync({ title, schoolYear }))}
      />
    </section>
  );
}
