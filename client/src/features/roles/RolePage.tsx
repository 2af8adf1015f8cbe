import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { countOf } from '@planner/shared/format';
import type { Plan } from '@planner/shared/plan';
import {
  fieldModeLabel,
  isShownPayField,
  payFields,
  roleFieldLabels,
  roleFieldNames,
  roleKindLabels,
  roleStatusLabels,
  type Role,
  type RoleStatus,
} from '@planner/shared/role';
import type { School } from '@planner/shared/school';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ConflictPanel } from '../../components/ConflictPanel';
import { ItemNow } from '../../components/ItemNow';
import { PageSections, type PageSection } from '../../components/PageSections';
import { conflictFields, type ConflictFieldSpec } from '../../lib/autosave/conflict-fields';
import { useCanEditPlan } from '../../lib/plan-editing';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useDeleteRole } from './delete-role';
import { roleEditorSections } from './RoleEditor';
import type { RoleEditing } from './RoleFieldControls';
import { roleQueryKey, setCachedRole } from './role';
import { approvalsThisRound } from './role-changes';
import type { RoleLinks } from './role-links';
import { RoleRecord, RoleReviewSection } from './RoleReview';
import { RoleView } from './RoleView';
import { fieldModeLabels, formatRoleField, roleFieldGroups, type RoleContext } from './role-values';
import { modeKey, useRoleAutosave, type RoleValue } from './update-role';
import styles from './roles.module.css';

const multiline = new Set<string>([
  'purpose',
  'eligibility',
  'selectionProcess',
  'teacherLeaderEvaluation',
  'training',
  'principalRole',
  'unionConstraints',
]);

function conflictSpecs(context: RoleContext): ConflictFieldSpec<RoleValue>[] {
  const pay = new Set<string>(payFields);
  const fields = roleFieldGroups.flatMap((group) => group.fields).filter((field) => !pay.has(field));
  return [
    // The kind of pay with its amount, compared as one (as the autosaver does): an amount means nothing under another kind.
    {
      label: 'Pay',
      fields: [...payFields],
      format: (value: RoleValue) =>
        payFields
          .filter((field) => isShownPayField(field, value))
          .map((field) => formatRoleField(field, value, context))
          .join(': '),
    },
    ...fields.map((field) => ({
      label: roleFieldLabels[field],
      fields: [field],
      format: (value: RoleValue) => formatRoleField(field, value, context),
      mergeable: multiline.has(field),
    })),
    // Each field's mode apart, as it is saved: someone else's mode for another field is no clash.
    ...roleFieldNames.map((field) => ({
      label: fieldModeLabel(field),
      fields: [modeKey(field)],
      format: (value: RoleValue) => {
        const mode = value[modeKey(field)];
        return mode ? fieldModeLabels[mode] : 'Not decided';
      },
    })),
  ];
}

/** "This role is approved by 2 principals. Editing it sends it back to draft for a new review." */
function editWarning(role: Role): string {
  const approvals = approvalsThisRound(role);
  const who = countOf(approvals, 'principal');
  const state =
    role.status === 'approved'
      ? `This role is approved by ${who}.`
      : approvals > 0
        ? `This role is in review and approved by ${who} so far.`
        : 'This role is in review.';
  return `${state} Editing it sends it back to draft for a new review.`;
}

function DeleteRoleControl({ role, onDeleted }: { role: Role; onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const deleteRole = useDeleteRole(role);
  return (
    <div className={styles['danger-zone']}>
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
          // The version and status shown, refreshed by a refusal: a second confirm deletes the role as it is now.
          deleteRole.mutate(role, {
            onSuccess: () => {
              setConfirming(false);
              onDeleted();
            },
          })
        }
      >
        <p>
          “{role.title}” will be removed from this plan for everyone, with every principal’s decision on it; the plan’s
          history keeps them, from where the role can be brought back with its decisions.
        </p>
        {deleteRole.error?.code === 'version_conflict' ? (
          <ItemNow
            facts={[
              { label: 'Title', value: role.title },
              { label: 'Status', value: roleStatusLabels[role.status] },
              { label: 'Purpose', value: role.purpose },
            ]}
          />
        ) : null}
      </ConfirmDialog>
    </div>
  );
}

const busyStatuses = ['pending', 'saving', 'conflict', 'offline'];

/** Held edits the person has answered (Cancel or Edit the role): a refetch that comes back later leaves them be. */
const answeredAsks = new WeakSet<() => void>();

/** The control the person was changing as the role asked, and in a text the caret after their change. */
interface AskedIn {
  control: HTMLElement;
  caret: number | null;
  length: number;
}

function askedIn(): AskedIn | null {
  const control = document.activeElement;
  if (!(control instanceof HTMLElement) || control.closest('dialog')) return null;
  const text = control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement ? control : null;
  return { control, caret: text?.selectionStart ?? null, length: text?.value.length ?? 0 };
}

