import { useId, useState, type ComponentPropsWithRef } from 'react';
import { minPasswordLength } from '@planner/shared/password';
import { TextField } from './TextField';

export const passwordHint = `At least ${minPasswordLength} characters. A few unrelated words make a strong one; passwords many people use are refused.`;

type NewPasswordFieldProps = Omit<ComponentPropsWithRef<'input'>, 'type' | 'id'> & {
  label: string;
  name: string;
  hint?: string;
  error?: string;
};

/** A new password, with a switch to show it while typing (no second field to repeat it in). */
export function NewPasswordField({ hint = passwordHint, ...props }: NewPasswordFieldProps) {
  const [shown, setShown] = useState(false);
  const id = useId();
  return (
    <div className="new-password">
      <TextField
        {...props}
        hint={hint}
        type={shown ? 'text' : 'password'}
        autoComplete="new-password"
        autoCapitalize="none"
        spellCheck={false}
        required
      />
      <label className="checkbox" htmlFor={id}>
        <input id={id} type="checkbox" checked={shown} onChange={(event) => setShown(event.target.checked)} />
        Show password
      </label>
    </div>
  );
}
