import { useId } from 'react';
import type { School } from '@planner/shared/school';
import { userRoleLabels, userRoles } from '@planner/shared/user-role';
import { personStatusLabels, personStatuses, type PeopleFilters } from './people-rows';
import styles from './people.module.css';

interface PeopleFilterBarProps {
  filters: PeopleFilters;
  schools: readonly School[];
  onChange: (filters: PeopleFilters) => void;
}

function FilterSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="field__input" value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Role, school and status: the list shows whom all three let through. */
export function PeopleFilterBar({ filters, schools, onChange }: PeopleFilterBarProps) {
  return (
    <div className={styles['filters']} role="group" aria-label="Filter people">
      <FilterSelect
        label="Role"
        value={filters.role}
        options={[
          { value: 'all', label: 'All roles' },
          ...userRoles.map((r) => ({ value: r, label: userRoleLabels[r] })),
        ]}
        onChange={(role) => onChange({ ...filters, role: role as PeopleFilters['role'] })}
      />
      <FilterSelect
        label="School"
        value={filters.school}
        options={[
          { value: 'all', label: 'All schools' },
          ...schools.map((s) => ({ value: s.id, label: s.archived ? `${s.name} (archived)` : s.name })),
        ]}
        onChange={(school) => onChange({ ...filters, school })}
      />
      <FilterSelect
        label="Status"
        value={filters.status}
        options={[
          { value: 'all', label: 'Everyone' },
          ...personStatuses.map((s) => ({ value: s, label: personStatusLabels[s] })),
        ]}
        onChange={(status) => onChange({ ...filters, status: status as PeopleFilters['status'] })}
      />
    </div>
  );
}
