import type { ReactNode } from 'react';
import { useDocumentTitle } from '../lib/use-document-title';

interface ErrorPageProps {
  title: string;
  message: string;
  /** What the person can do about it, such as a "Try again" button. */
  action?: ReactNode;
}

export function ErrorPage({ title, message, action }: ErrorPageProps) {
  useDocumentTitle(title);
  return (
    <div className="page page--narrow">
      <h1>{title}</h1>
      <p>{message}</p>
      {action ? <div className="page__actions">{action}</div> : null}
    </div>
  );
}
