import type { ReactNode } from 'react';

interface FieldFrameProps {
  /** The control's id: its label points at it, and its hint and error take ids from it. */
  controlId: string;
  label: ReactNode;
  required?: boolean;
  hint?: ReactNode;
  error?: ReactNode;
  /** Spans the form's width (long text). */
  wide?: boolean;
  className?: string;
  children: ReactNode;
}

const hintIdOf = (controlId: string) => `${controlId}-hint`;
const errorIdOf = (controlId: string) => `${controlId}-error`;

/** The ids a field's control names in `aria-describedby`: its hint and its error, when shown. */
export function fieldDescribedBy(controlId: string, shown: { hint?: unknown; error?: unknown }): string | undefined {
  return (
    [shown.hint ? hintIdOf(controlId) : null, shown.error ? errorIdOf(controlId) : null].filter(Boolean).join(' ') ||
    undefined
  );
}

/**
 * A field around its control: the label (with "(required)"), the hint and the error, with the ids the
 * control's `aria-describedby` names (see fieldDescribedBy), so both are announced with it.
 */
export function FieldFrame({ controlId, label, required, hint, error, wide, className, children }: FieldFrameProps) {
  return (
    <div
      className={['field', error ? 'field--invalid' : null, wide ? 'field--wide' : null, className]
        .filter(Boolean)
        .join(' ')}
    >
      <label className="field__label" htmlFor={controlId}>
        {label}
        {required ? <span className="field__required"> (required)</span> : null}
      </label>
      {hint ? (
        <p className="field__hint" id={hintIdOf(controlId)}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorIdOf(controlId)}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      {children}
    </div>
  );
}
