import { Link, useParams } from 'react-router';
import { type Budget } from '@planner/shared/budget';
import { formatCents } from '@planner/shared/format';
import type { Plan } from '@planner/shared/plan';
import { payFundingLabels, type Role } from '@planner/shared/role';
import { planRolePath, planStagePath } from '../../app/paths';
import { NotFoundPage } from '../../components/NotFoundPage';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useCanEditPlans } from '../auth/current-user';
import { usePlan } from '../plans/plan';
import { isUuid } from '../roles/is-uuid';
import { PlanContextHeader } from '../roles/PlanContextHeader';
import { QueryFallback } from '../../components/QueryFallback';
import { useRoles } from '../roles/roles';
import { BudgetSettingsForm } from './BudgetSettingsForm';
import { describeYear, planBudget } from './plan-budget';

function RoleCostsTable({ plan, roles, budget }: { plan: Plan; roles: Role[]; budget: Budget }) {
  return (
    <table className="data-table">
      <caption>Yearly cost of each role</caption>
      <thead>
        <tr>
          <th scope="col">Role</th>
          <th scope="col" className="data-table__number">
            Pay per position
          </th>
          <th scope="col" className="data-table__number">
            Released time per position
          </th>
          <th scope="col" className="data-table__number">
            Positions
          </th>
          <th scope="col" className="data-table__number">
            Total
          </th>
          <th scope="col">Paid from</th>
        </tr>
      </thead>
      <tbody>
        {budget.roles.map((cost) => (
          <tr key={cost.roleId}>
            <th scope="row">
              <Link to={planRolePath(plan.id, cost.roleId)}>{cost.title}</Link>
            </th>
            <td className="data-table__number">{formatCents(cost.payPerPositionCents)}</td>
            <td className="data-table__number">{formatCents(cost.releasedTimePerPositionCents)}</td>
            <td className="data-table__number">{roles.find((role) => role.id === cost.roleId)?.positions ?? 0}</td>
            <td className="data-table__number">{formatCents(cost.totalCents)}</td>
            <td>{payFundingLabels[cost.payFunding]}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={4}>
            Program total
          </th>
          <td className="data-table__number">{formatCents(budget.totalCents)}</td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
}

function YearsTable({ budget }: { budget: Budget }) {
  return (
    <table className="data-table">
      <caption>Cost against the plan’s funding, by school year</caption>
      <thead>
        <tr>
          <th scope="col">School year</th>
          <th scope="col" className="data-table__number">
            Cost
          </th>
          <th scope="col" className="data-table__number">
            Secured recurring
          </th>
          <th scope="col" className="data-table__number">
            Secured grants
          </th>
          <th scope="col" className="data-table__number">
            Pending
          </th>
          <th scope="col" className="data-table__number">
            Shortfall
          </th>
          <th scope="col" className="data-table__number">
            Recurring share
          </th>
        </tr>
      </thead>
      <tbody>
        {budget.years.map((year) => (
          <tr key={year.schoolYear}>
            <th scope="row">{year.schoolYear}</th>
            <td className="data-table__number">{formatCents(year.costCents)}</td>
            <td className="data-table__number">{formatCents(year.securedRecurringCents)}</td>
            <td className="data-table__number">{formatCents(year.securedGrantCents)}</td>
            <td className="data-table__number">{formatCents(year.pendingCents)}</td>
            <td className="data-table__number">{formatCents(year.shortfallCents)}</td>
            <td className="data-table__number">
              {year.recurringSharePercent === null ? 'None secured' : `${String(year.recurringSharePercent)}%`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BudgetWorkspace({ plan, roles }: { plan: Plan; roles: Role[] }) {
  useDocumentTitle(`Budget – ${plan.title}`);
  const canEdit = useCanEditPlans();
  const budget = planBudget(plan, roles);
  return (
    <div className="page">
      <PlanContextHeader plan={plan} section="budget">
        <h1>Budget and sustainability</h1>
        <p className="page__lede">
          What the teacher-leader roles cost a year (pay, and the released time at the average teacher cost), set
          against the funding sources of stage 2. Roles paid from recurring money outlast a grant.
        </p>
      </PlanContextHeader>
      {canEdit ? <BudgetSettingsForm plan={plan} /> : null}

      <section className="budget-section" aria-labelledby="budget-summary-heading">
        <h2 id="budget-summary-heading">Summary</h2>
        <p>
          The program costs <strong>{formatCents(budget.totalCents)}</strong> a year:{' '}
          {formatCents(budget.recurringRoleCostCents)} in roles meant to be paid from recurring budget and{' '}
          {formatCents(budget.grantRoleCostCents)} in roles meant to be paid from grants.
        </p>
        <ul className="budget-years">
          {budget.years.map((year) => (
            <li key={year.schoolYear} className={year.shortfallCents > 0 ? 'budget-years__short' : undefined}>
              {describeYear(year)}
            </li>
          ))}
        </ul>
        {plan.tables.fundingSources.length === 0 ? (
          <p className="muted">
            This plan lists no funding sources yet. Add them in{' '}
            <Link to={planStagePath(plan.id, 'context')}>stage 2, Know context</Link>.
          </p>
        ) : null}
      </section>

      <section className="budget-section" aria-labelledby="budget-roles-heading">
        <h2 id="budget-roles-heading">Roles</h2>
        {budget.roles.length === 0 ? (
          <p className="muted">No roles yet: their cost appears here once the district defines them.</p>
        ) : (
          <RoleCostsTable plan={plan} roles={roles} budget={budget} />
        )}
      </section>

      <section className="budget-section" aria-labelledby="budget-years-heading">
        <h2 id="budget-years-heading">By school year</h2>
        <YearsTable budget={budget} />
      </section>
    </div>
  );
}

function LoadedBudget({ planId }: { planId: string }) {
  const plan = usePlan(planId);
  const roles = useRoles(planId);
  if (!plan.isSuccess)
    return <QueryFallback query={plan} loadingLabel="Loading the plan…" errorTitle="The plan could not be loaded" />;
  if (!roles.isSuccess)
    return <QueryFallback query={roles} loadingLabel="Loading the roles…" errorTitle="The roles could not be loaded" />;
  return <BudgetWorkspace plan={plan.data} roles={roles.data.roles} />;
}

/** /plans/:planId/budget: what the roles cost, and how the plan's funding covers it. */
export function BudgetPage() {
  const { planId } = useParams();
  if (!isUuid(planId)) return <NotFoundPage />;
  return <LoadedBudget planId={planId} />;
}
