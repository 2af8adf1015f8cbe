import { Link } from 'react-router';
import { roleStatuses, roleStatusLabels } from '@planner/shared/role';
import { countOf } from '@planner/shared/format';
import { useRoles } from './roles';
import styles from './roles.module.css';

/** On the stage 4 page: the plan's teacher-leader roles in one line, and the way to them. */
export function StageRolesSummary({ planId, rolesHref }: { planId: string; rolesHref: string }) {
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
    <div className="stage-roles">
      <p>
        Define each role of the program (purpose, responsibilities, time, pay, schools), and send it to the principals
        of its schools for review.
      </p>
      <p className={styles['stage-roles__count']} aria-live="polite">
        {summary}
      </p>
      <p>
        <Link to={rolesHref}>Open the teacher-leader roles</Link>
      </p>
    </div>
  );
}
