import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorAlert } from './ErrorAlert';

interface LoadErrorProps {
  /** What could not be loaded, as a sentence: "The comments could not be loaded". */
  title: string;
  query: Pick<UseQueryResult, 'error' | 'refetch'>;
}

/**
 * A part of a page whose data could not be loaded: why, and a way to ask again. A whole page that could
 * not be loaded shows `QueryFallback` instead.
 */
export function LoadError({ title, query }: LoadErrorProps) {
  return (
    <ErrorAlert title={title}>
      <p>{query.error?.message}</p>
      <button type="button" className="button button--secondary" onClick={() => void query.refetch()}>
        Try again
      </button>
    </ErrorAlert>
  );
}
