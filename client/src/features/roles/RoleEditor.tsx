import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { roleCost } from '@planner/shared/budget';
import { countOf, formatCents } from '@planner/shared/format';
import type { Plan } from '@planner/shared/plan';
import {
  payFundingLabels,
  payFundings,
  payKindLabels,
  payKinds,
  roleFieldLabels,
  roleKindLabels,
  roleKinds,
  roleTitleMax,
  type Role,
} from '@planner/shared/role';
import type { School } from '@planner/shared/school';
import { FieldSaveState } from '../../components/FieldSaveState';
import { ItemTextField } from '../../components/ItemTextField';
import type { PageSection } from '../../components/PageSections';
import type { SaveStatus } from '../../lib/autosave/registry';
import { ResponsibilitiesEditor } from './ResponsibilitiesEditor';
import {
  DateRow,
  IdChecklist,
  NumberRow,
  RadioRow,
  RoleFieldRow,
  TextRow,
  type RoleEditing,
} from './RoleFieldControls';
import type { RoleLinks } from './role-links';
import { roleFieldGroups } from './role-values';
import styles from './roles.module.css';

interface GroupProps {
  groupKey: string;
  /** The conflict panel, shown in the group where the refused edit was made. */
  conflict: ReactNode;
  /** The save state shown in this group: that of the last edit, shown where it was made. */
  status: SaveStatus;
  error: string | null;
  children: ReactNode;
}

const legendOf = (key: string) => roleFieldGroups.find((group) => group.key === key)?.legend ?? key;

/** Said of a box left empty while the district has not decided it: empty is not 0 or $0.00. */
const undecidedHint = 'Leave empty while not yet decided.';
const yesNoOptions = [
  { value: true, label: 'Yes' },
  { value: false, label: 'No' },
];

function RoleFieldGroup({ groupKey, conflict, status, error, children }: GroupProps) {
  const stateId = useId();
  return (
    <fieldset className={styles['role-group']} id={`role-group-${groupKey}`} aria-describedby={stateId}>
      {/* The section's heading says the same: the legend names the group to those who tab into it. */}
      <legend className="visually-hidden">{legendOf(groupKey)}</legend>
      <div className={styles['role-group__fields']}>{children}</div>
      <FieldSaveState id={stateId} status={status} error={error} />
      {conflict}
    </fieldset>
  );
}

function KindRow({ editing }: { editing: RoleEditing }) {
  const id = useId();
  return (
    <RoleFieldRow field="kind" editing={editing}>
      <div className="field">
        <label className="field__label" htmlFor={id}>
          {roleFieldLabels.kind}
        </label>
        <select
          id={id}
          className="field__input"
          value={editing.value.kind}
          onChange={(event) => {
            const kind = roleKinds.find((candidate) => candidate === event.target.value);
            if (kind) editing.edit({ kind }, 'now');
          }}
        >
          {roleKinds.map((kind) => (
            <option key={kind} value={kind}>
              {roleKindLabels[kind]}
            </option>
          ))}
        </select>
      </div>
    </RoleFieldRow>
  );
}

function RoleCostNote({ plan, editing, role }: { plan: Plan; editing: RoleEditing; role: Role }) {
  const cost = roleCost({ ...editing.value, id: role.id }, plan);
  return (
    <div className={styles['role-cost']}>
      <p className={styles['role-cost__total']}>Yearly cost of this role: {formatCents(cost.totalCents)}</p>
      <p className="field__hint">
        Per position: {formatCents(cost.payPerPositionCents)} pay and {formatCents(cost.releasedTimePerPositionCents)}{' '}
        for the released time (at an average teacher cost of {formatCents(plan.averageTeacherCostCents)}), for{' '}
        {countOf(editing.value.positions, 'position')}.
      </p>
    </div>
  );
}

interface RoleEditorProps {
  plan: Plan;
  role: Role;
  schools: School[];
  editing: RoleEditing;
  activeGroup: string | null;
  status: SaveStatus;
  error: string | null;
  /** Records where the latest edit was made, to show its save state there. */
  onEditIn: (groupKey: string) => void;
  conflict: ReactNode;
  links: RoleLinks;
}

