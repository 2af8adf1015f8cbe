import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Plan } from '@planner/shared/plan';
import { roleFieldLabels, roleKindLabels, roleStatusLabels, type Role } from '@planner/shared/role';
import type { School } from '@planner/shared/school';
import { planRolesPath } from '../../app/paths';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ConflictPanel, type ConflictField } from '../../components/autosave/ConflictPanel';
import { SaveIndicator } from '../../components/autosave/SaveIndicator';
import { NotFoundPage } from '../../components/NotFoundPage';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useCanEditPlans } from '../auth/current-user';
import { usePlan } from '../plans/plan';
import { useDeleteRole } from './delete-role';
import { isUuid } from './is-uuid';
import { PlanContextHeader } from './PlanContextHeader';
import { QueryFallback } from '../../components/QueryFallback';
import { RoleEditor } from './RoleEditor';
import { RoleRecord, RoleReviewSection } from './RoleReview';
import { RoleView } from './RoleView';
import { formatRoleField, roleFieldGroups, type RoleContext } from './role-values';
import { useRole } from './role';
import { useSchools } from './schools';
import { useRoleAutosave, type RoleValue } from './update-role';

const theirsOnlyNote = 'Only they changed this: theirs is kept whichever you choose.';

/** The fields that differ from the version someone else saved: first those this person changed, then the others. */
function conflictFields(mine: Partial<RoleValue>, shown: RoleValue, theirs: RoleValue, context: RoleContext) {
  const fields = roleFieldGroups.flatMap((group) => group.fields);
  const differing = fields.filter((field) => JSON.stringify(shown[field]) !== JSON.stringify(theirs[field]));
  const row = (field: (typeof fields)[number]): ConflictField => ({
    label: roleFieldLabels[field],
    mine: formatRoleField(field, shown, context),
    theirs: formatRoleField(field, theirs, context),
  });
  const rows = [
    ...differing.filter((field) => field in mine).map(row),
    ...differing.filter((field) => !(field in mine)).map((field) => ({ ...row(field), note: theirsOnlyNote })),
  ];
  if (JSON.stringify(shown.fieldModes) !== JSON.stringify(theirs.fieldModes)) {
    const modes = (value: RoleValue) =>
      Object.entries(value.fieldModes)
        .map(([field, mode]) => `${roleFieldLabels[field as keyof typeof roleFieldLabels]}: ${mode}`)
        .join('\n');
    rows.push({ label: 'Set by (tight or loose)', mine: modes(shown), theirs: modes(theirs) });
  }
  return rows;
}

function DeleteRoleControl({ role }: { role: Role }) {
  const [confirming, setConfirming] = useState(false);
  const deleteRole = useDeleteRole(role);
  const navigate = useNavigate();
  return (
    <div className="danger-zone">
      <p>Deleting a role removes it for everyone, with its review decisions and history.</p>
      <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
        Delete role
      </button>
      <ConfirmDialog
        open={confirming}
        title={`Delete “${role.title}”?`}
        confirmLabel="Delete role"
        busy={deleteRole.isPending}
        busyLabel="Deleting…"
        error={deleteRole.error?.detail}
        onCancel={() => {
          setConfirming(false);
          deleteRole.reset();
        }}
        onConfirm={() =>
          deleteRole.mutate(undefined, {
            onSuccess: () => {
              setConfirming(false);
              void navigate(planRolesPath(role.planId), { replace: true });
            },
          })
        }
      >
        <p>
          “{role.title}” will be removed from this plan for everyone, with every principal’s decision on it. This cannot
          be undone.
        </p>
      </ConfirmDialog>
    </div>
  );
}

const busyStatuses = ['pending', 'saving', 'conflict', 'offline'];