/**
 * Focus back where the person was, the caret after their change if it was kept (Edit the role) or where it
 * began if not (Cancel): the closed dialog gives focus back, but in Chromium no caret to type at.
 */
function backTo({ control, caret, length }: AskedIn): void {
  if (!control.isConnected) return;
  control.focus();
  if (caret === null || !(control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement)) return;
  const at = Math.max(0, Math.min(control.value.length, caret - (length - control.value.length)));
  control.setSelectionRange(at, at);
}

interface RoleAreaProps {
  plan: Plan;
  role: Role;
  schools: School[];
  context: RoleContext;
  links: RoleLinks;
  headingFooter?: ReactNode;
  extraSections?: PageSection[];
}

function RoleEditingArea({ plan, role, schools, context, links, headingFooter, extraSections = [] }: RoleAreaProps) {
  const saver = useRoleAutosave(plan.id, role);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const linkedId = useLocation().hash.slice(1);
  const [activeGroup, setActiveGroup] = useState<string | null>(null);
  // An approved role, or one in review, goes back to draft on its first edit: the person confirms first, for
  // the status they see (approved or sent for review since, it asks again).
  const [confirmedFor, setConfirmedFor] = useState<RoleStatus | null>(null);
  const [heldEdit, setHeldEdit] = useState<(() => void) | null>(null);
  const returnsToDraft = role.status === 'approved' || role.status === 'in_review';
  const asksFirst = returnsToDraft && confirmedFor !== role.status;
  // The server refused the edit as the role was approved or sent for review since the page showed it: the
  // page takes the role as it is now and asks, the edit waiting.
  const statusChanged = saver.conflict?.fieldsUnchanged ? saver.conflict : null;
  const conflict = statusChanged ? null : saver.conflict;
  const asking = returnsToDraft && (heldEdit !== null || statusChanged !== null);
  // Taken as the change is made, while the field still holds it (the held edit is not shown), or else as the
  // question opens over a save the server refused; before the dialog takes focus either way.
  const asked = useRef<AskedIn | null>(null);
  useLayoutEffect(() => {
    if (asking && asked.current === null) asked.current = askedIn();
  }, [asking]);
  useEffect(() => {
    if (asking || asked.current === null) return;
    backTo(asked.current);
    asked.current = null;
  }, [asking]);
  useEffect(() => {
    if (statusChanged) setCachedRole(queryClient, statusChanged.current);
  }, [statusChanged, queryClient]);
  // Back to draft since (a refetch after the refusal): nothing is left to confirm, and the edit goes on.
  useEffect(() => {
    if (statusChanged && !returnsToDraft) saver.keepMine();
  }, [statusChanged, returnsToDraft, saver]);
  const askAbout = (edit: () => void) => {
    asked.current ??= askedIn();
    setHeldEdit(() => edit);
    // The warning says where the role stands now, not when the page was opened.
    const key = roleQueryKey(plan.id, role.id);
    void queryClient.refetchQueries({ queryKey: key }).then(() => {
      // Answered after the person cancelled or confirmed: theirs was the answer.
      if (answeredAsks.has(edit)) return;
      const now = queryClient.getQueryData<Role>(key);
      // Back to draft meanwhile: there is nothing to confirm.
      if (now && now.status !== 'approved' && now.status !== 'in_review') {
        // Another edit sent it back: the held one is based on the role as fetched, not refused as a conflict.
        saver.syncWith(now);
        edit();
        setHeldEdit(null);
      }
    });
  };
  const backToGroup = () =>
    document
      .getElementById(`role-group-${activeGroup ?? ''}`)
      ?.querySelector<HTMLElement>('input, select, textarea')
      ?.focus();

  const editing: RoleEditing = {
    value: saver.value,
    flush: saver.flush,
    setInvalid: saver.setInvalid,
    refused: saver.refused,
    refusedAt: saver.refusedAt,
    invalid: saver.invalid,
    edit: (changes, when) => {
      if (asksFirst) askAbout(() => saver.edit(changes, when));
      else saver.edit(changes, when);
    },
    // Nothing is held: the dialog gives focus back to the field, where the person goes on typing.
    askBeforeTyping: asksFirst ? () => askAbout(() => {}) : null,
  };

  const { fields, merged, kept } = conflict
    ? conflictFields(conflictSpecs(context), conflict.mine, saver.value, conflict.theirs, conflict.base)
    : { fields: [], merged: null, kept: {} };

  const sections: PageSection[] = [
    {
      id: 'role-review',
      title: 'Review',
      content: (
        <RoleReviewSection role={role} context={context} canEdit saveBusy={busyStatuses.includes(saver.status)} />
      ),
    },
    ...roleEditorSections({
      plan,
      role,
      schools,
      editing,
      activeGroup,
      status: saver.status,
      error: saver.error,
      onEditIn: setActiveGroup,
      links,
      conflict: conflict ? (
        <ConflictPanel
          subject="this role"
          named={`the role “${saver.value.title}”`}
          fields={fields}
          changedBy={null}
          changedAt={conflict.current.updatedAt}
          onKeepMine={saver.keepMine}
          onUseTheirs={() => saver.takeTheirs(kept)}
          onMerge={merged ? () => saver.merge(merged) : undefined}
          returnFocusTo={backToGroup}
        />
      ) : null,
    }),
    ...extraSections,
    { id: 'role-record', title: 'Decisions and history', content: <RoleRecord role={role} /> },
  ];

  return (
    <>
      <PageSections
        foldKey={`plan:${plan.id}`}
        linkedId={linkedId}
        sections={sections}
        intro={
          <>
            <RoleHeading role={role} pdfUrl={links.rolePdf?.(role.id)} />
            {headingFooter}
            {role.status === 'in_review' || role.status === 'approved' ? (
              <p className={`${styles['callout']} ${styles['callout--info']}`}>
                Editing returns this role to draft; principals will review it again.
              </p>
            ) : null}
            <p className="page__lede">
              Every change is saved as you make it. For each field, choose whether the district sets it for every school
              (tight) or each school may adapt it (loose).
            </p>
          </>
        }
      />
      <DeleteRoleControl role={role} onDeleted={() => void navigate(links.roles, { replace: true })} />
      <ConfirmDialog
        open={asking}
        title="Send this role back to draft?"
        confirmLabel="Edit the role"
        onCancel={() => {
          if (heldEdit) answeredAsks.add(heldEdit);
          setHeldEdit(null);
          // What was typed is not saved: the role stays as it is.
          if (statusChanged) saver.takeTheirs();
        }}
        onConfirm={() => {
          if (heldEdit) answeredAsks.add(heldEdit);
          setConfirmedFor(role.status);
          heldEdit?.();
          setHeldEdit(null);
          if (statusChanged) saver.keepMine();
        }}
      >
        {statusChanged ? <p>{statusChanged.detail}</p> : null}
        <p>{editWarning(role)}</p>
        {statusChanged ? <p>What you typed is saved only if you edit the role; Cancel discards it.</p> : null}
      </ConfirmDialog>
    </>
  );
}

