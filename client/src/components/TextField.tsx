import { useId, type ComponentPropsWithRef } from 'react';
import { FieldFrame, fieldDescribedBy } from './FieldFrame';

type TextFieldProps = Omit<ComponentPropsWithRef<'input'>, 'id' | 'aria-invalid' | 'aria-describedby'> & {
  label: string;
  name: string;
  /** A short hint shown under the label. */
  hint?: string;
  error?: string;
};

/** A labelled input whose hint and error are announced with it. */
export function TextField({ label, hint, error, className, type = 'text', ...inputProps }: TextFieldProps) {
  const id = useId();
  return (
    <FieldFrame controlId={id} label={label} hint={hint} error={error} className={className}>
      <input
        {...inputProps}
        id={id}
        type={type}
        className="field__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={fieldDescribedBy(id, { hint, error })}
      />
    </FieldFrame>
  );
}
