import { useDeferredValue } from 'react';

/**
 * The query's data, held back on its first arrival until React has built what it shows in the
 * background. A query's answer re-renders its page synchronously (React runs an external store's
 * updates at once), so a long page built on it would hold a phone's main thread for a third of a
 * second or more; the first build is instead a deferred render, which React splits into short tasks
 * and the person can interrupt, while the loading state stays on screen. Later changes to the data
 * show at once, as before.
 */
export function useFirstDataInBackground<T>(data: T | undefined): T | undefined {
  const shown = useDeferredValue(data);
  return shown === undefined ? undefined : data;
}
