import { hashKey, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { CurrentUser } from '@planner/shared/auth';
import { setCsrfToken } from './api';
import { meQueryKey } from './shared-query-keys';

/**
 * Takes on a session the server has just started (an accepted invitation, a reset link): what an earlier
 * person of this browser loaded is dropped, and the new person is the one signed in.
 */
export function useStartSession(): (currentUser: CurrentUser) => void {
  const queryClient = useQueryClient();
  return (currentUser) => {
    setCsrfToken(currentUser.csrfToken);
    queryClient.removeQueries();
    queryClient.setQueryData<CurrentUser | null>(meQueryKey, currentUser);
  };
}

/**
 * Whenever someone other than the last person signed in in this tab becomes the one signed in (they sign in
 * where another signed out or was signed out, or the session turns out to be another person's), everything
 * loaded before is dropped as the person changes, before any page shows it: another district's plans, people
 * and notifications must never show to them. The same person signing in again after their session ended keeps
 * what they had, to go on where they were.
 */
export function dropDataOfEarlierPeople(queryClient: QueryClient): void {
  const meHash = hashKey(meQueryKey);
  let lastPersonId: string | null = null;
  queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.query.queryHash !== meHash) return;
    const person = event.query.state.data as CurrentUser | null | undefined;
    if (!person) return;
    // Called as the answer is put in the cache, before any page is told of it.
    if (lastPersonId !== null && lastPersonId !== person.user.id) {
      queryClient.removeQueries({ predicate: (query) => query.queryHash !== meHash });
    }
    lastPersonId = person.user.id;
  });
}
