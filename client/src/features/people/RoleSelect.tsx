import { useId, type ComponentPropsWithRef } from 'react';
import { userRoleLabels, userRoles } from '@planner/shared/user-role';

type RoleSelectProps = Omit<ComponentPropsWithRef<'select'>, 'id' | 'children'> & {
  label: string;
  name: string;
  error?: string;
};

const roleHint =
  'Administrators write the plans and manage people, schools and sign-in; principals review the roles of their schools; viewers read the plans.';

/** The three roles of a district, each with what it may do. */
export function RoleSelect({ label, error, className, ...selectProps }: RoleSelectProps) {
  const id = useId();
  return (
    <div className={['field', error ? 'field--invalid' : null, className].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        {roleHint}
      </p>
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
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
      >
        {userRoles.map((role) => (
          <option key={role} value={role}>
            {userRoleLabels[role]}
          </option>
        ))}
      </select>
    </div>
  );
}
