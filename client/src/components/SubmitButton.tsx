import type { ComponentPropsWithRef } from 'react';

type SubmitButtonProps = Omit<ComponentPropsWithRef<'button'>, 'type'> & {
  /** The form is being sent (useSingleSubmit's `busy`): a click or Enter meanwhile does nothing. */
  busy: boolean;
  /**
   * Nothing to send yet, such as a form unchanged since its last save: also said with aria-disabled, and the
   * form's submit handler does nothing meanwhile. A save that makes its form unchanged again leaves focus here.
   */
  unavailable?: boolean;
  label: string;
  busyLabel?: string;
};

/**
 * A form's submit button. While the form is sent it says so with aria-disabled rather than disabled: a
 * disabled button loses focus, which drops to the page's start for keyboard and screen reader users.
 * Children follow the label, such as words for screen readers only.
 */
export function SubmitButton({
  busy,
  unavailable = false,
  label,
  busyLabel = label,
  className = 'button button--primary',
  children,
  ...props
}: SubmitButtonProps) {
  return (
    <button {...props} type="submit" className={className} aria-disabled={busy || unavailable || undefined}>
      {busy ? busyLabel : label}
      {children}
    </button>
  );
}
