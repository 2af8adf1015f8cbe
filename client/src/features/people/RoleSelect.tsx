import { useId, type ComponentPropsWithRef } from 'react';
import { userRoleLabels, userRoles } from '@planner/shared/user-role';

type RoleSelectProps = Omit<ComponentPropsWithRef<'select'>, 'id' | 'children'> & {
  label: string;
  name: string;
  error?: string;
};

export const roleHints: Record<(typeof userRoles)[number], string> = {
  district_admin: 'writes the plans and manages people, schools and sign-in',
  principal: 'reviews the roles of their schools',
  viewer: 'reads the plans',
};

/** The three roles of a district, each with what it may do. */
export function RoleSelect({ label, error, className, ...selectProps }: RoleSelectProps) {
  const id = useId();
  return (
    <div className={['field', error ? 'field--invalid' : null, className].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <select
        {...selectProps}
        id={id}
        className="field__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {userRoles.map((role) => (
          <option key={role} value={role}>
            {userRoleLabels[role]}: {roleHints[role]}
          </option>
        ))}
      </select>
    </div>
  );
}