/** Every field of a role, one section per group of fields, each saved as it changes. */
export function roleEditorSections({
  plan,
  role,
  schools,
  editing,
  activeGroup,
  status,
  error,
  onEditIn,
  conflict,
  links,
}: RoleEditorProps): PageSection[] {
  const inGroup = (groupKey: string): RoleEditing => ({
    ...editing,
    edit: (changes, when) => {
      onEditIn(groupKey);
      editing.edit(changes, when);
    },
    setInvalid: (field, message) => {
      if (message !== null) onEditIn(groupKey);
      editing.setInvalid(field, message);
    },
  });
  const groupProps = (groupKey: string) => ({
    groupKey,
    status: activeGroup === groupKey ? status : ('idle' as const),
    error: activeGroup === groupKey ? error : null,
    // An edit restored from this device has no group yet: its conflict shows in the first one.
    conflict: (activeGroup ?? 'purpose') === groupKey ? conflict : null,
  });
  const value = editing.value;

  const purpose = inGroup('purpose');
  const time = inGroup('time');
  const pay = inGroup('pay');
  const positions = inGroup('positions');
  const selection = inGroup('selection');
  const term = inGroup('term');
  const authority = inGroup('authority');
  const success = inGroup('success');
  const support = inGroup('support');
  const union = inGroup('union');

  const group = (key: string, content: ReactNode): PageSection => ({
    id: `role-${key}`,
    title: legendOf(key),
    content: <RoleFieldGroup {...groupProps(key)}>{content}</RoleFieldGroup>,
  });

  return [
    group(
      'purpose',
      <>
        <RoleFieldRow field="title" editing={purpose}>
          <ItemTextField
            label={roleFieldLabels.title}
            value={value.title}
            maxLength={roleTitleMax}
            onChange={(title) => purpose.edit({ title })}
            onBlur={editing.flush}
            refused={purpose.refused.title}
          />
        </RoleFieldRow>
        <KindRow editing={purpose} />
        <TextRow
          field="purpose"
          editing={purpose}
          maxLength={5000}
          multiline
          hint="How the role serves the district's priorities."
        />
        <IdChecklist
          field="priorityIds"
          editing={purpose}
          options={plan.tables.priorities.map((p) => ({ id: p.id, name: p.title }))}
          empty={
            <>
              This plan has no district priorities yet. Add them in{' '}
              <Link to={links.stage('design')}>stage 1, Design for impact</Link>.
            </>
          }
        />
      </>,
    ),
    group(
      'responsibilities',
      <>
        <ResponsibilitiesEditor editing={inGroup('responsibilities')} />
      </>,
    ),
    group(
      'time',
      <>
        <NumberRow field="releasePercent" editing={time} hint={`25 to 50% is common. ${undecidedHint}`} />
        <TextRow field="teachingLoad" editing={time} maxLength={1000} hint="For example: two class periods a day." />
        <NumberRow field="reachTeachers" editing={time} hint="Leave empty while not yet estimated." />
        <NumberRow field="reachStudents" editing={time} hint="Leave empty while not yet estimated." />
      </>,
    ),
    group(
      'pay',
      <>
        <RadioRow
          field="payKind"
          editing={pay}
          options={payKinds.map((k) => ({ value: k, label: payKindLabels[k] }))}
        />
        {value.payKind === 'stipend' ? (
          <NumberRow
            field="stipendCents"
            editing={pay}
            unit="dollars a year"
            inputMode="decimal"
            kind="dollars"
            hint={undecidedHint}
          />
        ) : null}
        {value.payKind === 'percent_supplement' ? (
          <NumberRow
            field="supplementPercent"
            editing={pay}
            inputMode="decimal"
            kind="percent"
            hint={`Opportunity Culture roles average about 20%. ${undecidedHint}`}
          />
        ) : null}
        {value.payKind === 'extra_days' ? <NumberRow field="extraDays" editing={pay} hint={undecidedHint} /> : null}
        <RadioRow
          field="payFunding"
          editing={pay}
          options={payFundings.map((f) => ({ value: f, label: payFundingLabels[f] }))}
        />
        <RoleCostNote plan={plan} editing={editing} role={role} />
      </>,
    ),
    group(
      'positions',
      <>
        <NumberRow field="positions" editing={positions} />
        <IdChecklist
          field="schoolIds"
          editing={positions}
          // An archived school drops out of the choice, but stays on a role that already names it.
          options={schools
            .filter((s) => !s.archived || role.schoolIds.includes(s.id) || editing.value.schoolIds.includes(s.id))
            .map((s) => ({
              id: s.id,
              name: s.name,
              detail:
                s.principals.length > 0
                  ? `(principal: ${s.principals.map((p) => p.name).join(', ')})`
                  : '(no principal to review it yet)',
            }))}
          empty={
            links.schools ? (
              <>
                The district has no schools yet. Add them on the <Link to={links.schools}>Schools page</Link>.
              </>
            ) : (
              "The district has no schools yet. The district's administrator adds them on the Schools page."
            )
          }
        />
      </>,
    ),
    group(
      'selection',
      <>
        <TextRow
          field="eligibility"
          editing={selection}
          maxLength={2000}
          multiline
          hint="For example: an effectiveness rating, years of experience."
        />
        <TextRow field="selectionProcess" editing={selection} maxLength={2000} multiline />
        <TextRow field="selectedBy" editing={selection} maxLength={500} />
        <DateRow field="applicationOpens" editing={selection} />
        <DateRow field="applicationCloses" editing={selection} />
      </>,
    ),
    group(
      'term',
      <>
        <TextRow field="term" editing={term} maxLength={200} hint="Often one school year." />
        <TextRow field="renewal" editing={term} maxLength={1000} />
        <TextRow field="reportsTo" editing={term} maxLength={200} />
      </>,
    ),
    group(
      'authority',
      <>
        <RadioRow
          field="evaluatesStaff"
          editing={authority}
          options={yesNoOptions}
          hint="Some contracts forbid teacher leaders to evaluate."
        />
        <RadioRow field="supervisesStaff" editing={authority} options={yesNoOptions} />
      </>,
    ),
    group(
      'success',
      <>
        <IdChecklist
          field="measureIds"
          editing={success}
          options={plan.tables.measures.map((m) => ({ id: m.id, name: m.name }))}
          empty={
            <>
              This plan has no measures yet. Add them in{' '}
              <Link to={links.stage('measures')}>stage 3, Define measures</Link>.
            </>
          }
        />
        <TextRow field="teacherLeaderEvaluation" editing={success} maxLength={2000} multiline />
      </>,
    ),
    group(
      'support',
      <>
        <TextRow field="training" editing={support} maxLength={2000} multiline />
        <TextRow field="principalRole" editing={support} maxLength={2000} multiline />
      </>,
    ),
    group(
      'union',
      <>
        <TextRow field="unionConstraints" editing={union} maxLength={2000} multiline />
        <RadioRow field="developedJointly" editing={union} options={yesNoOptions} />
      </>,
    ),
  ];
}