function RoleHeading({ role, pdfUrl }: { role: Role; pdfUrl?: string | undefined }) {
  return (
    <>
      <h1>{role.title}</h1>
      <p className="page__meta">
        <span>{roleKindLabels[role.kind]}</span>{' '}
        <span className={`status-badge status-badge--${role.status}`}>{roleStatusLabels[role.status]}</span>
      </p>
      {pdfUrl ? (
        <p>
          <a className="button button--secondary button--small" href={pdfUrl} download>
            Download this role as PDF
          </a>
        </p>
      ) : null}
    </>
  );
}

interface RolePageProps {
  plan: Plan;
  role: Role;
  schools: School[];
  links: RoleLinks;
  /** Shown under the role's heading, such as its comments. */
  headingFooter?: ReactNode;
  /** Sections other features add before the role's decisions and history (its framework alignment). */
  extraSections?: PageSection[];
}

/** One teacher-leader role, its review and history: edited by administrators, read by everyone else. */
export function RolePage({ plan, role, schools, links, headingFooter, extraSections = [] }: RolePageProps) {
  useDocumentTitle(`${role.title} – Teacher-leader roles – ${plan.title}`);
  const canEdit = useCanEditPlan();
  const linkedId = useLocation().hash.slice(1);
  const context: RoleContext = {
    plan,
    schools: [
      ...schools,
      ...role.schools.filter((s) => !schools.some((d) => d.id === s.school.id)).map((s) => s.school),
    ],
  };

  return (
    <div className="role-page">
      {canEdit ? (
        <RoleEditingArea
          plan={plan}
          role={role}
          schools={schools}
          context={context}
          links={links}
          headingFooter={headingFooter}
          extraSections={extraSections}
        />
      ) : (
        <PageSections
          foldKey={`plan:${plan.id}`}
          linkedId={linkedId}
          intro={
            <>
              <RoleHeading role={role} pdfUrl={links.rolePdf?.(role.id)} />
              {headingFooter}
            </>
          }
          sections={[
            {
              id: 'role-review',
              title: 'Review',
              content: <RoleReviewSection role={role} context={context} canEdit={false} saveBusy={false} />,
            },
            { id: 'role-definition', title: 'Role definition', content: <RoleView role={role} context={context} /> },
            ...extraSections,
            { id: 'role-record', title: 'Decisions and history', content: <RoleRecord role={role} /> },
          ]}
        />
      )}
    </div>
  );
}
