import { useId } from 'react';
import { Link } from 'react-router';
import { roleStatuses, roleStatusLabels } from '@planner/shared/role';
import { planRolesPath } from '../../app/paths';
import { countOf } from '../../lib/format';
import { useRoles } from './roles';

/** On the stage 4 page: the plan's teacher-leader roles in one line, and the way to them. */
export function StageRolesSummary({ planId }: { planId: string }) {
  const headingId = useId();
  const roles = useRoles(planId);
  let summary = 'Loading the roles…';
  if (roles.isError) summary = 'The roles could not be loaded.';
  if (roles.isSuccess) {
    const list = roles.data.roles;
    const byStatus = roleStatuses
      .map((status) => ({ status, count: list.filter((role) => role.status === status).length }))
      .filter(({ count }) => count > 0)
      .map(({ status, count }) => `${String(count)} ${roleStatusLabels[status].toLowerCase()}`);
    summary =
      list.length === 0 ? 'No roles defined yet.' : `${countOf(list.length, 'role')} defined: ${byStatus.join(', ')}.`;
  }
  return (
    <section className="stage__section stage-roles" aria-labelledby={headingId}>
      <h3 id={headingId}>Teacher-leader roles</h3>
      <p>
        Define each role of the program (purpose, responsibilities, time, pay, schools), and send it to the principals
        of its schools for review.
      </p>
      <p className="stage-roles__count" aria-live="polite">
        {summary}
      </p>
      <p>
        <Link to={planRolesPath(planId)}>Open the teacher-leader roles</Link>
      </p>
    </section>
  );
}
