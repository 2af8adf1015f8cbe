import { useId, type ComponentPropsWithRef } from 'react';
import { CharacterCount, type CharacterLimit } from './CharacterCount';
import { FieldFrame, fieldDescribedBy } from './FieldFrame';

type TextFieldProps = Omit<ComponentPropsWithRef<'input'>, 'id' | 'aria-invalid' | 'aria-describedby'> & {
  label: string;
  name: string;
  /** A short hint shown under the label. */
  hint?: string;
  error?: string;
  /** The field's `maxLength`, said once reached or when a paste is cut by it (see useCharacterLimit). */
  limit?: CharacterLimit;
};

/** A labelled input whose hint and error are announced with it. */
export function TextField({ label, hint, error, limit, className, type = 'text', ...inputProps }: TextFieldProps) {
  const id = useId();
  const describedBy = [fieldDescribedBy(id, { hint, error }), limit?.id].filter(Boolean).join(' ');
  return (
    <FieldFrame controlId={id} label={label} hint={hint} error={error} className={className}>
      <input
        {...inputProps}
        {...limit?.controlProps}
        id={id}
        type={type}
        className="field__input"
        maxLength={limit?.max ?? inputProps.maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {limit ? <CharacterCount limit={limit} onlyAtLimit /> : null}
    </FieldFrame>
  );
}
