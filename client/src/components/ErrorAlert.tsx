import type { ReactNode, Ref } from 'react';

interface ErrorAlertProps {
  title?: string;
  children: ReactNode;
  /** Lets a page move focus to the alert so the message is read out at once. */
  ref?: Ref<HTMLDivElement>;
}

export function ErrorAlert({ title, children, ref }: ErrorAlertProps) {
  return (
    <div ref={ref} className="alert alert--error" role="alert" tabIndex={-1}>
      {title ? <p className="alert__title">{title}</p> : null}
      <div className="alert__body">{children}</div>
    </div>
  );
}
