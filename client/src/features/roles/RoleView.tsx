import { useId } from 'react';
import { roleCost } from '@planner/shared/budget';
import { formatCents } from '@planner/shared/format';
import { isShownPayField, roleFieldLabels, type Role, type RoleFieldName } from '@planner/shared/role';
import { domainsText, fieldModeLabels, formatRoleField, roleFieldGroups, type RoleContext } from './role-values';
import { modeKey, readRole, type RoleValue } from './update-role';
import styles from './roles.module.css';

function FieldValue({ field, value, context }: { field: RoleFieldName; value: RoleValue; context: RoleContext }) {
  if (field === 'responsibilities' && value.responsibilities.length > 0) {
    return (
      <ol className={styles['role-facts__list']}>
        {value.responsibilities.map((r, index) => (
          <li key={index}>
            {r.text}
            {r.domains.length > 0 ? <span className="muted"> ({domainsText(r.domains)})</span> : null}
          </li>
        ))}
      </ol>
    );
  }
  return <span className="answer-text">{formatRoleField(field, value, context)}</span>;
}

function ViewGroup({
  legend,
  fields,
  value,
  context,
}: {
  legend: string;
  fields: RoleFieldName[];
  value: RoleValue;
  context: RoleContext;
}) {
  const headingId = useId();
  return (
    <section className={styles['role-group']} aria-labelledby={headingId}>
      <h3 className={styles['role-group__legend']} id={headingId}>
        {legend}
      </h3>
      <dl className={styles['role-facts']}>
        {fields
          .filter((field) => isShownPayField(field, value))
          .map((field) => {
            const mode = value[modeKey(field)];
            return (
              <div key={field} className={styles['role-facts__item']}>
                <dt>{roleFieldLabels[field]}</dt>
                <dd>
                  <FieldValue field={field} value={value} context={context} />
                  {mode ? <span className={styles['role-facts__mode']}>Set by: {fieldModeLabels[mode]}</span> : null}
                </dd>
              </div>
            );
          })}
      </dl>
    </section>
  );
}

/** The whole role, for people who read it: principals reviewing it, viewers. */
export function RoleView({ role, context }: { role: Role; context: RoleContext }) {
  const { value } = readRole(role);
  const cost = roleCost(role, context.plan);
  return (
    <div className={styles['role-view']}>
      {roleFieldGroups.map((group) => (
        <ViewGroup key={group.key} legend={group.legend} fields={group.fields} value={value} context={context} />
      ))}
      <p className={styles['role-cost__total']}>
        Yearly cost of this role: {formatCents(cost.totalCents)} ({formatCents(cost.perPositionCents)} per position, pay
        and released time)
      </p>
    </div>
  );
}
