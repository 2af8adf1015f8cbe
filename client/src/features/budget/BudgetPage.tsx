import { Link } from 'react-router';
import { costSettingsSentence, programCostSentence, recurringShareText, type Budget } from '@planner/shared/budget';
import { formatCents } from '@planner/shared/format';
import type { Plan } from '@planner/shared/plan';
import { notYetDecided, payFundingLabels, type Role } from '@planner/shared/role';
import { ScrollRegion } from '../../components/ScrollRegion';
import { useCanEditPlan } from '../../lib/plan-editing';
import { useDocumentTitle } from '../../lib/use-document-title';
import { BudgetSettingsForm, type CostSaver } from './BudgetSettingsForm';
import { BudgetYears } from './BudgetYears';
import { planBudget } from './plan-budget';
import styles from './budget.module.css';

/** Where the budget page links to, given by the route that shows it. */
export interface BudgetLinks {
  role: (roleId: string) => string;
  /** Stage 2, where the funding sources are listed. */
  fundingStage: string;
}

function RoleCostsTable({ roles, budget, links }: { roles: Role[]; budget: Budget; links: BudgetLinks }) {
  return (
    <ScrollRegion label="Yearly cost of each role">
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
                <Link to={links.role(cost.roleId)}>{cost.title}</Link>
              </th>
              <td className="data-table__number">{formatCents(cost.payPerPositionCents)}</td>
              <td className="data-table__number">{formatCents(cost.releasedTimePerPositionCents)}</td>
              <td className="data-table__number">{roles.find((role) => role.id === cost.roleId)?.positions ?? 0}</td>
              <td className="data-table__number">{formatCents(cost.totalCents)}</td>
              <td>{cost.payFunding === null ? notYetDecided : payFundingLabels[cost.payFunding]}</td>
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
    </ScrollRegion>
  );
}

function YearsTable({ budget }: { budget: Budget }) {
  return (
    <ScrollRegion label="Cost against funding, by school year">
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
              Ideas
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
              <td className="data-table__number">{formatCents(year.ideaCents)}</td>
              <td className="data-table__number">{formatCents(year.shortfallCents)}</td>
              <td className="data-table__number">
                {year.recurringSharePercent === null
                  ? 'None secured'
                  : recurringShareText(year.recurringSharePercent, year.securedRecurringCents)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

interface BudgetPageProps {
  plan: Plan;
  roles: Role[];
  links: BudgetLinks;
  costSaver: CostSaver;
}

/** What the roles cost, and how the plan's funding covers it. */
export function BudgetPage({ plan, roles, links, costSaver }: BudgetPageProps) {
  useDocumentTitle(`Budget – ${plan.title}`);
  const canEdit = useCanEditPlan();
  const budget = planBudget(plan, roles);
  return (
    <div>
      <h1>Budget and sustainability</h1>
      <p className="page__lede">
        What the teacher-leader roles cost a year (pay, and the released time at the average teacher cost), set against
        the funding sources of stage 2. Roles paid from recurring money outlast a grant.
      </p>
      {canEdit ? <BudgetSettingsForm plan={plan} saver={costSaver} /> : <p>{costSettingsSentence(plan)}</p>}

      <section className={styles['budget-section']} aria-labelledby="budget-summary-heading">
        <h2 id="budget-summary-heading">Summary</h2>
        {/* Every role, approved or not, as the tables below count them and the plan's PDF says it. */}
        <p>{programCostSentence(budget)}</p>
        <BudgetYears years={budget.years} />
        {plan.tables.fundingSources.length === 0 ? (
          <p className="muted">
            This plan lists no funding sources yet. Add them in{' '}
            <Link to={links.fundingStage}>stage 2, Know context</Link>.
          </p>
        ) : null}
      </section>

      <section className={styles['budget-section']} aria-labelledby="budget-roles-heading">
        <h2 id="budget-roles-heading">Roles</h2>
        {budget.roles.length === 0 ? (
          <p className="muted">No roles yet: their cost appears here once the district defines them.</p>
        ) : (
          <RoleCostsTable roles={roles} budget={budget} links={links} />
        )}
      </section>

      <section className={styles['budget-section']} aria-labelledby="budget-years-heading">
        <h2 id="budget-years-heading">By school year</h2>
        <YearsTable budget={budget} />
      </section>
    </div>
  );
}
