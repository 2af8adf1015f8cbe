import { useId } from 'react';
import type { School } from '@planner/shared/school';
import styles from './people.module.css';

interface SchoolChecklistProps {
  schools: readonly School[];
  value: readonly string[];
  onChange: (schoolIds: string[]) => void;
  legend?: string;
  hint?: string;
  error?: string;
  /** The first checkbox, for focusing this field when the server names it. */
  firstRef?: React.Ref<HTMLInputElement>;
}

/** The schools a principal leads: archived schools are offered only when already chosen. */
export function SchoolChecklist({
  schools,
  value,
  onChange,
  legend = 'Schools',
  hint,
  error,
  firstRef,
}: SchoolChecklistProps) {
  const id = useId();
  const offered = schools.filter((school) => !school.archived || value.includes(school.id));
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <fieldset
      className={`${styles['checklist']}${error ? ' field--invalid' : ''}`}
      aria-describedby={describedBy || undefined}
    >
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      {offered.length === 0 ? (
        <p className="muted">The district has no schools yet: add them on the Schools page.</p>
      ) : (
        <ul className={styles['checklist__list']}>
          {offered.map((school, index) => (
            <li key={school.id}>
              <label className="checkbox">
                <input
                  ref={index === 0 ? firstRef : undefined}
                  type="checkbox"
                  checked={value.includes(school.id)}
                  onChange={(event) =>
                    onChange(
                      event.target.checked
                        ? schools.filter((s) => s.id === school.id || value.includes(s.id)).map((s) => s.id)
                        : value.filter((schoolId) => schoolId !== school.id),
                    )
                  }
                />
                {school.name}
                {school.archived ? ' (archived)' : ''}
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
