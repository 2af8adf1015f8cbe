import { useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { alignmentFactorLabels, alignmentSubjectId } from '@planner/shared/alignment';
import { roleLink } from '@planner/shared/notification';
import { AlignmentSummary } from '../../features/alignment/AlignmentSummary';
import { RoleAlignmentSection } from '../../features/alignment/RoleAlignmentSection';
import { MissingItemPage } from '../../components/MissingItemPage';
import { NotFoundPage } from '../../components/NotFoundPage';
import { rolePdfUrl } from '../../features/exports/export-urls';
import { QueryFallback } from '../../components/QueryFallback';
import { useRole } from '../../features/roles/role';
import type { RoleLinks } from '../../features/roles/role-links';
import { RolePage } from '../../features/roles/RolePage';
import { useRoles } from '../../features/roles/roles';
import { RolesPage } from '../../features/roles/RolesPage';
import { useSchools } from '../../features/roles/schools';
import { useMarkReadOnArrival } from '../../features/notifications/notifications';
import { InputsBehind } from '../../features/stakeholder-inputs/InputsBehind';
import { useDistrictUsers } from '../../features/users/district-users';
import { isApiError } from '../../lib/api';
import { useCanEditPlan } from '../../lib/plan-editing';
import { useCurrentUser } from '../../lib/current-user';
import { isUuid } from '../../lib/is-uuid';
import { usePlanOutlet } from '../layouts/plan-outlet';
import { paths, planRolePath, planRolesPath, planStagePath, planStakeholderPath } from '../paths';
import { CommentsOn } from './comment-links';
import { useFirstDataInBackground } from '../../lib/use-first-data-in-background';

function useRoleLinks(planId: string): RoleLinks {
  const admin = useCurrentUser().user.role === 'district_admin';
  return {
    roles: planRolesPath(planId),
    role: (roleId) => planRolePath(planId, roleId),
    rolePdf: (roleId) => rolePdfUrl(planId, roleId),
    stage: (stageKey) => planStagePath(planId, stageKey),
    ...(admin ? { schools: paths.schools, people: paths.people } : {}),
  };
}

/** /plans/:planId/roles: the plan's teacher-leader roles. */
export function RolesRoute() {
  const { plan } = usePlanOutlet();
  const navigate = useNavigate();
  const roles = useRoles(plan.id);
  const canEdit = useCanEditPlan();
  const links = useRoleLinks(plan.id);
  const shown = useFirstDataInBackground(roles.data);
  if (!shown || !roles.isSuccess) {
    return <QueryFallback query={roles} loadingLabel="Loading the roles…" errorTitle="The roles could not be loaded" />;
  }
  return (
    <RolesPage
      plan={plan}
      roles={shown.roles}
      links={links}
      onCreated={(role) => void navigate(planRolePath(plan.id, role.id))}
      after={
        <AlignmentSummary planId={plan.id} roleHref={(roleId) => planRolePath(plan.id, roleId)} canAnswer={canEdit} />
      }
    />
  );
}

function LoadedRole({ roleId }: { roleId: string }) {
  const { plan } = usePlanOutlet();
  const role = useRole(plan.id, roleId);
  const schools = useSchools();
  const users = useDistrictUsers();
  const canEdit = useCanEditPlan();
  const links = useRoleLinks(plan.id);
  // A role deleted since its notification was sent: the page says so, which is what the notification leads to.
  const gone = isApiError(role.error) && role.error.status === 404;
  useMarkReadOnArrival(role.isSuccess || gone ? roleLink(plan.id, roleId) : null);
  // The role's page is built (in the background, the first time) once both the role and the schools are here.
  const loaded = useMemo(
    () => (role.data && schools.data ? { role: role.data, schools: schools.data.schools } : undefined),
    [role.data, schools.data],
  );
  const shown = useFirstDataInBackground(loaded);
  if (!role.isSuccess || !schools.isSuccess || !shown) {
    return role.isSuccess && !schools.isSuccess ? (
      <QueryFallback query={schools} loadingLabel="Loading the schools…" errorTitle="The schools could not be loaded" />
    ) : (
      <QueryFallback
        query={role}
        loadingLabel="Loading the role…"
        errorTitle="The role could not be loaded"
        missing={
          <MissingItemPage
            title="This role is no longer in the plan"
            link={{ href: planRolesPath(plan.id), label: 'Go to the plan’s teacher-leader roles' }}
          />
        }
      />
    );
  }
  return (
    <RolePage
      plan={plan}
      role={role.data}
      schools={shown.schools}
      links={links}
      extraSections={[
        {
          id: 'role-alignment',
          title: 'Framework alignment',
          content: (
            <RoleAlignmentSection
              planId={plan.id}
              role={role.data}
              canEdit={canEdit}
              factorComments={(factor) => (
                <CommentsOn
                  planId={plan.id}
                  kind="alignment"
                  id={alignmentSubjectId(role.data.id, factor)}
                  label={`${alignmentFactorLabels[factor]} for ${role.data.title}`}
                  users={users.data?.users}
                />
              )}
            />
          ),
        },
      ]}
      headingFooter={
        <>
          <InputsBehind
            planId={plan.id}
            kind="role"
            id={role.data.id}
            stakeholderHref={(stakeholderId) => planStakeholderPath(plan.id, stakeholderId)}
          />
          <CommentsOn
            planId={plan.id}
            kind="role"
            id={role.data.id}
            label={`the role: ${role.data.title}`}
            users={users.data?.users}
          />
        </>
      }
    />
  );
}

/** /plans/:planId/roles/:roleId: one role, its review and history. */
export function RoleRoute() {
  const { roleId } = useParams();
  if (!isUuid(roleId)) return <NotFoundPage />;
  // A new role remounts the page, so no saver carries over from another role.
  return <LoadedRole key={roleId} roleId={roleId} />;
}
