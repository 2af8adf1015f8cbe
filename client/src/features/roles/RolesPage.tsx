import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { roleCost } from '@planner/shared/budget';
import { formatCents } from '@planner/shared/format';
import type { Plan } from '@planner/shared/plan';
import { roleKindLabels, roleStatusLabels, type Role } from '@planner/shared/role';
import { ScrollRegion } from '../../components/ScrollRegion';
import { useCanEditPlan } from '../../lib/plan-editing';
import { useDocumentTitle } from '../../lib/use-document-title';
import { NewRoleSection } from './NewRoleSection';
import type { RoleLinks } from './role-links';

export const schoolNames = (role: Role) => role.schools.map((s) => s.school.name).join(', ');

function RolesTable({ plan, roles, links }: { plan: Plan; roles: Role[]; links: RoleLinks }) {
  const costs = roles.map((role) => roleCost(role, plan));
  const total = costs.reduce((sum, cost) => sum + cost.totalCents, 0);
  return (
    <ScrollRegion label="Roles of this plan">
      <table className="data-table">
        <caption>Roles of this plan, with what each costs a year</caption>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Kind</th>
            <th scope="col">Status</th>
            <th scope="col" className="data-table__number">
              Positions
            </th>
            <th scope="col">Schools</th>
            <th scope="col" className="data-table__number">
              Yearly cost
            </th>
          </tr>
        </thead>
        <tbody>
          {roles.map((role, index) => (
            <tr key={role.id}>
              <th scope="row">
                <Link to={links.role(role.id)}>{role.title}</Link>
              </th>
              <td>{roleKindLabels[role.kind]}</td>
              <td>
                <span className={`status-badge status-badge--${role.status}`}>{roleStatusLabels[role.status]}</span>
              </td>
              <td className="data-table__number">{role.positions}</td>
              <td>{role.schools.length > 0 ? schoolNames(role) : <span className="muted">None yet</span>}</td>
              <td className="data-table__number">{formatCents(costs[index]?.totalCents ?? 0)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={5}>
              Program total
            </th>
            <td className="data-table__number">{formatCents(total)}</td>
          </tr>
        </tfoot>
      </table>
    </ScrollRegion>
  );
}

// Oldest first: the order the district defined them in.
const byCreation = (a: Role, b: Role) => a.createdAt.localeCompare(b.createdAt) || a.title.localeCompare(b.title);

interface RolesPageProps {
  plan: Plan;
  roles: Role[];
  links: RoleLinks;
  onCreated: (role: Role) => void;
  /** Shown after the roles' table, such as their framework alignment. */
  after?: ReactNode;
}

/** The plan's teacher-leader roles. */
export function RolesPage({ plan, roles, links, onCreated, after }: RolesPageProps) {
  useDocumentTitle(`Teacher-leader roles – ${plan.title}`);
  const canEdit = useCanEditPlan();
  const sorted = [...roles].sort(byCreation);
  return (
    <div>
      <h1>Teacher-leader roles</h1>
      <p className="page__lede">
        The roles of the program (stage 4), each reviewed by the principals of its schools before it is approved.
      </p>
      {sorted.length === 0 ? (
        <section className="empty-state" aria-labelledby="roles-empty-heading">
          <h2 id="roles-empty-heading">No roles yet</h2>
          <p>
            {canEdit
              ? 'Define the first one with “New role” below.'
              : 'A district administrator defines the roles of the program.'}
          </p>
        </section>
      ) : (
        <RolesTable plan={plan} roles={sorted} links={links} />
      )}
      {sorted.length > 0 ? after : null}
      {canEdit ? <NewRoleSection planId={plan.id} onCreated={onCreated} /> : null}
    </div>
  );
}
