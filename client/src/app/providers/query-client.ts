import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { meQueryKey } from '../../features/auth/me';
import { isApiError } from '../../lib/api';
import { plansQueryKey } from '../../lib/plan-cache';
import { noteChangeRefusedAsArchived } from '../../lib/plan-editing';
import { noteSessionEnded } from '../../lib/session-ended';
import { dropDataOfEarlierPeople } from '../../lib/session';

/** A read refused because the browser's session is not the one this tab knew (see below). */
const refusedAsOtherSession = (error: unknown) => isApiError(error) && error.code === 'csrf_failed';

/**
 * A failed request can be the first to see that the session ended, or that the open plan was archived: the
 * app follows it to sign in, or loads the plan again and turns its pages read-only.
 */
export function handleAppWideErrors(queryClient: QueryClient, error: Error): void {
  if (!isApiError(error)) return;
  if (error.code === 'unauthenticated') {
    // The session ended (expired, or signed out in another tab): the protected pages
    // see nobody signed in and send the person to sign in, keeping where they were (and their words).
    noteSessionEnded();
    queryClient.setQueryData(meQueryKey, null);
  } else if (error.code === 'csrf_failed') {
    // The browser's session is not the one this tab knew (signed in again, maybe as someone else, in another
    // tab). Asking who is signed in takes the new session's token, and drops everything loaded if the person
    // changed (lib/session.ts); if not, the reads refused meanwhile are asked again. Reads refused together wait
    // for one session check (not each cancelling the one before).
    void queryClient
      .invalidateQueries({ queryKey: meQueryKey }, { cancelRefetch: false })
      .then(() => queryClient.invalidateQueries({ predicate: (query) => refusedAsOtherSession(query.state.error) }));
  } else if (error.code === 'plan_archived') {
    noteChangeRefusedAsArchived();
    void queryClient.invalidateQueries({ queryKey: plansQueryKey });
  }
}

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => handleAppWideErrors(queryClient, error) }),
    mutationCache: new MutationCache({ onError: (error) => handleAppWideErrors(queryClient, error) }),
    defaultOptions: {
      queries: {
        // A 4xx answer will not change on a second try; a network blip might.
        retry: (failureCount, error) => !(isApiError(error) && error.isClientError) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });
  dropDataOfEarlierPeople(queryClient);
  return queryClient;
}