function RoleEditingArea({
  plan,
  role,
  schools,
  context,
}: {
  plan: Plan;
  role: Role;
  schools: School[];
  context: RoleContext;
}) {
  const saver = useRoleAutosave(plan.id, role);
  const [activeGroup, setActiveGroup] = useState<string | null>(null);
  const conflict = saver.conflict;
  const backToGroup = () =>
    document
      .getElementById(`role-group-${activeGroup ?? ''}`)
      ?.querySelector<HTMLElement>('input, select, textarea')
      ?.focus();

  return (
    <>
      <div className="save-bar">
        <SaveIndicator />
      </div>
      <RoleReviewSection role={role} canEdit saveBusy={busyStatuses.includes(saver.status)} />
      <section className="role-definition" aria-labelledby="role-definition-heading">
        <h2 id="role-definition-heading">Role definition</h2>
        {role.status === 'in_review' || role.status === 'approved' ? (
          <p className="callout callout--info">Editing returns this role to draft; principals will review it again.</p>
        ) : null}
        <p className="field__hint">
          Every change is saved as you make it. For each field, choose whether the district sets it for every school
          (tight) or each school may adapt it (loose).
        </p>
        <RoleEditor
          plan={plan}
          role={role}
          schools={schools}
          editing={saver}
          activeGroup={activeGroup}
          status={saver.status}
          error={saver.error}
          onEditIn={setActiveGroup}
          conflict={
            conflict ? (
              <ConflictPanel
                subject="this role"
                fields={conflictFields(conflict.mine, saver.value, conflict.theirs, context)}
                changedBy={null}
                changedAt={conflict.current.updatedAt}
                onKeepMine={() => {
                  saver.keepMine();
                  backToGroup();
                }}
                onUseTheirs={() => {
                  saver.takeTheirs();
                  backToGroup();
                }}
              />
            ) : null
          }
        />
      </section>
      <DeleteRoleControl role={role} />
    </>
  );
}

function RoleWorkspace({ plan, role, schools }: { plan: Plan; role: Role; schools: School[] }) {
  useDocumentTitle(`${role.title} – Teacher-leader roles – ${plan.title}`);
  const canEdit = useCanEditPlans();
  const context: RoleContext = {
    plan,
    schools: [
      ...schools,
      ...role.schools.filter((s) => !schools.some((d) => d.id === s.school.id)).map((s) => s.school),
    ],
  };

  return (
    <div className="page role-page">
      <PlanContextHeader plan={plan} section={null}>
        <p className="plan-header__back">
          <Link to={planRolesPath(plan.id)}>All roles of this plan</Link>
        </p>
        <h1>{role.title}</h1>
        <p className="plan-header__meta">
          <span>{roleKindLabels[role.kind]}</span>
          <span className={`status-badge status-badge--${role.status}`}>{roleStatusLabels[role.status]}</span>
        </p>
      </PlanContextHeader>
      {canEdit ? (
        <RoleEditingArea plan={plan} role={role} schools={schools} context={context} />
      ) : (
        <>
          <RoleReviewSection role={role} canEdit={false} saveBusy={false} />
          <RoleView role={role} context={context} />
        </>
      )}
      <RoleRecord role={role} />
    </div>
  );
}

function LoadedRole({ planId, roleId }: { planId: string; roleId: string }) {
  const plan = usePlan(planId);
  const role = useRole(planId, roleId);
  const schools = useSchools();
  if (!plan.isSuccess)
    return <QueryFallback query={plan} loadingLabel="Loading the plan…" errorTitle="The plan could not be loaded" />;
  if (!role.isSuccess)
    return <QueryFallback query={role} loadingLabel="Loading the role…" errorTitle="The role could not be loaded" />;
  if (!schools.isSuccess) {
    return (
      <QueryFallback query={schools} loadingLabel="Loading the schools…" errorTitle="The schools could not be loaded" />
    );
  }
  return <RoleWorkspace plan={plan.data} role={role.data} schools={schools.data.schools} />;
}

/** /plans/:planId/roles/:roleId: one teacher-leader role, its review and history. */
export function RolePage() {
  const { planId, roleId } = useParams();
  if (!isUuid(planId) || !isUuid(roleId)) return <NotFoundPage />;
  // A new role remounts the page, so no saver carries over from another role.
  return <LoadedRole key={roleId} planId={planId} roleId={roleId} />;
}
