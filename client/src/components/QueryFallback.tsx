import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorPage } from './ErrorPage';
import { LoadingState } from './LoadingState';
import { NotFoundPage } from './NotFoundPage';
import { isApiError } from '../lib/api';

interface QueryFallbackProps {
  query: UseQueryResult;
  loadingLabel: string;
  errorTitle: string;
  /** What to show when the server answers 404 (the item is gone), rather than "Page not found". */
  missing?: ReactNode;
}

/** What a page shows while what it needs is loading, or when it could not be loaded. */
export function QueryFallback({ query, loadingLabel, errorTitle, missing }: QueryFallbackProps) {
  // Data that has arrived but is still being built in the background (useFirstDataInBackground) is loading too.
  if (query.isPending || query.isSuccess) return <LoadingState label={loadingLabel} />;
  const error = query.error;
  if (missing && isApiError(error) && error.status === 404) return missing;
  if (isApiError(error) && [400, 404].includes(error.status)) return <NotFoundPage />;
  return (
    <ErrorPage
      title={errorTitle}
      message={isApiError(error) ? error.detail : 'Try again in a moment.'}
      action={
        <button type="button" className="button button--primary" onClick={() => void query.refetch()}>
          Try again
        </button>
      }
    />
  );
}
